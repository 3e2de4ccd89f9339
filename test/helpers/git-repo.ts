// Temporary real git repositories for tests, and a runner for bin/keyfence.js. No side effects at import.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (build/test/helpers → three levels up). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'keyfence.js');

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A fresh, realistic-looking AWS access key id, built at run time so no whole key sits in the repository. */
export function fakeAccessKeyId(seed = Math.floor(Math.random() * 1e9)): string {
  let s = seed >>> 0 || 1;
  let body = '';
  while (body.length < 16) {
    s = (Math.imul(s ^ (s >>> 13), 0x5bd1e995) + 0x9e3779b9) >>> 0;
    const ch = B32[s % 32] as string;
    if (!body.includes(ch)) body += ch;
  }
  return 'AKIA' + body;
}

export interface Repo {
  dir: string;
  git: (...args: string[]) => string;
  gitResult: (...args: string[]) => SpawnSyncReturns<string>;
  write: (path: string, text: string | Buffer) => void;
  commit: (message: string, files?: Record<string, string>, date?: string) => string;
  keyfence: (args: string[], env?: NodeJS.ProcessEnv) => SpawnSyncReturns<string>;
  remove: () => void;
}


export function makeRepo(options: { init?: boolean; branch?: string } = {}): Repo {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-test-'));
  // A private HOME and no system config: the user's git settings and husky's init.sh stay out of the tests.
  // Code caches for another Node (bin/keyfence.js writes them under XDG_CACHE_HOME or HOME) stay out of the repository.
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, NO_COLOR: '1', XDG_CACHE_HOME: testCacheHome() };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_AUTHOR_DATE', 'GIT_COMMITTER_DATE', 'HUSKY']) delete env[name];
  const gitResult = (...args: string[]): SpawnSyncReturns<string> => spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  const gitAt = (date: string | undefined, args: string[]): string => {
    const result = spawnSync('git', args, { cwd: dir, env: date ? { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  const git = (...args: string[]): string => gitAt(undefined, args);
  const write = (path: string, text: string | Buffer): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  if (options.init !== false) {
    git('init', '-q', '-b', options.branch ?? 'main');
    git('config', 'user.name', 'Test Author');
    git('config', 'user.email', 'author@example.com');
    git('config', 'commit.gpgsign', 'false');
  }
  return {
    dir,
    git,
    gitResult,
    write,
    commit: (message, files = {}, date) => {
      for (const [path, text] of Object.entries(files)) write(path, text);
      git('add', '-A');
      gitAt(date, ['commit', '-q', '--no-verify', '--allow-empty', '-m', message]);
      return git('rev-parse', 'HEAD').trim();
    },
    keyfence: (args, extra = {}) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8', maxBuffer: 64 << 20 }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Parses `--format json` output. */
export function findingsOf(result: SpawnSyncReturns<string>): { file: string; line: number; ruleId: string; commit?: string; author?: string; email?: string; occurrences?: number; message?: string }[] {
  try {
    return (JSON.parse(result.stdout) as { findings: [] }).findings;
  } catch {
    throw new Error(`not JSON (exit ${result.status}): ${result.stdout}\n${result.stderr}`);
  }
}

/** A repository that has keyfence and husky in node_modules, as `npm install` would leave them. */
export function withNodeModules(r: Repo): void {
  r.write('package.json', '{ "name": "demo", "private": true }\n');
  r.write('.gitignore', 'node_modules\n');
  mkdirSync(join(r.dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules', 'husky'), join(r.dir, 'node_modules', 'husky'));
  symlinkSync(join('..', 'husky', 'bin.js'), join(r.dir, 'node_modules', '.bin', 'husky'));
  const shim = join(r.dir, 'node_modules', '.bin', 'keyfence');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(shim, 0o755);
}


/** Two branches edit the same line of f.txt and main merges side, leaving a conflict for the caller to resolve. */
export function startConflictingMerge(r: Repo): void {
  r.commit('base', { 'f.txt': 'a\n' });
  r.git('checkout', '-q', '-b', 'side');
  r.commit('side', { 'f.txt': 'a\nside\n' });
  r.git('checkout', '-q', 'main');
  r.commit('main', { 'f.txt': 'a\nmain\n' });
  r.gitResult('merge', '-q', 'side');
}

// One code cache for the whole run, owned (made and removed) by scripts/run-tests.js; outside it, a folder of tmpdir.
function testCacheHome(): string {
  return process.env['TEST_XDG_CACHE_HOME'] ?? join(tmpdir(), 'keyfence-test-cache');
}
