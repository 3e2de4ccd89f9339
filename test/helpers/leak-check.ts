// Leak checks: plants secrets of several kinds in a temporary git repository, runs keyfence, and finds every whole
// secret in what it printed or wrote (stdout, stderr, each file it created or changed). No side effects at import.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { printedForms } from '../../src/report/redact.js';
import { legacyFingerprintOf } from '../../src/allow/fingerprint.js';
import { isGuessable } from '../../src/strength.js';
import { makeZip } from './archives.js';
import { base62Token, seededRandom } from './tokens.js';
import { BIN, fakeKeyId, fakeSecretKey, git, makeRepo, writeFile } from './baseline-repo.js';

/** The planted secrets by kind. None may ever be printed or written whole (except into the git-ignored .env by --fix). */
export interface Planted {
  /** An AWS access key id and its secret access key, one pair finding. */
  awsKeyId: string;
  awsSecret: string;
  /** A password assigned twice on one line: a rule matches only the first copy. */
  password: string;
  /** A GitHub token with a valid CRC32 suffix: a public prefix, a random body. */
  githubToken: string;
  /** A key id that only a commit message holds (a finding at MESSAGE_PATH; the commit also adds one in a file). */
  messageKeyId: string;
  /** Secrets only staged, never committed (the pre-commit hook's case), one of them repeated on its line. */
  stagedPassword: string;
  stagedKeyId: string;
  /** A key id only inside a committed jar (a finding at lib/app.jar!/config/app.properties). */
  archiveKeyId: string;
}

/** Where findings in commit messages are reported (src/types.ts MESSAGE_FILE). */
export const MESSAGE_PATH = '.git/COMMIT_EDITMSG';
/** Where the archive's finding is reported. */
export const ARCHIVE_PATH = 'lib/app.jar!/config/app.properties';
/** Every path a planted secret is found at (for the plain-hash guesses below). */
export const PLANTED_FILES = ['config/credentials', 'deploy.sh', 'src/client.js', 'src/copy.js', 'staged.sh', ARCHIVE_PATH, 'x.env', '.env', MESSAGE_PATH];

export function plantSecrets(): Planted {
  const random = seededRandom(Date.now() % 1e9);
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  return {
    awsKeyId: fakeKeyId(),
    awsSecret: fakeSecretKey(),
    password: ['Tr0ub4dor', '-horse-', digits(4)].join(''),
    githubToken: base62Token(['gh', 'p_'].join(''), random),
    messageKeyId: fakeKeyId(),
    stagedPassword: ['Kangaroo', '#Lamp', digits(3)].join(''),
    stagedKeyId: fakeKeyId(),
    archiveKeyId: fakeKeyId(),
  };
}

/** A message for `keyfence commit-msg`: every kind of planted secret in its lines, more in the comments and the
 *  scissors section (not part of the message: never reported, never printed either). */
export function plantedMessage(s: Planted): string {
  return [
    `deploy: rotate ${s.githubToken}`,
    '',
    `aws_access_key_id = ${s.awsKeyId}`,
    `aws_secret_access_key = ${s.awsSecret}`,
    `DB_PASSWORD="${s.password}" and the old key ${s.messageKeyId}`,
    `# the staged key ${s.stagedKeyId} (a comment line)`,
    '# ------------------------ >8 ------------------------',
    `+OLD_PASSWORD="${s.stagedPassword}"`,
    '',
  ].join('\n');
}

/** A repository whose history holds the planted secrets (one commit message too), with more secrets staged. */
export function buildLeakRepo(s: Planted): string {
  const dir = makeRepo('keyfence-leaks-');
  writeFile(dir, 'config/credentials', `[default]\naws_access_key_id = ${s.awsKeyId}\naws_secret_access_key = ${s.awsSecret}\n`);
  writeFile(dir, 'deploy.sh', `#!/bin/sh\nDB_PASSWORD="${s.password}"; BACKUP_PASSWORD="${s.password}"\n`);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'config and deploy script');
  writeFile(dir, 'src/client.js', `const token = "${s.githubToken}";\nmodule.exports = token;\n`);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', `client: use the new token ${s.githubToken}\n\nThe old key was ${s.messageKeyId}.`);
  // The token again in a second file (history reports it once, with the other file under `locations`), and a jar.
  writeFile(dir, 'src/copy.js', `exports.token = "${s.githubToken}";\n`);
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'lib', 'app.jar'), makeZip([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\n' }, { name: 'config/app.properties', data: `name=demo\naws.accessKeyId=${s.archiveKeyId}\n` }]));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'copy of the client; packaged app');
  writeFile(dir, 'staged.sh', `API_PASSWORD="${s.stagedPassword}"; COPY="${s.stagedPassword}"\nexport AWS_ACCESS_KEY_ID=${s.stagedKeyId}\n`);
  git(dir, 'add', 'staged.sh');
  return dir;
}

/** A private copy of a repository, for a command that writes. */
export function copyRepo(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'keyfence-leaks-copy-'));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

export function removeRepo(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir` (.git included) → its bytes. */
export function snapshotTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const stats = lstatSync(path);
      if (stats.isDirectory()) walk(path);
      else if (stats.isFile()) out.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return out;
}

/** Something keyfence produced: a stream it printed, or a file it created or changed (`before`: its old text). */
export interface Output {
  where: string;
  text: string;
  before?: string;
}

/** The files that differ between two snapshots of one tree. */
export function writtenFiles(before: Map<string, Buffer>, after: Map<string, Buffer>): Output[] {
  const out: Output[] = [];
  for (const [path, bytes] of after) {
    const old = before.get(path);
    if (old && old.equals(bytes)) continue;
    out.push({ where: path, text: bytes.toString('latin1'), ...(old ? { before: old.toString('latin1') } : {}) });
  }
  return out;
}

function count(text: string, value: string): number {
  let n = 0;
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) n++;
  return n;
}

/**
 * The plain hashes an offline guesser would try for each planted guessable secret: its SHA-256 and SHA-1 (the
 * hashed_secret of detect-secrets) and keyfence 0.1's fingerprint for every rule id at every planted path. hash → kind.
 */
export function plainHashGuesses(secrets: Planted, ruleIds: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [kind, value] of Object.entries(secrets)) {
    if (!isGuessable(value)) continue;
    for (const algorithm of ['sha256', 'sha1']) out.set(createHash(algorithm).update(value).digest('hex'), `${kind} (plain ${algorithm})`);
    for (const id of ruleIds) for (const file of PLANTED_FILES) out.set(legacyFingerprintOf(id, file, value), `${kind} (keyfence 0.1 fingerprint)`);
  }
  return out;
}

export interface LeakPolicy {
  /** Files allowed to receive secrets (the git-ignored .env of --fix). */
  mayHoldSecrets?: (where: string) => boolean;
  /** Plain hashes of guessable secrets (plainHashGuesses): none may appear in an output more often than before. */
  guesses?: Map<string, string>;
}

/**
 * Every whole secret in the outputs, as "where: kind" lines. A printed stream must hold none, in any printed form
 * (JSON, XML, workflow-command escapes); a file keyfence wrote must hold no more copies than before it ran (a
 * rewritten source keeps the copies the user left in it). keyfence never writes git objects or refs.
 */
export function findLeaks(outputs: Output[], secrets: Planted, policy: LeakPolicy = {}): string[] {
  const leaks: string[] = [];
  for (const output of outputs) {
    if (/^\.git\/(objects|refs)\//.test(output.where)) {
      leaks.push(`${output.where}: keyfence wrote to the git object store`);
      continue;
    }
    if (policy.mayHoldSecrets?.(output.where)) continue;
    for (const [kind, value] of Object.entries(secrets)) {
      for (const form of printedForms(value)) {
        if (count(output.text, form) > count(output.before ?? '', form)) leaks.push(`${output.where}: ${kind}`);
      }
    }
    for (const hex of new Set(output.text.match(/\b[0-9a-f]{40}(?:[0-9a-f]{24})?\b/g) ?? [])) {
      const kind = policy.guesses?.get(hex);
      if (kind !== undefined && count(output.text, hex) > count(output.before ?? '', hex)) leaks.push(`${output.where}: a hash that confirms a guess of ${kind}`);
    }
  }
  return [...new Set(leaks)];
}

export interface LeakRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout, stderr and every file the run created or changed. */
  outputs: Output[];
}

/** Runs bin/keyfence.js in `dir` with `input` on stdin (asynchronously, so a loopback server in this process can answer it). */
export function runKeyfence(dir: string, args: string[], env: NodeJS.ProcessEnv = {}, input = ''): Promise<LeakRun> {
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of Object.keys(base)) if (name.startsWith('KEYFENCE') || name.startsWith('GITHUB_') || name.startsWith('AWS_')) delete base[name];
  const before = snapshotTree(dir);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.stdin.end(input);
    child.on('close', (status) => resolve({ status, stdout, stderr, outputs: [{ where: 'stdout', text: stdout }, { where: 'stderr', text: stderr }, ...writtenFiles(before, snapshotTree(dir))] }));
  });
}

/** Whether git ignores `path` in `dir` (the .env that --fix fills must be). */
export function isGitIgnored(dir: string, path: string): boolean {
  return existsSync(join(dir, path)) && spawnSync('git', ['check-ignore', '-q', path], { cwd: dir }).status === 0;
}
