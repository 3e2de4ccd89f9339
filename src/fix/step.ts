// The finding step for remediation: a suggestion on every finding, then (with --fix) the rewrite itself.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { MESSAGE_FILE, type Finding } from '../types.js';
import { UsageError } from '../errors.js';
import type { FindingStep } from '../finding-step.js';
import { suggestRemedy, type Remedy } from '../remediate/env-var.js';
import type { NamedSets } from '../remediate/part-names.js';
import { applyFixes } from './apply.js';
import { decodeFile } from './text-file.js';
import { parseDotenv } from './dotenv.js';

/** The working-tree text of a file as the scanner decodes it, or undefined (missing, a link, not text). */
function readWorkTreeText(root: string, file: string): string | undefined {
  const path = join(root, file);
  try {
    if (!existsSync(path) || !lstatSync(path).isFile()) return undefined;
    return decodeFile(readFileSync(path))?.text;
  } catch {
    return undefined;
  }
}

function byPosition(a: Finding, b: Finding): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;
}

export const remediationStep: FindingStep = async (findings, context) => {
  const root = context.engine.config.root;
  // Names the local .env already uses keep their meaning: a different secret gets NAME_2.
  const taken = new Map(parseDotenv(readWorkTreeText(root, '.env') ?? ''));
  const sets: NamedSets = new Map();
  const texts = new Map<string, string | undefined>();
  const targets: { finding: Finding; remedy: Remedy }[] = [];
  let messages = 0;
  for (const finding of [...findings].sort(byPosition)) {
    // A commit message is no file: no environment variable replaces a key in it, and --fix never edits it.
    if (finding.file === MESSAGE_FILE) {
      messages++;
      continue;
    }
    let fileText: string | undefined;
    const outside = finding.file.startsWith('../') || isAbsolute(finding.file);
    if (finding.commit === undefined && !outside) {
      if (!texts.has(finding.file)) texts.set(finding.file, readWorkTreeText(root, finding.file));
      fileText = texts.get(finding.file);
    }
    const unavailable = outside ? { unavailable: `outside ${root}, the folder --fix works in: fix it by hand, or run keyfence from a folder that holds it` } : {};
    const remedy = suggestRemedy({ finding, rule: context.engine.ruleSet.byId.get(finding.ruleId)?.rule, fileText, taken, sets, ...unavailable });
    // An earlier step (validation) may have left a note, such as rotation steps for a live key: keep it.
    const earlier = finding.suggestion?.note;
    finding.suggestion = remedy.suggestion;
    if (earlier) finding.suggestion.note = remedy.suggestion.note ? `${remedy.suggestion.note}\n${earlier}` : earlier;
    targets.push({ finding, remedy });
  }
  if (!context.options.fix) return findings;
  if (messages > 0) context.notices.push(`--fix: ${messages} finding${messages === 1 ? '' : 's'} in commit messages left as they are (--fix never edits a message): reword the message (git commit --amend, or git rebase -i for older commits) and rotate the key`);
  // Piped text (an editor's unsaved buffer) is not the file on disk: rewriting the disk file would be a surprise.
  if ((context.options as { stdin?: unknown }).stdin === true) throw new UsageError('--fix cannot be used with --stdin', 'run keyfence scan --fix on the file itself');
  const dryRun = context.options.dryRun === true;
  const result = await applyFixes(targets, { root, dryRun, showSecrets: context.options.showSecrets === true });
  if (dryRun) {
    if (result.diff !== '') context.output?.push(result.diff);
    const changes = result.files.length === 0 ? 'nothing to change' : `would change ${result.files.join(', ')}`;
    if (result.refusals.length === 0) context.notices.push(`--fix --dry-run: ${changes}; nothing written`.replace('nothing to change; nothing written', 'nothing to change'));
    else {
      // The whole plan: what a real run would refuse (it would then write nothing), and what it would do without those.
      context.notices.push('--fix --dry-run: --fix would refuse and write nothing, because of:', ...result.refusals.map((line) => `  ${line}`));
      // The exit code --fix would give, after the whole plan is shown.
      context.exitCode = 2;
      context.notices.push(`--fix --dry-run: without the files refused, it ${result.files.length === 0 ? 'would change nothing' : `${changes} (the diff above the report)`}; nothing written`);
    }
  } else if (result.files.length === 0) {
    context.notices.push('--fix: nothing to change');
  } else {
    const staged = context.command === 'staged' ? ', then git add the fixed files' : '';
    context.notices.push(`--fix: rewrote ${result.fixed} finding${result.fixed === 1 ? '' : 's'}; changed ${result.files.join(', ')}. The secrets now live only in the git-ignored .env. Review the change${staged}, and rotate any key that was ever pushed.`);
  }
  return findings;
};
