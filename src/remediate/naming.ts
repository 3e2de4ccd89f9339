// Environment variable names: from a rule's remediation data, else from the key the secret is assigned to. Pure.

/** `db_password` → DB_PASSWORD, `stripeKey` → STRIPE_KEY, `api.key-v2` → API_KEY_V2; '' when nothing usable is left. */
export function envVarFromKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '');
  const name = words.join('_').toUpperCase();
  if (name === '') return '';
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

// `key = `, `key: `, `"key": `, `key => `, `key := `, `$key = `, `env['key'] = ` right before the literal (and its quote).
const ASSIGNMENT = /([A-Za-z_$][\w$.-]*)["'`]?\]?\s*(?::=|=>|=|:)\s*(?:\[\s*)?(?:[@$]{0,2}["'`]|[rRbBuUfF]{1,2}["']|)$/;

/** The name the literal starting at `column` (1-based) is assigned to on its line, if any. */
export function assignedKey(lineText: string, column: number): string | undefined {
  // Only the text right before the literal matters; a bound keeps minified megabyte lines cheap.
  const before = lineText.slice(Math.max(0, column - 1 - 200), column - 1);
  const match = ASSIGNMENT.exec(before);
  if (!match) return undefined;
  const key = (match[1] as string).replace(/^\$/, '');
  const last = key.split(/[.]/).filter(Boolean);
  // Keep a dotted path's last two parts (`db.password` → DB_PASSWORD, `spring.datasource.password` → DATASOURCE_PASSWORD).
  return last.slice(-2).join('_');
}

/** A rule id as a fallback name: `generic-api-key` → GENERIC_API_KEY. */
export function envVarFromRuleId(ruleId: string): string {
  return envVarFromKey(ruleId) || 'SECRET';
}

/** `name`, or `name_2`, `name_3`… when `name` already stands for another value. */
export function uniqueName(name: string, value: string, taken: Map<string, string>): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name}_${n}`;
    const holder = taken.get(candidate);
    if (holder === undefined || holder === value) {
      taken.set(candidate, value);
      return candidate;
    }
  }
}
