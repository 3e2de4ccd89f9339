// Pure: Rule → CompiledRule (global+indices RegExp, lower-cased keywords, allow matchers).
import type { CompiledRule, Rule } from '../types.js';

export type PathMatcherFactory = (globs: string[]) => (path: string) => boolean;
/** Builds each regex of a rule; `field` names it (/regex, /secretRegex, /requires, /allow/regexes/0) for messages. */
export type RegExpFactory = (source: string, flags: string, field: string) => RegExp;

const plainRegExp: RegExpFactory = (source, flags) => new RegExp(source, flags);

/**
 * Throws SyntaxError with the rule's own words when a regex does not compile. `verifyGroups` also checks the secret
 * group exists, which forces V8 to compile the regex: done for users' rules, and for built-in ones by the test suite.
 */
export function compileRule(rule: Rule, makePathMatcher?: PathMatcherFactory, verifyGroups = false, makeRegExp: RegExpFactory = plainRegExp): CompiledRule {
  const flags = new Set(['g', 'd', ...(rule.flags ?? '')]);
  flags.delete('y');
  // Every field set, even when undefined: one object shape for all rules keeps the detection loop monomorphic
  // (rules with and without `requires` used to deoptimise it).
  const compiled: CompiledRule = {
    rule,
    regex: makeRegExp(rule.regex, [...flags].join(''), '/regex'),
    secretGroup: rule.secretGroup ?? 1,
    keywords: rule.keywords.map((k) => k.toLowerCase()),
    secretRegex: rule.secretRegex !== undefined ? makeRegExp(`^(?:${rule.secretRegex})$`, '', '/secretRegex') : undefined,
    allowRegexes: (rule.allow?.regexes ?? []).map((r, i) => makeRegExp(r, '', `/allow/regexes/${i}`)),
    allowStopwords: (rule.allow?.stopwords ?? []).map((w) => w.toLowerCase()),
    allowPaths: rule.allow?.paths?.length && makePathMatcher ? makePathMatcher(rule.allow.paths) : undefined,
    requires: rule.requires !== undefined ? makeRegExp(rule.requires, '', '/requires') : undefined,
    pairOnly: rule.pairOnly === true,
  };
  // An assignment rule's regex matches names; the detector finds the value.
  if (!verifyGroups || rule.assignment) return compiled;
  // A regex without the secret group would silently report nothing.
  const groups = new RegExp(`${rule.regex}|`, rule.flags?.replace(/[gy]/g, '')).exec('')?.length ?? 1;
  if (compiled.secretGroup >= groups) throw new SyntaxError(`secretGroup ${compiled.secretGroup} does not exist (the regex has ${groups - 1} groups)`);
  return compiled;
}
