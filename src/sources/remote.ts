// `keyfence history <git URL>`: a temporary mirror (every ref) of a remote repository, removed afterwards, also on
// Ctrl-C or failure. Credentials in the URL never reach a message: every text shown passes through redactUrl.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitError } from '../errors.js';
import { startGit } from './git.js';

/** The URL with its user information (`user:password@`, a token as user name) replaced by `***`. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@');
}

/** Every way the URL's credentials may be spelt in a text (raw, percent-decoded), longest first. */
function credentialsOf(url: string): string[] {
  const info = /^[a-z][a-z0-9+.-]*:\/\/([^/@]*)@/i.exec(url)?.[1];
  if (!info) return [];
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const parts = [info, decode(info), ...info.split(':').flatMap((part) => [part, decode(part)])];
  // A user name of two letters is no secret and would blank out ordinary words.
  return [...new Set(parts)].filter((part) => part.length >= 3).sort((a, b) => b.length - a.length);
}

/** `text` with the URL shown redacted and any spelling of its credentials replaced by `***`. */
export function redactText(text: string, url: string): string {
  let out = text.split(url).join(redactUrl(url));
  for (const secret of credentialsOf(url)) out = out.split(secret).join('***');
  return out;
}

/** Looks like something `git clone` fetches rather than a path in this repository: scheme://, or scp-like user@host:path. */
export function isRemoteUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^[^/\s:]+@[^/\s:]+:/.test(text);
}

export interface Mirror {
  /** The bare repository holding every ref of the remote. */
  dir: string;
  /** The URL as it may be shown. */
  shown: string;
  remove: () => void;
}

/** Clones every ref of `url` into a temporary bare repository; the folder goes when the run ends, fails or is
 *  interrupted (SIGINT, SIGTERM, SIGHUP: then the process exits with 128 + the signal's number). */
export async function cloneMirror(url: string, env: NodeJS.ProcessEnv = {}): Promise<Mirror> {
  // Set as they come to be: the handlers below may run before either exists.
  const held: { git?: ReturnType<typeof startGit>; base?: string } = {};
  let removed = false;
  const codes: Record<string, number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };
  // Listening before the folder exists: a signal in between would end the process and leave the folder behind.
  const handlers = Object.entries(codes).map(([signal, code]): [NodeJS.Signals, () => void] => [
    signal as NodeJS.Signals,
    () => {
      held.git?.stop();
      remove();
      process.exit(128 + code);
    },
  ]);
  const remove = (): void => {
    if (removed) return;
    removed = true;
    if (held.base) rmSync(held.base, { recursive: true, force: true });
    for (const [signal, handler] of handlers) process.off(signal, handler);
    process.off('exit', remove);
  };
  for (const [signal, handler] of handlers) process.on(signal, handler);
  process.on('exit', remove);
  const base = mkdtempSync(join(tmpdir(), 'keyfence-remote-'));
  held.base = base;
  const dir = join(base, 'repo.git');
  // Credentials in the URL are not handed to the user's credential helpers, which could store them.
  const helpers = credentialsOf(url).length > 0 ? ['-c', 'credential.helper='] : [];
  const git = startGit([...helpers, 'clone', '--mirror', '--quiet', '--', url, dir], { cwd: base, env: { GIT_TERMINAL_PROMPT: '0', ...env } });
  held.git = git;
  git.child.stdin.end();
  try {
    await git.finished;
  } catch (error) {
    remove();
    const message = error instanceof Error ? error.message : String(error);
    throw new GitError(`${redactUrl(url)}: cannot clone: ${redactText(message.replace(/^git clone: /, ''), url)}`, 'check the URL, that the repository exists and that you may read it (git credentials: a credential helper, or user:token@ in the URL)');
  }
  return { dir, shown: redactUrl(url), remove };
}
