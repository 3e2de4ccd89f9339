// Builds zip, tar and gzip archives in memory for tests, byte by byte, so hostile ones (lying sizes, overlapping
// entries, encrypted flags, unsafe names) can be made too. No side effects at import.
import { deflateRawSync, gzipSync } from 'node:zlib';
import { crc32 as crcOfText } from '../../src/detect/checksum.js';

/** CRC-32 of bytes (the project's own, over one latin1 character per byte). */
const crc32 = (data: Buffer): number => crcOfText(data.toString('latin1'));

export interface ZipFile {
  name: string;
  data: Buffer | string;
  /** Store instead of deflating. */
  stored?: boolean;
  /** Sets the "encrypted" flag (the data is left as is: enough for a reader to refuse it). */
  encrypted?: boolean;
  /** Declares this uncompressed size instead of the real one (a lying header). */
  declaredSize?: number;
}

function u16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value);
  return b;
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
}

/** A zip archive of `files`, as a writer of jars and zips lays it out (local headers, data, central directory). */
export function makeZip(files: ZipFile[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const data = Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data);
    const packed = file.stored ? data : deflateRawSync(data);
    // Traditional zip encryption puts a 12-byte header before the data.
    const body = file.encrypted ? Buffer.concat([Buffer.alloc(12, 7), packed]) : packed;
    const method = file.stored ? 0 : 8;
    const flags = (file.encrypted ? 1 : 0) | 0x800;
    const name = Buffer.from(file.name);
    const size = file.declaredSize ?? data.length;
    const crc = crc32(data);
    const common = Buffer.concat([u16(20), u16(flags), u16(method), u16(0), u16(0x21), u32(crc), u32(body.length), u32(size), u16(name.length), u16(0)]);
    const local = Buffer.concat([u32(0x04034b50), common, name, body]);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(files.length), u16(files.length), u32(directory.length), u32(offset), u16(0)]);
  return Buffer.concat([...locals, directory, end]);
}

/** A zip whose `count` central-directory entries all point at one deflated body (an overlapping-entries bomb). */
export function makeOverlappingZip(count: number, data: Buffer): Buffer {
  const body = deflateRawSync(data);
  const name = (i: number): Buffer => Buffer.from(`part-${i}.txt`);
  const common = (i: number): Buffer => Buffer.concat([u16(20), u16(0x800), u16(8), u16(0), u16(0x21), u32(crc32(data)), u32(body.length), u32(data.length), u16(name(i).length), u16(0)]);
  const local = Buffer.concat([u32(0x04034b50), common(0), name(0), body]);
  const central = Buffer.concat(Array.from({ length: count }, (_, i) => Buffer.concat([u32(0x02014b50), u16(20), common(i), u16(0), u16(0), u16(0), u32(0), u32(0), name(i)])));
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(count), u16(count), u32(central.length), u32(local.length), u16(0)]);
  return Buffer.concat([local, central, end]);
}

export interface TarFile {
  name: string;
  data?: Buffer | string;
  /** '0' file (default), '2' symbolic link, '5' folder. */
  type?: '0' | '2' | '5';
}

/** A POSIX (ustar) tar of `files`, ended by two zero blocks. */
export function makeTar(files: TarFile[]): Buffer {
  const blocks: Buffer[] = [];
  for (const file of files) {
    const data = file.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data);
    const header = Buffer.alloc(512);
    header.write(file.name, 0, 100, 'utf8');
    header.write('0000644\0', 100, 'latin1');
    header.write('0000000\0', 108, 'latin1');
    header.write('0000000\0', 116, 'latin1');
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
    header.write('00000000000\0', 136, 'latin1');
    header.write('        ', 148, 'latin1');
    header.write(file.type ?? '0', 156, 'latin1');
    if (file.type === '2') header.write('target', 157, 'latin1');
    header.write('ustar\x0000', 257, 'latin1');
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)]);
}

export function gzip(data: Buffer | string): Buffer {
  return gzipSync(data);
}
