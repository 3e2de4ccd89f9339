// Test helpers for --fix: generated AWS keys, temp git repos, fixture trees with placeholders, snapshots. No side effects at import.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '../helpers/temp-dir.js';

export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const BIN = join(PACKAGE_ROOT, 'bin', 'keyfence.js');
export const FIXTURES = join(PACKAGE_ROOT, 'fixtures', 'fix');

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

/** A random, well-formed AWS access key id (never a real one: the odds are nil) and a 40-char secret. */
export function generateAwsPair(): { keyId: string; secret: string } {
  const makeKeyId = (): string => 'AK' + 'IA' + pick('ABCDEFGHKLMNOPQRSTUVWXYZ234567', 16);
  const makeSecret = (): string => pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 40);
  let keyId = makeKeyId();
  while (entropy(keyId) < 3.5) keyId = makeKeyId();
  let secret = makeSecret();
  while (entropy(secret) < 4.6 || /example/i.test(secret)) secret = makeSecret();
  return { keyId, secret };
}

export type Placeholders = Record<string, string>;

export function placeholdersFor(pair: { keyId: string; secret: string }): Placeholders {
  return { '{{AWS_KEY_ID}}': pair.keyId, '{{AWS_SECRET}}': pair.secret };
}

export function fill(text: string, values: Placeholders): string {
  let out = text;
  for (const [key, value] of Object.entries(values)) out = out.split(key).join(value);
  return out;
}

export function unfill(text: string, values: Placeholders): string {
  let out = text;
  for (const [key, value] of Object.entries(values)) out = out.split(value).join(key);
  return out;
}

/** Every file under `dir` (relative paths, forward slashes), .git excluded. */
export function listTree(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === '.git') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listTree(path, base));
    else out.push(relative(base, path).split('\\').join('/'));
  }
  return out;
}

export function copyTree(from: string, to: string, values: Placeholders): void {
  for (const file of listTree(from)) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    writeFileSync(join(to, file), fill(readFileSync(join(from, file), 'latin1'), values), 'latin1');
  }
}

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

export function makeRepo(): string {
  const dir = makeTempDir('keyfence-fix-');
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'core.autocrlf', 'false');
  return dir;
}

export function keyfence(cwd: string, ...args: string[]): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of Object.keys(env)) if (name.startsWith('KEYFENCE_') || name.startsWith('GITHUB_')) delete env[name];
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env });
}

/** Bytes of every work-tree file plus the index file: equal snapshots mean nothing was written. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of listTree(dir)) out.set(file, readFileSync(join(dir, file)).toString('base64') + ':' + (statSync(join(dir, file)).mode & 0o777));
  try {
    out.set('.git/index', readFileSync(join(dir, '.git', 'index')).toString('base64'));
  } catch {
    // No index yet.
  }
  return out;
}
