// GitHub Actions workflow-command annotations (::error file=…,line=…::…), escaped, redacted and capped.
import type { Finding, Severity } from '../types.js';
import type { Reporter } from './types.js';
import { describeVerdict } from './verdict.js';
import { printableText } from './printable.js';

/** GitHub shows at most 10 error annotations per step; the rest are summarised in one notice. */
export const DEFAULT_ANNOTATION_LIMIT = 10;
/** GitHub's cap per level and step: 10 errors and 10 warnings (notices kept to the same). */
const PER_LEVEL = 10;

type Level = 'error' | 'warning' | 'notice';

const COMMAND: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice' };

/** Message escaping of workflow commands: %, CR, LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A file name for the `file` property: CR and LF stay (escaped, and decoded by the runner, so the annotation still
 *  lands on that file); every other control character, and the runner's legacy `##[` marker, is shown as \xNN, as in
 *  the text format (printable.ts). */
export function printablePath(file: string): string {
  // eslint-disable-next-line no-control-regex
  return file.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|(?<=#)#(?=\[)/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Property escaping: the message escapes plus `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotationMessage(f: Finding): string {
  const lines = [`${f.description}: ${f.secret}`];
  if (f.commit) lines.push(`Introduced in commit ${f.commit.slice(0, 12)}${f.author ? ` by ${f.author}` : ''}.`);
  if (f.aws?.accountId) lines.push(`AWS account ${f.aws.accountId}${f.aws.canary ? ' (canary token: do not use it)' : ''}.`);
  if (f.validation) lines.push(`Validation: ${describeVerdict(f.validation)}.`);
  if (f.suggestion) lines.push(`Fix: ${f.suggestion.replacement} (env var ${f.suggestion.envVar}).`);
  lines.push('Rotate the credential now; removing it from git does not revoke it.');
  lines.push(`To ignore: add "${f.fingerprint}" to .keyfence-ignore.`);
  // Each line's own text (a description, an author, a replacement) shows its control characters; only the line
  // breaks between them become %0A.
  return lines.map(printableText).join('\n');
}

export function formatAnnotation(f: Finding): string {
  const props = [
    `file=${escapeProperty(printablePath(f.file))}`,
    `line=${f.line}`,
    `endLine=${f.line}`,
    `col=${f.column}`,
    `endColumn=${f.endColumn}`,
    `title=${escapeProperty(printableText(`keyfence: ${f.ruleId}`))}`,
  ];
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(annotationMessage(f))}`;
}

/** Annotations for the first `limit` findings that GitHub will show, then one notice counting the rest. `spent`:
 *  annotations of each level the step prints besides these (a closing error), so every line printed is shown. */
export function formatAnnotations(findings: Finding[], limit = DEFAULT_ANNOTATION_LIMIT, spent: Partial<Record<Level, number>> = {}): string {
  let budget = Math.max(0, Math.floor(limit));
  // One notice stays free for the count of the rest.
  const room: Record<Level, number> = { error: PER_LEVEL - (spent.error ?? 0), warning: PER_LEVEL - (spent.warning ?? 0), notice: PER_LEVEL - 1 - (spent.notice ?? 0) };
  const lines: string[] = [];
  for (const f of findings) {
    const level = COMMAND[f.severity];
    if (budget === 0 || room[level] <= 0) continue;
    lines.push(formatAnnotation(f));
    room[level] -= 1;
    budget -= 1;
  }
  const rest = findings.length - lines.length;
  if (rest > 0) lines.push(`::notice title=${escapeProperty('keyfence')}::${escapeData(`${rest} more finding${rest === 1 ? '' : 's'} not annotated (${findings.length} in all); see the job summary or the SARIF report.`)}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export const githubReporter: Reporter = (findings) => formatAnnotations(findings);
