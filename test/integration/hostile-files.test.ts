import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runParity } from '../support/cli';
import { makeProject } from '../support/project-dir';

// Repositories written to exhaust Parity, run through the built `parity` as a user runs it
// (after `npm run build`). Each gives a clear error at file:line:col and exit code 2 within
// seconds, with the heap capped at 256 MB: the readers these files used to hit reached
// gigabytes or hung.

const SERVICE = 'services:\n  app:\n    image: busybox:1.37\n';

function aliasBomb(key = 'x-bomb'): string {
  let text = `${key}:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let i = 1; i <= 9; i++) {
    text += `  l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ')}]\n`;
  }
  return text;
}

function deepBlocks(key: string, levels: number): string {
  let text = `${key}:\n`;
  for (let i = 0; i < levels; i++) text += `${' '.repeat(2 + i)}k${i}:\n`;
  return `${text}${' '.repeat(2 + levels)}v: 1\n`;
}

const ENV = { ...process.env, NODE_OPTIONS: '--max-old-space-size=256' };

async function parity(args: string[]) {
  const started = performance.now();
  const run = await runParity(args, ENV);
  return { ...run, seconds: (performance.now() - started) / 1000 };
}

describe('parity config on hostile files', () => {
  it.each([
    [
      'an alias bomb in compose.yaml',
      { 'compose.yaml': `${aliasBomb()}${SERVICE}` },
      /^compose\.yaml:11:12: error: found excessive aliasing/m,
    ],
    [
      'an alias bomb in parity.yaml',
      { 'compose.yaml': SERVICE, 'parity.yaml': aliasBomb() },
      /^parity\.yaml:11:12: error: found excessive aliasing/m,
    ],
    [
      '3,000 levels of block nesting',
      { 'compose.yaml': `${SERVICE}${deepBlocks('x-deep', 3000)}` },
      /^compose\.yaml:\d+:\d+: error: found collections nested more than 256 levels deep/m,
    ],
    [
      '${A:- nested 20,000 deep',
      {
        'compose.yaml': `${SERVICE}    environment:\n      A: "${'${A:-'.repeat(20_000)}x${'}'.repeat(20_000)}"\n`,
      },
      /^compose\.yaml:5:10: error: found "\$\{" nested more than 32 levels deep/m,
    ],
  ])('%s: a clear error, exit 2', async (_name, files, error) => {
    const dir = makeProject('hostile', files);
    const { code, stderr, seconds } = await parity(['config', '--project-directory', dir]);
    expect(stderr).toMatch(error);
    expect(stderr).not.toMatch(/Maximum call stack|heap out of memory|\n\s+at /);
    expect(code).toBe(2);
    expect(seconds).toBeLessThan(20);
  });

  it('reads a .env of 500,000 blanks in linear time', async () => {
    const dir = makeProject('env-blanks', {
      'compose.yaml': `${SERVICE}    environment:\n      A: "\${A}"\n`,
      '.env': `A=x${' '.repeat(500_000)}\n`,
    });
    const { code, stdout, seconds } = await parity([
      'config',
      '--json',
      '--project-directory',
      dir,
    ]);
    expect(code).toBe(0);
    const project = JSON.parse(stdout) as { services: { app: { environment: { A: string } } } };
    expect(project.services.app.environment.A).toBe('x');
    expect(seconds).toBeLessThan(20);
  });
});

describe('parity drift on hostile files', () => {
  it.each([
    [
      'an alias bomb in a Kubernetes manifest',
      {
        'parity.yaml': 'production:\n  - kubernetes: k8s\n',
        'k8s/a.yaml': `${aliasBomb()}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n`,
      },
      /^k8s\/a\.yaml:11:12: error: found excessive aliasing/m,
    ],
    [
      'an alias bomb in a snapshot',
      {
        'parity.yaml': 'production:\n  - snapshot: prod.json\n',
        'prod.json': '{"a": &a [1, 1, 1], "b": [*a, *a, *a]}\n',
      },
      /^prod\.json:1:\d+: error: found an alias \(\*a\), expected plain data/m,
    ],
    [
      '5,000 nested arrays in a snapshot',
      {
        'parity.yaml': 'production:\n  - snapshot: prod.json\n',
        'prod.json': `${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      },
      /^prod\.json:1:\d+: error: found collections nested more than 256 levels deep/m,
    ],
  ])('%s: a clear error, exit 2', async (_name, files, error) => {
    const dir = makeProject('hostile', { 'compose.yaml': SERVICE, ...files });
    const { code, stderr, seconds } = await parity(['drift', '--project-directory', dir]);
    expect(stderr).toMatch(error);
    expect(stderr).not.toMatch(
      /Maximum call stack|heap out of memory|resource exhaustion|\n\s+at /,
    );
    expect(code).toBe(2);
    expect(seconds).toBeLessThan(20);
  });

  it('an alias bomb in parity.lock: a clear error, exit 2', async () => {
    const dir = makeProject('hostile', { 'compose.yaml': SERVICE, 'parity.lock': aliasBomb() });
    const { code, stderr, seconds } = await parity([
      'drift',
      '--against',
      'lock',
      '--project-directory',
      dir,
    ]);
    expect(stderr).toMatch(/^parity\.lock:3:12: error: found an alias \(\*l0\)/m);
    expect(code).toBe(2);
    expect(seconds).toBeLessThan(20);
  });

  it('an alias bomb in a file given to --against: a clear error, exit 2', async () => {
    const dir = makeProject('hostile', { 'compose.yaml': SERVICE, 'prod.yaml': aliasBomb() });
    const { code, stderr, seconds } = await parity([
      'drift',
      '--against',
      `${dir}/prod.yaml`,
      '--project-directory',
      dir,
    ]);
    expect(stderr).toMatch(/^prod\.yaml:11:12: error: found excessive aliasing/m);
    expect(stderr).not.toMatch(/resource exhaustion/);
    expect(code).toBe(2);
    expect(seconds).toBeLessThan(20);
  });

  it('a glob rule that backtracks as a regular expression judges findings at once', async () => {
    const name = 'a'.repeat(40);
    const glob = 'app.env.*a*a*a*a*a*a*a*a*a*a*a*a*b';
    const dir = makeProject('glob', {
      'compose.yaml': `${SERVICE}    environment:\n      ${name}: "1"\n`,
      'prod.yaml': `${SERVICE}    environment:\n      ${name}: "2"\n`,
      'parity.yaml': `production:\n  - compose: prod.yaml\ndrift:\n  ignore: ["${glob}"]\n  accept:\n    - {path: "${glob}", reason: never matches}\n`,
    });
    const { code, stdout, seconds } = await parity([
      'drift',
      '--format',
      'json',
      '--project-directory',
      dir,
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { findings: { path: string; status: string }[] };
    expect(report.findings).toContainEqual(
      expect.objectContaining({ path: `env.${name}`, status: 'drift' }),
    );
    expect(seconds).toBeLessThan(20);
  });
});

describe('include chains', () => {
  // c0 includes c1 includes ... c(n-1); with `twice`, each file names the next one twice.
  function chain(n: number, twice = false): Record<string, string> {
    const files: Record<string, string> = {};
    for (let i = 0; i < n; i++) {
      const next = `c${i + 1}.yaml`;
      const include = twice ? `[${next}, ${next}]` : `[${next}]`;
      files[i === 0 ? 'compose.yaml' : `c${i}.yaml`] =
        `include: ${include}\nservices:\n  s${i}:\n    image: busybox:1.37\n`;
    }
    files[`c${n}.yaml`] = 'services:\n  last:\n    image: busybox:1.37\n';
    return files;
  }

  it.each([
    ['3,000 files deep', chain(3000), /error: found include nested more than 32 files deep/],
    [
      '30 files deep, each naming the next twice',
      chain(30, true),
      /error: found more than 500 files to read for include/,
    ],
  ])('%s: a clear error, exit 2', async (_name, files, error) => {
    const dir = makeProject('include-chain', files);
    const { code, stderr, seconds } = await parity(['config', '--project-directory', dir]);
    expect(stderr).toMatch(error);
    expect(stderr).not.toMatch(/Maximum call stack|heap out of memory|\n\s+at /);
    expect(code).toBe(2);
    expect(seconds).toBeLessThan(20);
  });
});

describe('production folders too large to be manifests', () => {
  it.each([
    [
      'folders nested 20 deep',
      { [`k8s/${'d/'.repeat(20)}a.yaml`]: 'kind: ConfigMap\n' },
      /found folders nested more than 16 deep under "k8s"/,
    ],
    [
      '2,500 YAML files',
      Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`k8s/f${i}.yaml`, '{}\n'])),
      /found more than 2000 YAML and JSON files under "k8s"/,
    ],
  ])('%s: one clear error, exit 2, at once', async (_name, files, error) => {
    const dir = makeProject('big-production', {
      'compose.yaml': SERVICE,
      'parity.yaml': 'production:\n  - kubernetes: k8s\n',
      ...files,
    });
    const { code, stderr, seconds } = await parity(['drift', '--project-directory', dir]);
    expect(stderr).toMatch(error);
    expect(code).toBe(2);
    expect(seconds).toBeLessThan(20);
  });
});

describe('repository files that never end', () => {
  // A committed symlink to /dev/zero (or a FIFO) is read as a stream without end: each file of
  // the repository Parity reads is refused before reading when it is not a regular file.
  it.each([
    [
      'parity.yaml',
      ['config'],
      /cannot read parity\.yaml: found something other than a regular file/,
    ],
    ['.env', ['config'], /cannot read env file \.env: found something other than a regular file/],
    [
      'parity.lock',
      ['drift', '--against', 'lock'],
      /cannot read .*parity\.lock: found something other than a regular file/,
    ],
  ])('%s linked to /dev/zero: a clear error, exit 2', async (file, command, error) => {
    const dir = makeProject('endless', { 'compose.yaml': SERVICE });
    symlinkSync('/dev/zero', join(dir, file));
    const { code, stderr, seconds } = await parity([...command, '--project-directory', dir]);
    expect(stderr).toMatch(error);
    expect(stderr).not.toMatch(/heap out of memory|\n\s+at /);
    expect(code).toBe(2);
    expect(seconds).toBeLessThan(20);
  });
});
