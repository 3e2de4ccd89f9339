// `keyfence audit`: scans (files, history, or the baseline's findings), then walks the findings on the terminal.
// Every line drawn is masked twice: by construction (src/audit/) and by a last pass over the known secrets here.
import { readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ReadStream, WriteStream } from 'node:tty';
import { RAW, type Finding } from '../../types.js';
import { UsageError } from '../../errors.js';
import { findRepoRoot, loadConfig } from '../../config/load.js';
import { sortFindings, type Engine } from '../../scan.js';
import { detectFragment } from '../../detect/engine.js';
import { redactAll } from '../../report/redact.js';
import { matchFingerprint, normalisePath, prepareFingerprints } from '../../allow/fingerprint.js';
import { matchBaseline, SecretHasher } from '../../allow/baseline.js';
import { addIgnoreEntry, locateBaseline, readBaseline, readIgnoreFile, removeIgnoreEntry } from '../../allow/load.js';
import { IGNORE_FILE } from '../../allow/ignore-file.js';
import { startGit } from '../../sources/git.js';
import { contextLines, decodeText, type ContextLine } from '../../audit/context.js';
import { auditItem, type AuditItem } from '../../audit/item.js';
import { renderScreen } from '../../audit/screen.js';
import { counts, currentFingerprint, startSession, type Decision, type Effect, type SessionState } from '../../audit/session.js';
import { emptyProgress, migrateProgress, progressPath, readProgress, writeProgress, type Progress } from '../../audit/load.js';
import { collectSource, startEngine, type RunIO, type ScanSource } from '../run.js';
import { pathArguments, type CommonOptions } from '../options.js';
import { runTerminal } from './tty.js';

export interface AuditArgs extends Pick<CommonOptions, 'config' | 'baseline' | 'maxFileSize' | 'threads' | 'color'> {
  paths?: string[];
  _?: (string | number)[];
  gitignore?: boolean;
  history?: boolean;
  all?: boolean;
  baselined?: boolean;
  reset?: boolean;
}

/** Larger files show no context (the finding itself still does). */
const MAX_CONTEXT_BYTES = 4 * 1024 * 1024;

/** A blob's bytes (`<commit>:<path>`), or 'too-large' once it passes `maxBytes` (git is stopped). */
async function readBlob(spec: string, maxBytes: number, cwd: string): Promise<Buffer | 'too-large'> {
  const git = startGit(['cat-file', 'blob', spec], { cwd });
  git.child.stdin.end();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of (git.output ?? git.child.stdout) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      git.stop();
      await git.finished;
      return 'too-large';
    }
    chunks.push(chunk);
  }
  await git.finished;
  return Buffer.concat(chunks);
}

async function auditSource(argv: AuditArgs, io: RunIO): Promise<ScanSource> {
  if (argv.history) {
    const { sweepSource } = await import('../commands/history.js');
    return sweepSource('audit', { all: argv.all, threads: argv.threads }, io);
  }
  const [{ fileFragments }, { fileSourceOptions }] = await Promise.all([import('../../sources/files.js'), import('../commands/scan.js')]);
  const paths = pathArguments(argv);
  return { command: 'audit', fragments: (engine, stats) => fileFragments(paths, fileSourceOptions(engine, stats, io, argv.gitignore !== false)) };
}

/** Which walk this is, for the progress file: the same command resumes where it stopped. */
function walkName(argv: AuditArgs): string {
  const what = argv.history ? `history${argv.all ? ' --all' : ''}` : `scan ${pathArguments(argv).join(' ')}`;
  return argv.baselined ? `${what} --baselined` : what;
}

/** Everything that is secret in a finding: the value, its pair's key id, and the text as written (encoded forms). */
function secretsOf(finding: Finding): string[] {
  const raw = finding[RAW];
  const written = raw.lineText.slice(finding.column - 1, finding.endColumn - 1);
  return [raw.secret, written, ...(raw.pairedId ? [raw.pairedId] : [])].filter((s) => s !== '');
}

/** The findings to walk: the scan's, minus those already ignored, minus (or, with --baselined, only) the baseline's. */
async function selectFindings(all: Finding[], argv: AuditArgs, io: RunIO, engine: Engine, repoRoot: string): Promise<Finding[]> {
  const ignored = new Set(readIgnoreFile(repoRoot, io.cwd).map((e) => e.fingerprint));
  // Guessable secrets' scrypt hashes run in parallel first; an entry in the old format still hides its finding.
  await prepareFingerprints(all);
  let findings = all.filter((f) => matchFingerprint(ignored, f) === undefined);
  const location = locateBaseline(io.cwd, repoRoot, argv.baseline, engine.config);
  const baseline = readBaseline(location);
  if (!baseline) {
    if (argv.baselined) throw new UsageError(`${location.label}: no baseline to audit`, 'create one with `keyfence baseline`, or drop --baselined');
    return findings;
  }
  const own = normalisePath(relative(engine.config.root, location.path).split(sep).join('/'));
  findings = findings.filter((f) => normalisePath(f.file) !== own);
  const match = await matchBaseline(findings, baseline, new SecretHasher(baseline.kdf), engine.config.pathIndependentBaseline);
  return argv.baselined ? match.suppressed : match.kept;
}

/** One finding per fingerprint (the same secret twice in a file is one decision); counts the others. */
function byFingerprint(findings: Finding[]): { findings: Finding[]; more: Map<string, number> } {
  const seen = new Map<string, Finding>();
  const more = new Map<string, number>();
  for (const f of findings) {
    if (seen.has(f.fingerprint)) more.set(f.fingerprint, (more.get(f.fingerprint) ?? 0) + 1);
    else seen.set(f.fingerprint, f);
  }
  return { findings: [...seen.values()], more };
}

class Items {
  private readonly cache = new Map<string, AuditItem>();

  constructor(
    private readonly findings: Map<string, Finding>,
    private readonly more: Map<string, number>,
    private readonly secrets: Set<string>,
    private readonly engine: Engine,
  ) {}

  private async fileBytes(f: Finding): Promise<Buffer | string> {
    const root = this.engine.config.root;
    try {
      if (f.commit) {
        const blob = await readBlob(`${f.commit}:${f.file}`, MAX_CONTEXT_BYTES, root);
        return blob === 'too-large' ? 'context not shown: the file is larger than 4 MiB' : blob;
      }
      const path = join(root, f.file);
      if (statSync(path).size > MAX_CONTEXT_BYTES) return 'context not shown: the file is larger than 4 MiB';
      return readFileSync(path);
    } catch {
      return f.commit ? 'context not shown: git cannot read the file at that commit' : 'context not shown: the file cannot be read';
    }
  }

  /** The masked lines around a finding; every secret the rules see in the file is masked too, reported or not. */
  private async context(f: Finding): Promise<ContextLine[] | string> {
    const bytes = await this.fileBytes(f);
    if (typeof bytes === 'string') return bytes;
    const text = decodeText(bytes);
    for (const found of detectFragment({ file: f.file, text }, this.engine.ruleSet, this.engine.detectOptions)) for (const s of secretsOf(found)) this.secrets.add(s);
    return contextLines(text, f.line, [...this.secrets]);
  }

  async get(fingerprint: string): Promise<AuditItem | undefined> {
    const cached = this.cache.get(fingerprint);
    if (cached) return cached;
    const finding = this.findings.get(fingerprint);
    if (!finding) return undefined;
    const item = auditItem(finding, await this.context(finding), this.engine.ruleSet.byId.get(finding.ruleId)?.rule);
    const extra = this.more.get(fingerprint);
    if (extra) item.location += ` (and ${extra} more place${extra === 1 ? '' : 's'} in ${finding.file})`;
    this.cache.set(fingerprint, item);
    return item;
  }
}

/** What is kept between runs: real and skipped decisions, and where this walk stopped (none once it was finished). */
function nextProgress(progress: Progress, state: SessionState, walk: string): Progress {
  const decisions = { ...progress.decisions };
  for (const fp of state.fingerprints) {
    const decision: Decision | undefined = state.decisions[fp];
    if (decision === 'real' || decision === 'skipped') decisions[fp] = decision;
    else delete decisions[fp];
  }
  const walks = { ...progress.walks };
  const at = currentFingerprint(state);
  if (state.finished || at === undefined) delete walks[walk];
  else walks[walk] = { at };
  return { version: 1, decisions, walks };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export async function runAudit(argv: AuditArgs, io: RunIO): Promise<number> {
  const config = loadConfig(io.cwd, argv.config);
  const repoRoot = findRepoRoot(io.cwd);
  // The ignore file and the baseline are read before the scan: a broken one stops the run at once.
  readIgnoreFile(repoRoot, io.cwd);
  readBaseline(locateBaseline(io.cwd, repoRoot, argv.baseline, config));
  const { engine, stats } = startEngine(config, argv, io);
  const all = sortFindings(await collectSource(await auditSource(argv, io), engine, stats));
  const secrets = new Set(all.flatMap(secretsOf));
  const selected = await selectFindings(all, argv, io, engine, repoRoot);
  if (selected.length === 0) {
    io.stdout(`keyfence audit: nothing to audit (${plural(stats.files, 'file')}${stats.commits ? `, ${plural(stats.commits, 'commit')}` : ''} scanned; findings already in ${IGNORE_FILE}${argv.baselined ? '' : ' or the baseline'} are not shown)\n`);
    return 0;
  }
  const { remediationStep } = await import('../../fix/step.js');
  const suggested = await remediationStep(selected, { engine, options: {}, stats, cwd: io.cwd, env: io.env, command: 'audit', notices: [] });
  const { findings, more } = byFingerprint(suggested);
  const items = new Items(new Map(findings.map((f) => [f.fingerprint, f])), more, secrets, engine);

  const walk = walkName(argv);
  const path = await progressPath(repoRoot, io.env);
  let progress = argv.reset ? emptyProgress() : readProgress(path);
  // Decisions an older keyfence keyed by a plain SHA-256 fingerprint move to the current ones, and the file is rewritten
  // at once so no guessable hash stays in it.
  const migrated = migrateProgress(progress, findings);
  if (migrated !== progress) writeProgress(path, (progress = migrated));
  const fingerprints = findings.map((f) => f.fingerprint);
  const known: Record<string, Decision> = {};
  for (const fp of fingerprints) if (progress.decisions[fp]) known[fp] = progress.decisions[fp];
  const initial = startSession(fingerprints, known, progress.walks[walk]?.at);
  const info = { walk: argv.baselined ? 'baselined findings' : argv.history ? 'history' : 'working tree', ignoreFile: IGNORE_FILE, rows: 24, columns: 80 };
  const output = process.stdout as WriteStream;

  const apply = async (effects: Effect[], state: SessionState): Promise<void> => {
    for (const effect of effects) {
      // Re-read and rewritten for each decision; the reason is masked like everything else.
      if (effect.kind === 'ignore') addIgnoreEntry(repoRoot, io.cwd, effect.fingerprint, redactAll(effect.reason, secrets));
      if (effect.kind === 'unignore') removeIgnoreEntry(repoRoot, io.cwd, effect.fingerprint);
      if (effect.kind === 'save') {
        progress = nextProgress(progress, state, walk);
        writeProgress(path, progress);
      }
    }
  };
  const render = async (state: SessionState) => {
    const item = state.mode.kind === 'done' ? undefined : await items.get(currentFingerprint(state) as string);
    const lines = renderScreen(state, item, { ...info, rows: output.rows || 24, columns: output.columns || 80 });
    return lines.map((l) => ({ ...l, text: redactAll(l.text, secrets) }));
  };
  const color = argv.color ?? ((io.env.NO_COLOR === undefined || io.env.NO_COLOR === '') && io.env.TERM !== 'dumb');
  const final = await runTerminal(initial, { render, apply }, { input: process.stdin as ReadStream, output, color });

  const c = counts(final);
  const resume = final.finished ? '' : `; the same \`keyfence audit\` command resumes at finding ${final.index + 1} of ${findings.length}`;
  io.stdout(`keyfence audit: ${c['false-positive']} false positive (added to ${IGNORE_FILE}), ${c.real} real (rotate them; they stay reported), ${c.skipped} skipped, ${findings.length - c['false-positive'] - c.real - c.skipped} undecided${resume}\n`);
  return 0;
}
