// `keyfence audit [PATH..]`: interactive triage of the findings of a scan, the history (--history) or the baseline
// (--baselined), one at a time on a terminal.
import type { CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { givenPaths } from '../options.js';
import type { RunIO } from '../run.js';
import type { AuditArgs } from '../audit/run.js';

export function auditCommand(io: RunIO, setExit: (code: number) => void): CommandModule<object, AuditArgs> {
  return {
    command: 'audit [paths..]',
    describe: 'walk the findings one at a time on a terminal: mark false positives (.keyfence-ignore), real, skip',
    builder: (yargs) =>
      yargs
        .positional('paths', { type: 'string', array: true, describe: 'files or folders to scan (default .)' })
        .option('history', { type: 'boolean', describe: 'audit the findings of the git history (commits of HEAD)' })
        .option('all', { type: 'boolean', describe: 'with --history: the commits of every branch, tag and other ref' })
        .option('baselined', { type: 'boolean', describe: 'audit the findings the baseline suppresses (to move false ones to .keyfence-ignore)' })
        .option('reset', { type: 'boolean', describe: 'forget saved decisions and position; start from the first finding' })
        .option('config', { alias: 'c', type: 'string', describe: 'config file (default .keyfence.json at the repository root)' })
        .option('baseline', { type: 'string', describe: 'baseline file (default .keyfence-baseline.json, if present)' })
        .option('gitignore', { type: 'boolean', default: true, describe: 'honour .gitignore (--no-gitignore scans ignored files too)' })
        .option('max-file-size', { type: 'number', describe: 'skip (and count) files larger than BYTES (default 1048576)' })
        .option('threads', { type: 'number', describe: 'with --history: cores for its git processes (default: all)' })
        .option('color', { type: 'boolean', describe: 'colours (default on unless NO_COLOR is set); --no-color turns them off' })
        .example('keyfence audit', 'triage the findings of the working tree')
        .example('keyfence audit --history', 'triage the findings of every commit of HEAD')
        .example('keyfence audit --baselined', 'review what the baseline hides') as never,
    handler: async (argv) => {
      // Checked before any scanning: keys are read from the terminal and screens drawn on it.
      const stdinIsTTY = (io.stdin as { isTTY?: boolean }).isTTY === true;
      if (!stdinIsTTY || !io.isTTY) throw new UsageError(`keyfence audit needs an interactive terminal (${stdinIsTTY ? 'stdout' : 'stdin'} is not a TTY)`, 'run it in a terminal; in scripts and CI use `keyfence scan --format json`');
      if (argv.history && givenPaths(argv).length > 0) throw new UsageError('--history takes no PATH arguments', 'run `keyfence audit --history` from the repository');
      if (argv.all && !argv.history) throw new UsageError('--all applies only with --history', 'run `keyfence audit --history --all`');
      // Loaded only here: nothing else pays for the audit's modules.
      const { runAudit } = await import('../audit/run.js');
      setExit(await runAudit(argv, io));
    },
  };
}
