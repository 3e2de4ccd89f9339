// History: one secret, one finding. A secret added to several files is reported once, where it appeared first, with
// the other files as `locations`. Runs after the baseline and ignore files, which match each file's own fingerprint.
import { MESSAGE_FILE, RAW, type Finding } from '../types.js';
import type { FindingStep } from '../finding-step.js';
import { prepareFingerprints } from '../allow/fingerprint.js';

/** Locations listed per finding; `occurrences` still counts them all. */
export const MAX_LOCATIONS = 20;

/** The same secret for the same rule (a key pair counts as its id and secret together). */
function secretKey(finding: Finding): string {
  const raw = finding[RAW];
  return `${finding.ruleId}\0${raw.pairedId ?? ''}\0${raw.secret}`;
}

/** Oldest commit first (rev-list order, higher is older), then a file before the commit's message (the place to fix),
 *  then file and line, so the choice never depends on timing. */
function firstAdded(a: Finding, b: Finding): number {
  const inMessage = (f: Finding): number => (f.file === MESSAGE_FILE ? 1 : 0);
  return (b[RAW].order ?? 0) - (a[RAW].order ?? 0) || inMessage(a) - inMessage(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line;
}

/** Folds history findings of one secret in several files into the oldest; findings without a commit pass as they are. */
export function groupBySecret(findings: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const finding of findings) {
    if (finding.commit === undefined) {
      out.push(finding);
      continue;
    }
    const key = secretKey(finding);
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  for (const group of groups.values()) {
    if (group.length === 1) {
      out.push(group[0] as Finding);
      continue;
    }
    const [first, ...rest] = group.sort(firstAdded) as [Finding, ...Finding[]];
    const occurrences = group.reduce((sum, f) => sum + (f.occurrences ?? 1), 0);
    const locations = rest.slice(0, MAX_LOCATIONS).map((f) => ({ file: f.file, line: f.line, commit: f.commit as string, fingerprint: f.fingerprint, occurrences: f.occurrences ?? 1 }));
    out.push({ ...first, occurrences, locations, [RAW]: first[RAW] });
  }
  return out;
}

export const secretGroupStep: FindingStep = async (findings) => {
  // Grouping reads every fingerprint (the first finding's is copied, the others' are listed): hash them in parallel.
  await prepareFingerprints(findings);
  return groupBySecret(findings);
};
