// `keyfence pre-receive`: the server-side hook (a bare repository's hooks/pre-receive, GitLab server hooks, Gitea).
// Scans exactly the commits a push brings, with the policy of the default branch, and refuses the push (exit 1) when
// they hold secrets or when the scan does not finish within --timeout.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { withCommonOptions, type CommonOptions } from '../options.js';
import { runScan, type RunIO } from '../run.js';
import { cappedThreads } from '../threads.js';
import { sweepSource, type SweepPlan } from './history.js';
import { countCommits, startSweep, type StartedSweep } from '../../sources/history.js';
import { parseRefUpdates, pushRevs } from '../../sources/push.js';
import { readPolicy } from '../../sources/policy.js';

export interface PreReceiveArgs extends CommonOptions {
  timeout?: number;
  onTimeout?: 'refuse' | 'accept';
}

/** Seconds a push may wait for its scan by default: long enough for thousands of new commits, short for a user. */
export const DEFAULT_TIMEOUT = 60;

const REFUSED = 'keyfence: push refused: the pushed commits hold secrets (see above). Remove them from the commits (git rebase -i, git commit --amend) and push again, and rotate any key that was real; a false alarm: add `keyfence:allow` to the line, or its fingerprint to .keyfence-ignore on the default branch\n';

function timeoutMs(seconds: number | undefined): number {
  if (seconds === undefined) return DEFAULT_TIMEOUT * 1000;
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError('--timeout: must be a number of seconds above 0', `e.g. --timeout ${DEFAULT_TIMEOUT}`);
  return seconds * 1000;
}

async function readAll(input: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The hook's run: `io.cwd` is the repository (git runs hooks there, with GIT_DIR and the quarantine set). */
export async function runPreReceive(argv: PreReceiveArgs, io: RunIO): Promise<number> {
  const deadline = Date.now() + timeoutMs(argv.timeout);
  if (argv.fix) throw new UsageError('pre-receive: --fix cannot rewrite pushed commits', 'drop --fix; the pusher fixes the commits and pushes again');
  const root = io.cwd;
  const updates = parseRefUpdates(await readAll(io.stdin));
  const { revs } = await pushRevs(updates, { cwd: root });
  const total = revs.length === 0 ? 0 : await countCommits({ cwd: root, revs });
  const shards = cappedThreads(argv.threads) ?? availableParallelism();
  const started = startSweep({ cwd: root, revs, shards }, total);
  let timeUp: () => void = () => undefined;
  const outOfTime = new Promise<'timeout'>((done) => (timeUp = () => done('timeout')));
  // Checked as each file change is scanned too: a timer alone fires only between reads of git's output.
  const timed: StartedSweep = {
    ...started,
    scan: (hooks) =>
      started.scan({
        ...hooks,
        onFragment: (bytes) => {
          if (Date.now() > deadline) timeUp();
          hooks.onFragment(bytes);
        },
      }),
  };
  const plan: Promise<SweepPlan> = Promise.resolve({ selection: { revs, windowed: true, shallow: false }, total, started: timed });
  // The policy as the default branch has it before this push; a config named on the command line is the server's.
  const policy = await readPolicy({ cwd: root }).catch((error: unknown) => {
    started.stop();
    throw error;
  });
  let expired = false;
  // After the deadline the run is abandoned: nothing it still prints may reach the pusher.
  const shown: RunIO = { ...io, cwd: policy.dir, stdout: (text) => void (expired || io.stdout(text)), stderr: (text) => void (expired || io.stderr(text)) };
  const options: PreReceiveArgs = {
    ...argv,
    ...(argv.config !== undefined ? { config: resolve(root, argv.config) } : {}),
    ...(argv.baseline !== undefined ? { baseline: resolve(root, argv.baseline) } : {}),
    // The repository's config cannot turn on live key checks for every push: only the hook's own --validate can.
    validate: argv.validate ?? false,
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    timer = setTimeout(timeUp, Math.max(0, deadline - Date.now()));
    const run = runScan(sweepSource('pre-receive', options, shown, plan), options, shown);
    run.catch(() => undefined);
    const outcome = await Promise.race([run, outOfTime]).catch((error: unknown) => {
      // git refuses the push on any exit but 0: say so before the error itself.
      io.stderr('keyfence: push refused: the pushed commits could not be scanned (the reason follows)\n');
      throw error;
    });
    if (outcome !== 'timeout') {
      if (outcome === 1) io.stderr(REFUSED);
      return outcome;
    }
    expired = true;
    started.stop();
    const seconds = (timeoutMs(argv.timeout) / 1000).toString();
    const scope = `the scan of ${total} pushed commit${total === 1 ? '' : 's'} did not finish within ${seconds} s (--timeout ${seconds})`;
    if (argv.onTimeout === 'accept') {
      io.stderr(`keyfence: warning: ${scope}: push accepted unscanned (--on-timeout accept); run \`keyfence history --all\` on the repository to check it\n`);
      return 0;
    }
    io.stderr(`keyfence: push refused: ${scope}. Push fewer commits at a time, or ask the server's admin to raise --timeout (or to set --on-timeout accept, which lets such pushes through unscanned)\n`);
    return 1;
  } finally {
    clearTimeout(timer);
    policy.remove();
  }
}

export function preReceiveCommand(io: RunIO, setExit: (code: number) => void): CommandModule<object, PreReceiveArgs> {
  return {
    command: 'pre-receive',
    describe: 'server-side hook: scan the commits a push brings (old new ref lines on stdin); refuse it when they hold secrets',
    builder: (yargs) =>
      withCommonOptions(yargs)
        .option('timeout', { type: 'number', describe: `seconds the scan may take before the push is refused (default ${DEFAULT_TIMEOUT})` })
        .option('on-timeout', { choices: ['refuse', 'accept'] as const, describe: 'when --timeout passes: refuse the push (default) or accept it unscanned, with a warning' })
        // Two examples, the long one without a description: yargs fits both columns in the width and broke one command in two.
        .example('printf \'#!/bin/sh\\nexec keyfence pre-receive\\n\' > hooks/pre-receive', '')
        .example('chmod +x hooks/pre-receive', 'install it in a bare repository (see docs/git.md for GitLab and Gitea)') as never,
    handler: async (argv) => setExit(await runPreReceive(argv, io)),
  };
}
