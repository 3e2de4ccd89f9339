// `keyfence rules`: lists the rules in force (id, provider, description) and how many each family holds (--json
// for machines); `rules test` runs rules' own examples for their authors.
import type { CommandModule } from 'yargs';
import { loadConfig } from '../../config/load.js';
import { loadRulesForConfig } from '../../scan.js';
import type { RunIO } from '../run.js';
import type { Rule } from '../../types.js';
import { familyCounts, familyOf } from '../../rules/families.js';

interface RulesArgs {
  json?: boolean;
  config?: string;
}

interface RulesTestArgs {
  files?: string[];
  builtin?: boolean;
  config?: string;
  quiet?: boolean;
  color?: boolean;
}

/** What `--validate` does for a rule: a code validator's name, or where its check goes and what it does there. */
function validatorSummary(validate: Rule['validate']): string | { method: string; hosts: string[]; effect: string } | undefined {
  if (validate === undefined || typeof validate === 'string') return validate;
  const host = /^https:\/\/([^/]+)/.exec(validate.request.url)?.[1] ?? '';
  const sites = validate.sites === undefined ? [] : Array.isArray(validate.sites) ? validate.sites : Object.values(validate.sites);
  const hosts = host === '{site}' ? sites : host === '{tenant}' ? validate.tenant?.suffixes.map((s) => `*${s}`) ?? [] : [host];
  return { method: validate.request.method, hosts, effect: validate.effect };
}

function listRules(argv: RulesArgs, io: RunIO): void {
  const rules = loadRulesForConfig(loadConfig(io.cwd, argv.config)).map(({ rule }) => rule);
  if (argv.json) {
    io.stdout(`${JSON.stringify(rules.map((r) => ({ id: r.id, provider: r.provider, family: familyOf(r), description: r.description, severity: r.severity, keywords: r.keywords, validate: validatorSummary(r.validate), envVar: r.remediation?.envVar })), null, 2)}\n`);
    return;
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  for (const r of rules) io.stdout(`${r.id.padEnd(width)}  ${r.provider.padEnd(14)}  ${r.validate ? 'live' : '    '}  ${r.description}\n`);
  const validating = rules.filter((r) => r.validate !== undefined).length;
  if (validating > 0) io.stdout(`live: ${validating} rules are checked with their provider under --validate\n`);
  io.stdout(`${rules.length} rules\n`);
  for (const [family, count] of familyCounts(rules)) io.stdout(`  ${family.padEnd(14)}  ${String(count).padStart(4)}\n`);
}

function testCommand(io: RunIO, setExit: (code: number) => void): CommandModule<object, RulesTestArgs> {
  return {
    command: 'test [files..]',
    describe: "run rules' own examples: the config's custom rules, rule FILEs, or --builtin (exit 1 when one fails)",
    builder: (yargs) =>
      yargs
        .positional('files', { type: 'string', array: true, describe: 'rule files ({ "rules": [...] }, the format of rules/*.json)' })
        .option('builtin', { type: 'boolean', describe: 'test the shipped catalogue (what the test suite runs)' })
        // --config comes from `rules` (yargs options are global): declared again, the help showed `-c, -c, --config`.
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'print only the failures and the summary' })
        .option('color', { type: 'boolean', describe: 'colours (default: on a TTY unless NO_COLOR is set)' })
        .example('keyfence rules test', "run the examples of .keyfence.json's custom rules")
        .example('keyfence rules test rules/acme.json', 'run the examples of a rule file against the rules in force') as never,
    handler: async (argv) => {
      // Loaded here: listing the rules (and every scan) never pays for it.
      const { testRules } = await import('../rules-test.js');
      setExit(testRules({ files: argv.files ?? [], builtin: argv.builtin === true, config: argv.config, quiet: argv.quiet === true, color: argv.color }, io));
    },
  };
}

export function rulesCommand(io: RunIO, setExit: (code: number) => void): CommandModule<object, RulesArgs> {
  return {
    command: 'rules',
    describe: 'list the rules (id, provider, description) and the count per family; `rules test` runs their examples',
    builder: (yargs) =>
      yargs
        .command(testCommand(io, setExit))
        .option('json', { type: 'boolean', describe: 'print JSON' })
        .option('config', { alias: 'c', type: 'string', describe: 'config file (default .keyfence.json)' })
        .example('keyfence rules --json', 'every rule in force, as JSON')
        .example('keyfence rules test', "run the examples of your config's custom rules") as never,
    handler: (argv) => {
      listRules(argv, io);
      setExit(0);
    },
  };
}
