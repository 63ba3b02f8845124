import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

const POLICY = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;
const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;

/**
 * The page's policy as `electron-vite dev` must serve it: the inline scripts Vite's plugins
 * put in the page (React Fast Refresh's preamble) allowed by their hashes, no other inline
 * script; the style tags Vite injects for each CSS import; the dev server's HMR socket. The
 * production page keeps the strict policy of src/renderer/index.html untouched.
 */
export function withDevPolicy(html: string): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map(
    ([, code]) =>
      `'sha256-${createHash('sha256')
        .update(code ?? '')
        .digest('base64')}'`,
  );
  return html.replace(POLICY, (_all, open: string, policy: string, close: string) => {
    const directives = policy.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      if (name === 'script-src') return [name, ...values, ...hashes].join(' ');
      if (name === 'style-src') return [name, ...values, "'unsafe-inline'"].join(' ');
      if (name === 'connect-src') return [name, ...values, 'ws://localhost:*'].join(' ');
      return directive.trim();
    });
    return `${open}${directives.join('; ')}${close}`;
  });
}

/** Applies withDevPolicy to the page the dev server serves; builds are left alone. */
export function devContentSecurityPolicy(): Plugin {
  return {
    name: 'parity:dev-content-security-policy',
    apply: 'serve',
    // After every plugin has added its tags, so each inline script is there to be hashed.
    transformIndexHtml: { order: 'post', handler: withDevPolicy },
  };
}
