// Human output for terminals and hooks: grouped by file, secrets masked, what to do next.
import pc from 'picocolors';
import type { Finding } from '../types.js';
import type { Reporter } from './types.js';
import { describeVerdict } from './verdict.js';
import { printableText, quotedText } from './printable.js';

/** picocolors' one door: colour functions, or plain pass-throughs when `enabled` is false. */
export function createColors(enabled: boolean): ReturnType<typeof pc.createColors> {
  return pc.createColors(enabled);
}

function describeAws(finding: Finding): string | undefined {
  const aws = finding.aws;
  if (!aws) return undefined;
  const parts = [`account ${aws.accountId ?? 'not encoded (old-format key)'}`, `${aws.keyType} key`];
  if (aws.accessKeyId) parts.push(`key id ${aws.accessKeyId}`);
  if (aws.canary) parts.push(`CANARY TOKEN (${aws.canaryOwner ?? 'canary service'}): using it alerts its owner; do not validate or use it`);
  if (aws.ownAccount) parts.push('one of your own accounts');
  return parts.join(', ');
}

function describeValidation(finding: Finding): string | undefined {
  return finding.validation ? describeVerdict(finding.validation) : undefined;
}

/** A file name as one safe line: one holding a newline or another control character (a terminal escape, say) is
 *  shown quoted, with its escapes (as git quotes such names); one that reads as a runner's command is escaped. */
export function printableName(file: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f]/.test(file) ? quotedText(file) : printableText(file);
}

export const textReporter: Reporter = (findings, meta) => {
  const c = pc.createColors(meta.color);
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const f of findings) {
    if (f.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      lines.push(c.underline(c.bold(printableName(f.file))));
      currentFile = f.file;
    }
    const severity = f.severity === 'critical' || f.severity === 'high' ? c.red(f.severity) : c.yellow(f.severity);
    lines.push(`  ${c.dim(`${f.line}:${f.column}`)}  ${severity}  ${c.bold(f.ruleId)}  ${printableText(f.description)}`);
    lines.push(`    ${printableText(f.match)}`);
    const aws = describeAws(f);
    if (aws) lines.push(`    ${c.cyan('aws')}: ${printableText(aws)}`);
    if (f.pairedWith && f.pairedWith.line !== f.line) lines.push(`    ${c.cyan('pair')}: its ${f.pairedWith.ruleId} is at ${f.pairedWith.line}:${f.pairedWith.column}`);
    if (f.commit) lines.push(`    ${c.cyan('commit')}: ${f.commit.slice(0, 12)} ${printableText(f.author ?? '')} <${printableText(f.email ?? '')}> ${printableText(f.date ?? '')} ${quotedText(f.message?.split('\n')[0] ?? '')}${f.occurrences && f.occurrences > 1 ? ` (${f.occurrences} occurrences)` : ''}`);
    if (f.locations?.length) lines.push(`    ${c.cyan('also in')}: ${f.locations.map((l) => `${printableName(l.file)}:${l.line} (${l.commit.slice(0, 12)})`).join(', ')}`);
    const validation = describeValidation(f);
    if (validation) lines.push(`    ${c.cyan('validation')}: ${printableText(validation)}`);
    if (f.suggestion) {
      lines.push(`    ${c.green('fix')}: use ${printableText(f.suggestion.replacement)} (${f.suggestion.language}; env var ${f.suggestion.envVar}${f.suggestion.edit ? '; keyfence --fix applies it' : ''})`);
      if (f.suggestion.note) for (const noteLine of f.suggestion.note.split('\n')) lines.push(`      ${printableText(noteLine)}`);
    }
    lines.push(`    ${c.dim(`ignore: add "${f.fingerprint} # reason" to .keyfence-ignore`)}`);
  }
  if (meta.quiet) return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  const s = meta.stats;
  const skipped = Object.entries(s.skipped)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
  if (findings.length > 0) lines.push('');
  const summary = `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${s.files} file${s.files === 1 ? '' : 's'}${s.commits ? `, ${s.commits} commit${s.commits === 1 ? '' : 's'}` : ''} (${s.rulesLoaded} rules, ${s.durationMs} ms)${skipped ? `; skipped: ${skipped}` : ''}${s.skipped['too-large'] ? ' (raise --max-file-size BYTES to scan the large files)' : ''}`;
  lines.push(findings.length > 0 ? c.red(summary) : c.green(summary));
  if (findings.length > 0) {
    lines.push('Remove each secret from the change, rotate it if it was ever pushed, and read it from the environment instead.');
    lines.push('A false alarm? Add `keyfence:allow` on the line, or its fingerprint to .keyfence-ignore.');
  }
  return `${lines.join('\n')}\n`;
};
