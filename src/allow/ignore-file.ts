// .keyfence-ignore: one finding fingerprint per line with an optional "# reason"; blank lines and # comments allowed.

export const IGNORE_FILE = '.keyfence-ignore';

export interface IgnoreEntry {
  fingerprint: string;
  reason?: string;
  line: number;
}

/** The line to add to .keyfence-ignore for a finding (the text reporter prints the same shape). */
export function ignoreLine(fingerprint: string, reason = 'reason'): string {
  return `${fingerprint} # ${reason}`;
}

const FINGERPRINT = /^[0-9a-f]{64}$/;
const GITLEAKS_STYLE = /^([0-9a-f]{40}:)?.+:[a-z0-9-]+:\d+$/i;

/** Parses the file; every bad line is reported with its number, all at once (an unreadable line must never mean "ignore nothing"). */
export function parseIgnoreFile(text: string, label: string): { entries: IgnoreEntry[]; problems: string[] } {
  const entries: IgnoreEntry[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((rawLine, i) => {
    const line = rawLine.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const hash = trimmed.indexOf('#');
    const value = (hash === -1 ? trimmed : trimmed.slice(0, hash)).trim();
    const reason = hash === -1 ? undefined : trimmed.slice(hash + 1).trim();
    if (FINGERPRINT.test(value)) {
      entries.push({ fingerprint: value, line: i + 1, ...(reason ? { reason } : {}) });
      return;
    }
    // Never echo any of the line back: someone may have pasted the secret itself here.
    if (FINGERPRINT.test(value.toLowerCase())) problems.push(`${label}:${i + 1}: a fingerprint must be lower-case hex`);
    else if (GITLEAKS_STYLE.test(value)) problems.push(`${label}:${i + 1}: looks like a gitleaks fingerprint; import it with \`keyfence baseline --from gitleaks FILE\``);
    else problems.push(`${label}:${i + 1}: expected a 64-hex-digit fingerprint, optionally followed by "# reason" (got ${value.length} other character${value.length === 1 ? '' : 's'})`);
  });
  return { entries, problems };
}

/** A reason as one safe line of the file: no line breaks or control characters, trimmed, at most 200 characters. */
export function cleanReason(reason: string): string {
  // eslint-disable-next-line no-control-regex
  return reason.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The file's own line ending: CRLF when its first line break is one, else LF. */
function lineEnding(bytes: Buffer): string {
  const lf = bytes.indexOf(0x0a);
  return lf > 0 && bytes[lf - 1] === 0x0d ? '\r\n' : '\n';
}

/** The file's bytes with `line` appended; every existing byte is kept (a missing final line break is added first). */
export function withIgnoreLine(bytes: Buffer, line: string): Buffer {
  const eol = lineEnding(bytes);
  const needsBreak = bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a;
  return Buffer.concat([bytes, Buffer.from(`${needsBreak ? eol : ''}${line}${eol}`, 'utf8')]);
}

/** The file's bytes without the entry lines of `fingerprint`; every other byte is kept as it was. */
export function withoutIgnoreEntry(bytes: Buffer, fingerprint: string): Buffer {
  const kept: Buffer[] = [];
  let start = 0;
  while (start < bytes.length) {
    const lf = bytes.indexOf(0x0a, start);
    const end = lf === -1 ? bytes.length : lf + 1;
    const line = bytes.subarray(start, end);
    const value = line.toString('utf8').split('#')[0]?.trim();
    if (value !== fingerprint) kept.push(line);
    start = end;
  }
  return Buffer.concat(kept);
}
