// The layering of ../shared/DESIGN.md, enforced by lint: which layer may import what.
import { builtinModules } from 'node:module';

const NODE_BUILTINS = {
  group: ['node:*', ...builtinModules.filter((name) => !name.startsWith('_'))],
  message: 'This layer runs in the renderer too: no Node built-ins (move the code to src/main).',
};
const ELECTRON = {
  name: 'electron',
  message: 'Only src/main/app and the preload import electron; the rest runs under plain Node.',
};
const MAIN = {
  group: ['**/main', '**/main/**'],
  message: 'The renderer reaches the core only through the API contract in src/shared/api.',
};
const RENDERER = {
  group: ['**/renderer', '**/renderer/**'],
  message: 'Nothing imports the renderer.',
};
const PRELOAD = { group: ['**/preload', '**/preload/**'], message: 'Nothing imports the preload.' };
const RAW_IPC_MAIN = {
  name: 'electron',
  importNames: ['ipcMain'],
  message: 'Serve requests through setupApiIpc (src/main/app/ipc-main.ts), not raw ipcMain.',
};
const RAW_IPC_RENDERER = {
  name: 'electron',
  importNames: ['ipcRenderer'],
  message: 'Only src/preload/index.ts talks to ipcRenderer.',
};

function restrict(paths, patterns) {
  return { rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

/** One flat-config block per layer. */
export const layering = [
  { files: ['src/shared/**'], ...restrict([ELECTRON], [NODE_BUILTINS, MAIN, RENDERER, PRELOAD]) },
  { files: ['src/renderer/**'], ...restrict([ELECTRON], [NODE_BUILTINS, MAIN, PRELOAD]) },
  {
    files: ['src/main/**'],
    ignores: ['src/main/app/**'],
    ...restrict([ELECTRON], [RENDERER, PRELOAD]),
  },
  {
    files: ['src/main/app/**'],
    ...restrict([RAW_IPC_MAIN, RAW_IPC_RENDERER], [RENDERER, PRELOAD]),
  },
  { files: ['src/preload/**'], ...restrict([RAW_IPC_MAIN, RAW_IPC_RENDERER], [MAIN, RENDERER]) },
  // The two typed IPC wrappers are the only places raw IPC is allowed.
  { files: ['src/main/app/ipc-main.ts'], ...restrict([RAW_IPC_RENDERER], [RENDERER, PRELOAD]) },
  { files: ['src/preload/index.ts'], ...restrict([RAW_IPC_MAIN], [MAIN, RENDERER]) },
];
