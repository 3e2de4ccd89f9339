// Writes the tables of live checks into README.md and docs/validation.md from rules/*.json (after `npm run build`);
// `--check` only says whether they are current (exit 1 when not).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { loadRuleFiles } = await import('../build/src/rules/load.js');
const { docsTable, readmeTable, replaceTable } = await import('../build/src/validate/docs-table.js');

const rules = loadRuleFiles().map((r) => r.rule);
let stale = 0;
for (const [file, table] of [['README.md', readmeTable(rules)], [join('docs', 'validation.md'), docsTable(rules)]]) {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  const next = replaceTable(text, table);
  if (next === undefined) {
    console.error(`validators-table: ${file} has no validators markers`);
    process.exit(2);
  }
  if (next === text) continue;
  stale++;
  if (!process.argv.includes('--check')) writeFileSync(path, next);
  console.log(`validators-table: ${file} ${process.argv.includes('--check') ? 'is stale' : 'updated'}`);
}
process.exit(process.argv.includes('--check') && stale > 0 ? 1 : 0);
