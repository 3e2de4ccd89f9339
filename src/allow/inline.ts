// Inline suppression markers that developers already use with other scanners.

const MARKERS = /keyfence:allow|gitleaks:allow|pragma: allowlist secret/;

export function hasInlineAllow(lineText: string): boolean {
  return MARKERS.test(lineText);
}
