// KEYFENCE_<FLAG> environment variables: which of them set a flag of a command. Unknown ones (a CI's KEYFENCE_VERSION,
// a bare KEYFENCE, another command's flag) are ignored, never fatal. CommonJS, so bin/keyfence.js decides on its fast
// paths (the hook, the early history sweep) before any bundle loads.

const COMMON = ['format', 'output', 'config', 'baseline', 'validate', 'fail-on', 'results', 'only-verified', 'validate-cache', 'fix', 'dry-run', 'show-secrets', 'quiet', 'color', 'max-file-size', 'archives', 'sarif-category', 'threads'] as const;

/** The flags each command takes, as yargs defines them (test/cli/env-flags.test.ts checks the two agree). */
export const COMMAND_FLAGS: Readonly<Record<string, readonly string[]>> = {
  scan: [...COMMON, 'gitignore', 'stdin', 'stdin-filename'],
  staged: COMMON,
  'commit-msg': [...COMMON, 'file'],
  history: [...COMMON, 'all', 'range', 'since'],
  baseline: ['config', 'baseline', 'quiet', 'max-file-size', 'threads', 'gitignore', 'update', 'prune', 'from', 'history', 'all'],
  init: ['force', 'follow-symlinks'],
  audit: ['history', 'all', 'baselined', 'reset', 'config', 'baseline', 'gitignore', 'max-file-size', 'threads', 'color'],
  'pre-receive': [...COMMON, 'timeout', 'on-timeout'],
  rules: ['json', 'config'],
};

const PREFIX = 'KEYFENCE_';
/** Switches that are not flags: KEYFENCE_DEBUG turns on traces and stack traces for every command. */
const SWITCHES = new Set(['KEYFENCE_DEBUG']);

/** KEYFENCE_MAX_FILE_SIZE → max-file-size (yargs' mapping); undefined for a name that cannot be a flag. */
export function flagOfVariable(name: string): string | undefined {
  if (!name.startsWith(PREFIX) || SWITCHES.has(name)) return undefined;
  const rest = name.slice(PREFIX.length);
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(rest) ? rest.toLowerCase().replace(/_/g, '-') : undefined;
}

export interface EnvFlags {
  /** Flag name → the variable and its value, for the flags of this command. */
  flags: Map<string, { variable: string; value: string }>;
  /** Variables named like KEYFENCE* that set nothing for this command (reported under KEYFENCE_DEBUG=1). */
  ignored: string[];
}

/** The KEYFENCE_* variables of `env` that set a flag of `command`, and those that are ignored. */
export function envFlagsFor(command: string, env: NodeJS.ProcessEnv): EnvFlags {
  const known = new Set(COMMAND_FLAGS[command] ?? []);
  const out: EnvFlags = { flags: new Map(), ignored: [] };
  for (const [variable, value] of Object.entries(env)) {
    if (!variable.startsWith('KEYFENCE') || SWITCHES.has(variable) || value === undefined) continue;
    const flag = flagOfVariable(variable);
    if (flag !== undefined && known.has(flag)) out.flags.set(flag, { variable, value });
    else out.ignored.push(variable);
  }
  return out;
}
