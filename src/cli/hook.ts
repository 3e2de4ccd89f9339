// The pre-commit hot path: bare `keyfence staged` (what hooks run) starts here, without yargs or the other commands.
import { printError } from './print-error.js';
import type { RunIO } from './run.js';
import { runStaged } from './commands/staged.js';

function hookIO(): RunIO {
  return {
    cwd: process.cwd(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
  };
}

export async function main(_args: string[], io: RunIO = hookIO()): Promise<number> {
  try {
    return await runStaged({}, io);
  } catch (error) {
    return printError(error, io);
  }
}
