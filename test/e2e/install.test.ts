// The README's Install section, run as written: `npm pack` of this package is served (with its dependencies) by a
// loopback registry, and each command of the section runs in a fresh project: the install, then `npx keyfence scan .`
// there, and once more in a folder that installed nothing (npx fetches it).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, fakeAccessKeyId } from '../helpers/git-repo.js';
import { npmCacheDir, startLocalRegistry, type LocalRegistry } from '../helpers/npm-registry.js';

/** The commands of the README's Install section (its sh block), comments dropped. */
function installCommands(): string[] {
  const section = /\n## Install\n([\s\S]*?)\n## /.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, 'README.md: the Install section shows an sh block');
  return block.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim()).filter(Boolean);
}

function run(command: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ status: number | null; stdout: string; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), (output += chunk.toString())));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, output }));
  });
}

describe('the README\'s Install section', () => {
  const temp = mkdtempSync(join(tmpdir(), 'keyfence-install-'));
  const key = fakeAccessKeyId(41);
  let registry: LocalRegistry;
  let env: NodeJS.ProcessEnv = {};

  before(async () => {
    const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', temp], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(packed.status, 0, packed.stderr);
    const file = join(temp, (JSON.parse(packed.stdout) as { filename: string }[])[0]?.filename ?? '');
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    registry = await startLocalRegistry(join(ROOT, 'package-lock.json'), npmCacheDir(), [{ file, manifest }]);
    // A shell as a user has it: `npm test` hands its children npm_config_* settings (npm_config_yes=false makes npx
    // refuse to fetch). npm's own cache and config stay in the temp folder: the user's cache is only read, by the registry.
    const shell = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
    env = {
      ...shell,
      HOME: join(temp, 'home'),
      npm_config_registry: registry.url,
      npm_config_cache: join(temp, 'npm-cache'),
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      NO_COLOR: '1',
    };
    for (const name of Object.keys(env)) if (name.startsWith('KEYFENCE_') || name.startsWith('GITHUB_')) delete env[name];
    mkdirSync(join(temp, 'home'));
  });
  after(async () => {
    await registry?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  /** A fresh project holding a key: package.json, and for `git`, a repository that ignores node_modules/. */
  const project = (name: string, git: boolean): string => {
    const dir = join(temp, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, version: '1.0.0', private: true }, null, 2)}\n`);
    writeFileSync(join(dir, 'config.js'), `export const id = "${key}";\n`);
    if (git) {
      writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
      assert.equal(spawnSync('git', ['init', '-q'], { cwd: dir, env }).status, 0);
    }
    return dir;
  };

  const assertFound = (result: { status: number | null; stdout: string; output: string }, command: string): void => {
    assert.equal(result.status, 1, `${command}:\n${result.output}\nnot in the loopback registry: ${registry.missing.join(' ')}`);
    assert.match(result.stdout, /config\.js[\s\S]*aws-access-key-id/, result.output);
    assert.ok(!result.output.includes(key), 'the key is never printed whole');
  };

  it('installs keyfence into a project (a git repository ignoring node_modules/), and npx keyfence scan . there finds the key', async () => {
    const commands = installCommands();
    assert.deepEqual(commands.map((c) => c.split(' ').slice(0, 2).join(' ')), ['npm install', 'npx keyfence']);
    const dir = project('installed', true);
    const [install, scan] = commands as [string, string];
    const installed = await run(install, { cwd: dir, env });
    assert.equal(installed.status, 0, `${install}:\n${installed.output}\nnot in the loopback registry: ${registry.missing.join(' ')}`);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
    assert.ok(manifest.devDependencies?.keyfence, 'keyfence is a dev dependency');
    assert.ok(existsSync(join(dir, 'node_modules', '.bin', 'keyfence')));
    assertFound(await run(scan, { cwd: dir, env }), scan);
    writeFileSync(join(dir, 'config.js'), 'export const id = process.env.AWS_ACCESS_KEY_ID;\n');
    const clean = await run(scan, { cwd: dir, env });
    assert.equal(clean.status, 0, clean.output);
  });

  it('runs it once with npx keyfence scan . in a folder that installed nothing', async () => {
    const scan = installCommands()[1] as string;
    const dir = project('once', false);
    assertFound(await run(scan, { cwd: dir, env }), scan);
    assert.ok(!existsSync(join(dir, 'node_modules')), 'nothing installed into the folder');
  });
});
