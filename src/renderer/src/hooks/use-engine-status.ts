import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineStatus } from '../../../shared/engine-status';
import type { Connection } from '../api/connect-api';
import { messageOf } from '../lib/errors';

/** Whether the engine (and the core itself) answers, and how often it came back. */
export interface EngineState {
  status: EngineStatus | null;
  /** The core could not be asked at all (parity serve stopped, socket lost). */
  connectionError: string | null;
  /** Goes up each time the engine becomes reachable after it was not: views reload then. */
  recoveries: number;
  /** Asks again now. */
  retry: () => void;
}

/** How often to ask again while the engine or the core cannot be reached. */
export const ENGINE_POLL_MS = 3000;

/**
 * The engine's status from engine.status, kept live by engine.status events; while the engine
 * or the core is unreachable it is asked again every few seconds, so the UI recovers by itself.
 */
export function useEngineStatus({ api, events }: Connection): EngineState {
  const [status, setStatus] = useState<EngineStatus | null>(null);
  const [connectionError, setConnectionError] = useState<string | null>(null);
  const [recoveries, setRecoveries] = useState(0);
  const wasDown = useRef(false);

  const accept = useCallback((next: EngineStatus) => {
    setConnectionError(null);
    setStatus(next);
    if (!next.reachable) wasDown.current = true;
    else if (wasDown.current) {
      wasDown.current = false;
      setRecoveries((n) => n + 1);
    }
  }, []);

  const retry = useCallback(() => {
    api['engine.status']({}).then(accept, (error: unknown) => {
      wasDown.current = true;
      setConnectionError(messageOf(error));
    });
  }, [api, accept]);

  useEffect(() => {
    retry();
    return events.on('engine.status', accept);
  }, [events, retry, accept]);

  const down = connectionError !== null || status?.reachable === false;
  useEffect(() => {
    if (!down) return undefined;
    const timer = setInterval(retry, ENGINE_POLL_MS);
    return () => clearInterval(timer);
  }, [down, retry]);

  return { status, connectionError, recoveries, retry };
}
