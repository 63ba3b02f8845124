import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/main/cli/run-cli';

/** The built `parity` executable, run the way a user runs it. */
export const PARITY_BIN = fileURLToPath(new URL('../../bin/parity.js', import.meta.url));

/** Output and exit code of one finished `parity` run. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `parity ARGS` to completion. */
export function runParity(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PARITY_BIN, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A running `parity serve` and the address it printed. */
export interface ServeProcess {
  url: string;
  /** What it printed up to the address (the span receiver's URLs among it). */
  output: string;
  stop(): Promise<void>;
}

/**
 * Starts `parity serve --port 0` (adding the project folders given) and waits for the address
 * it prints.
 */
export function startParityServe(
  env: NodeJS.ProcessEnv = process.env,
  projects: readonly string[] = [],
): Promise<ServeProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [PARITY_BIN, 'serve', '--port', '0', ...projects],
    { env },
  );
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('close', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ url: match[1], output, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => reject(new Error(`parity serve exited (${code}): ${output}`)));
  });
}

/** Runs `parity ARGS` in this process (no build needed), capturing what it prints. */
export async function runCliCaptured(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    out: (text) => (out += text),
    err: (text) => (err += text),
    env,
  });
  return { code, out, err };
}
