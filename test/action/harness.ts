// Runner simulation for the bundled action: a copy of the action as GitHub downloads it, event/output/summary files,
// INPUT_* variables, and `node dist/index.js` run synchronously or (when a loopback server must answer) asynchronously.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  sarif?: { text: string; doc: unknown };
}

/** The files GitHub downloads for `uses: owner/keyfence@ref` that the action needs: no node_modules, no build/. */
export function copyAction(root: string): string {
  const dir = join(root, 'action');
  for (const entry of ['package.json', 'action.yml', 'dist', 'rules', 'schemas']) cpSync(join(packageRoot, entry), join(dir, entry), { recursive: true });
  return dir;
}

export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) outputs[m[1] as string] = m[3] as string;
  return outputs;
}

let counter = 0;

interface Prepared {
  env: NodeJS.ProcessEnv;
  files: { event: string; output: string; summary: string };
}

function prepare(workspace: string, eventName: string, payload: object, inputs: Record<string, string>, extraEnv: NodeJS.ProcessEnv): Prepared {
  const runnerDir = join(workspace, '..', `runner-${++counter}`);
  mkdirSync(runnerDir, { recursive: true });
  const files = { event: join(runnerDir, 'event.json'), output: join(runnerDir, 'output'), summary: join(runnerDir, 'summary') };
  writeFileSync(files.event, JSON.stringify(payload));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'octo/demo',
    RUNNER_TEMP: runnerDir,
    GIT_TERMINAL_PROMPT: '0',
    ...extraEnv,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return { env, files };
}

function collect(prepared: Prepared, workspace: string, status: number | null, stdout: string, stderr: string): RunResult {
  const outputs = parseOutputs(readFileSync(prepared.files.output, 'utf8'));
  let sarif: RunResult['sarif'];
  if (outputs.sarif) {
    const text = readFileSync(join(workspace, outputs.sarif), 'utf8');
    sarif = { text, doc: JSON.parse(text) };
  }
  return { status, stdout, stderr, outputs, summary: readFileSync(prepared.files.summary, 'utf8'), ...(sarif ? { sarif } : {}) };
}

export function runAction(node: string, actionDir: string, workspace: string, eventName: string, payload: object, inputs: Record<string, string> = {}, extraEnv: NodeJS.ProcessEnv = {}): RunResult {
  const prepared = prepare(workspace, eventName, payload, inputs, extraEnv);
  const result = spawnSync(node, [join(actionDir, 'dist', 'index.js')], { cwd: workspace, env: prepared.env, encoding: 'utf8', timeout: 120_000 });
  return collect(prepared, workspace, result.status, result.stdout, result.stderr);
}

/** Like runAction, but keeps this process's event loop free (a loopback server in the test must answer). */
export function runActionAsync(node: string, actionDir: string, workspace: string, eventName: string, payload: object, inputs: Record<string, string> = {}, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const prepared = prepare(workspace, eventName, payload, inputs, extraEnv);
  return new Promise((done, fail) => {
    const child = spawn(node, [join(actionDir, 'dist', 'index.js')], { cwd: workspace, env: prepared.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done(collect(prepared, workspace, code, stdout, stderr)));
  });
}
