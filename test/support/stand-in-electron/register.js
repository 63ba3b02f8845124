// Loaded with `node --import` before the built main bundle (test/support/electron-app.ts):
// `electron` resolves to the stand-in beside this file, and the platform can be pretended.
import { register } from 'node:module';

if (process.env.STAND_IN_PLATFORM) {
  Object.defineProperty(process, 'platform', { value: process.env.STAND_IN_PLATFORM });
}
register('./hooks.js', import.meta.url);
