import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes files (path -> content) into a new temporary project folder named `name`. */
export function makeProject(name: string, files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-test-')), name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Lines joined into a file's text, with the final newline. */
export function lines(...rows: string[]): string {
  return `${rows.join('\n')}\n`;
}

/**
 * A production Deployment of one busybox container `name` with `env`, as a manifest's text:
 * the first variable's value is on line 12, where tests that name positions look for it.
 */
export function deploymentWithEnv(name: string, env: Record<string, string>): string {
  return lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: { name: ${name} }`,
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    '          image: busybox:1.37',
    '          env:',
    ...Object.entries(env).flatMap(([key, value]) => [
      `            - name: ${key}`,
      `              value: ${value}`,
    ]),
  );
}
