// What the next commit would add: the index diffed against HEAD (or the empty tree) → Fragments of added lines.
// Reads only; never touches the work tree, the index or the stash.
import type { Fragment } from '../types.js';
import { GitError } from '../errors.js';
import { EMPTY_TREE, gitLines, linesOf, readBlob, startGit, type GitProcess, type GitRun } from './git.js';
import { diffFragments, type FileDiff } from './diff.js';
import { binaryDiffText } from './blobs.js';

export interface StagedOptions {
  cwd: string;
  maxFileSize: number;
  isPathAllowed?: (path: string) => boolean;
  onSkip: (reason: string, path: string) => void;
  onFile?: (bytes: number) => void;
  /** The diff, if startStagedDiff already started it. */
  started?: GitProcess;
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
async function binaryFragment(diff: FileDiff, options: StagedOptions): Promise<Fragment | undefined> {
  const found = await binaryDiffText(diff, (blob, maxBytes) => readBlob(blob, maxBytes, { cwd: options.cwd }), options.maxFileSize, options.onSkip);
  if (!found) return undefined;
  options.onFile?.(found.bytes);
  return { file: diff.file, text: found.text, blob: diff.blob as string };
}

export async function* stagedFragments(options: StagedOptions): AsyncGenerator<Fragment> {
  const binaries: FileDiff[] = [];
  const onDiff = (diff: FileDiff): void => {
    if (diff.submodule) options.onSkip('submodule', diff.file);
    else if (diff.binary) binaries.push(diff);
  };
  for await (const fragment of diffFragments(stagedDiffLines({ cwd: options.cwd }, options.started), onDiff)) {
    if (options.isPathAllowed?.(fragment.file)) {
      options.onSkip('allowlisted', fragment.file);
      continue;
    }
    if (fragment.text.length > options.maxFileSize) {
      options.onSkip('too-large', fragment.file);
      continue;
    }
    options.onFile?.(Buffer.byteLength(fragment.text));
    yield fragment;
  }
  for (const diff of binaries) {
    if (options.isPathAllowed?.(diff.file)) continue;
    const fragment = await binaryFragment(diff, options);
    if (fragment) yield fragment;
  }
}
