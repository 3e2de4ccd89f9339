// Pure: what a provider's answer means, read only as the rule says. 429, 5xx and every exchange without an answer
// are `unknown`; 401/403 the provider did not explain otherwise are `invalid`; nothing else is guessed.
import type { HttpCheck, HttpCheckAnswer, JsonScalar, Verdict } from '../types.js';
import { unansweredReason, type HttpOutcome } from './http.js';
import { asIdentityText, safeIdentityValue, valuesAt } from './identity.js';

function parseJson(body: string): unknown {
  const trimmed = body.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

function jsonHolds(data: unknown, path: string, expected: JsonScalar | JsonScalar[]): boolean {
  const wanted = Array.isArray(expected) ? expected : [expected];
  return valuesAt(data, path).some((v) => wanted.some((w) => w === v));
}

function matches(answer: HttpCheckAnswer, status: number, headers: Headers, body: string, data: () => unknown): boolean {
  if (!answer.status.includes(status)) return false;
  for (const [name, value] of Object.entries(answer.header ?? {})) if (headers.get(name)?.trim().toLowerCase() !== value.toLowerCase()) return false;
  if (answer.body && !answer.body.includes(body.trim())) return false;
  if (answer.contains && !answer.contains.some((text) => body.includes(text))) return false;
  for (const path of answer.present ?? []) if (!valuesAt(data(), path).some((v) => v !== null && v !== undefined && v !== '')) return false;
  for (const [path, expected] of Object.entries(answer.json ?? {})) if (!jsonHolds(data(), path, expected)) return false;
  return true;
}

function identityOf(check: HttpCheck, headers: Headers, data: unknown, secrets: string[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [label, path] of Object.entries(check.identity ?? {})) {
    const text = path.startsWith('header:') ? (headers.get(path.slice(7)) ?? undefined) : asIdentityText(valuesAt(data, path));
    if (text !== undefined && text !== '') out[label] = safeIdentityValue(text, secrets);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `secrets`: every value sent (the secret, its other half), masked wherever an identity field repeats them. */
export function readAnswer(outcome: HttpOutcome, check: HttpCheck, secrets: string[]): Verdict {
  const unanswered = unansweredReason(outcome);
  if (outcome.kind !== 'response') return { status: 'unknown', reason: unanswered as string };
  const { status, headers, body } = outcome;
  if (status === 429) return { status: 'unknown', reason: 'HTTP 429: rate-limited; try again later' };
  if (status >= 500) return { status: 'unknown', reason: `HTTP ${status}: the provider failed to answer; try again later` };
  let parsed: { value: unknown } | undefined;
  const data = (): unknown => (parsed ??= { value: parseJson(body) }).value;
  const answer = check.answers.find((a) => matches(a, status, headers, body, data));
  if (answer) {
    if (answer.verdict !== 'valid') return { status: answer.verdict, reason: answer.reason ?? `HTTP ${status}` };
    const verdict: Verdict = answer.reason ? { status: 'valid', reason: answer.reason } : { status: 'valid' };
    const identity = identityOf(check, headers, data(), secrets);
    return identity ? { ...verdict, identity } : verdict;
  }
  if (status === 401 || status === 403) return { status: 'invalid', reason: `HTTP ${status}: the credential was refused` };
  return { status: 'unknown', reason: `HTTP ${status}: an answer keyfence does not expect (never read as invalid)` };
}
