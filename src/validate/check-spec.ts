// Pure: what rules/schema.json cannot say about a rule's HttpCheck (slots used consistently, a 4xx "valid" backed by
// evidence, regexes that compile), as `/validate/…: problem` lines. Loaded with the rules, so it stays small.
import type { HttpCheck } from '../types.js';

/** Validators written as code, named by a rule's `"validate": "<name>"`. */
export const CODE_VALIDATORS: readonly string[] = ['aws-sts'];

/** A slot is `{name}` with no space inside: the braces of a GraphQL query (`{ viewer { id } }`) are text. */
export const SLOT = /\{([A-Za-z|]+)\}/g;

/** `{name}` slots of a template. */
export function slotsOf(text: string): string[] {
  return [...text.matchAll(SLOT)].map((m) => m[1] as string);
}

/** Every template of the request with where it sits (url, header, basic, body). */
function templates(check: HttpCheck): { where: string; text: string }[] {
  const { request } = check;
  const out = [{ where: '/request/url', text: request.url }];
  for (const [name, value] of Object.entries(request.headers ?? {})) out.push({ where: `/request/headers/${name}`, text: value });
  if (request.basic) out.push({ where: '/request/basic/user', text: request.basic.user }, { where: '/request/basic/password', text: request.basic.password });
  const body = request.body;
  if (body?.text !== undefined) out.push({ where: '/request/body/text', text: body.text });
  for (const [name, value] of Object.entries(body?.form ?? {})) out.push({ where: `/request/body/form/${name}`, text: value });
  if (body?.json !== undefined) for (const text of jsonStrings(body.json)) out.push({ where: '/request/body/json', text });
  return out;
}

/** String values (and keys) of a JSON template. */
export function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...jsonStrings(v)]);
  return [];
}

function regexProblem(where: string, source: string | undefined, groups: number): string | undefined {
  if (source === undefined) return undefined;
  try {
    const found = (new RegExp(`${source}|`).exec('')?.length ?? 1) - 1;
    if (found < groups) return `${where}: needs a capture group`;
  } catch (error) {
    return `${where}: ${(error as Error).message}`;
  }
  return undefined;
}

export function httpCheckProblems(check: HttpCheck): string[] {
  const problems: string[] = [];
  const used = new Set<string>();
  const host = /^https:\/\/([^/]*)/.exec(check.request.url)?.[1] ?? '';
  for (const { where, text } of templates(check)) {
    for (const slot of slotsOf(where === '/request/url' ? text.slice(8 + host.length) : text)) {
      used.add(slot);
      const allowed = where === '/request/url' ? ['secret', 'id', 'secret|segments'] : ['secret', 'id'];
      if (!allowed.includes(slot)) problems.push(`${where}: unknown slot {${slot}} (use ${allowed.map((s) => `{${s}}`).join(', ')})`);
    }
  }
  if (!used.has('secret') && !used.has('secret|segments')) problems.push('/request: the secret is sent nowhere (put {secret} in the url, a header, basic or the body)');
  if (used.has('id') !== (check.id !== undefined)) problems.push(check.id ? '/id: declared but {id} is never sent' : '/request: {id} is used but no /id says where to find it');
  if ((host === '{site}') !== (check.sites !== undefined)) problems.push(host === '{site}' ? '/sites: {site} needs a list of sites' : '/sites: given but the url host is not {site}');
  if ((host === '{tenant}') !== (check.tenant !== undefined)) problems.push(host === '{tenant}' ? '/tenant: {tenant} needs a tenant' : '/tenant: given but the url host is not {tenant}');
  const mapped = check.sites !== undefined && !Array.isArray(check.sites);
  if (mapped !== (check.siteFrom !== undefined)) problems.push(mapped ? '/siteFrom: a map of sites needs siteFrom to pick one' : '/siteFrom: needs sites as a map (name → host)');
  for (const [where, source] of [['/extract', check.extract], ['/siteFrom', check.siteFrom], ['/id/regex', check.id?.regex]] as const) {
    const problem = regexProblem(where, source, where === '/id/regex' ? (check.id?.group ?? 1) : 1);
    if (problem) problems.push(problem);
  }
  check.answers.forEach((answer, i) => {
    // A refusal can look like anything; only the provider's own words prove a 4xx means "live".
    const evidence = [answer.json, answer.header, answer.body, answer.contains, answer.present].some((c) => c !== undefined);
    if (answer.verdict === 'valid' && answer.status.some((s) => s >= 400) && !evidence) problems.push(`/answers/${i}: a valid 4xx answer needs a json, present, header, body or contains condition`);
  });
  return problems;
}
