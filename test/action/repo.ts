// Builds the runner-simulation repositories: an origin with a base branch, a PR branch (key added then removed,
// a merge bringing a key in from a side branch) and clones of it, full or shallow, as actions/checkout leaves them.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A generated, realistic-looking AWS access key id (never a real one; never stored whole in the repo). */
export function makeKeyId(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest();
  let body = '';
  for (let i = 0; i < 16; i++) body += BASE32[(bytes[i] as number) % 32];
  // An old-format 5th character (I/J) carries no account; keep the account decodable.
  return `AKIA${body.replace(/^[IJ]/, 'Q')}`;
}

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${result.stderr}`);
  return result.stdout.trim();
}

function commitFile(repo: string, file: string, text: string, message: string): string {
  const path = join(repo, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

export interface Scenario {
  root: string;
  /** file:// URL of the bare origin. */
  originUrl: string;
  source: string;
  keys: { onBaseBefore: string; addedThenRemoved: string; fromSide: string; inMerge: string; onBaseAfter: string };
  /** Base tip at PR time (main), PR head (feature), the side branch tip, the fork point. */
  sha: { base: string; head: string; side: string; forkPoint: string; removed: string; merge: string };
  prCommits: number;
  cleanup: () => void;
}

/**
 * main:    c0 (key on base) ─ c1 ───────────────────────────── c2 (key on base, after the fork)
 * side:                       └ s1 (key K-side) ─────────┐
 * feature:                    └ f1 (key added) ─ f2 ─ f3 (key removed) ─ merge(side, adds its own key) ─ f5
 */
export function buildScenario(): Scenario {
  const root = mkdtempSync(join(tmpdir(), 'keyfence-action-'));
  const source = join(root, 'source');
  mkdirSync(source);
  git(source, 'init', '-q', '-b', 'main');
  git(source, 'config', 'user.name', 'Test User');
  git(source, 'config', 'user.email', 'test@example.com');
  git(source, 'config', 'commit.gpgsign', 'false');
  const keys = { onBaseBefore: makeKeyId('base-before'), addedThenRemoved: makeKeyId('pr-added'), fromSide: makeKeyId('side'), inMerge: makeKeyId('merge'), onBaseAfter: makeKeyId('base-after') };
  commitFile(source, 'old.env', `AWS_ACCESS_KEY_ID=${keys.onBaseBefore}\n`, 'c0: old key on main');
  const forkPoint = commitFile(source, 'README.md', '# demo\n', 'c1: readme');
  git(source, 'checkout', '-q', '-b', 'side');
  const side = commitFile(source, 'side/creds.env', `AWS_ACCESS_KEY_ID=${keys.fromSide}\n`, 's1: side key');
  git(source, 'checkout', '-q', '-b', 'feature', forkPoint);
  commitFile(source, 'app/config.js', `export const keyId = "${keys.addedThenRemoved}";\nexport const region = "us-east-1";\n`, 'f1: add config with a key');
  commitFile(source, 'app/util.js', 'export const one = 1;\n', 'f2: util');
  const removed = commitFile(source, 'app/config.js', 'export const keyId = process.env.AWS_ACCESS_KEY_ID;\nexport const region = "us-east-1";\n', 'f3: remove the key');
  // The merge commit also adds a key of its own (an "evil merge"): only a scan of merges' own changes sees it.
  git(source, 'merge', '-q', '--no-ff', '--no-commit', 'side');
  writeFileSync(join(source, 'app/merged.env'), `AWS_ACCESS_KEY_ID=${keys.inMerge}\n`);
  git(source, 'add', '-A');
  git(source, 'commit', '-q', '-m', 'f4: merge side');
  const merge = git(source, 'rev-parse', 'HEAD');
  const head = commitFile(source, 'app/util.js', 'export const one = 1;\nexport const two = 2;\n', 'f5: more util');
  git(source, 'checkout', '-q', 'main');
  const base = commitFile(source, 'later.env', `AWS_ACCESS_KEY_ID=${keys.onBaseAfter}\n`, 'c2: key on main after the fork');
  const origin = join(root, 'origin.git');
  git(root, 'clone', '-q', '--bare', source, origin);
  return {
    root,
    originUrl: `file://${origin}`,
    source,
    keys,
    sha: { base, head, side, forkPoint, removed, merge },
    prCommits: 6,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A checkout as actions/checkout leaves it: `depth` 0 = full history with all branches, else shallow at `ref`. */
export function checkout(scenario: Scenario, name: string, ref: string, depth = 0): string {
  const dir = join(scenario.root, name);
  if (depth > 0) {
    git(scenario.root, 'clone', '-q', '--no-tags', `--depth=${depth}`, '--branch', ref, scenario.originUrl, dir);
  } else {
    git(scenario.root, 'clone', '-q', scenario.originUrl, dir);
    git(dir, 'checkout', '-q', ref);
  }
  git(dir, 'config', 'user.name', 'Test User');
  git(dir, 'config', 'user.email', 'test@example.com');
  return dir;
}
