// A CommonJS bundle runs the same with a matching, a foreign, a damaged or no code cache; only its own build's is used.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_V8_FILE, buildStamp, loadCommonJs } from '../../src/cli/cached-script.cjs';
import { packageRoot } from '../../src/paths.js';
import { findNode24 } from '../action/node24.js';
import { makeTempDir } from '../helpers/temp-dir.js';

interface Answer {
  answer: number;
  sep: string;
  dir: string;
}

const BODY = "const { sep } = require('node:path');\nexports.answer = 6 * 7;\nexports.sep = sep;\nexports.dir = __dirname;\n";

/** A module as the build writes it: its content, then the stamp of that content's hash. */
const stamped = (body: string): string => body + buildStamp(createHash('sha256').update(body).digest('hex'));

/** A module in a folder of its own, with the cache `cache` gives for it (none when undefined). */
function moduleWith(source: string, cache: (file: string) => Buffer | undefined): { file: string; cacheFile: string } {
  const dir = makeTempDir('keyfence-cached-');
  const file = join(dir, 'module.cjs');
  writeFileSync(file, source);
  const cacheFile = `${file}.cache`;
  const bytes = cache(file);
  if (bytes) writeFileSync(cacheFile, bytes);
  return { file, cacheFile };
}

/** The cache another module's build would have: same length of body, other content, so another stamp. */
function cacheOfOtherBuild(): Buffer {
  const other = moduleWith(stamped(BODY.replace('6 * 7', '7 * 6')), () => undefined);
  return loadCommonJs(other.file).makeCache() as Buffer;
}

const ownCache = (file: string): Buffer => loadCommonJs(file).makeCache() as Buffer;

// `used` is what keyfence can tell; V8 does not always flag damaged data as rejected, it compiles from source then.
const CASES: { name: string; source: string; cache: (file: string) => Buffer | undefined; used?: boolean }[] = [
  { name: 'runs the module without a cache file', source: stamped(BODY), cache: () => undefined, used: false },
  { name: 'uses the cache made for the same build', source: stamped(BODY), cache: ownCache, used: true },
  { name: 'ignores a cache made for another build of the same length', source: stamped(BODY), cache: cacheOfOtherBuild, used: false },
  { name: 'runs from source when the cache of the right build is damaged', source: stamped(BODY), cache: (file) => Buffer.concat([ownCache(file).subarray(0, 64), Buffer.alloc(400, 7)]) },
  { name: 'ignores an empty cache file', source: stamped(BODY), cache: () => Buffer.alloc(0), used: false },
  { name: 'runs a module without a build stamp and uses no cache for it', source: BODY, cache: () => cacheOfOtherBuild(), used: false },
];

/** bin/ and build/ as installed, but with build/bundle's caches marked as another V8's: every run takes the path of a
 *  Node that is not the build's (Node 24 on a Node 20 build), which writes its cache into the user's cache folder. */
function packageOfOtherV8(): string {
  const dir = makeTempDir('keyfence-other-v8-');
  mkdirSync(join(dir, 'bin'));
  for (const name of readdirSync(join(packageRoot, 'bin'))) copyFileSync(join(packageRoot, 'bin', name), join(dir, 'bin', name));
  mkdirSync(join(dir, 'build', 'bundle'), { recursive: true });
  symlinkSync(join(packageRoot, 'build', 'src'), join(dir, 'build', 'src'));
  for (const name of readdirSync(join(packageRoot, 'build', 'bundle'))) if (name !== CACHE_V8_FILE) symlinkSync(join(packageRoot, 'build', 'bundle', name), join(dir, 'build', 'bundle', name));
  writeFileSync(join(dir, 'build', 'bundle', CACHE_V8_FILE), 'another-v8\n');
  return dir;
}

describe('cli/cached-script', () => {
  for (const { name, source, cache, used } of CASES) {
    it(name, () => {
      const { file, cacheFile } = moduleWith(source, cache);
      const loaded = loadCommonJs<Answer>(file, cacheFile);
      assert.equal(loaded.exports.answer, 42);
      assert.equal(typeof loaded.exports.sep, 'string');
      assert.equal(loaded.exports.dir, join(file, '..'));
      if (used !== undefined) assert.equal(loaded.cacheUsed, used);
    });
  }

  it('makes no cache for a module without a build stamp', () => {
    const { file } = moduleWith(BODY, () => undefined);
    assert.equal(loadCommonJs(file).makeCache(), undefined);
  });

  // Under another Node (the CI's Node 24 run of the build made with Node 20) the build's caches are not this V8's.
  const builtHere = readFileSync(join(packageRoot, 'build', 'bundle', CACHE_V8_FILE), 'latin1') === process.versions.v8;
  const notBuiltHere = builtHere ? false : `the build's caches are for another V8 than ${process.versions.v8}`;
  for (const name of ['hook', 'keyfence']) {
    it(`has a ${name} bundle whose build-time cache this Node accepts`, { skip: notBuiltHere }, () => {
      const bundle = join(packageRoot, 'build', 'bundle', `${name}.cjs`);
      assert.equal(loadCommonJs(bundle, `${bundle}.cache`).cacheUsed, true);
    });
  }

  const node24 = findNode24();
  const nodes = [
    { name: 'the build\'s Node uses the build\'s cache and writes none', node: builtHere ? process.execPath : undefined, writes: false },
    { name: 'Node 24 (whose V8 rejects a Node 20 build\'s cache) writes its own on the first run and uses it on the next', node: 'path' in node24 ? node24.path : undefined, writes: true },
  ];
  for (const c of nodes) {
    it(`keyfence staged: ${c.name}`, { skip: c.writes ? (c.node === undefined && !process.env.CI ? 'no Node 24 here' : false) : notBuiltHere }, () => {
      assert.ok(c.node, 'missing' in node24 ? node24.missing : 'Node 24');
      const repo = makeTempDir('keyfence-cache-repo-');
      const cacheHome = makeTempDir('keyfence-cache-home-');
      try {
        spawnSync('git', ['init', '-q'], { cwd: repo });
        const run = (): number | null => spawnSync(c.node as string, [join(packageRoot, 'bin', 'keyfence.js'), 'staged'], { cwd: repo, env: { ...process.env, XDG_CACHE_HOME: cacheHome } }).status;
        const cacheDir = join(cacheHome, 'keyfence');
        const caches = (): string[] => (existsSync(cacheDir) ? readdirSync(cacheDir) : []);
        assert.equal(run(), 0);
        if (!c.writes) return assert.deepEqual(caches(), []);
        assert.deepEqual(caches().map((f) => f.replace(/-v8-.*/, '')), ['hook.cjs']);
        const written = statSync(join(cacheDir, caches()[0] as string));
        assert.equal(run(), 0);
        const after = statSync(join(cacheDir, caches()[0] as string));
        assert.deepEqual([after.ino, after.mtimeMs], [written.ino, written.mtimeMs], 'used, not written again');
      } finally {
        rmSync(repo, { recursive: true, force: true });
        rmSync(cacheHome, { recursive: true, force: true });
      }
    });
  }
  // Node 20's mkdirSync(…, { recursive: true }) retries forever when a level cannot be made; a cache is only an
  // optimisation, so the run ends as it would with a cache, just slower next time. The timeout is a hang guard.
  const commands = [
    { name: 'keyfence staged (the hook bundle)', args: ['staged'], status: 0 },
    { name: 'keyfence scan (the CLI bundle)', args: ['scan', '.'], status: 0 },
  ];
  for (const { name, args, status } of commands) {
    it(`${name} ends normally when the cache folder can never be made (XDG_CACHE_HOME=/proc/nonexist)`, () => {
      const pkg = packageOfOtherV8();
      const repo = makeTempDir('keyfence-cache-repo-');
      try {
        spawnSync('git', ['init', '-q'], { cwd: repo });
        const result = spawnSync(process.execPath, [join(pkg, 'bin', 'keyfence.js'), ...args], { cwd: repo, encoding: 'utf8', timeout: 30_000, env: { ...process.env, XDG_CACHE_HOME: '/proc/nonexist' } });
        assert.equal(result.signal, null, 'killed by the hang guard: the cache writer did not return');
        assert.equal(result.status, status, result.stderr);
        assert.doesNotMatch(result.stderr, /error|nonexist/i);
      } finally {
        rmSync(pkg, { recursive: true, force: true });
        rmSync(repo, { recursive: true, force: true });
      }
    });
  }

  it('writes the cache of another V8 into a cache folder whose parents do not exist yet', () => {
    const pkg = packageOfOtherV8();
    const repo = makeTempDir('keyfence-cache-repo-');
    try {
      spawnSync('git', ['init', '-q'], { cwd: repo });
      const cacheHome = join(repo, 'not', 'yet');
      const result = spawnSync(process.execPath, [join(pkg, 'bin', 'keyfence.js'), 'staged'], { cwd: repo, encoding: 'utf8', timeout: 30_000, env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(readdirSync(join(cacheHome, 'keyfence')).map((f) => f.replace(/-v8-.*/, '')), ['hook.cjs']);
    } finally {
      rmSync(pkg, { recursive: true, force: true });
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
