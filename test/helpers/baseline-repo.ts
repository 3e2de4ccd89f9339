// Temp git repositories, generated fake keys and a runner for bin/keyfence.js (no side effects at import).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomInt } from 'node:crypto';
import { packageRoot } from '../../src/paths.js';
import { makeTempDir } from './temp-dir.js';

export const BIN = join(packageRoot, 'bin', 'keyfence.js');

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomFrom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A random, well-formed AWS access key id (generated so no real-looking token sits in the repo). */
export function fakeKeyId(): string {
  return ['AK', 'IA', randomFrom(BASE32, 16)].join('');
}

/** A random 40-character secret access key. */
export function fakeSecretKey(): string {
  return randomFrom(BASE64, 40);
}

export function git(dir: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Like git(), but returns the exit status instead of throwing (merges that may conflict). */
export function gitStatus(dir: string, ...args: string[]): { status: number; output: string } {
  const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

export function makeRepo(prefix = 'keyfence-baseline-'): string {
  const dir = makeTempDir(prefix);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'config', 'core.autocrlf', 'false');
  return dir;
}

export function writeFile(dir: string, file: string, text: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
}

export function readText(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

export function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function keyfence(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  // Every KEYFENCE_* variable is a flag (yargs .env): none may leak in from the caller's shell.
  for (const name of Object.keys(base)) if (name.startsWith('KEYFENCE_') || name === 'GITHUB_ACTIONS') delete base[name];
  // SARIF carries every rule's metadata (about 2 KB each): past ~500 rules it outgrows spawnSync's 1 MiB default buffer.
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...base, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
