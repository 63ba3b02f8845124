import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../../src/main/drift/apply-rules';
import { makeProject } from '../../support/project-dir';
import { runCliCaptured } from '../../support/cli';

const SHOP = fileURLToPath(new URL('../../../examples/shop', import.meta.url));

async function drift(dir: string, ...args: string[]) {
  return runCliCaptured(['drift', '--project-directory', dir, ...args], {});
}

const dir = makeProject('gate', {
  'compose.yaml':
    'services:\n  db:\n    image: postgres:15\n    environment: { DB_TOKEN: laptop }\n',
  'compose.prod.yaml':
    'services:\n  db:\n    image: postgres:16\n    environment: { DB_TOKEN: server }\n',
  'parity.yaml': 'production:\n  - compose: compose.prod.yaml\n',
});

describe('parity drift', () => {
  it('lists each difference with both values and positions, secrets masked', async () => {
    const { code, out } = await drift(dir);
    expect(code).toBe(0);
    expect(out).toContain('✘ error   db image.tag');
    expect(out).toContain('dev   15  (compose.yaml:3:12)');
    expect(out).toContain('prod  16  (compose.prod.yaml:3:12)');
    expect(out).toContain('dev   differs');
    expect(out).not.toContain('laptop');
    expect(out).not.toContain('server');
    expect(
      out.endsWith('\n0 services dev-only, 0 prod-only, 2 drifts to fix (1 error), 1 equivalent\n'),
    ).toBe(true);
  });

  it('fails a CI gate at the chosen severity', async () => {
    expect((await drift(dir, '--fail-on', 'error')).code).toBe(1);
    const relaxed = makeProject('relaxed', {
      'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    environment: { LOG: debug }\n',
      'compose.prod.yaml':
        'services:\n  db:\n    image: postgres:16\n    environment: { LOG: info }\n',
      'parity.yaml': 'production:\n  - compose: compose.prod.yaml\n',
    });
    expect((await drift(relaxed, '--fail-on', 'error')).code).toBe(0);
    expect((await drift(relaxed, '--fail-on', 'warning')).code).toBe(1);
  });

  it('prints the report as JSON', async () => {
    const report = JSON.parse((await drift(dir, '--json')).out) as { findings: { path: string }[] };
    expect(report.findings.map((f) => f.path).sort()).toEqual(['env.DB_TOKEN', 'image.tag']);
  });

  it('says what is missing when parity.yaml names no production source', async () => {
    const bare = makeProject('bare', { 'compose.yaml': 'services:\n  a: { image: x }\n' });
    const { code, err } = await drift(bare);
    expect(code).toBe(2);
    expect(err).toContain('names no production source');
  });
});

/** A copy of examples/shop in a temporary folder. */
function shopCopy(): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'parity-baseline-')), 'shop');
  cpSync(SHOP, copy, { recursive: true });
  return copy;
}

/** The lines of `after` that are not in `before`, failing unless `before`'s lines all remain, in order. */
function addedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  const added: string[] = [];
  let next = 0;
  for (const line of after.split('\n')) {
    if (next < old.length && line === old[next]) next += 1;
    else added.push(line);
  }
  expect(next, 'every original line is still there, in order').toBe(old.length);
  return added;
}

describe('parity drift --baseline', () => {
  it('accepts every current drift of examples/shop, so that the gate then passes', async () => {
    const shop = shopCopy();
    const file = join(shop, 'parity.yaml');
    const original = readFileSync(file, 'utf8');
    const before = JSON.parse((await drift(shop, '--json')).out) as {
      findings: { service: string; path: string; status: string }[];
    };
    const drifting = before.findings.filter((f) => f.status === 'drift');
    expect(drifting.length).toBeGreaterThan(5);
    expect((await drift(shop, '--fail-on', 'warning')).code).toBe(1);

    const { code, out } = await drift(shop, '--baseline');

    expect(code).toBe(0);
    expect(out).toContain(
      `Wrote ${drifting.length} accept entries to ${file}: ${drifting.length} new, 0 updated.`,
    );
    const reason = `baseline ${localDate()}: present when Parity was adopted`;
    expect(out).toContain(`Reason: ${reason}`);
    // The user's file is all still there, comments included; only accept entries were added,
    // right after the one the file had.
    const text = readFileSync(file, 'utf8');
    const added = addedLines(original, text);
    expect(added).toEqual(
      drifting.map((f) => `    - { path: ${f.service}.${f.path}, reason: "${reason}" }`),
    );
    expect(text).toContain('    - "*.env.LOG_LEVEL"              # dev logs at debug on purpose\n');
    expect(text).toContain('actions:                             # tray quick actions\n');

    expect((await drift(shop, '--fail-on', 'warning')).code).toBe(0);
    const after = await drift(shop, '--all');
    expect(after.out).toMatch(/, 0 drifts to fix \(0 errors\), \d+ equivalent, \d+ covered\n$/);
    expect(after.out).toContain(`[accepted: ${reason}]`);

    const again = await drift(shop, '--baseline');
    expect(again.code).toBe(0);
    expect(again.out).toContain('No drift to baseline');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('writes the path of a secret, never its value', async () => {
    const project = makeProject('secret', {
      'compose.yaml':
        'services:\n  db:\n    environment: { DB_TOKEN: laptop-token }\n    image: x\n',
      'compose.prod.yaml':
        'services:\n  db:\n    environment: { DB_TOKEN: server-token }\n    image: x\n',
      'parity.yaml': 'production:\n  - compose: compose.prod.yaml\n',
    });
    const { code, out } = await drift(project, '--baseline', '--reason', 'known');
    expect(code).toBe(0);
    const text = readFileSync(join(project, 'parity.yaml'), 'utf8');
    expect(text).toContain('- { path: db.env.DB_TOKEN, reason: "known" }');
    expect(`${text}${out}`).not.toMatch(/laptop-token|server-token/);
  });

  it('takes an expiry: past it, the differences are drift again and say so', async () => {
    const project = makeProject('expiring', {
      'compose.yaml': 'services:\n  db:\n    image: postgres:15\n',
      'compose.prod.yaml': 'services:\n  db:\n    image: postgres:16\n',
      'parity.yaml': 'production:\n  - compose: compose.prod.yaml\n',
    });
    const past = await drift(
      project,
      '--baseline',
      '--reason',
      'upgrade pending',
      '--expires',
      '2020-01-31',
    );
    expect(past.err).toContain('warning: --expires 2020-01-31 is already past');
    expect(readFileSync(join(project, 'parity.yaml'), 'utf8')).toContain(
      '- { path: db.image.tag, reason: "upgrade pending", expires: 2020-01-31 }',
    );
    const { code, out } = await drift(project, '--fail-on', 'error');
    expect(code).toBe(1);
    expect(out).toContain('[accepted until 2020-01-31, expired ("upgrade pending")]');

    // A baseline again replaces the expired entry rather than adding a second one.
    await drift(project, '--baseline', '--reason', 'still pending', '--expires', '2999-12-31');
    const text = readFileSync(join(project, 'parity.yaml'), 'utf8');
    expect(text.match(/db\.image\.tag/g)).toHaveLength(1);
    expect((await drift(project, '--fail-on', 'error')).code).toBe(0);
  });

  it('refuses options that do not go together, or a bad date, writing nothing', async () => {
    const project = makeProject('options', {
      'compose.yaml': 'services:\n  db:\n    image: postgres:15\n',
      'compose.prod.yaml': 'services:\n  db:\n    image: postgres:16\n',
      'parity.yaml': 'production:\n  - compose: compose.prod.yaml\n',
    });
    const reason = await drift(project, '--reason', 'x');
    expect(reason.code).toBe(2);
    expect(reason.err).toContain('--reason goes with --baseline');
    const date = await drift(project, '--baseline', '--expires', '2026-02-30');
    expect(date.code).toBe(2);
    expect(date.err).toContain('--expires: found "2026-02-30", which is not a day on the calendar');
    expect((await drift(project, '--baseline', '--fail-on', 'error')).code).toBe(2);
    expect(readFileSync(join(project, 'parity.yaml'), 'utf8')).toBe(
      'production:\n  - compose: compose.prod.yaml\n',
    );
  });
});
