// `keyfence commit-msg FILE`: what the commit-msg hook runs; scans the message being committed (git passes its file).
import type { CommandModule } from 'yargs';
import { withCommonOptions, type CommonOptions } from '../options.js';
import type { RunIO } from '../run.js';
import type { Fragment } from '../../types.js';

interface CommitMsgArgs extends CommonOptions {
  file: string;
}

export function commitMsgCommand(io: RunIO, setExit: (code: number) => void): CommandModule<object, CommitMsgArgs> {
  return {
    command: 'commit-msg <file>',
    describe: 'scan a commit message file, as a commit-msg hook (git passes its path: keyfence commit-msg "$1")',
    builder: (yargs) =>
      withCommonOptions(yargs)
        .positional('file', { type: 'string', describe: 'the message file (.git/COMMIT_EDITMSG); comment lines and the scissors section are left out, as git does' })
        .example('keyfence commit-msg .git/COMMIT_EDITMSG', 'what .husky/commit-msg and .git/hooks/commit-msg run') as never,
    handler: async (argv) => setExit(await runCommitMsg(argv, io)),
  };
}

export async function runCommitMsg(options: CommitMsgArgs, io: RunIO): Promise<number> {
  const [{ runScan }, { hookMessage }] = await Promise.all([import('../run.js'), import('../../sources/message-file.js')]);
  // Read before the rules load: an unreadable file fails fast.
  const message = await hookMessage(io.cwd, options.file);
  const code = await runScan(
    {
      command: 'commit-msg',
      fragments: () =>
        (async function* (): AsyncGenerator<Fragment> {
          if (message) yield message;
        })(),
    },
    options,
    io,
  );
  if (code === 1) io.stderr('keyfence: commit refused: the commit message holds secrets (see above). Take them out and commit again (git keeps the message: git commit -e -F .git/COMMIT_EDITMSG); a false alarm: add `keyfence:allow` to the line. Skip once at your own risk: git commit --no-verify\n');
  return code;
}
