// Build step (run by scripts/bundle.js): makes build/bundle/hook.cjs.cache, the V8 code cache of the hook bundle,
// after one representative hook run (a staged key in a throw-away repository) so the functions it needs are in it.
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCommonJs } from '../build/src/cli/cached-script.cjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'build', 'bundle', 'hook.cjs');
const repo = mkdtempSync(join(tmpdir(), 'keyfence-hook-cache-'));
const draw = (alphabet, n) => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
try {
  const git = (...args) => execFileSync('git', ['-C', repo, ...args], { stdio: 'ignore' });
  git('init', '-q');
  // A generated key pair (never a committed one), a config with a path allowlist, and a clean file.
  const keyId = `AKIA${draw('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
  const secret = draw('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+', 40);
  writeFileSync(join(repo, 'config.js'), `const accessKeyId = "${keyId}";\nconst secretAccessKey = "${secret}";\nexport { accessKeyId, secretAccessKey };\n`);
  writeFileSync(join(repo, 'clean.js'), 'export const region = process.env.AWS_REGION;\n');
  writeFileSync(join(repo, '.keyfence.json'), JSON.stringify({ allow: { paths: ['fixtures/**'] } }));
  git('add', '-A');
  const hook = loadCommonJs(bundle);
  const output = [];
  const io = { cwd: repo, stdin: [], stdout: (t) => output.push(t), stderr: (t) => output.push(t), isTTY: false, env: {} };
  const code = await hook.exports.runHook(io);
  if (code !== 1) throw new Error(`the warm-up run should find the staged key (exit ${code}): ${output.join('').slice(0, 300)}`);
  writeFileSync(`${bundle}.cache`, hook.makeCache());
} finally {
  rmSync(repo, { recursive: true, force: true });
}
