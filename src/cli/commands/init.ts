// `keyfence init`: installs the pre-commit hook (husky's .husky/pre-commit, else the git hooks folder).
import { relative } from 'node:path';
import type { CommandModule } from 'yargs';
import type { RunIO } from '../run.js';
import { installHook } from '../../sources/hooks.js';

interface InitArgs {
  force?: boolean;
  followSymlinks?: boolean;
}

export function initCommand(io: RunIO, setExit: (code: number) => void): CommandModule<object, InitArgs> {
  return {
    command: 'init',
    describe: 'install the pre-commit hook (husky when set up, else .git/hooks/pre-commit)',
    builder: (yargs) => yargs
      .option('force', { type: 'boolean', describe: 'append to a pre-commit hook that is not keyfence\'s (never replaces it)' })
      .option('follow-symlinks', { type: 'boolean', describe: 'write through a hook that is a symbolic link, into the file it points to' }) as never,
    handler: async (argv) => {
      const plan = await installHook(io.cwd, argv.force === true, argv.followSymlinks === true);
      const shown = relative(io.cwd, plan.file) || plan.file;
      const what = plan.action === 'unchanged' ? `${shown} already runs keyfence staged; nothing to do` : `${plan.action} ${shown}: it runs \`keyfence staged\` before each commit`;
      io.stdout(`keyfence: ${what}${plan.kind === 'husky' ? ' (husky)' : ''}\n`);
      for (const note of plan.notes) io.stdout(`keyfence: note: ${note}\n`);
      setExit(0);
    },
  };
}
