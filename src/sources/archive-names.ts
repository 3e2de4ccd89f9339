// Which files are archives keyfence opens, by name (cheap enough for every binary file) and by their first bytes.
export type ArchiveKind = 'zip' | 'tar' | 'tar.gz' | 'gz';

const KINDS: readonly [RegExp, ArchiveKind][] = [
  [/\.(zip|jar|war|ear)$/i, 'zip'],
  [/\.(tar\.gz|tgz)$/i, 'tar.gz'],
  [/\.tar$/i, 'tar'],
  [/\.gz$/i, 'gz'],
];

/** The kind of archive a path names, or undefined for any other file. */
export function archiveKind(path: string): ArchiveKind | undefined {
  for (const [name, kind] of KINDS) if (name.test(path)) return kind;
  return undefined;
}

/** Whether bytes start as `kind` does: a text file that merely has an archive's name is scanned as text. */
export function looksLike(kind: ArchiveKind, bytes: Uint8Array): boolean {
  if (kind === 'zip') return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7);
  if (kind === 'tar') return bytes.length >= 512 && (isUstar(bytes) || bytes.subarray(0, 512).includes(0));
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** "ustar" at offset 257: POSIX and GNU tar headers. */
function isUstar(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset + 257, 5).toString('latin1') === 'ustar';
}
