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
