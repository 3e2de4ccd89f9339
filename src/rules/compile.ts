// Pure: Rule → CompiledRule (global+indices RegExp, lower-cased keywords, allow matchers); `named` → its regex.
import type { CompiledRule, NamedValue, Rule, RuleHead } from '../types.js';

export type PathMatcherFactory = (globs: string[]) => (path: string) => boolean;
/** Builds each regex of a rule; `field` names it (/regex, /secretRegex, /requires, /allow/regexes/0) for messages. */
export type RegExpFactory = (source: string, flags: string, field: string) => RegExp;

const plainRegExp: RegExpFactory = (source, flags) => new RegExp(source, flags);

// The standard context of a name-bound value, in the parts that follow the name (see docs/rules.md, "named").
const NAME_TAIL = String.raw`[\w.\-]{0,24}`;
// `x = v`, `x: v`, `x := v`, `x ::= v`, `x ?= v`, `x .= v`, `x => v`, `("x", v)`, `x: string = v`, and `<x>v` where
// the value may start the next line.
const OPERATOR = String.raw`["'\x60]?\]?(?:[ \t]{0,4}:?[ \t]{1,4}str(?:ing)?)?[ \t]{0,16}(?:(?::{1,3}=|[?.+]=|=>|=|:|,)[ \t]{0,4}|>[ \t]{0,4}(?:\r?\n[ \t]{0,16})?)`;
// Terraform: `variable "x" { description = "…" default = "v" }`.
const TERRAFORM_DEFAULT = String.raw`["']?[ \t]{0,4}\{[^{}]{0,200}?\bdefault[ \t]{0,8}=[ \t]{0,4}`;
// XML attributes: .NET `<add key="x" value="v" />`, `<x value="v"/>`.
const XML_VALUE = String.raw`["']?[ \t]{1,8}value[ \t]{0,4}=[ \t]{0,4}`;
// Prose, log lines and command-line flags: `x v`, `--x v`.
const BARE = String.raw`["'\x60]?[ \t]{1,4}`;
const OPEN = String.raw`(?:\[?["'\x60]?)`;
const CLOSE = String.raw`(?![A-Za-z0-9_\-+/=])`;

/** The regex a `named` value compiles into: name, credential word, one of the contexts above, the value (group 1). */
export function namedRegex(named: NamedValue): string {
  const gap = named.gap ?? 20;
  const words = named.words ?? 'key|token|secret';
  // The word follows the name on the same line, or on the next one under a YAML parent key that names the provider.
  const name = String.raw`(?:${named.names})(?:[\w.\- ]{0,${gap}}|[\w.\-]{0,12}:[ \t]{0,4}\r?\n[ \t]{1,16}[\w.\-]{0,20})(?:${words})`;
  return `${name}${NAME_TAIL}(?:${OPERATOR}|${TERRAFORM_DEFAULT}|${XML_VALUE}|${BARE})${OPEN}(${named.value})${CLOSE}`;
}

/**
 * A rule of a rule file as the rest of keyfence sees it: a `named` rule gets its regex (case-insensitive for the
 * names) and, unless it has one, a secretRegex that holds the value to its exact case.
 */
export function expandRule(rule: Rule): Rule {
  const named = rule.named;
  if (named === undefined || typeof rule.regex === 'string') return rule;
  const flags = [...new Set(['i', ...(rule.flags ?? '')])].join('');
  return { ...rule, regex: namedRegex(named), flags, secretRegex: rule.secretRegex ?? named.value };
}

/**
 * A compiled rule whose regexes are built on first use: the prefilter runs a few rules per text, so a start-up that
 * builds all of them (a long pattern each, for `named` rules) pays for hundreds it never runs. One class, so every
 * compiled rule has the same shape and the detection loop stays monomorphic.
 */
/** Default lines searched around a secret for the other half of its credential (validate.id). */
export const PARTNER_WITHIN = 5;

function partnerOf(head: RuleHead, makeRegExp: RegExpFactory): CompiledRule['partner'] {
  const id = typeof head.validate === 'object' ? head.validate.id : undefined;
  if (!id) return undefined;
  return { regex: makeRegExp(id.regex, '', '/validate/id/regex'), group: id.group ?? 1, within: id.within ?? PARTNER_WITHIN };
}

class LazyCompiledRule implements CompiledRule {
  readonly head: RuleHead;
  readonly secretGroup: number;
  readonly keywords: string[];
  readonly allowRegexes: RegExp[];
  readonly allowStopwords: string[];
  readonly allowPaths: ((path: string) => boolean) | undefined;
  readonly requires: RegExp | undefined;
  readonly keywordPaths: RegExp | undefined;
  readonly pairOnly: boolean;
  readonly partner: CompiledRule['partner'];
  readonly #flags: string;
  readonly #makeRegExp: RegExpFactory;
  #getRule: (() => Rule) | undefined;
  #rule: Rule | undefined;
  #regex: RegExp | undefined;
  #secretRegex: RegExp | null | undefined;

  /** Everything here comes from `head`; `getRule` gives the whole (expanded) rule, asked once, when a run reads it. */
  constructor(head: RuleHead, getRule: () => Rule, flags: string, makeRegExp: RegExpFactory, makePathMatcher?: PathMatcherFactory) {
    this.head = head;
    this.#getRule = getRule;
    this.#flags = flags;
    this.#makeRegExp = makeRegExp;
    this.secretGroup = head.secretGroup ?? 1;
    this.keywords = head.keywords.map((k) => k.toLowerCase());
    this.allowRegexes = (head.allow?.regexes ?? []).map((r, i) => makeRegExp(r, '', `/allow/regexes/${i}`));
    this.allowStopwords = (head.allow?.stopwords ?? []).map((w) => w.toLowerCase());
    this.allowPaths = head.allow?.paths?.length && makePathMatcher ? makePathMatcher(head.allow.paths) : undefined;
    this.requires = head.requires !== undefined ? makeRegExp(head.requires, '', '/requires') : undefined;
    this.keywordPaths = head.keywordPaths !== undefined ? makeRegExp(head.keywordPaths, '', '/keywordPaths') : undefined;
    this.pairOnly = head.pairOnly === true;
    this.partner = partnerOf(head, makeRegExp);
  }

  get rule(): Rule {
    if (this.#rule === undefined) {
      this.#rule = (this.#getRule as () => Rule)();
      this.#getRule = undefined;
    }
    return this.#rule;
  }

  get regex(): RegExp {
    this.#regex ??= this.#makeRegExp(this.rule.regex, this.#flags, '/regex');
    return this.#regex;
  }

  get secretRegex(): RegExp | undefined {
    if (this.#secretRegex === undefined) this.#secretRegex = this.rule.secretRegex !== undefined ? this.#makeRegExp(`^(?:${this.rule.secretRegex})$`, '', '/secretRegex') : null;
    return this.#secretRegex ?? undefined;
  }
}

/** The regex flags a rule runs with: global and with indices, never sticky. */
function runFlags(head: RuleHead): string {
  // Computed for every catalogue rule at each start-up, where a few flag strings recur: once per string.
  const given = head.flags ?? '';
  let flags = RUN_FLAGS.get(given);
  if (flags === undefined) {
    const set = new Set(['g', 'd', ...given]);
    set.delete('y');
    flags = [...set].join('');
    RUN_FLAGS.set(given, flags);
  }
  return flags;
}
const RUN_FLAGS = new Map<string, string>();

/** A catalogue rule, whose whole is parsed on first use (src/rules/load.ts): the build already checked its regexes. */
export function compileHead(head: RuleHead, getRule: () => Rule, makePathMatcher?: PathMatcherFactory, makeRegExp: RegExpFactory = plainRegExp): CompiledRule {
  return new LazyCompiledRule(head, getRule, runFlags(head), makeRegExp, makePathMatcher);
}

/**
 * Throws SyntaxError with the rule's own words when a regex does not compile. `verifyGroups` builds the regexes now
 * and checks the secret group exists, which forces V8 to compile the regex: done for users' rules, and for built-in
 * ones by the test suite (built-in rules are otherwise built when first run).
 */
export function compileRule(source: Rule, makePathMatcher?: PathMatcherFactory, verifyGroups = false, makeRegExp: RegExpFactory = plainRegExp): CompiledRule {
  const rule = expandRule(source);
  const compiled = new LazyCompiledRule(rule, () => rule, runFlags(rule), makeRegExp, makePathMatcher);
  if (!verifyGroups) return compiled;
  void compiled.regex;
  void compiled.secretRegex;
  // An assignment rule's regex matches names; the detector finds the value.
  if (rule.assignment) return compiled;
  // A regex without the secret group would silently report nothing.
  const groups = new RegExp(`${rule.regex}|`, rule.flags?.replace(/[gy]/g, '')).exec('')?.length ?? 1;
  if (compiled.secretGroup >= groups) throw new SyntaxError(`secretGroup ${compiled.secretGroup} does not exist (the regex has ${groups - 1} groups)`);
  return compiled;
}
