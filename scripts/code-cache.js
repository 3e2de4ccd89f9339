// Build step (run by scripts/bundle.js): makes build/bundle/{hook,keyfence}.cjs.cache, the V8 code caches of the two
// bundles, each after representative runs in a throw-away repository, so the functions those runs need are in it.
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_V8_FILE, loadCommonJs } from '../build/src/cli/cached-script.cjs';

const bundleDir = fileURLToPath(new URL('../build/bundle/', import.meta.url));
const repo = mkdtempSync(join(tmpdir(), 'keyfence-code-cache-'));
const draw = (alphabet, n) => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
const output = [];
const io = { cwd: repo, stdin: [], stdout: (t) => output.push(t), stderr: (t) => output.push(t), isTTY: false, env: { PATH: process.env.PATH } };

/** Loads a bundle, runs `warmUp` with its exports (each run must exit 1: it finds the key), writes the cache. */
async function cache(name, warmUp) {
  const file = join(bundleDir, `${name}.cjs`);
  const bundle = loadCommonJs(file);
  for (const code of await warmUp(bundle.exports)) {
    if (code !== 1) throw new Error(`${name}: a warm-up run should find the generated key (exit ${code}): ${output.join('').slice(0, 300)}`);
  }
  const cache = bundle.makeCache();
  if (!cache) throw new Error(`${name}.cjs has no build stamp`);
  writeFileSync(`${file}.cache`, cache);
  // Another Node's V8 rejects these caches: bin/keyfence.js then uses Node's own compile cache instead.
  writeFileSync(join(bundleDir, CACHE_V8_FILE), process.versions.v8);
}

try {
  const git = (...args) => execFileSync('git', ['-C', repo, ...args], { stdio: 'ignore' });
  git('init', '-q');
  git('config', 'user.name', 'keyfence build');
  git('config', 'user.email', 'build@keyfence.invalid');
  // A generated key pair (never a committed one), a config with a path allowlist, and a clean file.
  const keyId = `AKIA${draw('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
  const secret = draw('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+', 40);
  writeFileSync(join(repo, 'config.js'), `const accessKeyId = "${keyId}";\nconst secretAccessKey = "${secret}";\nexport { accessKeyId, secretAccessKey };\n`);
  writeFileSync(join(repo, 'clean.js'), 'export const region = process.env.AWS_REGION;\n');
  writeFileSync(join(repo, '.keyfence.json'), JSON.stringify({ allow: { paths: ['fixtures/**'] } }));
  git('add', '-A');
  await cache('hook', async ({ runHook }) => [await runHook(io)]);
  git('commit', '-q', '-m', 'add config');
  writeFileSync(join(repo, 'staged.env'), `AWS_ACCESS_KEY_ID=AKIA${draw('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}\n`);
  git('add', 'staged.env');
  // What CLI runs do most: the sweep, a folder scan, the staged changes through yargs.
  process.chdir(repo);
  await cache('keyfence', async ({ main }) => [await main(['history', '--quiet'], io), await main(['scan', '.', '--quiet'], io), await main(['staged', '--format', 'json'], io)]);
} finally {
  process.chdir(tmpdir());
  rmSync(repo, { recursive: true, force: true });
}
