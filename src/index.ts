// Public library API: scan fragments with the built-in rules, load rules and config, and format reports. Re-exports only.
export type { Finding, Fragment, Rule, CompiledRule, Stats, Report, Verdict, Suggestion, AwsInfo } from './types.js';
export { RAW } from './types.js';
export { ScanError, UsageError, ConfigError, RuleFileError, InputError, GitError, OperationalError } from './errors.js';
export { loadConfig, parseConfig, findRepoRoot } from './config/load.js';
export { defaultConfig, type Config } from './config/defaults.js';
export { createEngine, scanFragment, scanFragments, sortFindings, loadRulesForConfig, type Engine } from './scan.js';
export { loadBuiltinRules, loadRuleFiles, compileRules, checkRuleFile } from './rules/load.js';
export { detectFragment, buildRuleSet, type RuleSet, type DetectOptions } from './detect/engine.js';
export { decodeAccountId, describeKeyId } from './detect/aws.js';
export { REPORTERS } from './report/index.js';
export { redact } from './report/redact.js';
export { main } from './cli/main.js';
