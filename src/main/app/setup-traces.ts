import { app } from 'electron';
import type { ParityApi } from '../api/create-api';
import { startTraceReceiver } from '../traces/start-receiver';
import { logMain } from './main-log';

/**
 * Starts the span receiver with the app, as `parity serve` does, and stops it on quit. A
 * receiver that cannot start leaves the graph without observed calls, never the app unstarted.
 */
export function setupTraces(api: Pick<ParityApi, 'traces'>): void {
  startTraceReceiver(api.traces).then(
    (receiver) => {
      logMain(`Receiving spans at ${receiver.zipkinUrl} and ${receiver.otlpUrl}`);
      app.once('will-quit', () => void receiver.close());
    },
    (error: unknown) => logMain('The span receiver could not start', error),
  );
}
