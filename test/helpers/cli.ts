// Runs the real bin/keyfence.js in a child process and captures its exit code and output.
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
