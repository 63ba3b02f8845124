import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { SourcePosition } from '../../../shared/diagnostics';
import type { HelmSource } from '../../../shared/parity-config';
import type { NodeReader } from '../../config/node-reader';
import type { YEntry, YNode } from '../../config/yaml-tree';
import { kindOf } from './manifest-files';
import { objectsOf, type K8sObject } from './objects';
import { cachedRender, keepRender, renderKey } from './render-cache';
import { findTool, runTool } from './render-tool';
import { parseYamlDocuments } from './yaml-documents';

/**
 * The objects `helm template` renders a local chart to, with the given values files, release
 * and namespace. Positions point at the chart's template file each object came from (Helm's
 * `# Source:` comment), at the first line that writes each key. Charts are never fetched: a
 * chart is a folder or a .tgz in the repository. Never throws; problems are diagnostics.
 */
export function renderHelm(
  source: HelmSource,
  baseDir: string,
  release: string,
  reader: NodeReader,
  env: NodeJS.ProcessEnv = process.env,
): K8sObject[] {
  const display = (path: string): string => relative(baseDir, path).split(sep).join('/') || path;
  const chart = resolve(baseDir, source.chart);
  const chartKind = kindOf(chart);
  const error = (message: string): K8sObject[] => {
    reader.diagnostics.push({ severity: 'error', message });
    return [];
  };
  if (chartKind === null || (chartKind === 'dir' && !existsSync(join(chart, 'Chart.yaml'))))
    return error(
      `found no Helm chart at "${source.chart}", expected a folder holding Chart.yaml or a packaged .tgz (charts from a repository are not fetched)`,
    );
  const values = [source.values ?? []].flat().map((file) => resolve(baseDir, file));
  const missing = values.find((file) => kindOf(file) !== 'file');
  if (missing)
    return error(`found no values file "${display(missing)}" for the Helm chart ${source.chart}`);
  const helm = findTool('helm', env);
  if (!helm)
    return error(
      `cannot render the Helm chart ${source.chart}: the helm command is not installed (not found on PATH); install Helm 3, or render the chart with helm template and name the output as a kubernetes: source`,
    );
  const args = ['template', release, chart];
  if (source.namespace) args.push('--namespace', source.namespace);
  for (const file of values) args.push('--values', file);
  const key = renderKey({
    tool: helm.identity,
    args,
    dirs: chartKind === 'dir' ? [chart] : [],
    files: chartKind === 'file' ? [chart, ...values] : values,
  });
  let text = key ? cachedRender(key) : null;
  if (text === null) {
    const run = runTool(helm, args, baseDir);
    if (!run.ok) return error(`helm template failed on the chart ${source.chart}: ${run.message}`);
    text = run.stdout;
    if (key) keepRender(key, text);
  }
  const rendered = `${display(chart)} (rendered)`;
  const parsed = parseYamlDocuments(text, rendered);
  reader.diagnostics.push(...parsed.diagnostics);
  const chartDir = chartKind === 'dir' ? chart : null;
  const documents = parsed.documents.map((doc) => {
    const template = chartDir && doc.helmSource ? templateOf(chartDir, doc.helmSource) : null;
    if (!template) return doc;
    const lines = keyLines(template);
    const at = (key: string | null): SourcePosition => ({
      file: display(template),
      line: (key !== null ? lines.get(key) : undefined) ?? 1,
      column: 1,
    });
    return { ...doc, root: placed(doc.root, null, at) };
  });
  return objectsOf(documents, reader);
}

// `# Source: mychart/templates/api.yaml` (or `mychart/charts/sub/templates/x.yaml`): the file
// under the chart folder, whatever the chart's name.
function templateOf(chartDir: string, helmSource: string): string | null {
  const inChart = helmSource.split('/').slice(1).join('/');
  const path = resolve(chartDir, inChart);
  if (!path.startsWith(chartDir + sep) || kindOf(path) !== 'file') return null;
  return path;
}

function keyLines(file: string): Map<string, number> {
  const lines = new Map<string, number>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const key = /^\s*(?:-\s+)?([A-Za-z_][\w.-]*):(?:\s|$)/.exec(line)?.[1];
      if (key && !lines.has(key)) lines.set(key, i + 1);
    });
  return lines;
}

function placed(
  node: YNode,
  key: string | null,
  at: (key: string | null) => SourcePosition,
): YNode {
  const pos = at(key);
  if (node.kind === 'scalar') return { ...node, pos };
  if (node.kind === 'seq')
    return { ...node, pos, items: node.items.map((i) => placed(i, key, at)) };
  const entries = new Map<string, YEntry>();
  for (const [k, entry] of node.entries)
    entries.set(k, { keyPos: at(k), value: placed(entry.value, k, at) });
  return { ...node, pos, entries };
}
