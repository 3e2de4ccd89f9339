// The action: event → commit range → in-process history scan → annotations, job summary, SARIF file, outputs.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ScanError, UsageError } from '../errors.js';
import { makeDirs } from '../make-dirs.cjs';
import { isSystemError, whyRefused, writeFailure } from '../write-failure.js';
import { formatAnnotations } from '../report/github.js';
import { sarifReporter } from '../report/sarif.js';
import { toolVersion } from '../version.js';
import { emptyStats } from '../scan.js';
import { parseMode, planScan, pullRequestInfo, readEvent } from './event.js';
import { resolveBranchHistory, resolveScan, type ResolvedScan } from './range.js';
import { prFiles, type PrFiles } from './pr-files.js';
import { tmpdir } from 'node:os';
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
  trustPrConfig: boolean;
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
    trustPrConfig: parseBoolean('trust-pr-config', getInput(runner, 'trust-pr-config', 'false')),
  };
}

/** `files`: --config/--baseline of the base commit's copies (a pull request), in place of the inputs. */
function cliFlags(inputs: Inputs, validate: boolean, mayValidate: boolean, files?: PrFiles): string[] {
  const flags: string[] = [];
  if (files && files.flags.length > 0) flags.push(...files.flags);
  else {
    if (inputs.config) flags.push('--config', inputs.config);
    if (inputs.baseline) flags.push('--baseline', inputs.baseline);
  }
  // Only the workflow decides: its input, or `validate` in a config it names. A config from the repository (or
  // from the base commit, passed as --config) never turns validation on by itself.
  if (validate) flags.push('--validate');
  else if (!mayValidate || !inputs.config) flags.push('--no-validate');
  if (inputs.failOn) flags.push('--fail-on', inputs.failOn);
  return flags;
}

function fail(runner: Runner, message: string, exitCode: number): number {
  command(runner, 'error', message, 'keyfence');
  try {
    appendSummary(runner, `## keyfence failed\n\n${message.replace(/\r?\n/g, ' ')}\n`);
  } catch (error) {
    // The summary itself may be what failed: the error annotation above already says why the step failed.
    if (!(error instanceof ScanError)) throw error;
  }
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
  try {
    // Not mkdirSync's recursive mode: it never returns on Node 20 for a folder under /proc (see make-dirs.cts).
    makeDirs(dirname(sarifPath));
    writeFileSync(sarifPath, sarifReporter(sarif.findings, meta));
  } catch (error) {
    throw writeFailure(error, `input sarif: ${inputs.sarif}`, 'write the SARIF file', 'set the sarif input to a path inside the workspace (default keyfence.sarif)', sarifPath);
  }
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
    const fromFork = pullRequestInfo(event)?.fromFork === true;
    if (validate && fromFork) {
      command(runner, 'notice', 'validate: off for a pull request from a fork (its code could collect the keys keyfence sends to AWS)', 'keyfence');
      spent.notice = 1;
      validate = false;
    }
    const resolved = await resolveScan({ cwd, remote: 'origin', log: (line) => log(runner, line) }, request);
    for (const note of resolved.notes) command(runner, 'warning', note, 'keyfence');
    const files = request.kind === 'range' && pullRequestInfo(event) && !resolved.skip ? await prFiles({ cwd, temp: runner.env.RUNNER_TEMP || tmpdir(), base: request.base, head: request.head, config: inputs.config, baseline: inputs.baseline, trust: inputs.trustPrConfig }) : undefined;
    try {
      const notes = [...resolved.notes, ...reportWidening(runner, files, inputs.trustPrConfig)];
      spent.warning = notes.length;
      log(runner, `keyfence ${toolVersion}: scanning ${resolved.description}`);
      // A push's SARIF: the branch's whole history (its validation verdicts stay in the annotations and the summary).
      const branch = resolved.skip ? undefined : await resolveBranchHistory({ cwd, remote: 'origin', log: (line) => log(runner, line) }, request);
      const plan: PublishPlan = { resolved, notes, spent, flags: cliFlags(inputs, validate, !fromFork, files), sarifFlags: cliFlags(inputs, false, !fromFork, files), ...(branch ? { branch } : {}), ...(files?.ignoreFile ? { ignoreFile: files.ignoreFile } : {}) };
      return await scanAndPublish(runner, cwd, inputs, plan);
    } finally {
      files?.cleanup();
    }
  } catch (error) {
    if (error instanceof ScanError) return fail(runner, `${error.message}${error.hint ? `; ${error.hint}` : ''}`, error.exitCode);
    if (isSystemError(error)) return fail(runner, `${error.path ?? error.syscall}: cannot ${error.syscall}: ${whyRefused(error, error.path)}; check the runner's paths (GITHUB_WORKSPACE, RUNNER_TEMP) and the inputs`, 2);
    return fail(runner, `internal error: ${(error as Error).message.split('\n')[0]}; please report it`, 2);
  }
}

/** One warning annotation per suppression file the pull request widens; the same lines go to the job summary. */
function reportWidening(runner: Runner, files: PrFiles | undefined, trusted: boolean): string[] {
  const notes: string[] = [];
  for (const { file, changes } of files?.widenings ?? []) {
    const effect = trusted ? 'applied, as trust-pr-config is true' : "not applied: this scan used the base commit's version (merging applies it; trust-pr-config: true applies a pull request's own files)";
    const message = `${file}: this pull request widens what keyfence lets through: ${changes.join('; ')}. ${effect}`;
    command(runner, 'warning', message, 'keyfence: pull request widens the allowlist', file);
    notes.push(message);
  }
  return notes;
}

interface PublishPlan {
  resolved: ResolvedScan;
  notes: string[];
  spent: Spent;
  flags: string[];
  /** Flags of the SARIF's own sweep (never validating). */
  sarifFlags: string[];
  /** History arguments of the branch's whole history, for a push's SARIF. */
  branch?: string[];
  ignoreFile?: string;
}

async function scanAndPublish(runner: Runner, cwd: string, inputs: Inputs, plan: PublishPlan): Promise<number> {
  const { resolved, notes, spent, ignoreFile } = plan;
  const outcome: ScanOutcome = resolved.skip ? { exitCode: 0, findings: [], stderr: '' } : await runKeyfence(['history', ...resolved.args, ...plan.flags], cwd, runner.env, ignoreFile);
  for (const line of outcome.stderr.split('\n').filter(Boolean)) log(runner, line);
  if (outcome.exitCode >= 2) return fail(runner, outcome.stderr.trim().replace(/^keyfence: /gm, '') || `keyfence exited with ${outcome.exitCode}`, outcome.exitCode);
  const sarif = plan.branch ? await runKeyfence(['history', ...plan.branch, ...plan.sarifFlags], cwd, runner.env, ignoreFile) : outcome;
  if (sarif.exitCode >= 2) return fail(runner, sarif.stderr.trim().replace(/^keyfence: /gm, '') || `keyfence exited with ${sarif.exitCode}`, sarif.exitCode);
  publish(runner, cwd, inputs, outcome, sarif, resolved.description, notes, spent);
  const n = outcome.findings.length;
  log(runner, `keyfence: ${n} finding${n === 1 ? '' : 's'}`);
  if (outcome.exitCode === 1) command(runner, 'error', `${n} secret${n === 1 ? '' : 's'} found in ${resolved.description}; see the job summary`, 'keyfence');
  return outcome.exitCode;
}
