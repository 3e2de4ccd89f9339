// The pre-commit hot path: a bare `keyfence staged` (what hooks run) starts here, without yargs or other commands.
import { defaultIO, printError } from './terminal.js';
import { runStaged } from './commands/staged.js';
import type { RunIO } from './run.js';

export async function runHook(io: RunIO = defaultIO()): Promise<number> {
  try {
    return await runStaged({}, io);
  } catch (error) {
    return printError(error, io);
  }
}
