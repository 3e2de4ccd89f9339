// Finds a Node 24 binary for running the action as runners do: $KEYFENCE_NODE24, a cached install, or the `node`
// package from the npm registry (it ships the official binaries) installed once into node_modules/.cache.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

const CACHE = join(packageRoot, 'node_modules', '.cache', 'keyfence-node24');
const binaryIn = (prefix: string): string => join(prefix, 'node_modules', 'node', 'bin', 'node');

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
  if (majorOf(binaryIn(CACHE)) === 24) return { path: binaryIn(CACHE) };
  // Test files run in parallel: each installs into its own folder and the first rename wins.
  const staging = `${CACHE}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(CACHE), { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', staging, 'node@24'], { encoding: 'utf8', timeout: 300_000 });
  if (majorOf(binaryIn(staging)) === 24) {
    try {
      renameSync(staging, CACHE);
    } catch {
      // Another test file finished first; use its copy.
    }
  }
  rmSync(staging, { recursive: true, force: true });
  if (existsSync(binaryIn(CACHE)) && majorOf(binaryIn(CACHE)) === 24) return { path: binaryIn(CACHE) };
  const detail = `${result.stderr ?? ''}${result.error?.message ?? ''}`.trim().split('\n').slice(-3).join(' / ');
  return { missing: `npm install node@24 failed (exit ${String(result.status)}): ${detail || 'no output'}` };
}
