// The pre-commit hot path: a bare `keyfence staged` (what hooks run) starts here, without yargs or other commands.
import { defaultIO, printError } from './terminal.js';
import { runStaged } from './commands/staged.js';
import type { RunIO } from './run.js';
import { envFlagsFor } from './env-flags.cjs';

export async function runHook(io: RunIO = defaultIO()): Promise<number> {
  // bin/keyfence.js comes here only when no KEYFENCE_* variable sets a flag of `staged`: the others are ignored.
  if (io.env.KEYFENCE_DEBUG === '1') for (const variable of envFlagsFor('staged', io.env).ignored) io.stderr(`debug: ${variable}: not a flag of \`keyfence staged\`; ignored\n`);
  try {
    return await runStaged({}, io);
  } catch (error) {
    return printError(error, io);
  }
}
