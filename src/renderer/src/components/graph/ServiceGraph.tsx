import { useId, useRef, type ReactNode } from 'react';
import type { ServiceView } from '../../../../shared/projects';
import { ariaKeys, shortcutHint, useShortcuts } from '../../hooks/use-shortcuts';
import type { GraphLayout } from './graph-layout';
import { GraphEdges } from './GraphEdges';
import { ServiceNode } from './ServiceNode';
import { useGraphLayout } from './use-graph-layout';
import { usePaneSize } from './use-pane-size';
import { useRovingFocus } from './use-roving-focus';
import { useZoomPan } from './use-zoom-pan';
import './graph.css';

/** The fit shortcut, while the graph shows. */
export const FIT_KEYS = 'f';

/** What the graph says while the stack runs with compose.mirror.yaml. */
export const MIRROR_CAPTION = "Mirroring production — services run production's values";

/**
 * The project's services and their depends_on edges, laid out in rows (graph-layout.ts). The
 * layout depends only on names, edges and the pane's shape, so nodes stay put while states
 * change. Zoom with the wheel, the buttons or + and -, pan by dragging or with the arrows on the
 * pane, F fits; the nodes are one tab stop, the arrows move among them, and a node that gets
 * the keyboard's focus is brought into view.
 */
export function ServiceGraph({
  services,
  selected,
  onSelect,
  active = true,
  projectDir,
  overlay,
  mirroring = false,
}: {
  services: readonly ServiceView[];
  selected: string | null;
  onSelect: (service: string) => void;
  /** Whether the graph shows (its shortcuts work only then). */
  active?: boolean;
  /** The project folder: build contexts are shown relative to it. */
  projectDir?: string;
  /** Drawn over the edges, in graph coordinates (the calls seen in traces). */
  overlay?: ((layout: GraphLayout) => ReactNode) | undefined;
  /** The project runs production's values (its Mirror production switch is on). */
  mirroring?: boolean;
}) {
  // Laid out for the shape of the pane it shows in (the whole graph box, measured before the
  // view inside it, which is fitted to the layout).
  const paneRef = useRef<HTMLDivElement>(null);
  const pane = usePaneSize(paneRef);
  const layout = useGraphLayout(services, pane);
  const roving = useRovingFocus(layout.nodes, selected);
  const captionId = useId();
  const { viewport, view, fit, zoomIn, zoomOut, reveal, handlers } = useZoomPan(
    layout,
    selected === null ? undefined : layout.nodes.get(selected),
  );
  useShortcuts(active ? [{ keys: FIT_KEYS, run: fit }] : []);

  return (
    <div className="graph" ref={paneRef}>
      <div className="graph-controls" role="toolbar" aria-label="Graph view">
        <button type="button" aria-label="Zoom in" title="Zoom in (wheel up, +)" onClick={zoomIn}>
          +
        </button>
        <button
          type="button"
          aria-label="Zoom out"
          title="Zoom out (wheel down, −)"
          onClick={zoomOut}
        >
          −
        </button>
        <button
          type="button"
          aria-label="Fit graph"
          aria-keyshortcuts={ariaKeys(FIT_KEYS)}
          title={`Fit the graph to the view (${shortcutHint(FIT_KEYS)})`}
          onClick={fit}
        >
          Fit
        </button>
        <span className="graph-zoom" aria-label="Zoom level">
          {Math.round(view.k * 100)}%
        </span>
      </div>
      {mirroring && (
        <p className="graph-mirror-caption" id={captionId}>
          {MIRROR_CAPTION}
        </p>
      )}
      <div
        ref={viewport}
        className="graph-viewport"
        role="group"
        aria-label="Service graph"
        aria-describedby={mirroring ? captionId : undefined}
        aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Home End + - F"
        title="Drag or use the arrow keys to pan; the wheel, + or − zoom; F fits. On a service, the arrow keys, Home and End move between services"
        tabIndex={0}
        {...handlers}
      >
        <div
          className="graph-canvas"
          style={{
            width: layout.width,
            height: layout.height,
            transform: `translate(${view.x}px, ${view.y}px) scale(${view.k})`,
          }}
        >
          <GraphEdges layout={layout} />
          {overlay?.(layout)}
          {services.map((service) => {
            const box = layout.nodes.get(service.name);
            return box ? (
              <ServiceNode
                key={service.name}
                service={service}
                box={box}
                selected={service.name === selected}
                projectDir={projectDir}
                onSelect={() => onSelect(service.name)}
                onFocus={() => {
                  roving.focused(service.name);
                  reveal(box);
                }}
                tabStop={service.name === roving.current}
                buttonRef={roving.register(service.name)}
                onKeyDown={(event) => roving.onKeyDown(service.name, event)}
              />
            ) : null;
          })}
        </div>
      </div>
    </div>
  );
}
