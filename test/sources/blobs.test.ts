// BlobReader answers many requests, in any order of sizes, from two long-lived cat-file processes; mayBeText by name.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { BlobReader, mayBeText } from '../../src/sources/blobs.js';
import { makeRepo } from '../helpers/git-repo.js';

const NAMES: { name: string; path: string; want: boolean }[] = [
  { name: 'reads a registry export (often UTF-16)', path: 'conf/settings.reg', want: true },
  { name: 'reads a file without an extension', path: 'Makefile', want: true },
  { name: 'reads a PowerShell script', path: 'deploy.PS1', want: true },
  { name: 'skips an image', path: 'assets/logo.PNG', want: false },
  { name: 'skips an archive', path: 'vendor/lib.tar.gz', want: false },
  { name: 'skips a font', path: 'fonts/a.woff2', want: false },
];

describe('sources/blobs', () => {
  const r = makeRepo();
  after(() => r.remove());
  const texts = ['small\n', 'x'.repeat(70_000), Buffer.from([0xff, 0xfe, 0x41, 0]).toString('latin1'), ''];
  texts.forEach((text, i) => r.write(`f${i}`, Buffer.from(text, 'latin1')));
  r.commit('files');
  const ids = texts.map((_, i) => r.git('rev-parse', `HEAD:f${i}`).trim());

  it('reads blobs whole, in the order asked, many at once', async () => {
    const reader = new BlobReader({ cwd: r.dir });
    const all = await Promise.all([...ids, ...ids].map((id) => reader.read(id, 1 << 20)));
    await reader.close();
    assert.deepEqual(all.map((b) => (b instanceof Buffer ? b.toString('latin1') : b)), [...texts, ...texts]);
  });

  it('says too-large above the limit, and nothing for a missing object or a tree', async () => {
    const reader = new BlobReader({ cwd: r.dir });
    const tree = r.git('rev-parse', 'HEAD^{tree}').trim();
    const answers = await Promise.all([reader.read(ids[1] as string, 1000), reader.read('0'.repeat(40), 1000), reader.read(tree, 1000), reader.read(ids[0] as string, 1000)]);
    await reader.close();
    assert.deepEqual(answers.map((b) => (b instanceof Buffer ? b.toString() : b)), ['too-large', undefined, undefined, 'small\n']);
  });

  it('reads a big blob in time linear in its size: its chunks are joined once, not once per chunk', async () => {
    const text = 'line of a big generated file\n'.repeat(300_000);
    r.write('big.txt', text);
    const id = r.git('hash-object', '-w', 'big.txt').trim();
    const original = Buffer.concat;
    let copied = 0;
    Buffer.concat = ((list: readonly Uint8Array[], length?: number) => {
      copied += length ?? list.reduce((sum, b) => sum + b.length, 0);
      return original(list, length);
    }) as typeof Buffer.concat;
    try {
      const reader = new BlobReader({ cwd: r.dir });
      const bytes = await reader.read(id, 1 << 30);
      await reader.close();
      assert.equal(bytes instanceof Buffer ? bytes.length : bytes, text.length);
    } finally {
      Buffer.concat = original;
    }
    // Joined once (plus headers): re-joining per 64 KB chunk copied the blob's size about 70 times over.
    assert.ok(copied <= 2 * text.length, `copied ${copied} bytes for a ${text.length}-byte blob`);
  });

  for (const { name, path, want } of NAMES) it(`mayBeText ${name}`, () => assert.equal(mayBeText(path), want));
});
