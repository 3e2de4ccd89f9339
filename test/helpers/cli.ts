// Runs the real bin/keyfence.js in a child process and captures its exit code and output.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export const BIN = join(packageRoot, 'bin', 'keyfence.js');

export function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...options.env };
  delete env.KEYFENCE_DEBUG;
  if (options.env?.KEYFENCE_DEBUG) env.KEYFENCE_DEBUG = options.env.KEYFENCE_DEBUG;
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, env, encoding: 'utf8', input: options.input ?? '', timeout: 60_000, maxBuffer: 64 << 20 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A usage error as SPEC.md wants it: exit 2, one line, no stack or internal error, matching each pattern given
 *  (what it names, and the fix). */
export function assertOneLineUsageError(result: CliResult, ...says: RegExp[]): void {
  assert.equal(result.status, 2, result.stderr);
  assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
  assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
  for (const pattern of says) assert.match(result.stderr.trimEnd(), pattern);
}
