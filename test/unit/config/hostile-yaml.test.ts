import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/shared/diagnostics';
import { interpolate, MAX_NESTING } from '../../../src/main/config/interpolate';
import { loadProject } from '../../../src/main/config/load-project';
import { MAX_DEPTH, MAX_LINE } from '../../../src/main/config/yaml-limits';
import { parseYaml, parseYamlByLibrary, toPlain } from '../../../src/main/config/yaml-tree';
import { parseLock } from '../../../src/main/drift/lock';
import { parseYamlDocuments } from '../../../src/main/drift/kubernetes/yaml-documents';
import { readSnapshot } from '../../../src/main/drift/snapshot';
import { makeProject } from '../../support/project-dir';

// Files a stranger's repository may hold, written to exhaust the reader: each is refused with
// an error at its line and column, within seconds and without eating the machine's memory.

/** Nine levels of anchors, each listing the previous one nine times: 9^9 nodes once expanded. */
function aliasBomb(key = 'x-bomb', levels = 9): string {
  let text = `${key}:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let i = 1; i <= levels; i++) {
    text += `  l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ')}]\n`;
  }
  return text;
}

/** Block mappings nested `levels` deep under `key`. */
function deepBlocks(key: string, levels: number): string {
  let text = `${key}:\n`;
  for (let i = 0; i < levels; i++) text += `${' '.repeat(2 + i)}k${i}:\n`;
  return `${text}${' '.repeat(2 + levels)}v: 1\n`;
}

const SERVICE = 'services:\n  app:\n    image: busybox:1.37\n';

// Runs `work`, failing past a generous time and heap growth: an exponential or quadratic
// reader takes minutes and gigabytes on these files, a linear one milliseconds.
function bounded<T>(work: () => T): T {
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = work();
  expect(performance.now() - started).toBeLessThan(5_000);
  expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(500 * 1024 * 1024);
  return result;
}

function errors(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error');
}

describe('an alias bomb', () => {
  it('is refused as excessive aliasing at the alias, by both YAML readers', () => {
    const text = `${aliasBomb()}${SERVICE}`;
    for (const parse of [parseYaml, parseYamlByLibrary]) {
      const { root, diagnostics } = bounded(() => parse(text, 'compose.yaml'));
      expect(root).toBeNull();
      expect(diagnostics).toEqual([
        {
          severity: 'error',
          message: expect.stringMatching(/^found excessive aliasing: .*\*l8/) as string,
          position: { file: 'compose.yaml', line: 11, column: 12 },
        },
      ]);
    }
  });

  it('in compose.yaml stops the project from loading, with that error', () => {
    const dir = makeProject('bomb', { 'compose.yaml': `${aliasBomb()}${SERVICE}` });
    const { project, diagnostics } = bounded(() => loadProject({ dir, env: {} }));
    expect(project).toBeNull();
    expect(errors(diagnostics)[0]?.message).toMatch(/^found excessive aliasing/);
    expect(errors(diagnostics)[0]?.position).toMatchObject({ file: 'compose.yaml', line: 11 });
  });

  it('in parity.yaml is an error at parity.yaml', () => {
    const dir = makeProject('bomb', { 'compose.yaml': SERVICE, 'parity.yaml': aliasBomb() });
    const { diagnostics } = bounded(() => loadProject({ dir, env: {} }));
    expect(errors(diagnostics)[0]).toMatchObject({
      message: expect.stringMatching(/^found excessive aliasing/) as string,
      position: { file: 'parity.yaml', line: 11, column: 12 },
    });
  });

  it('in a Kubernetes manifest is an error at the manifest; other documents still read', () => {
    const text = `${aliasBomb()}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n`;
    const parsed = bounded(() => parseYamlDocuments(text, 'k8s/a.yaml'));
    expect(errors(parsed.diagnostics)[0]).toMatchObject({
      message: expect.stringMatching(/^found excessive aliasing/) as string,
      position: { file: 'k8s/a.yaml', line: 11, column: 12 },
    });
    expect(parsed.documents).toHaveLength(1);
  });

  it('in a snapshot or parity.lock, which never hold aliases, is refused at the first alias', () => {
    const json = '{"a": &a [1, 1], "b": [*a, *a]}';
    const snapshot = bounded(() => readSnapshot(json, 'prod.json', { name: 'prod' }));
    expect(snapshot.model).toBeNull();
    expect(snapshot.diagnostics).toEqual([
      {
        severity: 'error',
        message: 'found an alias (*a), expected plain data without YAML anchors or aliases',
        position: { file: 'prod.json', line: 1, column: 24 },
      },
    ]);
    const lock = bounded(() => parseLock(aliasBomb('services'), 'parity.lock'));
    expect(lock.lock).toBeNull();
    expect(lock.diagnostics[0]?.message).toBe(
      'found an alias (*l0), expected plain data without YAML anchors or aliases',
    );
    expect(lock.diagnostics[0]?.position).toMatchObject({ line: 3, column: 12 });
  });

  it('of merge keys, each mapping merging the previous one, is refused too', () => {
    let text = 'm0: &m0 {k0: 0}\n';
    for (let i = 1; i < 1000; i++) text += `m${i}: &m${i} {<<: *m${i - 1}, k${i}: ${i}}\n`;
    const { root, diagnostics } = bounded(() => parseYaml(text, 'compose.yaml'));
    expect(root).toBeNull();
    expect(errors(diagnostics)[0]?.message).toMatch(/^found excessive aliasing: merge keys/);
  });

  it('leaves real uses of anchors alone, and reads a shared subtree once', () => {
    let text = 'x-env: &env {A: "1", B: "2"}\nservices:\n';
    for (let i = 0; i < 200; i++) text += `  s${i}:\n    image: busybox\n    environment: *env\n`;
    const { root, diagnostics } = parseYaml(text, 'compose.yaml');
    expect(diagnostics).toEqual([]);
    const plain = toPlain(root) as { services: Record<string, { environment: unknown }> };
    expect(plain.services.s199?.environment).toEqual({ A: '1', B: '2' });
    // One value for every reference: the walk did not copy it 200 times.
    expect(plain.services.s0?.environment).toBe(plain.services.s199?.environment);
  });
});

describe('deep nesting', () => {
  it('of 3,000 block levels is an error naming the limit, not a stack overflow', () => {
    const text = `${SERVICE}${deepBlocks('x-deep', 3000)}`;
    for (const parse of [parseYaml, parseYamlByLibrary]) {
      const { root, diagnostics } = bounded(() => parse(text, 'compose.yaml'));
      expect(root).toBeNull();
      expect(diagnostics.length).toBeGreaterThan(0);
      for (const d of diagnostics) {
        expect(d.message).toBe(
          `found collections nested more than ${MAX_DEPTH} levels deep, expected at most ${MAX_DEPTH} levels (aliases expanded)`,
        );
        expect(d.position?.line).toBeGreaterThan(MAX_DEPTH);
      }
    }
  });

  it('just past the limit is refused at the first node past it; at the limit it reads', () => {
    // The file's mappings, one a line, and the scalar at the end: MAX_DEPTH + 1 levels.
    const past = parseYaml(deepBlocks('a', MAX_DEPTH - 2), 'f.yaml');
    expect(past.root).toBeNull();
    expect(past.diagnostics[0]?.position).toMatchObject({ line: MAX_DEPTH });
    expect(parseYaml(deepBlocks('a', MAX_DEPTH - 3), 'f.yaml').diagnostics).toEqual([]);
  });

  it('of flow collections, in a manifest or a snapshot, is the same error', () => {
    const flow = `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const manifest = bounded(() => parseYamlDocuments(flow, 'k8s/a.yaml'));
    expect(errors(manifest.diagnostics)[0]?.message).toMatch(/^found collections nested more than/);
    const snapshot = bounded(() =>
      readSnapshot(`${'['.repeat(5000)}${']'.repeat(5000)}`, 'prod.json', { name: 'prod' }),
    );
    expect(snapshot.diagnostics[0]?.message).toMatch(/^found collections nested more than/);
    expect(snapshot.diagnostics[0]?.position?.file).toBe('prod.json');
  });

  it('through aliases nested in aliases counts the expanded depth', () => {
    let text = `a0: &a0 ${'['.repeat(100)}${']'.repeat(100)}\n`;
    for (let i = 1; i < 4; i++)
      text += `a${i}: &a${i} ${'['.repeat(100)}*a${i - 1}${']'.repeat(100)}\n`;
    const { root, diagnostics } = bounded(() => parseYaml(text, 'f.yaml'));
    expect(root).toBeNull();
    expect(diagnostics[0]?.message).toMatch(/^found collections nested more than/);
  });
});

describe('size limits', () => {
  it('refuse a line longer than 1 MiB at that line', () => {
    const text = `${SERVICE}x-long: ${'a'.repeat(MAX_LINE + 1)}\n`;
    const { root, diagnostics } = bounded(() => parseYaml(text, 'compose.yaml'));
    expect(root).toBeNull();
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        message: expect.stringMatching(
          /^found a line of \d+ characters, expected at most/,
        ) as string,
        position: { file: 'compose.yaml', line: 4, column: MAX_LINE + 1 },
      },
    ]);
  });
});

describe('interpolation', () => {
  it('of ${A:- nested 20,000 deep is an error naming the limit, not a stack overflow', () => {
    const text = `${'${A:-'.repeat(20_000)}x${'}'.repeat(20_000)}`;
    const result = bounded(() => interpolate(text, () => undefined));
    expect(result.value).toBe(text);
    expect(result.problems).toEqual([
      {
        severity: 'error',
        message: `found "\${" nested more than ${MAX_NESTING} levels deep, expected at most ${MAX_NESTING} levels of defaults and alternatives`,
        offset: 5 * (MAX_NESTING - 1),
      },
    ]);
    // A set variable needs no default: nothing nested is read.
    expect(interpolate(text, () => 'set').value).toBe('set');
  });

  it('of 20,000 unclosed ${A:- on one line reports the first few, in linear time', () => {
    const result = bounded(() => interpolate('${A:-'.repeat(20_000), () => undefined));
    expect(result.problems).toHaveLength(21);
    expect(result.problems[20]?.message).toBe('… and 19980 more problems in the same value');
  });

  it('in compose.yaml is an error at the value', () => {
    const value = `${'${A:-'.repeat(20_000)}x${'}'.repeat(20_000)}`;
    const dir = makeProject('deep-vars', {
      'compose.yaml': `${SERVICE}    environment:\n      A: "${value}"\n`,
    });
    const { project, diagnostics } = bounded(() => loadProject({ dir, env: {} }));
    expect(project).toBeNull();
    expect(errors(diagnostics)[0]).toMatchObject({
      message: expect.stringMatching(/^found "\$\{" nested more than/) as string,
      position: { file: 'compose.yaml', line: 5, column: 10 },
    });
  });

  it('warns once per unset variable across a file of 20,000 of them, in linear time', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `      V${i}: $U${i}`).join('\n');
    const dir = makeProject('many-vars', {
      'compose.yaml': `${SERVICE}    environment:\n${lines}\n`,
    });
    const { diagnostics } = bounded(() => loadProject({ dir, env: {} }));
    expect(diagnostics.filter((d) => d.message.includes('"U1999" variable'))).toHaveLength(1);
  });
});
