// The verdict cache across runs (--validate-cache HOURS): `valid`/`invalid` verdicts by finding fingerprint, in the
// user's cache folder (XDG_CACHE_HOME, else ~/.cache/keyfence), never in the repository, never holding a secret.
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import type { Verdict } from '../types.js';
import { makeDirs } from '../make-dirs.cjs';

const VERSION = 1;
const FILE = 'verdicts.json';

interface Entry {
  /** When the check ran (ms since the epoch). */
  at: number;
  verdict: Verdict;
}

export interface VerdictCache {
  /** A verdict checked within the expiry, marked with when it was checked. */
  get(fingerprint: string): Verdict | undefined;
  set(fingerprint: string, verdict: Verdict): void;
  /** Writes the file (temp file then rename); a failure is a notice, never the run's end. */
  save(): void;
  readonly path: string;
  readonly hits: number;
}

export function cacheFolder(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'keyfence');
}

function inside(folder: string, root: string): boolean {
  const rel = relative(resolve(root), resolve(folder));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Only answers that say something lasting are kept: an `unknown` is worth asking again next time. */
function lasting(verdict: Verdict): boolean {
  return verdict.status === 'valid' || verdict.status === 'invalid';
}

function readEntries(path: string, notices: string[]): Map<string, Entry> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return new Map();
  }
  try {
    const data = JSON.parse(text) as { version?: unknown; entries?: Record<string, Entry> };
    if (data.version !== VERSION || typeof data.entries !== 'object' || data.entries === null) throw new Error('shape');
    return new Map(Object.entries(data.entries).filter(([, e]) => typeof e?.at === 'number' && typeof e.verdict?.status === 'string'));
  } catch {
    // A cache is disposable: a damaged one costs requests, not findings.
    notices.push(`--validate-cache: ${path} is not a verdict cache keyfence wrote; starting a new one`);
    return new Map();
  }
}

export interface CacheOptions {
  env: NodeJS.ProcessEnv;
  hours: number;
  /** The scanned repository: a cache folder inside it is refused (it would be committed). */
  repoRoot: string;
  notices: string[];
  now?: () => number;
}

export function openVerdictCache(options: CacheOptions): VerdictCache | undefined {
  const folder = cacheFolder(options.env);
  if (inside(folder, options.repoRoot)) {
    options.notices.push(`--validate-cache: the cache folder ${folder} is inside the scanned repository; not caching (set XDG_CACHE_HOME elsewhere)`);
    return undefined;
  }
  const now = options.now ?? Date.now;
  const path = join(folder, FILE);
  const maxAge = options.hours * 3600 * 1000;
  const entries = readEntries(path, options.notices);
  let hits = 0;
  let changed = false;
  for (const [fingerprint, entry] of entries) {
    if (now() - entry.at > maxAge || entry.at > now()) {
      entries.delete(fingerprint);
      changed = true;
    }
  }
  return {
    path,
    get hits() {
      return hits;
    },
    get(fingerprint) {
      const entry = entries.get(fingerprint);
      if (!entry || now() - entry.at > maxAge) return undefined;
      hits++;
      return { ...entry.verdict, cachedAt: new Date(entry.at).toISOString() };
    },
    set(fingerprint, verdict) {
      if (!lasting(verdict) || verdict.cachedAt !== undefined) return;
      const { cachedAt: _cachedAt, ...kept } = verdict;
      entries.set(fingerprint, { at: now(), verdict: kept });
      changed = true;
    },
    save() {
      if (!changed) return;
      const temp = `${path}.${process.pid}.partial`;
      try {
        makeDirs(dirname(path), 0o700);
        const sorted = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
        writeFileSync(temp, `${JSON.stringify({ version: VERSION, entries: sorted })}\n`, { mode: 0o600 });
        chmodSync(temp, 0o600);
        renameSync(temp, path);
        changed = false;
      } catch (error) {
        rmSync(temp, { force: true });
        options.notices.push(`--validate-cache: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); verdicts are not cached`);
      }
    },
  };
}
