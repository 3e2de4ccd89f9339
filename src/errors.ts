// Typed errors: each carries its exit code and a one-line hint on how to fix it. Imports nothing.

export class ScanError extends Error {
  readonly exitCode: number = 2;
  constructor(
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad flag or argument. */
export class UsageError extends ScanError {}

/** .keyfence.json missing fields, not JSON, or failing the schema. */
export class ConfigError extends ScanError {}

/** A rules file or custom rule that does not validate or compile; may hold many problems. */
export class RuleFileError extends ScanError {
  constructor(
    readonly problems: string[],
    hint?: string,
  ) {
    super(problems.join('\n'), hint);
  }
}

/** A path the user named that cannot be read. */
export class InputError extends ScanError {}

/** git missing, not a repository, bad revision, unreadable object: operational, exit 3. */
export class GitError extends ScanError {
  override readonly exitCode: number = 3;
}

/** Any other operational failure (exit 3). */
export class OperationalError extends ScanError {
  override readonly exitCode: number = 3;
}

/** A user's regex ran past its deadline on some input (catastrophic backtracking): exit 2, naming rule and file. */
export class RegexTimeoutError extends ScanError {
  constructor(
    /** Which regex: `<config>: rule "<id>": /regex`. */
    readonly label: string,
    readonly deadlineMs: number,
    readonly file?: string,
  ) {
    super(`${label}: matching ${file ?? 'the input'} took over ${deadlineMs} ms (catastrophic backtracking on this text)`, 'simplify the regex: bound each repetition (e.g. {1,64}) and keep alternatives from matching the same text');
  }
}
