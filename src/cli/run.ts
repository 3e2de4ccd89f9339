// Shared driver of the scanning commands: config → engine → source → steps → report → exit code.
import { closeSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RAW, type Finding, type Fragment, type Stats } from '../types.js';
import { ScanError, UsageError } from '../errors.js';
import { whyRefused } from '../write-failure.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/defaults.js';
import { createEngine, emptyStats, scanFragments, sortFindings, type Engine } from '../scan.js';
import { REPORTERS } from '../report/index.js';
import { isKeyfenceReport } from '../report/recognize.js';
import { printableLines } from '../report/printable.js';
import { maskFindings, maskReportMeta, printedForms, redactLine, SecretIndex, secretsOfFinding } from '../report/redact.js';
import type { ReportMeta } from '../report/types.js';
import { AWS_NOTE, LANGUAGE_NOTES } from '../remediate/notes.js';
import { prepareFingerprints, warmFingerprint } from '../allow/fingerprint.js';
import { detectFragment } from '../detect/engine.js';
import { FINDING_STEPS, type StepContext } from './steps.js';
import type { CommonOptions } from './options.js';
import { toolVersion } from './version.js';
import { filterResults, selectedResults } from './results.js';

export interface RunIO {
  cwd: string;
  stdin: AsyncIterable<Buffer | string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** The .keyfence-ignore to use instead of the repository's (the Action's base-commit copy in a pull request). */
  ignoreFile?: string;
}

export interface ScanSource {
  command: string;
  fragments: (engine: Engine, stats: Stats) => AsyncIterable<Fragment>;
  /** Findings straight from the source (the files scan on worker threads); replaces fragments → scanFragments. */
  findings?: (engine: Engine, stats: Stats) => AsyncIterable<Finding>;
  /** Combine findings across fragments (history de-duplication); default keeps them all. */
  collect?: (findings: AsyncIterable<Finding>, stats: Stats) => Promise<Finding[]>;
}

export function chooseFormat(options: CommonOptions, env: NodeJS.ProcessEnv): string {
  const format = options.format ?? (env.GITHUB_ACTIONS === 'true' && REPORTERS.github ? 'github' : 'text');
  if (!REPORTERS[format]) throw new UsageError('--format: unknown format', `use one of: ${Object.keys(REPORTERS).join(', ')}`);
  return format;
}

function useColor(options: CommonOptions, io: RunIO): boolean {
  if (options.color === false || io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (options.color === true) return true;
  return io.isTTY && io.env.TERM !== 'dumb';
}

/** With --show-secrets, put the whole secret back into the report fields. */
function reveal(finding: Finding): Finding {
  const raw = finding[RAW];
  const written = raw.lineText.slice(finding.column - 1, finding.endColumn - 1);
  const shown: Finding = { ...finding, secret: raw.secret, match: redactLine(raw.lineText, finding.column, written, true) };
  if (shown.aws && raw.pairedId) shown.aws = { ...shown.aws, accessKeyId: raw.pairedId };
  return shown;
}

export function exitCodeFor(findings: Finding[], failOn: 'any' | 'valid' | 'unknown'): number {
  const failing = findings.filter((f) => {
    if (failOn === 'any') return true;
    const status = f.validation?.status;
    if (failOn === 'valid') return status === 'valid';
    return status === 'valid' || status === 'unknown';
  });
  return failing.length > 0 ? 1 : 0;
}

/** The start of a regular file, enough to recognise a report; undefined when there is no regular file there. */
function headOf(path: string): string | undefined {
  let fd: number | undefined;
  try {
    if (!statSync(path).isFile()) return undefined;
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(64 * 1024);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** --output may replace an earlier report, never a file of the user's (a scanned file, a config, notes). */
function refuseForeignOutput(path: string, shown: string): void {
  const head = headOf(path);
  if (head !== undefined && !isKeyfenceReport(head)) {
    throw new UsageError(`--output ${shown}: the file exists and is not a keyfence report; writing the report would overwrite it`, 'name a new file, or remove this one first if it is yours to lose');
  }
}

/** Written to a file beside it, then renamed over it: a reader never sees half a report, and a run that fails
 *  midway leaves no torn file. */
function writeReport(given: string, shown: string, text: string): void {
  let partial: string | undefined;
  try {
    // Checked again as it is written: the scan may have taken minutes.
    refuseForeignOutput(given, shown);
    const existing = statSync(given, { throwIfNoEntry: false });
    // A device or a pipe (/dev/stdout) is written as it is; a link is followed to the file it names.
    if (existing && !existing.isFile()) return writeFileSync(given, text);
    const path = existing ? realpathSync(given) : given;
    partial = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
    writeFileSync(partial, text, { flag: 'wx' });
    renameSync(partial, path);
  } catch (error) {
    if (partial) rmSync(partial, { force: true });
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    // The temp file's path is ours, not the user's: only the folder's absence or the kind of error is said.
    const why = code === 'ENOENT' ? 'its folder does not exist' : whyRefused(error, (error as NodeJS.ErrnoException).path);
    throw new UsageError(`--output ${shown}: cannot write the report: ${why}`, 'name a file in an existing, writable folder', { cause: error });
  }
}

/** The engine and empty stats for a run: applies --max-file-size and KEYFENCE_DEBUG tracing to the config's engine. */
export function startEngine(config: Config, options: Pick<CommonOptions, 'maxFileSize' | 'archives'>, io: RunIO): { engine: Engine; stats: Stats } {
  if (options.archives === false) config.archives = { ...config.archives, enabled: false };
  if (options.maxFileSize !== undefined) {
    if (Number.isNaN(options.maxFileSize)) throw new UsageError('--max-file-size: not a number', 'e.g. --max-file-size 1048576');
    if (!Number.isInteger(options.maxFileSize) || options.maxFileSize < 1) throw new UsageError('--max-file-size: must be a whole number of bytes', 'e.g. --max-file-size 1048576');
    config.maxFileSize = options.maxFileSize;
  }
  const debug = io.env.KEYFENCE_DEBUG === '1';
  const engine = createEngine(config, debug ? (ruleId, reason) => io.stderr(`debug: ${ruleId}: dropped: ${reason}\n`) : undefined);
  return { engine, stats: emptyStats(engine.ruleSet.rules.length) };
}

/** Every finding of a source, before the finding steps (baseline, validation, suggestions). */
export async function collectSource(source: ScanSource, engine: Engine, stats: Stats): Promise<Finding[]> {
  const stream = source.findings ? source.findings(engine, stats) : scanFragments(source.fragments(engine, stats), engine, stats);
  if (source.collect) return source.collect(stream, stats);
  const findings: Finding[] = [];
  for await (const finding of stream) {
    findings.push(finding);
    // Guessable secrets' fingerprints hash on the thread pool while the scan goes on.
    warmFingerprint(finding).catch(() => undefined);
  }
  return findings;
}

/** Secrets in the commit messages of history findings (a key pasted into the message as well): masked like the rest. */
function secretsInMessages(findings: Finding[], engine: Engine): string[] {
  const messages = new Set(findings.map((f) => f.message).filter((m): m is string => m !== undefined && m !== ''));
  return [...messages].flatMap((text) => detectFragment({ file: 'COMMIT_EDITMSG', text }, engine.ruleSet, engine.detectOptions).flatMap(secretsOfFinding));
}

/** Masks every printed form of the run's secrets in a text (a notice, a diff, the report itself): the last guard. */
function outputGuard(findings: Finding[], extra: string[]): (text: string) => string {
  const index = new SecretIndex([...findings.flatMap(secretsOfFinding), ...extra].flatMap(printedForms));
  return (text) => index.mask(text);
}

/** The notes suggestions may carry that are ours, not scanned text (notes.ts, and the rules' remediation notes). */
/** The reporters that read ReportMeta.rules. */
const RULE_FORMATS = new Set(['sarif', 'gitlab']);

function ourNotes(engine: Engine): string[] {
  return [AWS_NOTE, ...Object.values(LANGUAGE_NOTES), ...engine.ruleSet.rules.map(({ rule }) => rule.remediation?.note)].filter((n): n is string => n !== undefined);
}

/** A ScanError raised after the findings are known (a refused --fix) is shown with their secrets masked. */
function guardError(error: unknown, guard: (text: string) => string): unknown {
  if (error instanceof ScanError) {
    // The message may quote a scanned line or name a file; the hint is ours (how to fix it) and stays as written.
    error.message = guard(error.message);
  }
  return error;
}

/** --validate-cache is read only by live checks: refused before the scan when it cannot take effect or is no number
 *  of hours (the validators run only once there are findings, so a clean tree would accept either silently). */
function checkValidateCache(hours: number | undefined, validated: boolean): void {
  if (hours === undefined) return;
  if (!validated) throw new UsageError('--validate-cache applies only with --validate', 'add --validate, or drop --validate-cache');
  if (!Number.isFinite(hours) || hours < 0) throw new UsageError('--validate-cache: must be a number of hours (0 turns the cache off)', 'e.g. --validate-cache 24');
}

/** A run that fails leaves no report behind that looks current: the one an earlier run wrote at --output is removed
 *  (CI would otherwise upload last week's SARIF as today's). */
export async function runScan(source: ScanSource, options: CommonOptions, io: RunIO): Promise<number> {
  try {
    return await scanAndReport(source, options, io);
  } catch (error) {
    if (options.output) removeStaleReport(resolve(io.cwd, options.output));
    throw error;
  }
}

function removeStaleReport(path: string): void {
  try {
    // Only a report of ours is stale: a file of the user's named by mistake stays.
    const head = headOf(path);
    if (head !== undefined && isKeyfenceReport(head)) rmSync(path);
  } catch {
    // Nothing there (or not ours to remove): nothing stale to leave.
  }
}

async function scanAndReport(source: ScanSource, options: CommonOptions, io: RunIO): Promise<number> {
  const started = Date.now();
  if (options.dryRun && !options.fix) throw new UsageError('--dry-run applies only with --fix', 'use --fix --dry-run to preview the fix');
  const format = chooseFormat(options, io.env);
  // Before the scan, so a mistyped --output costs nothing (and again as the report is written).
  if (options.output) refuseForeignOutput(resolve(io.cwd, options.output), options.output);
  const results = selectedResults(options);
  const config = loadConfig(io.cwd, options.config);
  // Whoever runs keyfence asked for live checks (the validate step's rule: a config found in the repository cannot).
  const validated = options.validate ?? (config.validate && options.config !== undefined);
  checkValidateCache(options.validateCache, validated);
  const { engine, stats } = startEngine(config, options, io);
  // In report order before the steps too: suggestions number the names they hand out (AWS_ACCESS_KEY_ID_2) in it.
  let findings = sortFindings(await collectSource(source, engine, stats));
  const context: StepContext = { engine, options, stats, cwd: io.cwd, env: io.env, command: source.command, notices: [], output: [], ...(io.ignoreFile !== undefined ? { ignoreFile: io.ignoreFile } : {}) };
  const extra = options.showSecrets || findings.length === 0 ? [] : secretsInMessages(findings, engine);
  const guard = options.showSecrets ? (text: string): string => text : outputGuard(findings, extra);
  let text: string;
  try {
    for (const step of FINDING_STEPS) findings = await step(findings, context);
    findings = sortFindings(findings);
    if (results) {
      const filtered = filterResults(findings, results, validated);
      if (filtered.notice) context.notices.push(filtered.notice);
      stats.notReported = findings.length - filtered.kept.length;
      findings = filtered.kept;
    }
    stats.findings = findings.length;
    stats.durationMs = Date.now() - started;
    await prepareFingerprints(findings);
    // Nothing to mask without a finding (extra is empty then): the notes of every rule are not read for nothing.
    const shown = options.showSecrets ? findings.map(reveal) : findings.length === 0 && extra.length === 0 ? findings : maskFindings(findings, extra, ourNotes(engine));
    const report = REPORTERS[format] as (typeof REPORTERS)[string];
    // Only the formats that describe rules read every rule's metadata; the others leave catalogue rules unparsed.
    const ruleMeta = RULE_FORMATS.has(format) ? engine.ruleSet.rules.map(({ rule }) => ({ id: rule.id, description: rule.description, severity: rule.severity, tags: rule.tags, references: rule.references })) : undefined;
    const meta: ReportMeta = { stats, quiet: options.quiet, color: options.output ? false : useColor(options, io), toolVersion, ...(ruleMeta ? { rules: ruleMeta } : {}), root: config.root, startedAt: started, ...(options.sarifCategory ? { sarifCategory: options.sarifCategory } : {}) };
    // Every scanned text reaches the reporter masked (maskFindings, maskReportMeta), so the report is not masked
    // again: a pass over it would also mask a common-word "secret" (password, secret) inside rule descriptions.
    text = options.quiet && findings.length === 0 && format === 'text' ? '' : report(shown, options.showSecrets ? meta : maskReportMeta(meta, findings, extra));
  } catch (error) {
    throw guardError(error, guard);
  }
  // The tool's own prefix stays readable even when a found "secret" is the word keyfence.
  for (const notice of context.notices) io.stderr(`keyfence: ${printableLines(guard(notice))}\n`);
  // The --fix --dry-run diff quotes scanned lines: their control characters are shown, never sent to the terminal.
  for (const chunk of context.output ?? []) io.stdout(printableLines(guard(chunk)));
  if (options.output) writeReport(resolve(io.cwd, options.output), options.output, text);
  else io.stdout(text);
  return context.exitCode ?? exitCodeFor(findings, options.failOn ?? config.failOn);
}
