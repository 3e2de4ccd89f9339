// Pure: what a pull request changes in the files that silence keyfence (config, ignore file, baseline), as short
// phrases. Only widening counts (more allowed, less checked); values that could hold a secret are counted, not quoted.

type Json = Record<string, unknown>;

function parse(text: string | undefined): Json | undefined | 'unreadable' {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function added(before: unknown, after: unknown): string[] {
  const old = new Set(list(before));
  return [...new Set(list(after))].filter((v) => !old.has(v));
}

function field(value: Json | undefined, ...path: string[]): unknown {
  let at: unknown = value;
  for (const key of path) at = at !== null && typeof at === 'object' ? (at as Json)[key] : undefined;
  return at;
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const quoted = (values: string[]): string => values.map((v) => JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)).join(', ');

/** How the head's config widens the base's (either may be absent: no file). */
export function configWidening(baseText: string | undefined, headText: string | undefined): string[] {
  const base = parse(baseText);
  const head = parse(headText);
  if (head === undefined || headText === baseText) return [];
  if (head === 'unreadable') return ['changed into a file that is not a JSON object'];
  const old = base === 'unreadable' ? undefined : base;
  const out: string[] = [];
  const paths = added(field(old, 'allow', 'paths'), field(head, 'allow', 'paths'));
  if (paths.length > 0) out.push(`adds allow.paths ${quoted(paths)}`);
  for (const key of ['regexes', 'stopwords', 'commits', 'fingerprints']) {
    const n = added(field(old, 'allow', key), field(head, 'allow', key)).length;
    if (n > 0) out.push(`adds ${count(n, `allow.${key} entry`, `allow.${key} entries`)}`);
  }
  const disabled = added(field(old, 'disable'), field(head, 'disable'));
  if (disabled.length > 0) out.push(`disables ${quoted(disabled)}`);
  if (head.extends === 'none' && (old?.extends ?? 'recommended') !== 'none') out.push('sets extends: none (drops every built-in rule)');
  const oldEntropy = (field(old, 'entropy') ?? {}) as Json;
  const raised = Object.entries((field(head, 'entropy') ?? {}) as Json).filter(([id, v]) => typeof v === 'number' && (typeof oldEntropy[id] !== 'number' || v > (oldEntropy[id] as number)));
  if (raised.length > 0) out.push(`raises the entropy floor of ${raised.map(([id, v]) => `${JSON.stringify(id)} to ${String(v)}`).join(', ')}`);
  const oldRules = new Set((Array.isArray(old?.rules) ? old.rules : []).map((r) => (r as Json)?.id));
  const newRules = new Set((Array.isArray(head.rules) ? head.rules : []).map((r) => (r as Json)?.id));
  const removed = [...oldRules].filter((id): id is string => typeof id === 'string' && !newRules.has(id));
  if (removed.length > 0) out.push(`removes custom rules ${quoted(removed)}`);
  if (typeof head.maxFileSize === 'number' && head.maxFileSize > (typeof old?.maxFileSize === 'number' ? old.maxFileSize : 1024 * 1024)) out.push(`raises maxFileSize to ${head.maxFileSize} (larger files are skipped)`);
  if (typeof head.failOn === 'string' && head.failOn !== (old?.failOn ?? 'any')) out.push(`sets failOn: ${JSON.stringify(head.failOn)}`);
  if (head.pathIndependentBaseline === true && old?.pathIndependentBaseline !== true) out.push('sets pathIndependentBaseline');
  if (head.baseline !== undefined && head.baseline !== old?.baseline) out.push('points "baseline" at another file');
  if (head.validate === true && old?.validate !== true) out.push('sets validate: true (keys would be sent to AWS)');
  return out;
}

/** Fingerprint lines the head's .keyfence-ignore adds. */
export function ignoreWidening(baseText: string | undefined, headText: string | undefined): string[] {
  const values = (text: string | undefined): Set<string> =>
    new Set(
      (text ?? '')
        .split('\n')
        .map((l) => l.replace(/#.*$/, '').trim())
        .filter(Boolean),
    );
  const old = values(baseText);
  const n = [...values(headText)].filter((v) => !old.has(v)).length;
  return n > 0 ? [`adds ${count(n, 'ignored fingerprint', 'ignored fingerprints')}`] : [];
}

/** Entries the head's baseline adds. */
export function baselineWidening(baseText: string | undefined, headText: string | undefined): string[] {
  const head = parse(headText);
  if (head === undefined || headText === baseText) return [];
  if (head === 'unreadable') return ['changed into a file that is not a JSON object'];
  const key = (e: unknown): string => JSON.stringify([field(e as Json, 'rule'), field(e as Json, 'file'), field(e as Json, 'hash')]);
  const base = parse(baseText);
  const old = new Set((Array.isArray(field(base === 'unreadable' ? undefined : base, 'entries')) ? (field(base as Json, 'entries') as unknown[]) : []).map(key));
  const entries = Array.isArray(head.entries) ? head.entries.filter((e) => !(e !== null && typeof e === 'object' && 'end' in e)) : [];
  const n = entries.map(key).filter((k) => !old.has(k)).length;
  return n > 0 ? [`adds ${count(n, 'baseline entry', 'baseline entries')}`] : [];
}
