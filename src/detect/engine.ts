// detectFragment: prefilter → regex → checks (entropy, checksum, allowlists) → pairs → findings. Pure.
import { RAW, type CompiledRule, type Finding, type Fragment, type Rule, type Severity } from '../types.js';
import { buildPrefilter, prefilterFromTables, type Prefilter, type PrefilterKeywords, type PrefilterTables } from './prefilter.js';
import { matchRule, type RawMatch } from './regex.js';
import { charsetOf, maxEntropy, shannonEntropy } from './entropy.js';
import { indexLines, locate, type LineIndex, type Location } from './location.js';
import { CHECKSUMS } from './checksum.js';
import { keepOnePerSpan } from './spans.js';
import { createDecodeBudget, findEncodedSpans, type DecodeBudget, type DecodeLimits } from './decode.js';
import { describeKeyId, type AwsAccountLists } from './aws.js';
import { assignmentMatches, TEST_PATH, type GenericStageOptions } from './generic-stage.js';
import { publicKeyDescription } from './public-keys.js';
import { judgeWeakPassword } from './weak-password.js';
import { hasInlineAllow } from '../allow/inline.js';
import { isPlaceholder } from '../allow/placeholder.js';
import { defineFingerprint } from '../allow/fingerprint.js';
import { attachPartners } from './partner.js';
import { maskLine, redact, secretsOfFinding, SecretIndex, windowAround, type MaskedLine, type SecretSpan } from '../report/redact.js';

export interface RuleSet {
  rules: CompiledRule[];
  byId: Map<string, CompiledRule>;
  prefilter: Prefilter;
  /** Rules that read the file's path (`target: "path"`), tested once per fragment outside the prefilter. */
  pathRules: CompiledRule[];
  /** Indices of rules that a file's path runs without a keyword (`keywordPaths`), tested once per fragment. */
  pathKeyed: number[];
}

/** What the prefilter keys each rule on: a rule with no keyword but `keywordPaths` runs on those paths only. */
export function prefilterKeywords(rules: readonly { keywords: string[]; keywordPaths?: unknown }[]): PrefilterKeywords {
  return rules.map((r) => (r.keywords.length === 0 && r.keywordPaths !== undefined ? null : r.keywords));
}

/** `tables`: a prefilter automaton the build stored for exactly these rules' keywords (else it is built here). */
export function buildRuleSet(rules: CompiledRule[], tables?: PrefilterTables): RuleSet {
  return {
    rules,
    byId: new Map(rules.map((r) => [r.head.id, r])),
    prefilter: tables ? prefilterFromTables(tables) : buildPrefilter(prefilterKeywords(rules)),
    pathRules: rules.filter((r) => r.head.target === 'path'),
    pathKeyed: rules.flatMap((r, i) => (r.keywordPaths ? [i] : [])),
  };
}

export interface DetectOptions {
  /** Global allowlist from config: regexes tested against the secret, stopwords contained in it. */
  allowRegexes?: RegExp[];
  allowStopwords?: string[];
  aws?: AwsAccountLists;
  /** Per-rule entropy overrides from config. */
  entropy?: Record<string, number>;
  /** Called with the reason whenever a candidate is dropped (KEYFENCE_DEBUG tracing). */
  trace?: (ruleId: string, reason: string) => void;
  /** Scan decoded base64/percent/\u spans too (default on); false turns it off, an object tunes the limits. */
  decode?: false | Partial<DecodeLimits>;
  /** false: the generic stage judges values without the BPE vocabulary (the eval measures what it adds). */
  tokenEfficiency?: boolean;
  /** Internal: depth and shared budget of the decoding in progress. */
  decodeState?: { depth: number; budget: DecodeBudget };
}

interface Candidate {
  compiled: CompiledRule;
  match: RawMatch;
  location: Location;
  entropy: number;
}

/** Why a candidate secret is not a finding, or null when it is one. */
function percentDecoded(secret: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(secret)) return secret;
  try {
    return decodeURIComponent(secret);
  } catch {
    return secret;
  }
}

export function rejectReason(compiled: CompiledRule, secret: string, options: DetectOptions): string | null {
  const rule = compiled.rule;
  if (compiled.secretRegex && !compiled.secretRegex.test(secret)) return 'shape';
  const floor = options.entropy?.[rule.id] ?? rule.entropy;
  // A percent-encoded secret is measured as written before encoding: `%2F%2F` adds characters, not randomness.
  if (floor !== undefined && shannonEntropy(percentDecoded(secret)) < floor) return 'entropy';
  if (rule.judge === 'password') {
    // Judged as typed: a file's escapes (`\:` in .pgpass) are not code around it.
    const weak = judgeWeakPassword(secret.replace(/\\(.)/g, '$1'));
    if (weak !== null) return weak;
  }
  if (rule.entropyFit !== undefined && shannonEntropy(secret) < rule.entropyFit * maxEntropy(charsetOf(secret), secret.length)) return 'entropy fit';
  if (rule.checksum !== undefined && !(CHECKSUMS[rule.checksum]?.(secret) ?? false)) return 'checksum';
  if (secret.length <= 200 && rule.allow?.placeholders !== false && isPlaceholder(secret)) return 'placeholder';
  if (publicKeyDescription(secret) !== undefined) return 'public by design';
  const lower = secret.toLowerCase();
  if (compiled.allowStopwords.some((w) => lower.includes(w))) return 'rule stopword';
  if (compiled.allowRegexes.some((r) => r.test(secret))) return 'rule allow regex';
  if (options.allowStopwords?.some((w) => lower.includes(w))) return 'config stopword';
  if (options.allowRegexes?.some((r) => r.test(secret))) return 'config allow regex';
  return null;
}

// One marker test per line, not per candidate: a minified line holds thousands of candidates.
const inlineAllowCache = new WeakMap<LineIndex, Map<number, boolean>>();
function allowedInline(index: LineIndex, textLine: number, lineText: string): boolean {
  let byLine = inlineAllowCache.get(index);
  if (!byLine) inlineAllowCache.set(index, (byLine = new Map()));
  let allowed = byLine.get(textLine);
  if (allowed === undefined) byLine.set(textLine, (allowed = hasInlineAllow(lineText)));
  return allowed;
}

function collect(compiled: CompiledRule, fragment: Fragment, lines: () => LineIndex, options: DetectOptions, matches: Iterable<RawMatch> = matchRule(compiled, fragment.text)): Candidate[] {
  const out: Candidate[] = [];
  if (compiled.allowPaths?.(fragment.file)) return out;
  for (const match of matches) {
    const reason = rejectReason(compiled, match.secret, options);
    if (reason !== null) {
      options.trace?.(compiled.rule.id, `${reason} (${fragment.file})`);
      continue;
    }
    const location = locate(fragment, lines(), match.start);
    if (allowedInline(lines(), location.textLine, location.lineText)) {
      options.trace?.(compiled.rule.id, `inline allow (${fragment.file}:${location.line})`);
      continue;
    }
    out.push({ compiled, match, location, entropy: shannonEntropy(match.secret) });
  }
  return out;
}

const SEVERITY_ORDER: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

/** In test and example folders a credential is still reported: generic and format rules at low, a provider's own
 *  token shape (strong evidence even there) at medium at most. */
function inTestPathSeverity(severity: Severity, rule: Rule, file: string): Severity {
  if (severity === 'low' || !TEST_PATH.test(file)) return severity;
  if (rule.generic === true || rule.provider === 'generic') return 'low';
  return SEVERITY_ORDER.indexOf(severity) > 1 ? 'medium' : severity;
}

function toFinding(candidate: Candidate, fragment: Fragment, options: DetectOptions, paired?: Candidate, as?: CompiledRule): Finding {
  const rule = (as ?? candidate.compiled).rule;
  const { match, location } = candidate;
  const identity = paired ? `${paired.match.secret}:${match.secret}` : match.secret;
  const finding: Finding = {
    ruleId: rule.id,
    description: rule.description,
    severity: inTestPathSeverity(match.severity ?? rule.severity, rule, fragment.file),
    file: fragment.file,
    line: location.line,
    column: location.column,
    endColumn: location.column + match.written.length,
    secret: redact(match.secret),
    match: '',
    fingerprint: '',
    entropy: Math.round(candidate.entropy * 1000) / 1000,
    [RAW]: { secret: match.secret, lineText: location.lineText },
  };
  defineFingerprint(finding, rule.id, fragment.file, identity);
  if (fragment.commit) Object.assign(finding, { commit: fragment.commit.commit, author: fragment.commit.author, email: fragment.commit.email, date: fragment.commit.date, message: fragment.commit.message });
  const keyId = paired ? paired.match.secret : candidate.compiled.rule.enrich === 'aws-key-id' ? match.secret : undefined;
  if (keyId !== undefined) {
    finding.aws = describeKeyId(keyId, options.aws);
    if (paired) {
      finding.aws.accessKeyId = redact(keyId);
      finding.pairedWith = { ruleId: paired.compiled.rule.id, line: paired.location.line, column: paired.location.column };
      Object.assign(finding[RAW], { pairedId: keyId, pairedLine: paired.location.line, pairedColumn: paired.location.column });
    }
  }
  return finding;
}

const spanOf = (c: Candidate): { textLine: number; start: number; end: number } => ({ textLine: c.location.textLine, start: c.match.start, end: c.match.end });

/** Same secret span found by a specific and a generic rule: keep the specific one (rule order decides ties). */
function overlaps(a: Candidate, b: Candidate): boolean {
  return a.location.textLine === b.location.textLine && a.match.start < b.match.end && b.match.start < a.match.end;
}

export function detectFragment(fragment: Fragment, ruleSet: RuleSet, options: DetectOptions = {}): Finding[] {
  // Path rules judge the file once, not each decoded text inside it.
  const byPath = ruleSet.pathRules.length > 0 && options.decodeState === undefined ? pathFindings(fragment, ruleSet.pathRules, options) : [];
  if (fragment.unread) return byPath;
  const indices = withPathKeyed(ruleSet.prefilter.candidates(fragment.text), fragment.file, ruleSet);
  if (indices.length === 0 && options.decode === false) return byPath;
  let lineIndex: LineIndex | undefined;
  const lines = (): LineIndex => (lineIndex ??= indexLines(fragment.text));

  const plain: Candidate[] = [];
  const deferred: CompiledRule[] = [];
  const assignmentRules: CompiledRule[] = [];
  // Gates (`requires`) are shared by several rules: test each one once per text.
  let gates: Map<string, boolean> | undefined;
  const passesGate = (gate: RegExp): boolean => {
    gates ??= new Map();
    let open = gates.get(gate.source);
    if (open === undefined) gates.set(gate.source, (open = gate.test(fragment.text)));
    return open;
  };
  for (const index of indices) {
    const compiled = ruleSet.rules[index] as CompiledRule;
    if (compiled.rule.target === 'path') continue;
    if (compiled.requires && !passesGate(compiled.requires)) continue;
    if (compiled.rule.assignment) assignmentRules.push(compiled);
    else if (compiled.pairOnly) deferred.push(compiled);
    else plain.push(...collect(compiled, fragment, lines, options));
  }
  // The assignment detector runs once for all its rules (src/detect/generic-stage.ts).
  if (assignmentRules.length > 0) {
    const stage = plain.length === 0 ? options : { ...options, lostSpan: lostSpanTo(plain, deferred, fragment, lines) };
    for (const [compiled, matches] of assignmentMatches(fragment, assignmentRules, ruleSet.rules, stage, ruleSet.prefilter.stems(fragment.text))) plain.push(...collect(compiled, fragment, lines, options, matches));
  }
  // Most texts hold no candidate at all: the rest (overlaps, pairs, findings) is a function of its own.
  const { findings: plainFindings, candidates } = plain.length === 0 ? { findings: [], candidates: [] } : candidateFindings(plain, deferred, fragment, lines, ruleSet, options);
  let findings = plainFindings;
  const decoded = options.decode === false ? [] : decodedFindings(fragment, ruleSet, options, lines, findings);
  if (decoded.length > 0) {
    // A decoded pair completes a key id already reported from the plain text on its line: report the pair alone.
    const completed = new Set(decoded.map((f) => `${f.line}\0${f[RAW].pairedId ?? ''}`));
    findings = findings.filter((f) => !completed.has(`${f.line}\0${f[RAW].secret}`));
    // A catch-all over an encoded value (a Kubernetes Secret's data) yields to the token decoded from it.
    findings = findings.filter((f) => !isGenericFinding(f, ruleSet) || !decoded.some((d) => d.line === f.line && d.column < f.endColumn && f.column < d.endColumn));
    findings.push(...decoded);
  }
  maskMatches(findings, candidates);
  if (findings.length > 0) attachPartners(findings, fragment, ruleSet.byId, lines);
  if (fragment.added) findings = findings.filter((f) => onAddedLine(f, fragment.added as ReadonlySet<number>));
  if (byPath.length > 0) findings.push(...byPath);
  // Most texts have no finding: sort allocates even for those.
  if (findings.length < 2) return findings;
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}

const isGenericFinding = (finding: Finding, ruleSet: RuleSet): boolean => ruleSet.byId.get(finding.ruleId)?.rule.generic === true;

/** The prefilter's candidates plus the rules whose `keywordPaths` the file's path matches, in rule order. */
function withPathKeyed(indices: number[], file: string, ruleSet: RuleSet): number[] {
  if (ruleSet.pathKeyed.length === 0) return indices;
  const added = ruleSet.pathKeyed.filter((i) => !indices.includes(i) && (ruleSet.rules[i] as CompiledRule).keywordPaths?.test(file) === true);
  return added.length === 0 ? indices : [...indices, ...added].sort((a, b) => a - b);
}

/** Findings of the rules that read the path: the file name is the secret's place (line 1), its content unread. */
function pathFindings(fragment: Fragment, pathRules: CompiledRule[], options: DetectOptions): Finding[] {
  const out: Finding[] = [];
  for (const compiled of pathRules) {
    if (compiled.allowPaths?.(fragment.file)) continue;
    compiled.regex.lastIndex = 0;
    const m = compiled.regex.exec(fragment.file);
    const secret = m?.[compiled.secretGroup] ?? m?.[0];
    if (!m || secret === undefined || secret.length === 0) continue;
    const reason = rejectReason(compiled, secret, options);
    if (reason !== null) {
      options.trace?.(compiled.rule.id, `${reason} (${fragment.file})`);
      continue;
    }
    const start = (m.indices?.[compiled.secretGroup]?.[0] ?? m.index) as number;
    const span = { start, end: start + secret.length, secret };
    const candidate: Candidate = { compiled, match: { start: 0, end: 0, secret, written: '' }, location: { textLine: 0, line: 1, column: 1, lineText: fragment.file }, entropy: shannonEntropy(secret) };
    const finding = toFinding(candidate, fragment, options);
    // The name tells where the credential is; the secret is the unread content, so the path is shown whole.
    finding.match = windowAround({ text: fragment.file, masks: new Map([[`${span.start}:${span.end}`, [span.start, span.end]]]) }, span);
    finding[RAW].nameOnly = true;
    out.push(finding);
  }
  return out;
}

/** Context lines (pair context) only complete pairs: a finding stays when it, or its pair's other half, was added. */
function onAddedLine(finding: Finding, added: ReadonlySet<number>): boolean {
  const paired = finding[RAW].pairedLine;
  return added.has(finding.line) || (paired !== undefined && added.has(paired));
}

/** The findings of a text's candidates: one per secret span, pairs joined (pair-only rules run here, when their
 *  anchor was found: rare, and costly otherwise); `candidates` are every span found, for masking. */
function candidateFindings(plain: Candidate[], deferred: CompiledRule[], fragment: Fragment, lines: () => LineIndex, ruleSet: RuleSet, options: DetectOptions): { findings: Finding[]; candidates: Candidate[] } {
  const pairOnly: Candidate[] = [];
  for (const compiled of deferred) if (plain.some((c) => c.compiled.rule.id === compiled.rule.pairWith)) pairOnly.push(...collect(compiled, fragment, lines, options));

  // Keep one candidate per secret span: the first non-generic rule in rule order, a provider's before a shared shape's.
  const kept = keepOnePerSpan(plain, spanOf, (k, candidate) => rank(candidate.compiled.rule) > rank(k.compiled.rule));

  const pairs = pairUp(kept, pairOnly, ruleSet);
  const findings: Finding[] = [];
  for (const candidate of kept) {
    if (pairs.consumed.has(candidate)) continue;
    findings.push(toFinding(candidate, fragment, options));
  }
  for (const pair of pairs.made) findings.push(toFinding(pair.secret, fragment, options, pair.anchor, pair.as));
  return { findings, candidates: [...kept, ...pairOnly] };
}

/** The candidates found so far, kept one per span as candidateFindings will keep them: a generic rule's value (rank 0,
 *  which never replaces) overlapping one of them on its line is dropped there, so the generic stage need not judge it
 *  (its classifier may load the BPE vocabulary, ~100 ms). Not when a pair-only rule pairs with that rule: those run
 *  when any candidate of it was found. */
function lostSpanTo(plain: Candidate[], deferred: CompiledRule[], fragment: Fragment, lines: () => LineIndex): GenericStageOptions['lostSpan'] {
  const kept = keepOnePerSpan(plain, spanOf, (k, candidate) => rank(candidate.compiled.rule) > rank(k.compiled.rule));
  return (compiled, start, end) => {
    if (rank(compiled.rule) !== 0 || deferred.some((d) => d.rule.pairWith === compiled.rule.id)) return false;
    const { textLine } = locate(fragment, lines(), start);
    return kept.some((k) => k.location.textLine === textLine && k.match.start < end && start < k.match.end);
  };
}

/** Which rule keeps a span two rules found: a provider's own rule (2), a shape several providers share (1), generic (0). */
const rank = (rule: CompiledRule['rule']): number => (rule.generic ? 0 : rule.yieldsToProviders ? 1 : 2);

/** Each finding's `match` masks every candidate secret on its line, not just its own (pairs, two tokens on a line). */
function maskMatches(findings: Finding[], candidates: Candidate[]): void {
  if (findings.length === 0) return;
  const byLine = new Map<number, SecretSpan[]>();
  for (const c of candidates) {
    const start = c.location.column - 1;
    const spans = byLine.get(c.location.line) ?? [];
    spans.push({ start, end: start + c.match.written.length, secret: c.match.written });
    byLine.set(c.location.line, spans);
  }
  // Findings' own spans too: a decoded finding's span is the encoded text, which no candidate of this text covers.
  for (const finding of findings) {
    const spans = byLine.get(finding.line) ?? [];
    spans.push({ start: finding.column - 1, end: finding.endColumn - 1, secret: finding[RAW].lineText.slice(finding.column - 1, finding.endColumn - 1) });
    byLine.set(finding.line, spans);
  }
  // Every other copy of a secret of this text as well: the same password twice on a line, one copy matched.
  const copies = new SecretIndex([...candidates.flatMap((c) => [c.match.written, c.match.secret]), ...findings.flatMap(secretsOfFinding)]);
  // Each line is masked once: masking it per finding was cubic on a minified line with thousands of findings.
  const masked = new Map<number, MaskedLine>();
  for (const finding of findings) {
    const start = finding.column - 1;
    const focus = { start, end: finding.endColumn - 1, secret: finding[RAW].lineText.slice(start, finding.endColumn - 1) };
    let line = masked.get(finding.line);
    if (!line) masked.set(finding.line, (line = maskLine(finding[RAW].lineText, [...(byLine.get(finding.line) ?? []), ...copies.spansIn(finding[RAW].lineText)])));
    finding.match = windowAround(line, focus);
  }
}

interface Pair {
  anchor: Candidate;
  secret: Candidate;
  as: CompiledRule;
}

/** Joins secrets with the nearest unpaired anchor (e.g. key id) within the rule's line window. */
function pairUp(kept: Candidate[], pairOnly: Candidate[], ruleSet: RuleSet): { made: Pair[]; consumed: Set<Candidate> } {
  const made: Pair[] = [];
  const consumed = new Set<Candidate>();
  const secrets = [...kept.filter((c) => c.compiled.rule.pairWith), ...pairOnly];
  for (const secret of secrets) {
    const rule = secret.compiled.rule;
    if (consumed.has(secret)) continue;
    // A bare candidate that an in-context finding already covers adds nothing.
    if (rule.pairOnly && kept.some((k) => k !== secret && overlaps(k, secret) && !k.compiled.rule.pairWith && !k.compiled.rule.generic)) continue;
    const as = rule.pairAs ? ruleSet.byId.get(rule.pairAs) : secret.compiled;
    if (!as) continue;
    const within = rule.pairWithin ?? 5;
    let best: Candidate | undefined;
    for (const anchor of kept) {
      if (anchor.compiled.rule.id !== rule.pairWith || consumed.has(anchor)) continue;
      // Lines of the file, not of the text: a diff's text skips the lines between its hunks.
      const distance = Math.abs(anchor.location.line - secret.location.line);
      if (distance > within) continue;
      if (!best || distance < Math.abs(best.location.line - secret.location.line)) best = anchor;
    }
    if (!best) continue;
    consumed.add(best);
    consumed.add(secret);
    // Drop duplicates of this secret found by other candidates (in-context and bare at once).
    for (const other of secrets) if (other !== secret && other.match.secret === secret.match.secret && overlaps(other, secret)) consumed.add(other);
    // A generic rule (e.g. `'secret' => '…'`) on the paired secret's span yields to the pair.
    for (const other of kept) if (other.compiled.rule.generic && overlaps(other, secret)) consumed.add(other);
    made.push({ anchor: best, secret, as });
  }
  return { made, consumed };
}

/**
 * The decode hook: scans decoded spans with the same rules and reports what they hold at the encoded span's
 * place in this fragment. The text before the span on its line is kept as context (a Kubernetes `data:` key
 * names the secret), and secrets or spans already reported from the plain text are not repeated.
 */
function decodedFindings(fragment: Fragment, ruleSet: RuleSet, options: DetectOptions, lines: () => LineIndex, direct: Finding[]): Finding[] {
  const state = options.decodeState ?? { depth: 0, budget: createDecodeBudget(options.decode || {}) };
  if (state.depth >= state.budget.limits.maxDepth) return [];
  const spans = findEncodedSpans(fragment.text, state.budget);
  if (spans.length === 0) return [];
  const seen = new Set(direct.map((f) => `${f.ruleId}\0${f[RAW].secret}`));
  const out: Finding[] = [];
  for (const span of spans) {
    const location = locate(fragment, lines(), span.start);
    const written = fragment.text.slice(span.start, span.end);
    // An encoded span already reported as written (a base64-shaped token, a percent-encoded URL secret) is not re-reported.
    const end = location.column + written.length;
    // A catch-all's finding (generic) does not: what the span decodes to may be a provider's token, which wins.
    if (direct.some((f) => f.line === location.line && f.column <= location.column && f.endColumn >= end && !isGenericFinding(f, ruleSet))) continue;
    // Rules already reported inside the span from the plain text (a URL's percent-encoded sig) are not repeated.
    const inside = new Set(direct.filter((f) => f.line === location.line && f.column < end && f.endColumn > location.column).map((f) => f.ruleId));
    const context = location.lineText.slice(Math.max(0, location.column - 81), location.column - 1);
    const inner: Fragment = { file: fragment.file, text: context + span.decoded };
    if (fragment.commit) inner.commit = fragment.commit;
    const nested = detectFragment(inner, ruleSet, { ...options, decodeState: { depth: state.depth + 1, budget: state.budget } });
    for (const finding of nested) {
      if (finding.line === 1 && finding.column <= context.length) continue;
      if (inside.has(finding.ruleId)) continue;
      const key = `${finding.ruleId}\0${finding[RAW].secret}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        ...finding,
        line: location.line,
        column: location.column,
        endColumn: Math.min(location.column + written.length, location.lineText.length + 1),
        // Masked with every other secret span on the line by maskMatches.
        match: '',
        [RAW]: { ...finding[RAW], lineText: location.lineText },
      });
    }
  }
  return out;
}
