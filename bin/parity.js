#!/usr/bin/env node
// The `parity` command. The CLI is compiled with the app by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('parity: not built yet (no out/main/cli.js): run npm run build\n');
  process.exit(1);
}
await import(cli);
