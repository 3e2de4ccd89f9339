// The generic stage: runs the assignment detector once per text for the detector rules the prefilter picked,
// gives each credential-like assignment to the first rule that claims its name, and keeps the values the
// classifier calls secrets. Hooked into engine.ts; yields matches that go through the engine's usual checks.
import type { CompiledRule, Fragment, Severity } from '../types.js';
import type { RawMatch } from './regex.js';
import { ANCHORED_SYNTAXES, NAMED_SYNTAXES, type AnchoredSyntax } from './assignment-syntaxes.js';
import { findAnchoredAssignments, findNamedAssignments, type Assignment } from './assignment.js';
import { classifyValue, PASSWORD_HEADS } from './value-classifier.js';
import { isFormPair, judgeWeakPassword, userNear } from './weak-password.js';
import { isConfigFile, isConnectionPassword, isDocumentation, isRealHost, urlHost } from './config-files.js';
import { CHECKSUMS } from './checksum.js';
import { publicKeyDescription } from './public-keys.js';

export interface GenericStageOptions {
  trace?: (ruleId: string, reason: string) => void;
  /** false: judge values without the BPE vocabulary (npm run eval measures what it adds). */
  tokenEfficiency?: boolean;
  /** True when a value at [start, end) would lose its span to a candidate already found (engine.ts): it is not
   *  judged, as its verdict could not change a finding (and judging may load the BPE vocabulary). */
  lostSpan?: (compiled: CompiledRule, start: number, end: number) => boolean;
}

/** Base64 of printable text, percent- or backslash-escaped text: the engine's decoder judges what it holds (a
 *  Kubernetes Secret's data, a URL's percent-encoded secret) with the same rules, at the same place. */
function isEncodedText(value: string): boolean {
  if (/%[0-9A-Fa-f]{2}.*%[0-9A-Fa-f]{2}|\\[/u]/.test(value)) return true;
  if (value.length < 16 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  return /^[\x20-\x7e\t\r\n]+$/.test(Buffer.from(value, 'base64').toString('latin1'));
}

/** Credentials in tests and examples are still credentials: reported, at lower severity (only the user's allowlist hides them). */
export const TEST_PATH = /(?:^|\/)(?:test|tests|__tests__|spec|specs|fixtures?|testdata|test-data|__mocks__|mocks?|examples?|samples?)\/|(?:^|\/)[^/]*(?:\.(?:test|spec)\.[^/]+|_test\.go|_test\.py|_spec\.rb)$|(?:^|\/)test[_.][^/]*$/;

const LOW: Severity = 'low';
// A salt stored with its key-derivation parameters (a baseline, a password-hash record) is public by design.
const KDF_PARAMETERS = /scrypt|pbkdf2|argon2|bcrypt|"iterations"|"kdf"|\bN\W{1,3}\d{4,}/i;

/** At most 300 characters each side, within the line: bounded on a minified line of megabytes. */
function lineAround(text: string, index: number): string {
  let from = index;
  while (from > 0 && index - from < 300 && text[from - 1] !== '\n') from--;
  let to = index;
  while (to < text.length && to - index < 300 && text[to] !== '\n') to++;
  return text.slice(from, to);
}
const ANCHORED_IDS = new Set(ANCHORED_SYNTAXES.map((s) => s.id));

/** Rules limited to some syntaxes claim first; then the others, in catalogue order. Weak-password rules claim only
 *  what the others reject (weakClaim). */
function claimOrder(rules: CompiledRule[]): CompiledRule[] {
  const restricted = (r: CompiledRule): boolean => r.rule.assignment?.syntaxes !== undefined;
  const strong = rules.filter((r) => r.rule.assignment?.weak !== true);
  return [...strong.filter(restricted), ...strong.filter((r) => !restricted(r))];
}

/** A URL's user name: between `://` and the colon before its password at `start`. */
function urlUser(text: string, start: number): string {
  const from = text.lastIndexOf('//', start);
  return from === -1 ? '' : text.slice(from + 2, start - 1);
}

// Forms whose own anchor says a password follows (a client's password flag, an SQL statement): real in any file
// but documentation, as a script, a Dockerfile or a CI job runs them. Marked in the syntax table, so a new one cannot be missed here.
const COMMAND_SYNTAXES = new Set([...NAMED_SYNTAXES, ...ANCHORED_SYNTAXES].filter((s) => s.kind === 'command').map((s) => s.id));
// The variables a client reads its password from (libpq's, MySQL's, sshpass -e's): set in a script, they are that password.
const CLIENT_PASSWORD_VARIABLE = /^(?:PGPASSWORD|MYSQL_PWD|SSHPASS)$/;

/** The password's context says it is real: a command, a client's password variable or an SQL statement, a URL or a connection string naming a real
 *  server (outside documentation), or a configuration file by its name. */
function isStrongContext(fragment: Fragment, assignment: Assignment): boolean {
  if (assignment.syntax === 'url-credentials') return !isDocumentation(fragment.file) && isRealHost(urlHost(fragment.text, assignment.end + 1));
  if (COMMAND_SYNTAXES.has(assignment.syntax) || (assignment.syntax === 'assignment' && CLIENT_PASSWORD_VARIABLE.test(assignment.name))) return !isDocumentation(fragment.file);
  if (isConfigFile(fragment.file)) return true;
  if (assignment.syntax !== 'assignment' || isDocumentation(fragment.file)) return false;
  const lineStart = fragment.text.lastIndexOf('\n', assignment.start - 1) + 1;
  return isConnectionPassword(fragment.text.slice(Math.max(lineStart, assignment.start - 300), assignment.start), lineAround(fragment.text, assignment.start));
}

/** The weak-password rule that takes a password the classifier rejected, when its context says it is real. */
function weakClaim(fragment: Fragment, assignment: Assignment, weak: readonly CompiledRule[], options: GenericStageOptions): CompiledRule | undefined {
  if (weak.length === 0 || !PASSWORD_HEADS.has(assignment.verdict.head)) return undefined;
  const compiled = weak.find((r) => claims(r, assignment));
  if (!compiled || options.lostSpan?.(compiled, assignment.start, assignment.end)) return undefined;
  if (!isStrongContext(fragment, assignment)) return undefined;
  const url = assignment.syntax === 'url-credentials';
  const user = url ? urlUser(fragment.text, assignment.start) : userNear(fragment.text, assignment.start);
  const reject = judgeWeakPassword(assignment.value, user, url ? undefined : assignment.name);
  if (reject === null) return compiled;
  options.trace?.(compiled.rule.id, `${reject} (${fragment.file})`);
  return undefined;
}

/** The password repeats the stem of the user name beside it (in its URL, or assigned within three lines). */
function isExamplePair(text: string, assignment: Assignment): boolean {
  const user = assignment.syntax === 'url-credentials' ? urlUser(text, assignment.start) : userNear(text, assignment.start);
  return user !== undefined && isFormPair(assignment.value, user);
}

function claims(compiled: CompiledRule, found: Assignment): boolean {
  const spec = compiled.rule.assignment;
  // Anchored forms (CLI, SQL, URLs) belong to the rules that name them; the others claim named syntaxes only.
  if (spec?.syntaxes ? !spec.syntaxes.includes(found.syntax) : ANCHORED_IDS.has(found.syntax)) return false;
  if (spec?.quoted !== undefined && spec.quoted !== found.quoted) return false;
  if (spec?.minLength !== undefined && found.value.length < spec.minLength) return false;
  compiled.regex.lastIndex = 0;
  return compiled.regex.test(found.verdict.normal);
}

/** A value holding a token whose provider checksum fails (a corrupted or made-up ghp_…): not re-reported here. */
function failsChecksum(value: string, checksumRules: CompiledRule[]): boolean {
  for (const compiled of checksumRules) {
    const check = CHECKSUMS[compiled.rule.checksum as string];
    if (!check) continue;
    compiled.regex.lastIndex = 0;
    for (let m = compiled.regex.exec(value); m !== null; m = compiled.regex.exec(value)) {
      const secret = m[compiled.secretGroup];
      if (secret !== undefined && !check(secret)) return true;
      if (m[0].length === 0) compiled.regex.lastIndex++;
    }
  }
  return false;
}

/** A JSON object serialised into a credential-named string (`"Apitoken": "{\\"sig\\":\\"…\\"}"`): its string members. */
function serialisedMembers(value: string): string[] {
  if (!/^\{\\?"/.test(value)) return [];
  return [...value.matchAll(/:[ \t]{0,4}\\?"([^"\\]{8,256})\\?"/g)].map((m) => m[1] as string);
}

/** HTTP Basic credentials (`dXNlcjpwYXNz`): the password inside, judged as a password. */
function basicPassword(value: string): string | undefined {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+=*$/.test(value)) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  const m = /^[\x20-\x7e]{1,64}:([\x21-\x7e]{1,128})$/.exec(decoded);
  return m ? m[1] : undefined;
}

// The rules with a provider checksum, per rule set: filtering all of them per text cost ~20 ms a 3000-commit history.
const checksumRulesOf = new WeakMap<CompiledRule[], CompiledRule[]>();
function checksumRulesIn(allRules: CompiledRule[]): CompiledRule[] {
  let found = checksumRulesOf.get(allRules);
  if (!found) checksumRulesOf.set(allRules, (found = allRules.filter((r) => r.head.checksum !== undefined)));
  return found;
}

interface Setup {
  anchored: AnchoredSyntax[];
  named: boolean;
  order: CompiledRule[];
  weak: CompiledRule[];
}

// The set-ups per rule selection, keyed by a bit per detector rule of the rule set: a history's texts alternate among a
// few selections (`key` in one, `pass` in the next), and rebuilding the set-up on each change showed in the profile.
interface Setups {
  bits: Map<CompiledRule, number>;
  byMask: Map<number, Setup>;
}
const setupsOf = new WeakMap<CompiledRule[], Setups>();
// 31 bits keep the mask a small integer; a rule set with more detector rules builds its set-up per text.
const MASK_BITS = 31;

function buildSetup(selected: CompiledRule[]): Setup {
  // What a weak-password rule takes, a strong rule claims first: only the strong rules' syntaxes are searched.
  const strong = selected.filter((r) => r.rule.assignment?.weak !== true);
  const anchoredIds = new Set(strong.flatMap((r) => r.rule.assignment?.syntaxes ?? []));
  const anchored = ANCHORED_SYNTAXES.filter((s) => anchoredIds.has(s.id));
  const named = strong.some((r) => r.rule.assignment?.syntaxes === undefined || r.rule.assignment.syntaxes.some((id) => !anchored.some((s) => s.id === id)));
  return { anchored, named, order: claimOrder(selected), weak: selected.filter((r) => r.rule.assignment?.weak === true) };
}

function setupFor(selected: CompiledRule[], allRules: CompiledRule[]): Setup {
  let setups = setupsOf.get(allRules);
  if (!setups) {
    const bits = new Map<CompiledRule, number>();
    for (const r of allRules) if (r.rule.assignment && bits.size < MASK_BITS) bits.set(r, 1 << bits.size);
    setupsOf.set(allRules, (setups = { bits, byMask: new Map() }));
  }
  let mask = 0;
  for (const r of selected) {
    const bit = setups.bits.get(r);
    if (bit === undefined) return buildSetup(selected);
    mask |= bit;
  }
  let setup = setups.byMask.get(mask);
  if (!setup) setups.byMask.set(mask, (setup = buildSetup(selected)));
  return setup;
}

const NO_MATCHES: ReadonlyMap<CompiledRule, RawMatch[]> = new Map();

/** The detector rules' matches in this text, per rule; `stems`: the prefilter's stem hits in this text, when it has
 *  them (else the detector searches). */
export function assignmentMatches(fragment: Fragment, selected: CompiledRule[], allRules: CompiledRule[], options: GenericStageOptions, stems?: ArrayLike<number>): ReadonlyMap<CompiledRule, RawMatch[]> {
  const { anchored, named, order, weak } = setupFor(selected, allRules);
  const found = [...(named ? findNamedAssignments(fragment.text, fragment.file, stems) : []), ...(anchored.length > 0 ? findAnchoredAssignments(fragment.text, anchored) : [])];
  // Most texts hold no assignment: they share one empty result instead of a Map each.
  if (found.length === 0) return NO_MATCHES;
  const byRule = new Map<CompiledRule, RawMatch[]>();
  const checksumRules = checksumRulesIn(allRules);
  const inTests = TEST_PATH.test(fragment.file);
  for (const assignment of found) {
    const compiled = order.find((r) => claims(r, assignment));
    if (!compiled || options.lostSpan?.(compiled, assignment.start, assignment.end)) continue;
    if (assignment.verdict.head === 'salt' && KDF_PARAMETERS.test(lineAround(fragment.text, assignment.start))) {
      options.trace?.(compiled.rule.id, `salt among key-derivation parameters (${fragment.file})`);
      continue;
    }
    // HTTP Basic credentials are base64 of text too, but their password is judged here (the decoder has no name for it).
    const basic = assignment.verdict.head === 'authorization' || assignment.verdict.head === 'auth' ? basicPassword(assignment.value) : undefined;
    if (basic === undefined && isEncodedText(assignment.value)) continue;
    const context = { head: basic !== undefined ? 'password' : assignment.verdict.head, qualifier: assignment.verdict.qualifier, tokenEfficiency: options.tokenEfficiency };
    const verdict = serialisedMembers(assignment.value).some((member) => classifyValue(member, context).reject === null) ? { reject: null } : classifyValue(basic ?? assignment.value, context);
    if (verdict.reject === null && basic !== undefined && publicKeyDescription(assignment.value) !== undefined) verdict.reject = 'public by design';
    // `<username>repouser</username>` beside `<password>repopwd</password>`: the form's example, whatever the classifier says.
    if (verdict.reject === null && basic === undefined && PASSWORD_HEADS.has(assignment.verdict.head) && isExamplePair(fragment.text, assignment)) verdict.reject = 'the user name again';
    if (verdict.reject !== null) {
      options.trace?.(compiled.rule.id, `${verdict.reject} (${fragment.file})`);
      const weakRule = basic === undefined ? weakClaim(fragment, assignment, weak, options) : undefined;
      if (weakRule) push(byRule, weakRule, { start: assignment.start, end: assignment.end, secret: assignment.value, written: assignment.value, ...(inTests ? { severity: LOW } : {}) });
      continue;
    }
    if (failsChecksum(assignment.value, checksumRules)) {
      options.trace?.(compiled.rule.id, `provider checksum fails (${fragment.file})`);
      continue;
    }
    const match: RawMatch = { start: assignment.start, end: assignment.end, secret: assignment.value, written: assignment.value };
    if (verdict.sandbox || inTests) match.severity = LOW;
    push(byRule, compiled, match);
  }
  return byRule;
}

function push(byRule: Map<CompiledRule, RawMatch[]>, compiled: CompiledRule, match: RawMatch): void {
  const list = byRule.get(compiled) ?? [];
  list.push(match);
  byRule.set(compiled, list);
}
