// The finding step for remediation: a suggestion on every finding, then (with --fix) the rewrite itself.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../types.js';
import { UsageError } from '../errors.js';
import type { FindingStep } from '../finding-step.js';
import { suggestRemedy, type Remedy } from '../remediate/env-var.js';
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
  const texts = new Map<string, string | undefined>();
  const targets: { finding: Finding; remedy: Remedy }[] = [];
  for (const finding of [...findings].sort(byPosition)) {
    let fileText: string | undefined;
    if (finding.commit === undefined) {
      if (!texts.has(finding.file)) texts.set(finding.file, readWorkTreeText(root, finding.file));
      fileText = texts.get(finding.file);
    }
    const remedy = suggestRemedy({ finding, rule: context.engine.ruleSet.byId.get(finding.ruleId)?.rule, fileText, taken });
    // An earlier step (validation) may have left a note, such as rotation steps for a live key: keep it.
    const earlier = finding.suggestion?.note;
    finding.suggestion = remedy.suggestion;
    if (earlier) finding.suggestion.note = remedy.suggestion.note ? `${remedy.suggestion.note}\n${earlier}` : earlier;
    targets.push({ finding, remedy });
  }
  if (!context.options.fix) return findings;
  // Piped text (an editor's unsaved buffer) is not the file on disk: rewriting the disk file would be a surprise.
  if ((context.options as { stdin?: unknown }).stdin === true) throw new UsageError('--fix cannot be used with --stdin', 'run keyfence scan --fix on the file itself');
  const dryRun = context.options.dryRun === true;
  const result = await applyFixes(targets, { root, dryRun, showSecrets: context.options.showSecrets === true });
  if (dryRun) {
    if (result.diff !== '') context.output?.push(result.diff);
    context.notices.push(result.files.length === 0 ? '--fix --dry-run: nothing to change' : `--fix --dry-run: would change ${result.files.join(', ')}; nothing written`);
  } else if (result.files.length === 0) {
    context.notices.push('--fix: nothing to change');
  } else {
    const staged = context.command === 'staged' ? ', then git add the fixed files' : '';
    context.notices.push(`--fix: rewrote ${result.fixed} finding${result.fixed === 1 ? '' : 's'}; changed ${result.files.join(', ')}. The secrets now live only in the git-ignored .env. Review the change${staged}, and rotate any key that was ever pushed.`);
  }
  return findings;
};
