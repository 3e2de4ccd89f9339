// --threads: checked, and capped at the cores (more processes or workers than cores only queue behind each other).
import { availableParallelism } from 'node:os';
import { UsageError } from '../errors.js';

/** The threads to use: undefined when not given; at most the number of cores. Throws on a value that is no count. */
export function cappedThreads(threads: number | undefined, cores = availableParallelism()): number | undefined {
  if (threads === undefined) return undefined;
  if (!Number.isInteger(threads) || threads < 1) throw new UsageError('--threads: must be a whole number of at least 1', 'e.g. --threads 2');
  return Math.min(threads, cores);
}

/** The line that says a --threads value was capped, or undefined when it was not. */
export function threadsNotice(threads: number | undefined, cores = availableParallelism()): string | undefined {
  if (threads === undefined || !Number.isInteger(threads) || threads <= cores) return undefined;
  return `keyfence: --threads ${threads}: capped at ${cores}, the number of cores\n`;
}
