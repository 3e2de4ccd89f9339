// What a push brings (the pre-receive hook): git's `old new ref` lines → rev-list arguments selecting exactly the
// commits no existing ref reaches (`new… --not --all`). Runs inside git's quarantine, whose environment
// (GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES, GIT_QUARANTINE_PATH) every git process inherits, so the
// pushed objects are readable before they are accepted.
import { InputError } from '../errors.js';
import { gitTry, type GitRun } from './git.js';

export interface RefUpdate {
  old: string;
  new: string;
  ref: string;
}

const ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ZERO = /^0+$/;

/** The updates git hands the hook on stdin, one `<old> <new> <ref>` per line. */
export function parseRefUpdates(text: string): RefUpdate[] {
  const updates: RefUpdate[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const [old = '', next = '', ref = '', ...rest] = line.trim().split(/\s+/);
    if (!ID.test(old) || !ID.test(next) || ref === '' || rest.length > 0) {
      throw new InputError(`pre-receive: stdin line ${i + 1}: expected "<old-id> <new-id> <ref>", as git gives a pre-receive hook`, 'install keyfence pre-receive as the hooks/pre-receive of the repository (see docs/git.md)');
    }
    updates.push({ old, new: next, ref });
  });
  return updates;
}

export interface PushSelection {
  /** rev-list arguments of the new commits ([] when the push brings none). */
  revs: string[];
  /** Refs whose update needs no scan: deleted, or pointing at no commit (a tag of a tree or blob). */
  skipped: { reason: 'deleted-ref' | 'not-a-commit'; ref: string }[];
}

/** Every commit the updates bring that no ref of the repository reaches yet: a new branch from where it leaves the
 *  existing ones, a force-push from where it diverges, a tag only for commits not on any branch. */
export async function pushRevs(updates: RefUpdate[], run: GitRun): Promise<PushSelection> {
  const tips = new Set<string>();
  const skipped: PushSelection['skipped'] = [];
  for (const update of updates) {
    if (ZERO.test(update.new)) {
      skipped.push({ reason: 'deleted-ref', ref: update.ref });
      continue;
    }
    // An annotated tag is peeled to its commit; one of a tree or a blob has no commits to scan.
    const commit = (await gitTry(['rev-parse', '--verify', '--quiet', '--end-of-options', `${update.new}^{commit}`], run))?.trim();
    if (commit) tips.add(commit);
    else skipped.push({ reason: 'not-a-commit', ref: update.ref });
  }
  return { revs: tips.size === 0 ? [] : [...tips, '--not', '--all'], skipped };
}
