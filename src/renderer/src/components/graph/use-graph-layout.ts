import { useMemo, useState } from 'react';
import type { ServiceView } from '../../../../shared/projects';
import {
  layoutGraph,
  layoutKey,
  sameLayout,
  type GraphEdgeInput,
  type GraphLayout,
  type PaneSize,
} from './graph-layout';

function edgesOf(services: readonly ServiceView[]): GraphEdgeInput[] {
  return services.flatMap((s) =>
    s.dependsOn.map((d) => ({
      from: s.name,
      to: d.service,
      condition: d.condition,
      required: d.required,
    })),
  );
}

/**
 * The services laid out for a pane of `pane`'s size (the usual pane until it is measured).
 * Recomputed only when names, edges or the pane change, never on a state change; and where a
 * new pane size gives the same places, the layout before is kept, so nothing refits or moves.
 */
export function useGraphLayout(
  services: readonly ServiceView[],
  pane: PaneSize | null,
): GraphLayout {
  const edges = edgesOf(services);
  const key = layoutKey(
    services.map((s) => s.name),
    edges,
  );
  const width = pane?.width;
  const height = pane?.height;
  const next = useMemo(() => {
    const [names, pairs] = JSON.parse(key) as [string[], [string, string, string, boolean][]];
    return layoutGraph(
      names,
      pairs.map(([from, to, condition, required]) => ({ from, to, condition, required })),
      width !== undefined && height !== undefined ? { width, height } : undefined,
    );
  }, [key, width, height]);
  // The layout shown, kept while a new one puts every node in the same place.
  const [shown, setShown] = useState({ key, layout: next });
  const same = shown.key === key && sameLayout(shown.layout, next);
  if (!same) setShown({ key, layout: next });
  return same ? shown.layout : next;
}
