import type { SourcePosition } from '../../../shared/diagnostics';
import type { YMap, YNode } from '../../config/yaml-tree';

// What a kustomization may not make Kustomize fetch, checked before it runs.

/** A string of a kustomization with where it was written. */
export interface Placed {
  value: string;
  pos: SourcePosition;
}

/** A reference Kustomize would fetch instead of read: a URL, an scp-like git address, a git ref. */
export const REMOTE =
  /^[a-z][a-z0-9+.-]*:\/\/|^git@|^[\w.-]+@[\w.-]+:|[?&](ref|version|submodules|timeout)=|^(github\.com|gitlab\.com|bitbucket\.org)\//i;

// Fields whose strings name files Kustomize loads: none may be remote.
const FILE_FIELDS = ['crds', 'configurations', 'generators', 'transformers', 'validators'];

/** Refuses helmCharts, and a URL in any field (other than resources and patches) naming a file. */
export function refuseRemoteFiles(root: YMap, refuse: (what: Placed, why: string) => void): void {
  if (root.entries.has('helmCharts') || root.entries.has('helmChartInflationGenerator')) {
    const at = root.entries.get('helmCharts') ?? root.entries.get('helmChartInflationGenerator');
    if (at)
      refuse(
        { value: 'helmCharts', pos: at.keyPos },
        'in a kustomization, which would download charts: name the chart as a `helm:` production source instead',
      );
  }
  // Kustomize's loader fetches any file named by an http(s) URL, whichever field names it.
  const paths = (key: string): Placed[] =>
    items(root.entries.get(key)?.value).flatMap((item) => strings(item.entries.get('path')?.value));
  const openapi = root.entries.get('openapi')?.value;
  const named = [
    ...FILE_FIELDS.map((key) => ({ key, entries: strings(root.entries.get(key)?.value) })),
    { key: 'replacements', entries: paths('replacements') },
    {
      key: 'openapi',
      entries: openapi?.kind === 'map' ? strings(openapi.entries.get('path')?.value) : [],
    },
  ];
  for (const { key, entries } of named) {
    for (const entry of entries) {
      if (REMOTE.test(entry.value))
        refuse(entry, `in ${key}: a remote file, which Parity does not fetch`);
    }
  }
}

/** A scalar as a string with its position; null when empty or not a scalar. */
export function placed(node: YNode | undefined): Placed | null {
  if (node?.kind !== 'scalar' || node.value === null) return null;
  return { value: String(node.value), pos: node.pos };
}

/** The strings of a scalar or a list of them. */
export function strings(node: YNode | undefined): Placed[] {
  if (!node) return [];
  if (node.kind === 'scalar') return placed(node) ? [placed(node) as Placed] : [];
  if (node.kind === 'seq')
    return node.items.flatMap((item) => (placed(item) ? [placed(item) as Placed] : []));
  return [];
}

/** The mappings of a list. */
export function items(node: YNode | undefined): YMap[] {
  return node?.kind === 'seq' ? node.items.filter((i): i is YMap => i.kind === 'map') : [];
}
