import { createInterface } from 'node:readline/promises';
import { runCli } from './run-cli';

// The `parity` executable: plain Node, no Electron.
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTTY: process.stderr.isTTY === true,
  env: process.env,
  stdinIsTTY: process.stdin.isTTY === true,
  async ask(question) {
    // The question goes to stderr, so stdout stays what the command prints.
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    try {
      // End of input (Ctrl-D) answers nothing, which is no.
      return await new Promise<string>((resolve) => {
        prompt.once('close', () => resolve(''));
        prompt.question(question).then(resolve, () => resolve(''));
      });
    } finally {
      prompt.close();
    }
  },
});
process.exitCode = code;
