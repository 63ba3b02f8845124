import { z } from 'zod';
import {
  checkedFirst,
  found,
  isMapping,
  issuesOf,
  oneOrList,
  text,
  type PathIssue,
} from './schema-helpers';

// The production sources parity.yaml can name. Each entry is strict, because its one key *is*
// its meaning: an unknown one cannot be skipped as parity.yaml's other unknown keys are.

const VALUES_FILES = oneOrList(
  text('a values file path'),
  z.array(text('a values file path')),
  'a values file path or a list of them',
).describe(
  'Values files, relative to this file, passed in order as `helm template -f a -f b` takes them.',
);

// Helm's own rule for a release name (DNS-1123 label, at most 53 characters).
const RELEASE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const HELM = z
  .strictObject(
    {
      chart: text('a chart folder or .tgz file').describe(
        'The chart: a folder holding Chart.yaml, or a packaged .tgz, relative to this file. Charts from a repository or registry are not fetched.',
      ),
      values: VALUES_FILES.optional(),
      release: text('a release name')
        .max(53, 'found a release name past 53 characters, the most Helm allows')
        .regex(RELEASE, {
          error: (issue) =>
            `found ${found(issue.input)}, expected a release name of lowercase letters, digits and "-", as Helm requires`,
        })
        .optional()
        .describe('The release name `helm template` renders with. Default: the project name.'),
      namespace: text('a namespace')
        .optional()
        .describe('The namespace `helm template --namespace` renders into.'),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `found ${issue.keys.map((k) => `"${k}"`).join(', ')}, expected only chart, values, release and namespace`
          : `found ${found(issue.input)}, expected a mapping such as { chart: deploy/chart, values: [values.prod.yaml] }`,
    },
  )
  .describe(
    'A Helm chart rendered with `helm template` (helm must be installed): { chart, values, release, namespace }.',
  );

/** What each kind of production source takes. */
const PRODUCTION_SOURCES = {
  kubernetes: oneOrList(
    text('a manifest file or folder'),
    z
      .array(text('a manifest file or folder'))
      .min(1, 'found an empty list, expected manifest files or folders'),
    'a manifest file or folder, or a list of them',
  ).describe(
    'Kubernetes manifests: files or folders (every .yaml/.yml/.json inside), relative to this file. Multi-document YAML is read document by document. A folder holding a kustomization.yaml is rendered with Kustomize (kubectl kustomize or kustomize build) instead.',
  ),
  helm: HELM,
  compose: text('a production compose file path').describe(
    'A compose file that describes production, relative to this file.',
  ),
  snapshot: text('a snapshot file path').describe(
    "A Parity snapshot: Parity's own normalized JSON export of a live system, relative to this file.",
  ),
} as const;

/** The kinds of production source parity.yaml can name. */
export type ProductionKind = keyof typeof PRODUCTION_SOURCES;

/** The kinds of production source, in the order messages and editors list them. */
export const PRODUCTION_KINDS = Object.keys(PRODUCTION_SOURCES) as ProductionKind[];

function isProductionKind(key: string): key is ProductionKind {
  return Object.hasOwn(PRODUCTION_SOURCES, key);
}

const KIND_LIST = 'kubernetes, helm, compose or snapshot';

function productionIssues(value: unknown): PathIssue[] {
  if (!isMapping(value)) {
    return [
      {
        path: [],
        message: `found ${found(value)}, expected a mapping with one key (${KIND_LIST}), e.g. "kubernetes: deploy/k8s"`,
      },
    ];
  }
  const keys = Object.keys(value);
  const [kind] = keys;
  if (kind === undefined) {
    return [{ path: [], message: `found an empty mapping, expected one key: ${KIND_LIST}` }];
  }
  if (keys.length > 1) {
    return [
      {
        path: [],
        message: `found ${keys.length} keys (${keys.join(', ')}), expected exactly one (${KIND_LIST}): write each production source as its own list item`,
      },
    ];
  }
  if (!isProductionKind(kind)) {
    return [
      {
        path: [kind],
        message: `found an unknown kind of production source "${kind}", expected ${KIND_LIST}`,
      },
    ];
  }
  return issuesOf(PRODUCTION_SOURCES[kind], value[kind], [kind]);
}

/** Where production is described: one single-key entry per source. */
export const ProductionSourceSchema = checkedFirst(
  productionIssues,
  z.union([
    z.strictObject({ kubernetes: PRODUCTION_SOURCES.kubernetes }),
    z.strictObject({ helm: PRODUCTION_SOURCES.helm }),
    z.strictObject({ compose: PRODUCTION_SOURCES.compose }),
    z.strictObject({ snapshot: PRODUCTION_SOURCES.snapshot }),
  ]),
).describe(
  'One production source, by its single key: kubernetes (manifest files or folders, or a Kustomize folder), helm (a chart rendered with helm template), compose (a production compose file) or snapshot (a Parity snapshot).',
);

/** One production source. */
export type ProductionSource = z.infer<typeof ProductionSourceSchema>;

/** A `helm:` production source. */
export type HelmSource = z.infer<typeof HELM>;

/** The files and folders a production source reads, as written (relative to parity.yaml). */
export function sourcePaths(source: ProductionSource): string[] {
  if ('helm' in source) return [source.helm.chart, ...[source.helm.values ?? []].flat()];
  return Object.values(source).flat();
}
