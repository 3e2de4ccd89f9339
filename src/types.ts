// Shared shapes of keyfence: fragments in, findings out. Imports nothing.

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** Commit metadata attached to fragments and findings from history scans. */
export interface CommitInfo {
  commit: string;
  author: string;
  email: string;
  date: string;
  message: string;
}

/** The `file` of a finding in a commit message: the path git keeps a message being written at, which no commit can
 *  hold (git refuses `.git` path components), so it never names a real file. `line` is the line within the message;
 *  `commit` says whose message (history); the commit-msg hook's findings have none. */
export const MESSAGE_FILE = '.git/COMMIT_EDITMSG';

/** A piece of text to scan, with where it came from. */
export interface Fragment {
  /** Repo-relative path with forward slashes. */
  file: string;
  text: string;
  /** True line number of each line of `text` (diff fragments); absent when text starts at line 1. */
  lineNumbers?: number[];
  commit?: CommitInfo;
  /** Blob id, when the text came from a git object. */
  blob?: string;
  /** Set when `text` also holds unchanged lines around a diff's added lines (pair context): the true numbers of the
   *  added lines. The other lines can complete a credential pair (as anchor or partner), and are never reported
   *  alone: a finding is kept when it, or the other half of its pair, sits on an added line. */
  added?: ReadonlySet<number>;
  /** The file's content was not read (a binary file): `text` is empty and only rules with `target: "path"` apply. */
  unread?: boolean;
}

export interface RuleExample {
  text: string | string[];
  secret?: string | string[];
  why: string;
  file?: string;
}

export interface RuleAllow {
  regexes?: string[];
  stopwords?: string[];
  paths?: string[];
  /** false: do not drop values that look like templates or masks (e.g. key bodies full of AAAA). */
  placeholders?: boolean;
}

/**
 * A value that is a secret only after a provider-specific name (`named` in a rule file): compiled into the standard
 * assignment context by src/rules/compile.ts, so such rules share one shape.
 */
export interface NamedValue {
  /** Regex source of the provider's names (`cloudsmith`, `(?<![a-z0-9])cc`), matched case-insensitively. */
  names: string;
  /** Regex source of the credential words after the name; default `key|token|secret`. */
  words?: string;
  /** Most characters between a name and its word (`_API_`, `.access `); default 20. */
  gap?: number;
  /** Regex source of the secret itself, matched with its exact case. */
  value: string;
}

/** A rule as stored in rules/*.json and in users' configs. */
export interface Rule {
  id: string;
  provider: string;
  description: string;
  severity: Severity;
  /** Set by the loader from `named` when a rule file gives that instead. */
  regex: string;
  named?: NamedValue;
  flags?: string;
  secretGroup?: number;
  keywords: string[];
  entropy?: number;
  /** Minimum entropy as a fraction of the most a secret of its charset and length can reach (generic rules). */
  entropyFit?: number;
  /** Applied to the secret before checks: e.g. percent-decoding of URL-embedded secrets. */
  transform?: 'percent-decode';
  /** The (transformed) secret must match this whole, or the match is dropped. */
  secretRegex?: string;
  /** Offline structural check (e.g. a CRC32 suffix); unknown names are a rule-file error. */
  checksum?: string;
  allow?: RuleAllow;
  remediation?: { envVar: string; note?: string };
  /** A code validator's name (`aws-sts`), or a live check described as data (`HttpCheck`). */
  validate?: string | HttpCheck;
  /** This rule is only reported when a finding of `pairWith` lies within `pairWithin` lines; the two become one. */
  pairWith?: string;
  pairWithin?: number;
  /** Report the joined pair under this rule id (its metadata) instead of this rule's. */
  pairAs?: string;
  /** Never reported alone: only as half of a pair. */
  pairOnly?: boolean;
  /** A catch-all rule: a specific rule matching the same span wins. */
  generic?: boolean;
  /** `path`: the regex reads the file's path, not its text: a file that is a credential by its name (a PKCS#12 or
   *  Java key store, Rails' master.key), reported once per file at line 1, its content never read. */
  target?: 'path';
  /** A shape other providers' keys share: another specific rule on the same span wins (generic rules still yield). */
  yieldsToProviders?: boolean;
  /** A regex the text must contain before this rule's regex runs (a cheap gate for costly rules). */
  requires?: string;
  /** A regex on the file's path: where it matches, the rule runs though no keyword occurs (a file whose name says
   *  what it holds: a bare NKEY seed in a `.nk` file carries no word to look for); with no keywords, on those paths only. */
  keywordPaths?: string;
  /** `password`: the secret is a password a person typed, judged by the weak-password judge instead of an entropy floor. */
  judge?: 'password';
  /** Found by the assignment detector (src/detect/assignment.ts): `regex` then matches the assigned name (its words
   *  joined by `_`), and the value classifier judges the value. `syntaxes`/`quoted`/`minLength` limit what the rule claims;
   *  `weak`: the rule claims only passwords the classifier rejects, in configuration files and URLs (weak-password.ts). */
  assignment?: { syntaxes?: string[]; quoted?: boolean; minLength?: number; weak?: boolean };
  /** Extra fields put on the finding: AWS key-id decoding, for instance. */
  enrich?: 'aws-key-id';
  tags?: string[];
  references?: string[];
  examples: { match: RuleExample[]; noMatch: RuleExample[] };
}

/** What loading and compiling read of every rule (the rest is read only of the rules a text selects), with `flags`
 *  as the rule expands to and of `validate` only its kind and the partner's pattern. */
export type RuleHead = Pick<Rule, 'id' | 'keywords' | 'flags' | 'secretGroup' | 'allow' | 'requires' | 'keywordPaths' | 'pairOnly' | 'pairWith' | 'pairAs' | 'pairWithin' | 'checksum' | 'target' | 'assignment'> & {
  validate?: string | Pick<HttpCheck, 'id'>;
};

/** A rule ready to run: regexes built, keywords lower-cased. */
export interface CompiledRule {
  rule: Rule;
  /** The fields of `rule` that every start-up reads: reading them never parses the rest of a catalogue rule. */
  head: RuleHead;
  regex: RegExp;
  secretGroup: number;
  keywords: string[];
  secretRegex?: RegExp;
  allowRegexes: RegExp[];
  allowStopwords: string[];
  allowPaths?: (path: string) => boolean;
  requires?: RegExp;
  /** rule.keywordPaths: a path that runs the rule without a keyword. */
  keywordPaths?: RegExp | undefined;
  /** rule.pairOnly, read on every text: rules differ in shape, this object does not. */
  pairOnly: boolean;
  /** The other half an HttpCheck needs (`validate.id`), looked for on the lines around each finding. */
  partner: { regex: RegExp; group: number; within: number } | undefined;
}

export interface AwsInfo {
  accountId: string | null;
  keyType: 'user' | 'temporary' | 'bearer' | 'context' | 'legacy' | 'unknown';
  canary?: boolean;
  canaryOwner?: string;
  ownAccount?: boolean;
  /** Access key id of a pair finding, redacted like the secret. */
  accessKeyId?: string;
}

/** A live check as rule data: one HTTPS request to a host the rule names, and how to read the answer. */
export interface HttpCheck {
  request: {
    method: 'GET' | 'POST';
    /** https://HOST/path?query; HOST is literal, `{site}` (one of `sites`) or `{tenant}` (the user's own, from config). */
    url: string;
    headers?: Record<string, string>;
    basic?: { user: string; password: string };
    body?: { json?: unknown; form?: Record<string, string>; text?: string };
  };
  /** A regex with one group applied to the secret: the part that fills `{secret}` (a webhook URL's path). */
  extract?: string;
  /** The other half of the credential, found near the secret: fills `{id}`. */
  id?: { name: string; regex: string; group?: number; within?: number };
  /** Hosts of `{site}`: a list is tried in order until one says valid; a map is picked by `siteFrom`'s group. */
  sites?: string[] | Record<string, string>;
  siteFrom?: string;
  /** `{tenant}`: hosts the user lists in `validation.tenants[name]`, each ending in one of `suffixes`. */
  tenant?: { name: string; suffixes: string[] };
  answers: HttpCheckAnswer[];
  /** Label → JSON path (`a.b`, `list[].name`) or `header:name`, read from a valid answer. */
  identity?: Record<string, string>;
  /** What the request does: reads, a write the provider refuses for its payload, or mints a short-lived token. */
  effect: 'read' | 'refused-write' | 'mints-token';
  /** What the key's owner can see of the check (logs, notifications), for the docs. */
  reveals: string;
  /** Where the endpoint's behaviour is documented. */
  docs: string[];
  pacingMs?: number;
}

export type JsonScalar = string | number | boolean | null;

export interface HttpCheckAnswer {
  status: number[];
  /** JSON path → the value it must hold (or any of a list). */
  json?: Record<string, JsonScalar | JsonScalar[]>;
  /** Header → the value it must hold (case-insensitive names). */
  header?: Record<string, string>;
  /** JSON paths that must hold a value (not null, not empty). */
  present?: string[];
  /** The whole (trimmed) body must be one of these. */
  body?: string[];
  /** The body must contain one of these. */
  contains?: string[];
  verdict: 'valid' | 'invalid' | 'unknown';
  reason?: string;
}

export interface Verdict {
  status: 'valid' | 'invalid' | 'unknown' | 'skipped';
  arn?: string;
  accountId?: string;
  userId?: string;
  reason?: string;
  /** Who saw the check: the rule's provider and the host that answered (every host asked, when several were). */
  provider?: string;
  host?: string;
  hosts?: string[];
  /** What the provider said about the credential's owner (login, account, scopes); never a secret. */
  identity?: Record<string, string>;
  /** From the verdict cache of an earlier run (--validate-cache), checked at this time (ISO 8601). */
  cachedAt?: string;
}

export interface Suggestion {
  envVar: string;
  replacement: string;
  language: string;
  note?: string;
  /** The exact text edit that applies the suggestion (1-based line/columns, end exclusive); absent when only manual. */
  edit?: { line: number; column: number; endLine: number; endColumn: number; text: string };
  /** Further edits the same fix needs (an import, the key id of an AWS pair, a Terraform variable block), same shape. */
  additionalEdits?: { line: number; column: number; endLine: number; endColumn: number; text: string }[];
}

/** Unredacted values, kept under a symbol so JSON.stringify and spreads into reports never carry them. */
export interface RawSecret {
  secret: string;
  /** The key id of a pair finding. */
  pairedId?: string;
  /** Where the paired part sits (line, column), for fixes. */
  pairedLine?: number;
  pairedColumn?: number;
  /** The full matched line, for fixes and --show-secrets. */
  lineText: string;
  /** History: position of the commit in rev-list's order (higher is older), to find where a secret appeared first. */
  order?: number;
  /** The other half an HttpCheck needs (an account id next to a token), found near the secret; never reported. */
  partner?: string;
  /** A path rule's finding: its "secret" is the file's name, which is no credential, so output never masks it. */
  nameOnly?: true;
}
export const RAW: unique symbol = Symbol.for('keyfence.raw');

/** Another place a reported secret was added (history): its own fingerprint keeps baselines and ignores per file. */
export interface FindingLocation {
  file: string;
  line: number;
  commit: string;
  fingerprint: string;
  /** Commits that added it to this file. */
  occurrences: number;
}

export interface Finding {
  ruleId: string;
  description: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endColumn: number;
  secret: string;
  match: string;
  fingerprint: string;
  entropy: number;
  commit?: string;
  occurrences?: number;
  /** History: the other files (oldest first, at most MAX_LOCATIONS) that the same secret was added to. */
  locations?: FindingLocation[];
  author?: string;
  email?: string;
  date?: string;
  message?: string;
  aws?: AwsInfo;
  /** A pair finding (key id + secret): where the other half, the rule's `pairWith` finding, sits. */
  pairedWith?: PairedLocation;
  validation?: Verdict;
  suggestion?: Suggestion;
  [RAW]: RawSecret;
}

export interface PairedLocation {
  ruleId: string;
  line: number;
  column: number;
}

export type SkipReason = 'binary' | 'too-large' | 'unreadable' | 'symlink' | 'not-utf8' | 'submodule' | 'baseline' | 'ignored';

export interface Stats {
  bytes: number;
  files: number;
  commits: number;
  findings: number;
  skipped: Partial<Record<SkipReason | string, number>>;
  durationMs: number;
  rulesLoaded: number;
  [extra: string]: unknown;
}

export interface Report {
  version: 1;
  findings: Finding[];
  stats: Stats;
}
