// Finds a Node 24 binary for running the action as runners do: $KEYFENCE_NODE24, a cached install, or the `node`
// package from the npm registry (it ships the official binaries) installed once into node_modules/.cache.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

const CACHE = join(packageRoot, 'node_modules', '.cache', 'keyfence-node24');
const BINARY = join(CACHE, 'node_modules', 'node', 'bin', 'node');

function majorOf(binary: string): number | undefined {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  const m = /^v(\d+)\./.exec(result.stdout ?? '');
  return result.status === 0 && m ? Number(m[1]) : undefined;
}

/** The path of a Node 24 binary, or the reason there is none. */
export function findNode24(): { path: string } | { missing: string } {
  if (majorOf(process.execPath) === 24) return { path: process.execPath };
  const fromEnv = process.env.KEYFENCE_NODE24;
  if (fromEnv) return majorOf(fromEnv) === 24 ? { path: fromEnv } : { missing: `KEYFENCE_NODE24=${fromEnv} is not a Node 24 binary` };
  if (existsSync(BINARY) && majorOf(BINARY) === 24) return { path: BINARY };
  mkdirSync(CACHE, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', CACHE, 'node@24'], { encoding: 'utf8', timeout: 300_000 });
  if (existsSync(BINARY) && majorOf(BINARY) === 24) return { path: BINARY };
  return { missing: `npm install node@24 failed: ${(result.stderr || result.error?.message || '').split('\n').find((l) => l.trim()) ?? 'no output'}` };
}
