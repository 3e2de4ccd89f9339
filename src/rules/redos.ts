// The one door to the regex analysers (@eslint-community/regexpp, regexp-ast-analysis, scslre): refuses user
// patterns whose matching time can explode. Loaded only when a config brings its own rules or allow regexes.
//
// What is refused, and why each check exists (safe-regex2's star height alone let all of these through):
// - a variable repetition inside a repetition whose next character can also continue it: `(a+)+$`, `(.*a){20}`,
//   `(?:\s*[a-z]+)+` (the text between repetitions can be cut in exponentially many ways);
// - alternatives of a repeated group that can start with the same character: `((a|a)+)$`, `(a|aa)+$`, `(\d|\w)+`;
// - repetitions in sequence that can trade the same run of characters: `\s*\s*x$`, `a*a*a*a*b` (polynomial; scslre);
// - a backreference that is repeated or points at a group of unbounded length: `^(a+)\1$`, `(a)\1*\1*b$`.
// Unanchored patterns that are merely quadratic on long runs (`[a-z]+_x`) are accepted: the run-time deadline of
// workers/regex-sandbox.ts bounds them. The messages name positions in the pattern, never its text (it may hold a
// secret, in an allow regex).
import { lazyRequire } from '../lazy-require.js';
import type { AST } from '@eslint-community/regexpp';

type Regexpp = typeof import('@eslint-community/regexpp');
type Analysis = typeof import('regexp-ast-analysis');
type Scslre = typeof import('scslre');

interface Tools {
  regexpp: Regexpp;
  analysis: Analysis;
  scslre: Scslre;
}

let tools: Tools | undefined;
function load(): Tools {
  tools ??= {
    regexpp: lazyRequire('@eslint-community/regexpp') as Regexpp,
    analysis: lazyRequire('regexp-ast-analysis') as Analysis,
    scslre: lazyRequire('scslre') as Scslre,
  };
  return tools;
}

/** Rounds from which an ambiguous repetition is refused: 2^9 paths stay cheap; scslre covers polynomial small cases. */
const MANY_ROUNDS = 10;

const BOUND_HINT = 'bound the repetition (e.g. {1,64}) or make what follows it a different character';

/** 1-based position of a node in the pattern, for messages. */
const at = (node: AST.Node): number => node.start + 1;

/** The group a repetition repeats, looking through single-element wrappers like `(?:(…))`. */
function alternativesOf(element: AST.QuantifiableElement): readonly AST.Alternative[] | undefined {
  let node: AST.Node = element;
  for (;;) {
    if (node.type !== 'Group' && node.type !== 'CapturingGroup') return undefined;
    if (node.alternatives.length > 1) return node.alternatives;
    const only = node.alternatives[0]?.elements;
    if (!only || only.length !== 1) return undefined;
    node = only[0] as AST.Node;
  }
}

type CharSet = ReturnType<Analysis['getFirstConsumedChar']>['char'];

/** Character sets that can come right after `quant` before its enclosing repetition `parent` starts its next round
 *  (the first set of that round too, when everything in between can be empty). */
function charsBeforeNextRound(t: Tools, quant: AST.Quantifier, parent: AST.Quantifier, flags: AST.Flags): CharSet[] {
  const sets: CharSet[] = [];
  let node: AST.Node = quant;
  while (node !== (parent.element as AST.Node)) {
    const container = node.parent as AST.Node | null;
    if (!container) break;
    if (container.type === 'Alternative') {
      for (const next of container.elements.slice(container.elements.indexOf(node as AST.Element) + 1)) {
        const first = t.analysis.getFirstConsumedChar(next, 'ltr', flags);
        sets.push(first.char);
        if (!first.empty) return sets;
      }
    }
    node = container;
  }
  sets.push(t.analysis.getFirstConsumedChar(parent.element, 'ltr', flags).char);
  return sets;
}

/** A variable repetition nested in a repetition (max ≥ 10), where the text between rounds is ambiguous. */
function nestedProblem(t: Tools, quant: AST.Quantifier, flags: AST.Flags): string | undefined {
  if (quant.max === quant.min) return undefined;
  for (let node = quant.parent as AST.Node | null; node; node = node.parent as AST.Node | null) {
    if (node.type !== 'Quantifier' || node.max < MANY_ROUNDS) continue;
    const own = t.analysis.getConsumedChars(quant.element, flags).chars;
    if (charsBeforeNextRound(t, quant, node, flags).some((next) => !own.isDisjointWith(next))) {
      return `may backtrack catastrophically: the repetition at character ${at(quant)} is repeated again by the one at character ${at(node)}, and can end in more than one place in each round; ${BOUND_HINT}`;
    }
  }
  return undefined;
}

/** Alternatives of a repeated group that can start with the same character. */
function alternationProblem(t: Tools, quant: AST.Quantifier, flags: AST.Flags): string | undefined {
  if (quant.max < MANY_ROUNDS) return undefined;
  const alternatives = alternativesOf(quant.element);
  if (!alternatives) return undefined;
  const firsts = alternatives.map((alt) => t.analysis.getFirstConsumedChar(alt, 'ltr', flags).char);
  for (let i = 0; i < firsts.length; i++) {
    for (let j = i + 1; j < firsts.length; j++) {
      if (!(firsts[i] as (typeof firsts)[number]).isDisjointWith(firsts[j] as (typeof firsts)[number])) {
        return `may backtrack catastrophically: alternatives ${i + 1} and ${j + 1} of the group repeated at character ${at(quant)} can start with the same character; merge them into one character class or make them start differently`;
      }
    }
  }
  return undefined;
}

function backreferenceProblem(t: Tools, ref: AST.Backreference, flags: AST.Flags): string | undefined {
  const groups = Array.isArray(ref.resolved) ? ref.resolved : [ref.resolved];
  if (groups.some((g) => t.analysis.getLengthRange(g.alternatives, flags).max === Infinity)) {
    return `backreference at character ${at(ref)} repeats a group of unbounded length (its matching time cannot be bounded); bound the group, e.g. {1,64}`;
  }
  for (let node = ref.parent as AST.Node | null; node; node = node.parent as AST.Node | null) {
    if (node.type === 'Quantifier' && node.max > 1) return `backreference at character ${at(ref)} is itself repeated; match the repeated text without a backreference`;
  }
  return undefined;
}

/** Repetitions in sequence trading the same characters (polynomial), or a repetition reaching itself (exponential). */
function tradeProblem(t: Tools, source: string, flags: string): string | undefined {
  const report = t.scslre.analyse({ source, flags }, { reportTypes: { Move: false, Self: true, Trade: true }, maxReports: 1 }).reports[0];
  if (!report) return undefined;
  const kind = report.exponential ? 'exponential' : 'polynomial';
  if (report.type === 'Trade') return `may backtrack catastrophically (${kind} time): the repetitions at characters ${at(report.startQuant)} and ${at(report.endQuant)} can match the same run of characters; merge them or ${BOUND_HINT}`;
  if (report.type === 'Self') return `may backtrack catastrophically (${kind} time): the repetition at character ${at(report.quant)} is repeated again by the one at character ${at(report.parentQuant)}; ${BOUND_HINT}`;
  return undefined;
}

/**
 * Why a user's pattern may take super-linear time, or undefined when no check found a reason. `flags` are the
 * regex's own (g, d and y are ignored). The pattern must already compile.
 */
export function redosProblem(source: string, flags = ''): string | undefined {
  const t = load();
  const kept = [...new Set(flags)].filter((f) => 'imsuv'.includes(f)).join('');
  let pattern: AST.Pattern;
  let parsedFlags: AST.Flags;
  try {
    const parser = new t.regexpp.RegExpParser({ ecmaVersion: 2025 });
    parsedFlags = parser.parseFlags(kept);
    pattern = parser.parsePattern(source, 0, source.length, { unicode: parsedFlags.unicode, unicodeSets: parsedFlags.unicodeSets });
  } catch {
    // V8 accepted it (web-compat syntax the analyser does not read): the run-time deadline still bounds it.
    return undefined;
  }
  let problem: string | undefined;
  const note = (found: string | undefined): void => {
    problem ??= found;
  };
  t.regexpp.visitRegExpAST(pattern, {
    onQuantifierEnter: (quant) => {
      note(alternationProblem(t, quant, parsedFlags));
      note(nestedProblem(t, quant, parsedFlags));
    },
    onBackreferenceEnter: (ref) => note(backreferenceProblem(t, ref, parsedFlags)),
  });
  return problem ?? tradeProblem(t, source, kept);
}
