// `keyfence history <git URL>`: clones every ref of a remote repository into a temporary mirror, sweeps it with the
// policy of its default branch, and removes it. The URL's credentials are never printed (see sources/remote.ts).
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { runScan, type RunIO, type ScanSource } from '../run.js';
import { planSweep, stopPlan, sweepSource, type HistoryArgs } from '../sweep.js';
import { cloneMirror, redactText, redactUrl } from '../../sources/remote.js';
import { readPolicy } from '../../sources/policy.js';

export async function runRemoteHistory(argv: HistoryArgs, io: RunIO): Promise<number> {
  const url = argv.url as string;
  if (argv.fix) throw new UsageError(`history ${redactUrl(url)}: --fix cannot rewrite a remote repository`, 'clone it, then run keyfence scan --fix in the clone');
  const mirror = await cloneMirror(url);
  if (!argv.quiet) io.stderr(`keyfence: sweeping ${mirror.shown}: every ref, cloned into a temporary folder that is removed afterwards\n`);
  try {
    // Every ref (branches, tags, pull-request refs a mirror fetches) unless a range or a date narrows it.
    const plan = planSweep({ ...argv, all: argv.range === undefined }, mirror.dir);
    plan.catch(() => undefined);
    try {
      const policy = await readPolicy({ cwd: mirror.dir });
      try {
        const options: HistoryArgs = {
          ...argv,
          ...(argv.config !== undefined ? { config: resolve(io.cwd, argv.config) } : {}),
          ...(argv.baseline !== undefined ? { baseline: resolve(io.cwd, argv.baseline) } : {}),
          // Someone else's repository cannot turn on live key checks: only --validate here can.
          validate: argv.validate ?? false,
        };
        const shown: RunIO = { ...io, cwd: policy.dir, stdout: (text) => io.stdout(redactText(text, url)), stderr: (text) => io.stderr(redactText(text, url)) };
        const sweep = sweepSource('history', options, shown, plan);
        const source: ScanSource = {
          ...sweep,
          findings: (engine, stats) => {
            stats.remote = mirror.shown;
            return (sweep.findings as NonNullable<ScanSource['findings']>)(engine, stats);
          },
        };
        return await runScan(source, options, shown);
      } finally {
        policy.remove();
      }
    } finally {
      stopPlan(plan);
    }
  } catch (error) {
    // Errors are printed by the CLI: no credentials in them either.
    if (error instanceof Error) error.message = redactText(error.message, url);
    throw error;
  } finally {
    mirror.remove();
  }
}
