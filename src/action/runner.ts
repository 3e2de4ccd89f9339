// The runner's contract in one module: INPUT_* variables, workflow commands on stdout, GITHUB_OUTPUT and the job summary.
import { appendFileSync, existsSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { escapeData, escapeProperty, printablePath } from '../report/github.js';
import { printableLines, printableText } from '../report/printable.js';
import { writeFailure } from '../write-failure.js';

export interface Runner {
  env: NodeJS.ProcessEnv;
  /** Where workflow commands and logs go (process.stdout in production). */
  write: (text: string) => void;
}

/** An input as the runner passes it: INPUT_<NAME> upper-cased with spaces as underscores (hyphens kept), trimmed. */
export function getInput(runner: Runner, name: string, fallback = ''): string {
  const value = runner.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

export function log(runner: Runner, text: string): void {
  runner.write(`${text}\n`);
}

export function command(runner: Runner, name: 'error' | 'warning' | 'notice', message: string, title?: string, file?: string): void {
  // Messages quote file names and a pull request's config: their control characters are shown, never sent raw.
  const properties = [...(file ? [`file=${escapeProperty(printablePath(file))}`] : []), ...(title ? [`title=${escapeProperty(printableText(title))}`] : [])];
  runner.write(`::${name}${properties.length > 0 ? ` ${properties.join(',')}` : ''}::${escapeData(printableLines(message))}\n`);
}

export function group(runner: Runner, title: string, body: () => void): void {
  runner.write(`::group::${escapeData(printableText(title))}\n`);
  try {
    body();
  } finally {
    runner.write('::endgroup::\n');
  }
}

/** Appends `name<<DELIM` … `DELIM` to $GITHUB_OUTPUT (safe for any value); logs instead when outside a runner. */
export function setOutput(runner: Runner, name: string, value: string): void {
  const file = runner.env.GITHUB_OUTPUT;
  if (!file) {
    log(runner, `output ${name}=${value}`);
    return;
  }
  let delimiter = `ghadelimiter_${randomUUID()}`;
  while (value.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
  appendToRunnerFile('GITHUB_OUTPUT', file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

/** The runner names these files; one it cannot take is a usage error naming the variable, never "internal error". */
function appendToRunnerFile(variable: string, file: string, text: string): void {
  try {
    appendFileSync(file, text);
  } catch (error) {
    throw writeFailure(error, `${variable} ${file}`, 'append to it', `the runner sets ${variable}: run the action in a GitHub Actions job, or point ${variable} at a writable file`, file);
  }
}

/** Bytes already in the step summary (GitHub's 1 MiB cap counts the whole file). */
export function summarySize(runner: Runner): number {
  const file = runner.env.GITHUB_STEP_SUMMARY;
  return file && existsSync(file) ? statSync(file).size : 0;
}

export function appendSummary(runner: Runner, markdown: string): void {
  const file = runner.env.GITHUB_STEP_SUMMARY;
  if (file) appendToRunnerFile('GITHUB_STEP_SUMMARY', file, markdown);
}
