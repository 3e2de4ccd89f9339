// Turns any thrown error into one `keyfence: …; hint` line on stderr and an exit code (stack only with KEYFENCE_DEBUG=1).
import { ScanError } from '../errors.js';
import type { RunIO } from './run.js';

export function printError(error: unknown, io: RunIO): number {
  const debug = io.env.KEYFENCE_DEBUG === '1';
  if (error instanceof ScanError) {
    const lines = error.message.split('\n');
    const hint = error.hint ? `; ${error.hint}` : '';
    lines.forEach((line, i) => io.stderr(`keyfence: ${line}${i === lines.length - 1 ? hint : ''}\n`));
    if (debug && error.stack) io.stderr(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`keyfence: internal error: ${message.split('\n')[0]}; please report it (KEYFENCE_DEBUG=1 shows the stack)\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return 2;
}
