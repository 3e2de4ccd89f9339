// The process's terminal: stdout/stderr/stdin as a RunIO, and how errors are shown. No yargs here (the hook path).
import { printableText } from '../report/printable.js';
import { ScanError } from '../errors.js';
import { isSystemError, whyRefused } from '../write-failure.js';
import type { RunIO } from './run.js';

/** A reader that closed the pipe early (`keyfence … | head`) is not an error: stop quietly. */
function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

export function defaultIO(): RunIO {
  ignoreClosedPipe(process.stdout);
  ignoreClosedPipe(process.stderr);
  return {
    cwd: process.cwd(),
    // Read on use: touching process.stdin sets up a stream (~6 ms), and only `scan -` reads it.
    get stdin() {
      return process.stdin;
    },
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
  };
}

/** One line per problem (`keyfence: <message>; <hint>`) and the exit code; stack traces only with KEYFENCE_DEBUG=1. */
export function printError(error: unknown, io: RunIO): number {
  const debug = io.env.KEYFENCE_DEBUG === '1';
  if (error instanceof ScanError) {
    const lines = error.message.split('\n');
    const hint = error.hint ? `; ${error.hint}` : '';
    // A message may name a path the user's tree holds (with a terminal escape in it): its controls are shown.
    lines.forEach((line, i) => io.stderr(`keyfence: ${printableText(line)}${i === lines.length - 1 ? hint : ''}\n`));
    if (debug && error.stack) io.stderr(`${error.stack}\n`);
    return error.exitCode;
  }
  // A file or folder the system refused, where no command named it: still one line naming the path, not "internal error".
  if (isSystemError(error)) {
    io.stderr(`keyfence: ${error.path ?? error.syscall}: cannot ${error.syscall}: ${whyRefused(error, error.path)}; check that the path exists, is writable and is the kind (file or folder) it should be (KEYFENCE_DEBUG=1 shows the stack)\n`);
    if (debug && error.stack) io.stderr(`${error.stack}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`keyfence: internal error: ${message.split('\n')[0]}; please report it (KEYFENCE_DEBUG=1 shows the stack)\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return 2;
}

