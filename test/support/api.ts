import type { ApiHandlers, ApiSession } from '../../src/shared/api/contract';
import type { ApiEvent } from '../../src/shared/api/event-contract';
import { API_METHODS } from '../../src/shared/api/methods';
import { defaultSettings, type Settings } from '../../src/shared/settings';
import type { ApiDependencies } from '../../src/main/api/create-api';

/** Settings held in memory, for tests that must not touch the user's settings file. */
export function memorySettings(initial: Partial<Settings> = {}): ApiDependencies['settings'] {
  let settings: Settings = { ...defaultSettings(), ...initial };
  return {
    read: () => settings,
    update: (patch) => (settings = { ...settings, ...patch }),
    editProjects: (edit) => (settings = { ...settings, projects: edit(settings.projects) }),
  };
}

/** A session that records the events sent to it. */
export function recordingSession(): ApiSession & { events: ApiEvent[]; close(): void } {
  const events: ApiEvent[] = [];
  const cleanups: (() => void)[] = [];
  return {
    id: 'test-session',
    events,
    emit: (event) => events.push(event),
    onClose: (cleanup) => cleanups.push(cleanup),
    close: () => cleanups.splice(0).forEach((cleanup) => cleanup()),
  };
}

/** Handlers where only `overrides` answer; every other request fails saying so. */
export function handlersWith(overrides: Partial<ApiHandlers>): ApiHandlers {
  const all = Object.fromEntries(
    API_METHODS.map((method) => [
      method,
      () => Promise.reject(new Error(`${method} is not part of this test`)),
    ]),
  );
  return { ...all, ...overrides } as ApiHandlers;
}
