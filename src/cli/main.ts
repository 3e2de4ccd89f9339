// CLI entry: yargs setup, runs one command, maps ScanError to exit codes. The only code that writes to the terminal.
import yargs from 'yargs';
import { ScanError, UsageError } from '../errors.js';
import { COMMANDS } from './commands/index.js';
import type { RunIO } from './run.js';
import { toolVersion } from './version.js';

/** A reader that closed the pipe early (`keyfence … | head`) is not an error: stop quietly. */
function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

function defaultIO(): RunIO {
  ignoreClosedPipe(process.stdout);
  ignoreClosedPipe(process.stderr);
  return {
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
  };
}

function printError(error: unknown, io: RunIO): number {
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

export async function main(args: string[], io: RunIO = defaultIO()): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number): void => {
    exitCode = code;
  };
  const parser = yargs(args)
    .scriptName('keyfence')
    .env('KEYFENCE')
    // KEYFENCE_DEBUG=1 reaches yargs through .env(); declare it so strict mode accepts it.
    .option('debug', { type: 'boolean', hidden: true, global: true })
    .strict()
    .demandCommand(1, 'name a command: scan, staged, history, baseline, init or rules')
    .recommendCommands()
    .version(toolVersion)
    .help()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((message, error) => {
      if (error) throw error;
      throw new UsageError(message.replace(/\n/g, ' '), 'see `keyfence --help`');
    });
  for (const factory of COMMANDS) parser.command(factory(io, setExit));
  try {
    await parser.parseAsync();
    return exitCode;
  } catch (error) {
    return printError(error, io);
  }
}
