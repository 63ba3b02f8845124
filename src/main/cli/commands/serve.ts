import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Navigation } from '../../../shared/api/event-contract';
import { createApi } from '../../api/create-api';
import { InvalidProjectError, NotAProjectError, ProjectRegistry } from '../../api/project-registry';
import { engineFromSettings } from '../../api/engine-from-settings';
import { isLoopbackAddress } from '../../server/request-guards';
import { WorkerProjectLoader } from '../../workers/project-loader';
import { FileSettingsStore } from '../../settings/file-settings-store';
import { settingsFilePath } from '../../settings/settings-path';
import { EXIT, UsageError, type Command } from '../command';

// The CLI is built to out/main/cli.js; the renderer to out/renderer.
const RENDERER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');

/** `parity serve`: the Parity UI in a browser, on a loopback address, behind a token. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the Parity UI to a browser on 127.0.0.1',
  usage: 'parity serve [--port N] [--host 127.0.0.1|::1|localhost] [PROJECT_DIR...]',
  options: {
    port: { type: 'string', default: '7420' },
    host: { type: 'string', default: '127.0.0.1' },
  },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port expects a number from 0 to 65535, got ${String(values.port)}`);
    }
    const host = String(values.host);
    if (!isLoopbackAddress(host)) {
      throw new UsageError(
        `serve listens on loopback only (127.0.0.1, ::1, localhost), not ${host}; ` +
          'reach it from another machine through an SSH tunnel',
      );
    }
    if (!existsSync(resolve(RENDERER_DIR, 'index.html'))) {
      io.err(`parity: the UI is not built (no ${RENDERER_DIR}/index.html): run npm run build\n`);
      return EXIT.failed;
    }
    const settings = new FileSettingsStore(settingsFilePath(io.env));
    // Folders named on the command line are added as projects, as the app's "Add project" does,
    // read by the worker threads the API then reads every project with.
    const loader = new WorkerProjectLoader(io.env);
    const registry = new ProjectRegistry(settings, io.env, loader);
    const added: string[] = [];
    for (const directory of positionals) {
      try {
        added.push((await registry.add(directory)).id);
      } catch (error) {
        await loader.close();
        if (error instanceof NotAProjectError || error instanceof InvalidProjectError) {
          throw new UsageError(error.message);
        }
        throw error;
      }
    }
    // --context/-H, DOCKER_HOST and DOCKER_CONTEXT win, as with every Docker tool; then Settings.
    const { engine, problem } = engineFromSettings(
      io.env,
      settings.read().engineEndpoint,
      io.engineFlags,
    );
    if (problem !== null) io.err(`warning: ${problem}; using ${engine.endpoint}\n`);
    const api = createApi({ engine, settings, env: io.env, loader });
    // Loaded here: the HTTP and WebSocket stack is the slowest part of starting the CLI.
    const { startServer } = await import('../../server/serve');
    const server = await startServer({ api, rendererDir: RENDERER_DIR, host, port });
    // Observed calls are extra: a receiver that cannot listen leaves the UI served without them.
    const { startTraceReceiver, receiverLines } = await import('../../traces/start-receiver');
    const traces = await startTraceReceiver(api.traces).catch((error: unknown) => {
      io.err(`warning: the span receiver could not start (${String(error)}); no observed calls\n`);
      return null;
    });
    if (traces) io.out(receiverLines(traces));
    // `parity serve DIR` opens on DIR's project, not on whichever is listed first.
    const url = added[0]
      ? `${server.url}&${new URLSearchParams(opening(added[0])).toString()}`
      : server.url;
    io.out(`Parity is serving on ${url}\nOpen that address in a browser. Press Ctrl+C to stop.\n`);
    await new Promise<void>((done) => {
      const stop = (): void =>
        void Promise.all([server.close(), traces?.close()]).then(() => done());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await api.close();
    await loader.close();
    return EXIT.ok;
  },
};

// The page's address for a project's graph, as the app's windows are opened on one.
function opening(project: string): Navigation {
  return { project, view: 'graph' };
}
