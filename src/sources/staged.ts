// What the next commit would add: the index diffed against HEAD (or the empty tree) → Fragments of added lines.
// Reads only; never touches the work tree, the index or the stash.
import type { Fragment } from '../types.js';
import { GitError } from '../errors.js';
import { EMPTY_TREE, gitLines, gitTry, linesOf, startGit, type GitProcess, type GitRun } from './git.js';
import { diffFragments, type FileDiff } from './diff.js';
import { BlobReader, archiveBlobFragments, binaryDiffText, unreadFragment } from './blobs.js';
import { archiveKind } from './archive-names.js';
import type { ArchiveLimits } from '../config/defaults.js';

export interface StagedOptions {
  cwd: string;
  maxFileSize: number;
  isPathAllowed?: (path: string) => boolean;
  onSkip: (reason: string, path: string) => void;
  onFile?: (bytes: number) => void;
  /** The diff, if startStagedDiff already started it. */
  started?: GitProcess;
  /** Reads staged blobs (binary files); shared with whoever reads pair context, who then closes it. */
  blobs?: BlobReader;
  /** Staged archives are opened within these bounds; absent (--no-archives), they are counted as `archive`. */
  archives?: ArchiveLimits;
}

/** Plumbing (diff-index) ignores diff.external, textconv, colour and prefix settings a user may have. */
export function stagedDiffArgs(base: string): string[] {
  return [
    '-c', 'core.quotePath=false',
    'diff-index', '--cached', '-p', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--full-index',
    '-M', '--diff-filter=ACMR', '--ignore-submodules=all', '--src-prefix=a/', '--dst-prefix=b/', base, '--',
  ];
}

const NO_HEAD = /bad revision 'HEAD'|ambiguous argument 'HEAD'|unknown revision|bad default revision/i;

/** Starts the index diff at once, so git works while keyfence sets up its rules; hand it to stagedFragments. */
export function startStagedDiff(cwd: string): GitProcess {
  const git = startGit(stagedDiffArgs('HEAD'), { cwd }, true);
  git.child.stdin.end();
  // Read (or stopped) later; a failure is reported by whoever reads it.
  git.finished.catch(() => undefined);
  return git;
}

async function* stagedDiffLines(run: GitRun, early?: GitProcess): AsyncGenerator<string> {
  let started = false;
  try {
    for await (const line of linesOf(early ?? startStagedDiff(run.cwd))) {
      started = true;
      yield line;
    }
  } catch (error) {
    // No HEAD yet (first commit, orphan branch): everything staged is new, so diff against the empty tree.
    if (started || !(error instanceof GitError) || !NO_HEAD.test(error.message)) throw error;
    yield* gitLines(stagedDiffArgs(EMPTY_TREE), run);
  }
}

/** Binary by git's rules (or by a `-diff` attribute): read the staged blob and scan it whole if it is text after all. */
async function binaryFragment(diff: FileDiff, options: StagedOptions, blobs: BlobReader): Promise<Fragment | undefined> {
  const found = await binaryDiffText(diff, (blob, maxBytes) => blobs.read(blob, maxBytes), options.maxFileSize, options.onSkip);
  if (!found) return unreadFragment(diff);
  options.onFile?.(found.bytes);
  return { file: diff.file, text: found.text, blob: diff.blob as string };
}

/** A bare repository has no index nor work tree: its empty diff would pass for a clean commit. */
async function refuseBare(run: GitRun): Promise<void> {
  if ((await gitTry(['rev-parse', '--is-bare-repository'], run))?.trim() !== 'true') return;
  throw new GitError('staged: this is a bare repository, which has no index: nothing can be staged here', 'run keyfence staged in a work tree (a clone), or keyfence history to scan the commits');
}

export async function* stagedFragments(options: StagedOptions): AsyncGenerator<Fragment> {
  const binaries: FileDiff[] = [];
  let files = 0;
  const onDiff = (diff: FileDiff): void => {
    files++;
    if (diff.submodule) options.onSkip('submodule', diff.file);
    else if (diff.binary) binaries.push(diff);
    else if (diff.tooLarge) options.onSkip(options.isPathAllowed?.(diff.file) ? 'allowlisted' : 'too-large', diff.file);
  };
  // Blobs (binary files) are read through cat-file, sizes first: nothing above the limit is read at all.
  const blobs = options.blobs ?? new BlobReader({ cwd: options.cwd });
  try {
    for await (const fragment of diffFragments(stagedDiffLines({ cwd: options.cwd }, options.started), onDiff, options.maxFileSize)) {
      if (options.isPathAllowed?.(fragment.file)) {
        options.onSkip('allowlisted', fragment.file);
        continue;
      }
      options.onFile?.(Buffer.byteLength(fragment.text));
      yield fragment;
    }
    for (const diff of binaries) {
      if (options.isPathAllowed?.(diff.file)) continue;
      if (archiveKind(diff.file)) {
        if (!options.archives) options.onSkip('archive', diff.file);
        else yield* archiveBlobFragments(diff, (blob, maxBytes) => blobs.read(blob, maxBytes), { ...options, archives: options.archives });
        continue;
      }
      const fragment = await binaryFragment(diff, options, blobs);
      if (fragment) yield fragment;
    }
    if (!options.blobs) await blobs.close();
    // Nothing staged: say so plainly where nothing can be (only asked then, so a commit with changes pays nothing).
    if (files === 0) await refuseBare({ cwd: options.cwd });
  } finally {
    if (!options.blobs) blobs.stop();
  }
}
