// archives.ts: the files inside zip, jar, tar, tar.gz and gz archives, named through them; bombs, unsafe names,
// corrupt and encrypted archives as counted skips.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createGzip } from 'node:zlib';
import { archiveFragments, type ArchiveOptions } from '../../src/sources/archives.js';
import { ARCHIVE_LIMITS, type ArchiveLimits } from '../../src/config/defaults.js';
import { gzip, makeOverlappingZip, makeTar, makeZip } from '../helpers/archives.js';

interface Result {
  files: [string, string][];
  skipped: [string, string][];
}

async function expand(path: string, bytes: Buffer, limits: Partial<ArchiveLimits> = {}, maxFileSize = 1024 * 1024): Promise<Result> {
  const result: Result = { files: [], skipped: [] };
  const options: ArchiveOptions = { limits: { ...ARCHIVE_LIMITS, ...limits }, maxFileSize, onSkip: (reason, file) => result.skipped.push([reason, file]) };
  for await (const fragment of archiveFragments(path, bytes, options)) result.files.push([fragment.file, fragment.text]);
  return result;
}

/** gzip of `size` zero bytes, made as a stream (a bomb: about 1000 times smaller than what it expands to). */
function gzipOfZeros(size: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const zip = createGzip({ level: 1 });
    zip.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.on('end', () => resolve(Buffer.concat(chunks)));
    const block = Buffer.alloc(1024 * 1024);
    for (let written = 0; written < size; written += block.length) zip.write(block);
    zip.end();
  });
}

const TEXT = 'db.password=not-a-real-one\n';

describe('archiveFragments', () => {
  const readable: { name: string; path: string; bytes: () => Buffer; want: Result }[] = [
    { name: 'names a file inside a jar through it', path: 'app.jar', bytes: () => makeZip([{ name: 'config/app.properties', data: TEXT }]), want: { files: [['app.jar!/config/app.properties', TEXT]], skipped: [] } },
    {
      name: 'names a jar inside a zip through both',
      path: 'dist/a.zip',
      bytes: () => makeZip([{ name: 'lib/b.jar', data: makeZip([{ name: 'x.properties', data: TEXT }]), stored: true }]),
      want: { files: [['dist/a.zip!/lib/b.jar!/x.properties', TEXT]], skipped: [] },
    },
    { name: 'reads a tar', path: 'b.tar', bytes: () => makeTar([{ name: 'etc/app.env', data: TEXT }, { name: 'etc/', type: '5' }]), want: { files: [['b.tar!/etc/app.env', TEXT]], skipped: [] } },
    { name: 'reads a tar.gz', path: 'b.tar.gz', bytes: () => gzip(makeTar([{ name: './app.env', data: TEXT }])), want: { files: [['b.tar.gz!/app.env', TEXT]], skipped: [] } },
    { name: 'reads a tgz with a zip inside', path: 'c.tgz', bytes: () => gzip(makeTar([{ name: 'in.zip', data: makeZip([{ name: 'k.env', data: TEXT }]) }])), want: { files: [['c.tgz!/in.zip!/k.env', TEXT]], skipped: [] } },
    { name: 'names the file of a lone .gz as the archive without .gz', path: 'dump.sql.gz', bytes: () => gzip(TEXT), want: { files: [['dump.sql.gz!/dump.sql', TEXT]], skipped: [] } },
    { name: 'scans a text file that only has an archive name as the file it is', path: 'notes.gz', bytes: () => Buffer.from(TEXT), want: { files: [['notes.gz', TEXT]], skipped: [] } },
    {
      name: 'counts a binary entry as binary and reads the others',
      path: 'app.war',
      bytes: () => makeZip([{ name: 'logo.png', data: Buffer.from([0x89, 0x50, 0, 0, 1]) }, { name: 'web.xml', data: TEXT }]),
      want: { files: [['app.war!/web.xml', TEXT]], skipped: [['binary', 'app.war!/logo.png']] },
    },
    { name: 'counts a symbolic link in a tar as a symlink', path: 'l.tar', bytes: () => makeTar([{ name: 'link', type: '2' }]), want: { files: [], skipped: [['symlink', 'l.tar!/link']] } },
  ];
  for (const c of readable) it(c.name, async () => assert.deepEqual(await expand(c.path, c.bytes()), c.want));

  const hostile: { name: string; path: string; bytes: () => Buffer | Promise<Buffer>; limits?: Partial<ArchiveLimits>; maxFileSize?: number; want: Result }[] = [
    { name: 'counts a corrupt zip and reads nothing of it', path: 'bad.zip', bytes: () => Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 1), Buffer.alloc(8)]), want: { files: [], skipped: [['archive-corrupt', 'bad.zip']] } },
    { name: 'counts a truncated tar.gz as corrupt', path: 't.tgz', bytes: () => gzip(makeTar([{ name: 'a.env', data: TEXT }])).subarray(0, 20), want: { files: [], skipped: [['archive-corrupt', 't.tgz']] } },
    {
      name: 'counts an encrypted entry and reads the others',
      path: 'e.zip',
      bytes: () => makeZip([{ name: 'secret.env', data: TEXT, encrypted: true, stored: true }, { name: 'open.env', data: TEXT }]),
      want: { files: [['e.zip!/open.env', TEXT]], skipped: [['archive-encrypted', 'e.zip!/secret.env']] },
    },
    {
      name: 'counts path traversal names in a zip as unsafe and reads the others',
      path: 'p.zip',
      bytes: () => makeZip([{ name: '../../etc/cron.d/x', data: TEXT }, { name: '/abs.env', data: TEXT }, { name: 'ok.env', data: TEXT }]),
      want: { files: [['p.zip!/ok.env', TEXT]], skipped: [['archive-unsafe-name', 'p.zip!/../../etc/cron.d/x'], ['archive-unsafe-name', 'p.zip!//abs.env']] },
    },
    { name: 'counts path traversal names in a tar as unsafe', path: 'p.tar', bytes: () => makeTar([{ name: '../up.env', data: TEXT }]), want: { files: [], skipped: [['archive-unsafe-name', 'p.tar!/../up.env']] } },
    { name: 'counts overlapping entries (one body, many names) as a bomb and reads none', path: 'o.zip', bytes: () => makeOverlappingZip(200, Buffer.alloc(1024 * 1024)), want: { files: [], skipped: [['archive-bomb', 'o.zip']] } },
    { name: 'counts an entry that declares a huge ratio as a bomb', path: 'r.zip', bytes: () => makeZip([{ name: 'zeros.txt', data: Buffer.alloc(4 * 1024 * 1024) }, { name: 'ok.env', data: TEXT }]), maxFileSize: 8 * 1024 * 1024, want: { files: [['r.zip!/ok.env', TEXT]], skipped: [['archive-bomb', 'r.zip!/zeros.txt']] } },
    { name: 'counts an entry that inflates past the size it declares as a bomb', path: 'l.zip', bytes: () => makeZip([{ name: 'a.txt', data: Buffer.alloc(300_000, 'a'), declaredSize: 100 }]), want: { files: [], skipped: [['archive-bomb', 'l.zip!/a.txt']] } },
    { name: 'stops inflating a gzip bomb at the limit and counts it as a bomb', path: 'z.gz', bytes: () => gzipOfZeros(64 * 1024 * 1024), want: { files: [], skipped: [['archive-bomb', 'z.gz']] } },
    { name: 'counts a large entry as too large without reading it', path: 'big.zip', bytes: () => makeZip([{ name: 'big.env', data: TEXT.repeat(100) }]), maxFileSize: 1000, want: { files: [], skipped: [['too-large', 'big.zip!/big.env']] } },
    {
      name: 'stops at maxEntries and counts the archive once',
      path: 'many.tar',
      bytes: () => makeTar(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.env`, data: TEXT }))),
      limits: { maxEntries: 3 },
      want: { files: [0, 1, 2].map((i) => [`many.tar!/f${i}.env`, TEXT]), skipped: [['archive-entries', 'many.tar']] },
    },
    { name: 'refuses a zip that declares more than maxEntries before listing them', path: 'many.zip', bytes: () => makeZip(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, data: TEXT }))), limits: { maxEntries: 4 }, want: { files: [], skipped: [['archive-entries', 'many.zip']] } },
    {
      name: 'opens archives only to maxDepth and reads the outer entries',
      path: 'a.zip',
      bytes: () => makeZip([{ name: 'b.jar', data: makeZip([{ name: 'c.zip', data: makeZip([{ name: 'deep.env', data: TEXT }]) }]) }, { name: 'top.env', data: TEXT }]),
      limits: { maxDepth: 2 },
      want: { files: [['a.zip!/top.env', TEXT]], skipped: [['archive-depth', 'a.zip!/b.jar!/c.zip']] },
    },
    {
      name: 'stops when the archive expands past maxTotalBytes',
      path: 't.zip',
      bytes: () => makeZip([{ name: 'a.env', data: TEXT.repeat(40) }, { name: 'b.env', data: TEXT.repeat(40) }]),
      limits: { maxTotalBytes: 1800 },
      want: { files: [['t.zip!/a.env', TEXT.repeat(40)]], skipped: [['archive-too-large', 't.zip']] },
    },
  ];
  for (const c of hostile) it(c.name, async () => assert.deepEqual(await expand(c.path, await c.bytes(), c.limits, c.maxFileSize), c.want));
});
