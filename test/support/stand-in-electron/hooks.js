// Node module hook: every `import ... from 'electron'` (the app's and electron-store's) gets
// the stand-in.
const STAND_IN = new URL('./electron.js', import.meta.url).href;

/** Resolves `electron` to the stand-in, everything else as usual. */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STAND_IN, shortCircuit: true };
  return nextResolve(specifier, context);
}
