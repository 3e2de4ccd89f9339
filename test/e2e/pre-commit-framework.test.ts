// The real pre-commit framework (Debian's `pre-commit`, installed by .ci/run) with the README's
// .pre-commit-config.yaml: it reads .pre-commit-hooks.yaml, installs the `language: node` hook from this repository
// with npm (from a loopback registry, offline) and runs both hooks, and the commit-msg hook, on real `git commit`s.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BIN, ROOT, fakeAccessKeyId, makeRepo, type Repo } from '../helpers/git-repo.js';
import { npmCacheDir, startLocalRegistry, type LocalRegistry } from '../helpers/npm-registry.js';

/** The README's config for the framework: the yaml block that starts with `repos:`. */
function readmeConfig(): string {
  const block = /```yaml\n(# \.pre-commit-config\.yaml\n(?:default_install_hook_types: .*\n)?repos:\n[\s\S]*?)```/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1];
  assert.ok(block, 'README.md shows a .pre-commit-config.yaml');
  return block;
}

/** This work tree as a hook repository at one commit (pre-commit clones a rev): tracked and new files, as they are. */
function snapshotRepository(into: string): string {
  const files = spawnSync('git', ['-C', ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(into, file)), { recursive: true });
    try {
      copyFileSync(join(ROOT, file), join(into, file));
    } catch {
      // Deleted in the work tree but not yet from the index: not part of the snapshot.
    }
  }
  const git = (...args: string[]): string => spawnSync('git', ['-C', into, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8' }).stdout;
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'snapshot');
  return git('rev-parse', 'HEAD').trim();
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
}

describe('the pre-commit framework with the README\'s config', () => {
  const temp = mkdtempSync(join(tmpdir(), 'keyfence-pre-commit-'));
  const repos: Repo[] = [];
  let registry: LocalRegistry;
  let rev = '';
  let env: NodeJS.ProcessEnv = {};

  before(async () => {
    const cache = npmCacheDir();
    registry = await startLocalRegistry(join(ROOT, 'package-lock.json'), cache);
    rev = snapshotRepository(join(temp, 'keyfence'));
    // keyfence-system calls a keyfence on PATH, as a global install leaves it.
    mkdirSync(join(temp, 'bin'));
    writeFileSync(join(temp, 'bin', 'keyfence'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(temp, 'bin', 'keyfence'), 0o755);
    env = {
      PRE_COMMIT_HOME: join(temp, 'pre-commit-home'),
      PATH: `${join(temp, 'bin')}:${process.env.PATH ?? ''}`,
      npm_config_registry: registry.url,
      npm_config_cache: cache,
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
  });
  after(async () => {
    await registry?.close();
    repos.forEach((r) => r.remove());
    rmSync(temp, { recursive: true, force: true });
  });

  for (const hook of ['keyfence', 'keyfence-system']) {
    it(`${hook}: a commit adding an AWS key is refused, a clean one goes through`, async () => {
      const r = makeRepo();
      repos.push(r);
      const config = readmeConfig()
        .replace(/repo: \S+/, `repo: ${join(temp, 'keyfence')}`)
        .replace(/rev: \S+/, `rev: ${rev}`)
        .replace(/id: keyfence\b/, `id: ${hook}`);
      r.write('.pre-commit-config.yaml', config);
      r.git('add', '.pre-commit-config.yaml');
      // The hook environment (npm install of this repository) is made here, while this process serves the registry.
      const install = await run('pre-commit', ['install', '--install-hooks'], { cwd: r.dir, env: { ...process.env, HOME: r.dir, ...env } });
      assert.equal(install.status, 0, `${install.output}\nnot in the loopback registry: ${registry.missing.join(' ')}\n(pre-commit missing? apt-get install pre-commit, as .ci/run does)`);

      r.write('config.js', `export const id = "${fakeAccessKeyId()}";\n`);
      r.git('add', 'config.js');
      const refused = await run('git', ['commit', '-m', 'add config'], { cwd: r.dir, env: { ...process.env, HOME: r.dir, ...env } });
      assert.equal(refused.status, 1, refused.output);
      assert.match(refused.output, /commit refused: the staged changes hold secrets/);
      assert.equal(r.gitResult('rev-parse', '--verify', '-q', 'HEAD').status, 1, 'no commit was made');

      r.write('config.js', 'export const id = process.env.AWS_ACCESS_KEY_ID;\n');
      r.git('add', 'config.js');
      const accepted = await run('git', ['commit', '-m', 'add config'], { cwd: r.dir, env: { ...process.env, HOME: r.dir, ...env } });
      assert.equal(accepted.status, 0, accepted.output);
      assert.match(accepted.output, /keyfence.*Passed/);

      // default_install_hook_types installed the commit-msg hook too: a clean change whose message holds a key.
      r.write('notes.txt', 'rotated\n');
      r.git('add', 'notes.txt');
      const message = await run('git', ['commit', '-m', `rotate\n\nthe old key was ${fakeAccessKeyId()}`], { cwd: r.dir, env: { ...process.env, HOME: r.dir, ...env } });
      assert.equal(message.status, 1, message.output);
      assert.match(message.output, /commit refused: the commit message holds secrets/);
      assert.equal(r.git('rev-list', '--count', 'HEAD').trim(), '1', 'no commit was made');
    });
  }
});
