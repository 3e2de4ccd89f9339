// Turns a Node file-system error (ENOENT, ENOTDIR, EACCES…) into words, so a path keyfence cannot write is a one-line
// usage error naming the path and the fix, never "internal error: ENOENT …".
import { UsageError } from './errors.js';

/** A Node system error from fs: it carries a string `code` and the `syscall` that failed. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string; syscall: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

const REASONS: Record<string, string> = {
  ENOENT: 'a folder on its path does not exist and cannot be made',
  ENOTDIR: 'a part of its path is a file, not a folder',
  // mkdir answers EEXIST where a file stands in place of a folder (make-dirs.cts).
  EEXIST: 'a part of its path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  ELOOP: 'too many symbolic links on its path',
  ENAMETOOLONG: 'the name is too long',
};

/** Why it failed, in words, with the code (for searching) and the path the system named when it is another one
 *  (the missing parent, the temp file beside the target). */
export function whyRefused(error: unknown, target?: string): string {
  if (!isSystemError(error)) return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  const reason = REASONS[error.code] ?? 'the system refused';
  const at = error.path !== undefined && error.path !== target ? ` at ${error.path}` : '';
  return `${reason} (${error.code}${at})`;
}

/** The usage error for a file keyfence could not write: `<shown>: cannot <what>: <why>; <hint>`. Other errors pass. */
export function writeFailure(error: unknown, shown: string, what: string, hint: string, target?: string): unknown {
  if (!isSystemError(error)) return error;
  return new UsageError(`${shown}: cannot ${what}: ${whyRefused(error, target)}`, hint, { cause: error });
}
