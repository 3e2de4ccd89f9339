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

// A fallback of an environment read (`process.env.X || '…'`, `os.getenv('X', '…')`, `${X:-…}`): the code already
// reads X, so X is the name to keep the secret in.
const ENV_FALLBACK = /(?:(?:process\.env|import\.meta\.env|Deno\.env)\.([A-Za-z_]\w*)[ \t]*(?:\|\||\?\?)|(?:env|ENV|environ|\$_ENV|\$_SERVER|getenv|get|fetch|GetEnvironmentVariable)[[(][ \t]*["'`]([A-Za-z_]\w*)["'`][ \t]*(?:[\])][ \t]*(?:\|\||\?\?|\?:|or|\{)|,))[ \t]*["'`]$|\$\{([A-Za-z_]\w*):?[-=]$/;

/** The name the literal starting at `column` (1-based) is assigned to on its line, if any. */
export function assignedKey(lineText: string, column: number): string | undefined {
  // Only the text right before the literal matters; a bound keeps minified megabyte lines cheap.
  const before = lineText.slice(Math.max(0, column - 1 - 200), column - 1);
  const fallback = ENV_FALLBACK.exec(before);
  if (fallback) return fallback[1] ?? fallback[2] ?? fallback[3];
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

interface NameIndex {
  /** Per base name: every candidate below this number is taken (names are only ever added). */
  nextFree: Map<string, number>;
  /** Value → the names that hold it. */
  byValue: Map<string, Set<string>>;
}

const indexes = new WeakMap<Map<string, string>, NameIndex>();

function indexOf(taken: Map<string, string>): NameIndex {
  let index = indexes.get(taken);
  if (!index) {
    index = { nextFree: new Map(), byValue: new Map() };
    for (const [name, value] of taken) index.byValue.set(value, (index.byValue.get(value) ?? new Set()).add(name));
    indexes.set(taken, index);
  }
  return index;
}

/** `name`, or `name_2`, `name_3`… when `name` already stands for another value (indexed: a file may hold thousands). */
export function uniqueName(name: string, value: string, taken: Map<string, string>): string {
  return uniqueNames([{ name, value }], taken)[0] as string;
}

export interface Wanted {
  name: string;
  value: string;
}

const candidate = (name: string, n: number): string => (n === 1 ? name : `${name}_${n}`);

/** Whether set `n` fits: each name free, or already standing for its own value. */
export function fits(wanted: readonly Wanted[], n: number, taken: Map<string, string>): boolean {
  return wanted.every(({ name, value }) => {
    const held = taken.get(candidate(name, n));
    return held === undefined || held === value;
  });
}

/** The set numbers at which `held` (a name holding `value`) stands for it, if it is a candidate of `name`. */
function numberOf(held: string, name: string): number {
  if (held === name) return 1;
  const rest = held.startsWith(`${name}_`) ? held.slice(name.length + 1) : '';
  return /^([2-9]|[1-9][0-9]+)$/.test(rest) ? Number(rest) : 0;
}

/** Names for values that belong together (an AWS key id, its secret): one number for all, the smallest at which each
 *  name is free or already stands for its value, as a scan from 1 would find. Taking each name's own smallest number
 *  split a pair across sets (AWS_ACCESS_KEY_ID_2 with AWS_SECRET_ACCESS_KEY). Indexed: a file may hold thousands. */
export function uniqueNames(wanted: readonly Wanted[], taken: Map<string, string>): string[] {
  const index = indexOf(taken);
  // Below a name's first free number every candidate is taken: a smaller set fits only where the names hold the values.
  let free = 1;
  for (const { name } of wanted) {
    let next = index.nextFree.get(name) ?? 1;
    while (taken.has(candidate(name, next))) next++;
    index.nextFree.set(name, next);
    free = Math.max(free, next);
  }
  const holding = wanted.flatMap(({ name, value }) => [...(index.byValue.get(value) ?? [])].map((held) => numberOf(held, name)).filter((n) => n >= 1 && n < free));
  let best = Math.min(...holding.filter((n) => fits(wanted, n, taken)), Infinity);
  if (best === Infinity) for (best = free; !fits(wanted, best, taken); ) best++;
  return wanted.map(({ name, value }) => {
    const chosen = candidate(name, best);
    if (!taken.has(chosen)) {
      taken.set(chosen, value);
      index.byValue.set(value, (index.byValue.get(value) ?? new Set()).add(chosen));
    }
    return chosen;
  });
}
