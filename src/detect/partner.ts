// Pure: the other half of a credential an HttpCheck needs (an account id beside a token), from the lines around
// each finding. Kept on the finding's raw side only: it fills the check's {id} slot and is never reported.
import { RAW, type CompiledRule, type Finding, type Fragment } from '../types.js';
import type { LineIndex } from './location.js';

/** Longest line searched: a minified line is not where a credential's other half sits. */
const MAX_LINE = 4096;

function lineText(text: string, index: LineIndex, line: number): string {
  const start = index.starts[line] as number;
  const next = index.starts[line + 1];
  return text.slice(start, next === undefined ? text.length : next - 1);
}

function partnerOn(line: string, partner: NonNullable<CompiledRule['partner']>, own: string): string | undefined {
  if (line.length > MAX_LINE) return undefined;
  partner.regex.lastIndex = 0;
  const value = partner.regex.exec(line.endsWith('\r') ? line.slice(0, -1) : line)?.[partner.group];
  return value && value !== own ? value : undefined;
}

/** Nearest first: the finding's own line, then one line away (above before below), and so on. */
export function attachPartners(findings: Finding[], fragment: Fragment, byId: Map<string, CompiledRule>, lines: () => LineIndex): void {
  for (const finding of findings) {
    const partner = byId.get(finding.ruleId)?.partner;
    if (!partner || finding[RAW].partner !== undefined) continue;
    const index = lines();
    const numbers = fragment.lineNumbers;
    const here = numbers ? numbers.indexOf(finding.line) : finding.line - 1;
    if (here < 0) continue;
    // Text lines of a diff can be far apart in the file: the window is in file lines.
    const fileLine = (t: number): number => (numbers ? (numbers[t] ?? Infinity) : t + 1);
    for (let distance = 0; distance <= partner.within; distance++) {
      const found = [here - distance, ...(distance > 0 ? [here + distance] : [])]
        .filter((t) => t >= 0 && t < index.starts.length && Math.abs(fileLine(t) - finding.line) <= partner.within)
        .map((t) => partnerOn(lineText(fragment.text, index, t), partner, finding[RAW].secret))
        .find((v) => v !== undefined);
      if (found !== undefined) {
        finding[RAW].partner = found;
        break;
      }
    }
  }
}
