// fileFragments: gitignore (in and out of git), binary, too large, CRLF, invalid UTF-8, UTF-16, odd names, symlinks.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileFragments, keptReadBufferBytes, type FileSourceOptions } from '../../src/sources/files.js';

async function collect(dir: string, overrides: Partial<FileSourceOptions> = {}): Promise<{ files: Record<string, string>; skipped: string[]; unread: string[] }> {
  const skipped: string[] = [];
  const files: Record<string, string> = {};
  const unread: string[] = [];
  const options: FileSourceOptions = { cwd: dir, base: dir, inGit: false, gitignore: true, maxFileSize: 1000, onSkip: (reason, path) => skipped.push(`${reason}:${path}`), ...overrides };
  for await (const fragment of fileFragments(['.'], options)) {
    if (fragment.unread) unread.push(fragment.file);
    else files[fragment.file] = fragment.text;
  }
  return { files, skipped: skipped.sort(), unread };
}

function makeTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-files-'));
  mkdirSync(join(dir, 'sub', 'deep'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n*.log\n');
  writeFileSync(join(dir, 'sub', '.gitignore'), 'deep/\n');
  writeFileSync(join(dir, 'node_modules', 'x', 'index.js'), 'ignored');
  writeFileSync(join(dir, 'app.log'), 'ignored');
  writeFileSync(join(dir, 'sub', 'deep', 'hidden.txt'), 'ignored');
  writeFileSync(join(dir, 'sub', 'kept.txt'), 'kept');
  writeFileSync(join(dir, 'crlf.txt'), 'a\r\nb\r\n');
  writeFileSync(join(dir, 'bad-utf8.txt'), Buffer.from([0x61, 0xff, 0x62]));
  writeFileSync(join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi', 'utf16le')]));
  writeFileSync(join(dir, 'image.bin'), Buffer.from([0x89, 0x50, 0x00, 0x01]));
  writeFileSync(join(dir, 'big.txt'), 'x'.repeat(2000));
  writeFileSync(join(dir, 'name with spaces "and" quotes ✓.txt'), 'odd');
  symlinkSync('sub', join(dir, 'link-to-sub'));
  symlinkSync('self', join(dir, 'self'));
  return dir;
}

const wantFiles = ['.gitignore', 'bad-utf8.txt', 'crlf.txt', 'name with spaces "and" quotes ✓.txt', 'sub/.gitignore', 'sub/kept.txt', 'utf16.txt'];
const wantSkipped = ['binary:image.bin', 'symlink:link-to-sub', 'symlink:self', 'too-large:big.txt'];

describe('sources/files', () => {
  const plain = makeTree();
  const repo = makeTree();
  execFileSync('git', ['init', '-q'], { cwd: repo });
  const dirs: string[] = [];
  after(() => {
    rmSync(plain, { recursive: true, force: true });
    rmSync(repo, { recursive: true, force: true });
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('honours nested .gitignore files in a plain folder', async () => {
    const { files, skipped } = await collect(plain);
    assert.deepEqual(Object.keys(files).sort(), wantFiles);
    assert.deepEqual(skipped, wantSkipped);
  });

  it('hands a skipped binary file on unread, so rules that judge its name still see it', async () => {
    const { unread, files } = await collect(plain);
    assert.deepEqual(unread, ['image.bin']);
    assert.ok(!('image.bin' in files));
  });

  it('lists the same files through git inside a work tree', async () => {
    const { files, skipped } = await collect(repo, { inGit: true });
    assert.deepEqual(Object.keys(files).sort(), wantFiles);
    assert.deepEqual(skipped, wantSkipped);
  });

  it('scans ignored files with --no-gitignore', async () => {
    const { files } = await collect(plain, { gitignore: false });
    assert.ok('app.log' in files && 'node_modules/x/index.js' in files && 'sub/deep/hidden.txt' in files);
  });

  it('keeps CRLF text as is, replaces invalid UTF-8 and decodes UTF-16 with a BOM', async () => {
    const { files } = await collect(plain);
    assert.equal(files['crlf.txt'], 'a\r\nb\r\n');
    assert.equal(files['bad-utf8.txt'], 'a\uFFFDb');
    assert.equal(files['utf16.txt'], 'hi');
  });

  it('skips allowlisted paths before reading them', async () => {
    const { files, skipped } = await collect(plain, { isPathAllowed: (p) => p.startsWith('sub/') });
    assert.ok(!('sub/kept.txt' in files));
    assert.ok(skipped.includes('allowlisted:sub/kept.txt'));
  });

  it('reads a symbolic link to a file when it is named as an argument (a folder walk still skips links)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyfence-files-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'real.ini'), 'target text');
    symlinkSync('real.ini', join(dir, 'link.ini'));
    const files: Record<string, string> = {};
    const skipped: string[] = [];
    const options: FileSourceOptions = { cwd: dir, base: dir, inGit: false, gitignore: true, maxFileSize: 1000, onSkip: (reason, path) => skipped.push(`${reason}:${path}`) };
    for await (const fragment of fileFragments(['link.ini'], options)) files[fragment.file] = fragment.text;
    assert.deepEqual([files, skipped], [{ 'link.ini': 'target text' }, []]);
  });
  it('reads files of every size whole, and keeps at most 1 MiB of read buffer after a large one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyfence-files-'));
    dirs.push(dir);
    const sizes = { 'small.txt': 10, 'grown.txt': 200 * 1024, 'large.txt': 3 * 1024 * 1024, 'after.txt': 20 };
    for (const [name, size] of Object.entries(sizes)) writeFileSync(join(dir, name), 'k'.repeat(size - 1) + '\n');
    const { files } = await collect(dir, { maxFileSize: 8 * 1024 * 1024 });
    assert.deepEqual(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, text.length])), sizes);
    assert.ok(keptReadBufferBytes() <= 1024 * 1024, `kept ${keptReadBufferBytes()} bytes`);
  });
});
