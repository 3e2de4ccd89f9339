// A loopback npm registry for tests that run npm installs (the pre-commit framework's `language: node` hook, the
// README's install): packuments built from package-lock.json, tarballs read from npm's own cache, plus packages packed
// by the test (keyfence itself), so no request leaves the machine.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

interface LockEntry {
  version?: string;
  integrity?: string;
  link?: boolean;
  [field: string]: unknown;
}

export interface LocalRegistry {
  url: string;
  /** Paths asked for that the registry does not hold (a test can print them when npm fails). */
  missing: string[];
  close: () => Promise<void>;
}

/** A tarball made by `npm pack`, served as its package.json's name and version. */
export interface PackedPackage {
  file: string;
  manifest: { name: string; version: string; [field: string]: unknown };
}

/** Fields of a lock entry that npm reads from a version's manifest when it builds its tree. */
const MANIFEST_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'engines', 'os', 'cpu', 'libc'];

/** npm's cache folder, as the npm on PATH sees it (HOME is often changed in tests, so ask before that). */
export function npmCacheDir(): string {
  const result = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm config get cache failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** cacache keeps each tarball under its sha512 digest (content-v2/sha512/ab/cd/ef…). */
function cachedTarball(cache: string, integrity: string): string | undefined {
  const sha512 = integrity.split(/\s+/).find((part) => part.startsWith('sha512-'));
  if (!sha512) return undefined;
  const hex = Buffer.from(sha512.slice('sha512-'.length), 'base64').toString('hex');
  const file = join(cache, '_cacache', 'content-v2', 'sha512', hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
  return existsSync(file) ? file : undefined;
}

/** Serves every package of `lockFile` whose tarball is in npm's cache (where `npm ci` left it), and `packed`. */
export async function startLocalRegistry(lockFile: string, cache = npmCacheDir(), packed: PackedPackage[] = []): Promise<LocalRegistry> {
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, LockEntry> };
  const versions = new Map<string, Record<string, Record<string, unknown>>>();
  const tarballs = new Map<string, string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.link || !entry.version || !entry.integrity) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const key = `/-/${encodeURIComponent(name)}-${entry.version}.tgz`;
    const file = cachedTarball(cache, entry.integrity);
    if (file) tarballs.set(key, file);
    const manifest: Record<string, unknown> = { name, version: entry.version, dist: { key, integrity: entry.integrity } };
    for (const field of MANIFEST_FIELDS) if (entry[field] !== undefined) manifest[field] = entry[field];
    versions.set(name, { ...versions.get(name), [entry.version]: manifest });
  }
  for (const { file, manifest } of packed) {
    const key = `/-/${encodeURIComponent(manifest.name)}-${manifest.version}.tgz`;
    const integrity = `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
    const served: Record<string, unknown> = { name: manifest.name, version: manifest.version, dist: { key, integrity } };
    for (const field of MANIFEST_FIELDS) if (manifest[field] !== undefined) served[field] = manifest[field];
    tarballs.set(key, file);
    versions.set(manifest.name, { ...versions.get(manifest.name), [manifest.version]: served });
  }
  const missing: string[] = [];
  let base = '';
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] as string;
    const tarball = tarballs.get(path);
    if (tarball) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      createReadStream(tarball).pipe(response);
      return;
    }
    const known = versions.get(decodeURIComponent(path.slice(1)));
    if (!known) {
      missing.push(path);
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":"not found"}');
      return;
    }
    const withUrls = Object.fromEntries(Object.entries(known).map(([version, manifest]) => {
      const dist = manifest.dist as { key: string; integrity: string };
      return [version, { ...manifest, dist: { tarball: `${base}${dist.key.slice(1)}`, integrity: dist.integrity } }];
    }));
    const latest = Object.keys(known).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1) as string;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ name: decodeURIComponent(path.slice(1)), 'dist-tags': { latest }, versions: withUrls }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: base,
    missing,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
