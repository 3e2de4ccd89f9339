// `keyfence rules`: lists the rules in force (id, provider, description) and how many each family holds; --json for machines.
import type { CommandModule } from 'yargs';
import { loadConfig } from '../../config/load.js';
import { loadRulesForConfig } from '../../scan.js';
import type { RunIO } from '../run.js';
import { familyCounts, familyOf } from '../../rules/families.js';

interface RulesArgs {
  json?: boolean;
  config?: string;
}

export function rulesCommand(io: RunIO, setExit: (code: number) => void): CommandModule<object, RulesArgs> {
  return {
    command: 'rules',
    describe: 'list the rules (id, provider, description) and the count per family',
    builder: (yargs) =>
      yargs
        .option('json', { type: 'boolean', describe: 'print JSON' })
        .option('config', { alias: 'c', type: 'string', describe: 'config file (default .keyfence.json)' }) as never,
    handler: (argv) => {
      const rules = loadRulesForConfig(loadConfig(io.cwd, argv.config)).map(({ rule }) => rule);
      if (argv.json) {
        io.stdout(`${JSON.stringify(rules.map((r) => ({ id: r.id, provider: r.provider, family: familyOf(r), description: r.description, severity: r.severity, keywords: r.keywords, validate: r.validate, envVar: r.remediation?.envVar })), null, 2)}\n`);
      } else {
        const width = Math.max(...rules.map((r) => r.id.length));
        for (const r of rules) io.stdout(`${r.id.padEnd(width)}  ${r.provider.padEnd(14)}  ${r.description}\n`);
        io.stdout(`${rules.length} rules\n`);
        for (const [family, count] of familyCounts(rules)) io.stdout(`  ${family.padEnd(14)}  ${String(count).padStart(4)}\n`);
      }
      setExit(0);
    },
  };
}
