// The local-secret files --fix maintains: .env (values), .gitignore (.env listed), .env.example (names only). Pure.
import { redact } from '../report/redact.js';

const KEY = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=(.*)$/;

function valueOf(rest: string): string {
  const trimmed = rest.trim();
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  return quoted ? (quoted[2] as string) : trimmed.replace(/\s+#.*$/, '');
}

/** Name → value of each KEY=value line. */
export function parseDotenv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = KEY.exec(line);
    if (match) out.set(match[1] as string, valueOf(match[2] as string));
  }
  return out;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function appendLines(text: string | undefined, lines: string[]): string {
  const base = text ?? '';
  if (lines.length === 0) return base;
  const eol = eolOf(base);
  const sep = base === '' || base.endsWith('\n') ? '' : eol;
  return `${base}${sep}${lines.join(eol)}${eol}`;
}

export interface EnvUpdate {
  text: string;
  /** Names that .env already holds with another value. */
  conflicts: string[];
}

/** .env with each entry appended unless the same name and value are there already. */
export function addToDotenv(text: string | undefined, entries: { name: string; line: string }[]): EnvUpdate {
  const existing = parseDotenv(text ?? '');
  const added: string[] = [];
  const conflicts: string[] = [];
  for (const entry of entries) {
    const match = KEY.exec(entry.line);
    const value = match ? valueOf(match[2] as string) : '';
    const name = match ? (match[1] as string) : entry.name;
    const held = existing.get(name);
    if (held === value) continue;
    if (held !== undefined) {
      conflicts.push(name);
      continue;
    }
    existing.set(name, value);
    added.push(entry.line);
  }
  return { text: appendLines(text, added), conflicts };
}

/** .env.example with `NAME=` for each name it lacks. */
export function addToExample(text: string | undefined, names: string[]): string {
  const existing = parseDotenv(text ?? '');
  const missing = [...new Set(names)].filter((n) => !existing.has(n));
  return appendLines(text, missing.map((n) => `${n}=`));
}

/** .gitignore with a `.env` line, unless a line already names it exactly. */
export function addEnvToGitignore(text: string | undefined): string {
  const lines = (text ?? '').split(/\r?\n/).map((l) => l.trim());
  if (lines.some((l) => l === '.env' || l === '/.env')) return text ?? '';
  return appendLines(text, ['.env']);
}

/** Files in the .env format, where every value is a secret: `.env`, `.env.local`, `prod.env`, `.env.example`. */
export function isDotenvFile(path: string): boolean {
  const name = path.split('/').pop() ?? path;
  return name === '.env' || name.startsWith('.env.') || name.endsWith('.env');
}

/** A .env line as a dry run prints it: the name and a masked value; a comment or other text is masked whole. */
export function maskDotenvLine(line: string): string {
  const match = KEY.exec(line);
  if (match) {
    const value = valueOf(match[2] as string);
    return value === '' ? line : `${line.slice(0, line.length - (match[2] as string).length)}${redact(value)}`;
  }
  const trimmed = line.trim();
  if (trimmed === '') return line;
  return trimmed.startsWith('#') ? '# …' : '…';
}
