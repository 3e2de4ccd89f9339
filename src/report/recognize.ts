// Tells a report keyfence wrote from anything else, so --output never overwrites or removes a file the user needs.

/** What the start of each format looks like (the text report's summary comes last, so its finding lines count too). */
const SIGNS: RegExp[] = [
  // A clean --quiet text report, or a github one with nothing to annotate.
  /^\s*$/,
  /^\d+ findings? in \d+ files?\b/m,
  /^ {2}\d+:\d+ {2}(?:critical|high|medium|low) {2}/m,
  /^\{\s*"version": 1,\s*"findings": \[/,
  // SARIF's driver and GitLab's scanner.
  /"name": "keyfence"/,
  /<testsuites name="keyfence"/,
  /^::(?:error|warning|notice) [^\n]*title=keyfence/m,
];

/** Whether a file's leading text is a keyfence report of some format (or empty). */
export function isKeyfenceReport(head: string): boolean {
  return SIGNS.some((sign) => sign.test(head));
}
