// `keyfence init`: installs the pre-commit hook (husky's .husky/pre-commit, else the git hooks folder), then the
// commit-msg hook next to it.
import { relative } from 'node:path';
import type { CommandModule } from 'yargs';
import type { RunIO } from '../run.js';
import { COMMIT_MSG, installHook, type HookPlan } from '../../sources/hooks.js';
import { UsageError } from '../../errors.js';

interface InitArgs {
  force?: boolean;
  followSymlinks?: boolean;
}

function say(io: RunIO, plan: HookPlan, runs: string, when: string): void {
  const shown = relative(io.cwd, plan.file) || plan.file;
  const what = plan.action === 'unchanged' ? `${shown} already runs ${runs}; nothing to do` : `${plan.action} ${shown}: it runs \`${runs}\` ${when}`;
  io.stdout(`keyfence: ${what}${plan.kind === 'husky' ? ' (husky)' : ''}\n`);
  for (const note of plan.notes) io.stdout(`keyfence: note: ${note}\n`);
}

export function initCommand(io: RunIO, setExit: (code: number) => void): CommandModule<object, InitArgs> {
  return {
    command: 'init',
    describe: 'install the pre-commit and commit-msg hooks (husky when set up, else .git/hooks)',
    builder: (yargs) => yargs
      .option('force', { type: 'boolean', describe: 'append to a pre-commit or commit-msg hook that is not keyfence\'s (never replaces it)' })
      .option('follow-symlinks', { type: 'boolean', describe: 'write through a hook that is a symbolic link, into the file it points to' }) as never,
    handler: async (argv) => {
      const force = argv.force === true;
      const follow = argv.followSymlinks === true;
      const plan = await installHook(io.cwd, force, follow);
      say(io, plan, 'keyfence staged', 'before each commit');
      // The pre-commit hook is the one that must be there; a commit-msg hook keyfence may not touch is a note.
      try {
        say(io, await installHook(io.cwd, force, follow, COMMIT_MSG), 'keyfence commit-msg', 'on each commit message');
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        io.stdout(`keyfence: note: commit messages are not checked: ${error.message}${error.hint ? `; ${error.hint}` : ''}\n`);
      }
      setExit(0);
    },
  };
}
