// Recognises values that are templates or placeholders rather than secrets.

const TEMPLATE = /\$\{|\{\{|<[^>]*>|%\([a-z_]+\)s|^\$[A-Z_]+$|process\.env|os\.environ|getenv/i;
const REPEATED = /(.)\1{5,}/;
const MASKED = /x{4,}|\*{4,}|#{4,}|\.{4,}/i;

export function isPlaceholder(secret: string): boolean {
  return TEMPLATE.test(secret) || MASKED.test(secret) || REPEATED.test(secret);
}
