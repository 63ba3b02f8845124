import { runCli } from './run-cli';

// The `parity` executable: plain Node, no Electron.
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTTY: process.stderr.isTTY === true,
  env: process.env,
});
process.exitCode = code;
