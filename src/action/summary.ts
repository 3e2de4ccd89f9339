// The job summary: a Markdown table of findings, kept under GitHub's 1 MiB step-summary cap.
import type { Finding } from '../types.js';
import { describePlace, isMessageFinding } from '../report/location.js';
import { describeVerdict } from '../report/verdict.js';

/** GitHub aborts summaries over 1 MiB ("supports content up to a size of 1024k"); stay clearly below. */
export const SUMMARY_LIMIT = 1000 * 1024;

/** A table cell: one line, pipes and HTML escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

/** Inline code, unless the text holds a backtick (then plain, escaped). */
function code(text: string): string {
  return text.includes('`') ? cell(text) : `\`${cell(text)}\``;
}

function account(f: Finding): string {
  if (!f.aws) return '';
  const id = f.aws.accountId ?? 'not encoded';
  if (f.aws.canary) return `${id} (canary: ${f.aws.canaryOwner ?? 'do not use'})`;
  return f.aws.ownAccount ? `${id} (yours)` : id;
}

function validation(f: Finding): string {
  if (!f.validation) return 'not checked';
  return describeVerdict(f.validation);
}

function row(f: Finding): string {
  const cells = [
    `${code(f.ruleId)} ${cell(f.severity)}`,
    `${isMessageFinding(f) ? cell(describePlace(f)) : code(`${f.file}:${f.line}`)} ${code(f.secret)}`,
    f.commit ? code(f.commit.slice(0, 12)) : '',
    cell(account(f)),
    cell(validation(f)),
    f.suggestion ? `${code(f.suggestion.replacement)} (${cell(f.suggestion.envVar)})` : '',
    code(`${f.fingerprint} # reason`),
  ];
  return `| ${cells.join(' | ')} |\n`;
}

const HEADER = '| Rule | Location | Commit | AWS account | Validation | Suggested fix | `.keyfence-ignore` line |\n|---|---|---|---|---|---|---|\n';

export interface SummaryInput {
  findings: Finding[];
  description: string;
  notes: string[];
  sarifPath?: string;
  /** Bytes the summary file already holds. */
  used?: number;
}

export function buildSummary(input: SummaryInput): string {
  const { findings } = input;
  const n = findings.length;
  let head = `## keyfence: ${n === 0 ? 'no secrets found' : `${n} secret${n === 1 ? '' : 's'} found`}\n\nScanned ${cell(input.description)}.\n\n`;
  for (const note of input.notes) head += `> [!WARNING]\n> ${cell(note)}\n\n`;
  if (n === 0) return head;
  const footer = (shown: number): string => {
    const parts: string[] = [];
    if (shown < n) parts.push(`\n_${n - shown} more finding${n - shown === 1 ? '' : 's'} not shown (the summary is capped at 1 MiB)${input.sarifPath ? `; all are in ${code(input.sarifPath)}` : ''}._\n`);
    parts.push('\nRotate each credential first: removing it from git does not revoke it. To accept a finding, add its line to `.keyfence-ignore` with a reason.\n');
    return parts.join('');
  };
  const budget = SUMMARY_LIMIT - (input.used ?? 0) - Buffer.byteLength(head + HEADER + footer(0)) - 64;
  let body = '';
  let size = 0;
  let shown = 0;
  for (const f of findings) {
    const line = row(f);
    const bytes = Buffer.byteLength(line);
    if (size + bytes > budget) break;
    body += line;
    size += bytes;
    shown++;
  }
  return `${head}${HEADER}${body}${footer(shown)}`;
}
