// Reads STS query-protocol answers (XML, or JSON when asked) without an XML library: a few known, flat tags.

export interface CallerIdentity {
  arn: string;
  accountId: string;
  userId: string;
}

export interface StsError {
  code: string;
  message: string;
}

export type ParsedResponse = { identity: CallerIdentity } | { error: StsError } | { unparsed: true };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Text of the first `<name>` element (namespace prefixes allowed), or undefined. */
function xmlText(xml: string, name: string): string | undefined {
  const match = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[A-Za-z_][\\w.-]*:)?${name}>`).exec(xml);
  return match ? decodeEntities(match[1] as string).trim() : undefined;
}

function parseXml(body: string): ParsedResponse {
  if (/<(?:\w+:)?GetCallerIdentityResult[\s>]/.test(body)) {
    const arn = xmlText(body, 'Arn');
    const accountId = xmlText(body, 'Account');
    const userId = xmlText(body, 'UserId');
    if (arn && accountId && userId) return { identity: { arn, accountId, userId } };
    return { unparsed: true };
  }
  const code = xmlText(body, 'Code');
  if (code) return { error: { code, message: xmlText(body, 'Message') ?? '' } };
  return { unparsed: true };
}

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function parseJson(body: string): ParsedResponse {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { unparsed: true };
  }
  const result = field(data, 'GetCallerIdentityResponse', 'GetCallerIdentityResult');
  const arn = asText(field(result, 'Arn'));
  const accountId = asText(field(result, 'Account'));
  const userId = asText(field(result, 'UserId'));
  if (arn && accountId && userId) return { identity: { arn, accountId, userId } };
  // Query protocol in JSON: {"Error":{"Code":…}}; JSON protocols: {"__type":"…#Code","message":…}.
  const code = asText(field(data, 'Error', 'Code')) ?? asText(field(data, 'ErrorResponse', 'Error', 'Code')) ?? asText(field(data, '__type'))?.split('#').pop();
  if (code) {
    const message = asText(field(data, 'Error', 'Message')) ?? asText(field(data, 'ErrorResponse', 'Error', 'Message')) ?? asText(field(data, 'message')) ?? asText(field(data, 'Message')) ?? '';
    return { error: { code, message } };
  }
  return { unparsed: true };
}

export function parseStsResponse(body: string): ParsedResponse {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{')) return parseJson(trimmed);
  if (trimmed.startsWith('<')) return parseXml(trimmed);
  return { unparsed: true };
}
