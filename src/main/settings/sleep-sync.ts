const cell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Blocks the thread for `ms` milliseconds without spinning. The settings API is synchronous
 * (electron-store's is), so waiting for another process's lock cannot yield to the loop; the
 * waits are milliseconds long.
 */
export function sleepSync(ms: number): void {
  Atomics.wait(cell, 0, 0, ms);
}
