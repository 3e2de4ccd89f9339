// The action: event → commit range → in-process history scan → annotations, job summary, SARIF file, outputs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ScanError, UsageError } from '../errors.js';
import { formatAnnotations } from '../report/github.js';
import { sarifReporter } from '../report/sarif.js';
import { toolVersion } from '../cli/version.js';
import { emptyStats } from '../scan.js';
import { parseMode, planScan, pullRequestInfo, readEvent } from './event.js';
import { resolveBranchHistory, resolveScan } from './range.js';
import { runKeyfence, type ScanOutcome } from './scan.js';
import { buildSummary } from './summary.js';
import { appendSummary, command, getInput, log, setOutput, summarySize, type Runner } from './runner.js';

export const DEFAULT_SARIF = 'keyfence.sarif';
export const DEFAULT_ANNOTATIONS = 10;

interface Inputs {
  config: string;
  baseline: string;
  validate: boolean;
  failOn: string;
  sarif: string;
  mode: ReturnType<typeof parseMode>;
  annotations: number;
}

/** YAML 1.2 core booleans, as @actions/core's getBooleanInput accepts them. */
function parseBoolean(name: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new UsageError(`input ${name}: "${value}" is not a boolean`, 'use true or false');
}

function readInputs(runner: Runner): Inputs {
  const annotations = getInput(runner, 'annotations', String(DEFAULT_ANNOTATIONS));
  if (!/^\d+$/.test(annotations)) throw new UsageError(`input annotations: "${annotations}" is not a whole number`, 'e.g. annotations: 10 (0 turns annotations off)');
  return {
    config: getInput(runner, 'config'),
    baseline: getInput(runner, 'baseline'),
    validate: parseBoolean('validate', getInput(runner, 'validate', 'false')),
    failOn: getInput(runner, 'fail-on'),
    sarif: getInput(runner, 'sarif', DEFAULT_SARIF),
    mode: parseMode(getInput(runner, 'mode', 'auto')),
    annotations: Number(annotations),
  };
}

function cliFlags(inputs: Inputs, validate: boolean): string[] {
  const flags: string[] = [];
  if (inputs.config) flags.push('--config', inputs.config);
  if (inputs.baseline) flags.push('--baseline', inputs.baseline);
  if (validate) flags.push('--validate');
  if (inputs.failOn) flags.push('--fail-on', inputs.failOn);
  return flags;
}

function fail(runner: Runner, message: string, exitCode: number): number {
  command(runner, 'error', message, 'keyfence');
  appendSummary(runner, `## keyfence failed\n\n${message.replace(/\r?\n/g, ' ')}\n`);
  return exitCode;
}

/** Annotations already spent in this step on other lines, per level (GitHub shows 10 of each per step). */
type Spent = Partial<Record<'error' | 'warning' | 'notice', number>>;

function publish(runner: Runner, cwd: string, inputs: Inputs, outcome: ScanOutcome, sarif: ScanOutcome, description: string, notes: string[], spent: Spent): void {
  const { findings } = outcome;
  // The closing "N secrets found" error counts too.
  runner.write(formatAnnotations(findings, inputs.annotations, { ...spent, error: (spent.error ?? 0) + (outcome.exitCode === 1 ? 1 : 0) }));
  const meta = sarif.meta ?? outcome.meta ?? { stats: emptyStats(0), color: false, toolVersion };
  const sarifPath = resolve(cwd, inputs.sarif);
  mkdirSync(dirname(sarifPath), { recursive: true });
  writeFileSync(sarifPath, sarifReporter(sarif.findings, meta));
  appendSummary(runner, buildSummary({ findings, description, notes, sarifPath: inputs.sarif, used: summarySize(runner) }));
  setOutput(runner, 'findings', String(findings.length));
  setOutput(runner, 'sarif', inputs.sarif);
}

export async function runAction(runner: Runner): Promise<number> {
  const cwd = runner.env.GITHUB_WORKSPACE || process.cwd();
  try {
    const inputs = readInputs(runner);
    const event = readEvent(runner.env);
    const request = planScan(inputs.mode, event);
    let validate = inputs.validate;
    const spent: Spent = {};
    if (validate && pullRequestInfo(event)?.fromFork) {
      command(runner, 'notice', 'validate: off for a pull request from a fork (its code could collect the keys keyfence sends to AWS)', 'keyfence');
      spent.notice = 1;
      validate = false;
    }
    const resolved = await resolveScan({ cwd, remote: 'origin', log: (line) => log(runner, line) }, request);
    for (const note of resolved.notes) command(runner, 'warning', note, 'keyfence');
    spent.warning = resolved.notes.length;
    log(runner, `keyfence ${toolVersion}: scanning ${resolved.description}`);
    const outcome: ScanOutcome = resolved.skip ? { exitCode: 0, findings: [], stderr: '' } : await runKeyfence(['history', ...resolved.args, ...cliFlags(inputs, validate)], cwd, runner.env);
    for (const line of outcome.stderr.split('\n').filter(Boolean)) log(runner, line);
    if (outcome.exitCode >= 2) return fail(runner, outcome.stderr.trim().replace(/^keyfence: /gm, '') || `keyfence exited with ${outcome.exitCode}`, outcome.exitCode);
    // A push's SARIF: the branch's whole history (its validation verdicts stay in the annotations and the summary).
    const branch = resolved.skip ? undefined : await resolveBranchHistory({ cwd, remote: 'origin', log: (line) => log(runner, line) }, request);
    const sarif = branch ? await runKeyfence(['history', ...branch, ...cliFlags(inputs, false)], cwd, runner.env) : outcome;
    if (sarif.exitCode >= 2) return fail(runner, sarif.stderr.trim().replace(/^keyfence: /gm, '') || `keyfence exited with ${sarif.exitCode}`, sarif.exitCode);
    publish(runner, cwd, inputs, outcome, sarif, resolved.description, resolved.notes, spent);
    const n = outcome.findings.length;
    log(runner, `keyfence: ${n} finding${n === 1 ? '' : 's'}`);
    if (outcome.exitCode === 1) command(runner, 'error', `${n} secret${n === 1 ? '' : 's'} found in ${resolved.description}; see the job summary`, 'keyfence');
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof ScanError) return fail(runner, `${error.message}${error.hint ? `; ${error.hint}` : ''}`, error.exitCode);
    return fail(runner, `internal error: ${(error as Error).message.split('\n')[0]}; please report it`, 2);
  }
}
