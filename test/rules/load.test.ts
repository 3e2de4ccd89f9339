// Built-in rules load from the build's compact catalogue only while it matches rules/ file for file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bodiesFile, buildCompactCatalogue, readRuleFile, COMPACT_CATALOGUE, compileRules, headOfRule, loadBuiltinRules, loadRuleFiles, readCompactCatalogue, writeCompactCatalogue } from '../../src/rules/load.js';
import { expandRule } from '../../src/rules/compile.js';
import type { Rule } from '../../src/types.js';
import { BENIGN, HOSTILE } from './hostile-patterns.js';
import { rulesDir } from '../../src/paths.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/** A rules folder with two built-in rule files and a catalogue of them, changed by `spoil` before reading. */
function catalogueCase(spoil: (dir: string, catalogue: string) => void): ReturnType<typeof readCompactCatalogue> {
  const dir = makeTempDir('keyfence-catalogue-');
  const names = ['aws.json', 'github.json'];
  for (const name of names) copyFileSync(join(rulesDir, name), join(dir, name));
  const rules = names.flatMap((name) => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { rules: unknown[] }).rules);
  const files = names.map((name) => ({ name, size: statSync(join(dir, name)).size, mtimeMs: statSync(join(dir, name)).mtimeMs }));
  const catalogue = join(dir, 'catalogue.data');
  writeCompactCatalogue({ files, sources: rules.map(() => 'rules/x.json'), rules: rules as Rule[] }, catalogue);
  spoil(dir, catalogue);
  return readCompactCatalogue(catalogue, dir);
}

const STALE_CATALOGUES: { name: string; spoil: (dir: string, catalogue: string) => void }[] = [
  { name: 'a missing catalogue', spoil: (_dir, catalogue) => rmSync(catalogue) },
  { name: 'an empty catalogue', spoil: (_dir, catalogue) => writeFileSync(catalogue, '') },
  { name: 'a catalogue cut short', spoil: (_dir, catalogue) => writeFileSync(catalogue, readFileSync(catalogue, 'utf8').slice(0, 100)) },
  { name: 'a rule file edited after the build', spoil: (dir) => appendFileSync(join(dir, 'aws.json'), ' ') },
  { name: 'a rule file added after the build', spoil: (dir) => copyFileSync(join(rulesDir, 'slack.json'), join(dir, 'slack.json')) },
  { name: 'a catalogue whose rules lack their keywords', spoil: (_dir, catalogue) => writeFileSync(catalogue, readFileSync(catalogue, 'utf8').replace(/"keywords":/g, '"words":')) },
  { name: 'a catalogue without its bodies file', spoil: (_dir, catalogue) => rmSync(bodiesFile(catalogue)) },
  { name: 'a bodies file of another build', spoil: (_dir, catalogue) => appendFileSync(bodiesFile(catalogue), ' ') },
  { name: 'a catalogue with fewer sources than rules', spoil: (_dir, catalogue) => writeFileSync(catalogue, readFileSync(catalogue, 'utf8').replace('"sources":["rules/x.json",', '"sources":[')) },
];

describe('rules/load', () => {
  it('has a compact catalogue after the build', () => assert.ok(existsSync(COMPACT_CATALOGUE)));

  it('loads the same rules, in the same order, from the catalogue as from the files', () => {
    const fromFiles = loadRuleFiles();
    const fromCatalogue = loadBuiltinRules();
    assert.deepEqual(
      fromCatalogue.map((r) => [r.rule.id, r.source, r.rule.regex]),
      fromFiles.map((r) => [r.rule.id, r.source, r.rule.regex]),
    );
  });

  it('reads a catalogue that matches its rule files', () => {
    assert.ok((catalogueCase(() => undefined)?.length ?? 0) > 2);
  });

  for (const { name, spoil } of STALE_CATALOGUES) it(`falls back to the rule files on ${name}`, () => assert.equal(catalogueCase(spoil), undefined));

  it('stores named rules without their expanded regex, and expands them again when reading', () => {
    const named = buildCompactCatalogue().rules.filter((rule) => rule.named !== undefined);
    assert.ok(named.length > 0);
    for (const rule of named) assert.equal((rule as { regex?: string }).regex, undefined, rule.id);
    const fromCatalogue = new Map(loadBuiltinRules().map((r) => [r.rule.id, r.rule.regex]));
    for (const rule of named) assert.match(fromCatalogue.get(rule.id) ?? '', /\(\?!\[A-Za-z0-9_\\-\+\/=\]\)$/, rule.id);
  });

  it('gives every catalogue rule a head equal to the same fields of the whole rule', () => {
    const fromCatalogue = loadBuiltinRules();
    assert.ok(fromCatalogue.every((r) => r.head !== undefined));
    for (const r of fromCatalogue) assert.deepEqual(r.head, headOfRule(r.rule), r.rule.id);
  });

  it('reads the whole rules of the catalogue equal to the rule files, examples aside', () => {
    const fromFiles = new Map(loadRuleFiles().map((r) => [r.rule.id, r.rule]));
    for (const { rule } of loadBuiltinRules()) assert.deepEqual({ ...rule, examples: undefined }, { ...expandRule(fromFiles.get(rule.id) as Rule), examples: undefined }, rule.id);
  });

  it('compiles the catalogue without parsing a whole rule (a run parses those its texts select)', () => {
    const loaded = loadBuiltinRules();
    let parsed = 0;
    const counted = loaded.map((r) => ({
      source: r.source,
      head: r.head,
      get rule() {
        parsed++;
        return r.rule;
      },
    }));
    const compiled = compileRules(counted);
    assert.equal(compiled.length, loaded.length);
    assert.equal(parsed, 0);
  });

  it('leaves the examples out of the catalogue', () => {
    for (const rule of buildCompactCatalogue().rules) assert.deepEqual(rule.examples, { match: [], noMatch: [] });
  });
});

describe('rules/load: custom rules are checked for catastrophic backtracking in every field', () => {
  const base = { id: 'acme-token', provider: 'acme', description: 'Acme token', severity: 'high', regex: 'acme_([a-z0-9]{32})', keywords: ['acme'], examples: { match: [], noMatch: [] } } as Rule;
  const fields: { field: string; place: (source: string, flags?: string) => Rule }[] = [
    { field: '/regex', place: (source, flags) => ({ ...base, regex: `acme(${source})`, ...(flags ? { flags } : {}) }) },
    { field: '/secretRegex', place: (source) => ({ ...base, secretRegex: source }) },
    { field: '/requires', place: (source) => ({ ...base, requires: source }) },
    { field: '/allow/regexes/1', place: (source) => ({ ...base, allow: { regexes: ['^x$', source] } }) },
  ];
  for (const { field, place } of fields) {
    for (const c of HOSTILE) {
      // Flags apply to /regex only; in /regex the pattern follows `acme(`, so positions move (any number is accepted).
      if (c.flags && field !== '/regex') continue;
      it(`${field}: refuses ${c.name}`, () => {
        const rule = place(c.source, c.flags);
        assert.throws(
          () => compileRules([{ rule, source: 'custom.json' }], { checkRedos: () => true }),
          (error: Error) => {
            const line = error.message.split('\n').find((l) => l.startsWith(`custom.json: rule "acme-token": ${field}: `));
            assert.ok(line, error.message);
            assert.match(line.slice(`custom.json: rule "acme-token": ${field}: `.length), new RegExp(c.message.source.replace(/\\d\+|\d+/g, '\\d+')));
            return true;
          },
        );
      });
    }
  }
  for (const c of BENIGN) {
    it(`accepts ${c.name} in every field`, () => {
      for (const { field, place } of fields) if (!c.flags || field === '/regex') assert.doesNotThrow(() => compileRules([{ rule: place(c.source, c.flags), source: 'custom.json' }], { checkRedos: () => true }));
    });
  }
  it('leaves built-in rules to V8 (they are trusted and not analysed at run time)', () => {
    const rule = { ...base, regex: '(a+)+$' };
    const [compiled] = compileRules([{ rule, source: 'rules/acme.json' }]);
    assert.equal(compiled?.regex.constructor, RegExp);
  });
});

describe('rules/load: a rule file an editor saved with a byte-order mark', () => {
  it('reads its rules like the same file without the mark', () => {
    const path = join(makeTempDir('keyfence-rules-bom-'), 'acme.json');
    const rule = { id: 'acme-token', provider: 'acme', description: 'Acme token', severity: 'high', regex: 'acme_([a-z0-9]{12})', keywords: ['acme_'], examples: { match: [{ text: ['acme_', 'k3x9q2m7w1z8'], why: 'a token' }], noMatch: [{ text: 'acme_short', why: 'too short' }] } };
    writeFileSync(path, `\ufeff${JSON.stringify({ rules: [rule] })}`);
    const { rules, problems } = readRuleFile(path, 'acme.json');
    assert.deepEqual(problems, []);
    assert.deepEqual(rules.map((r) => r.rule.id), ['acme-token']);
  });
});

describe('rules/load: a custom rule whose allow regex matches every text', () => {
  const base = { id: 'acme-token', provider: 'acme', description: 'Acme token', severity: 'high', regex: 'acme_([a-z0-9]{32})', keywords: ['acme'], examples: { match: [], noMatch: [] } } as Rule;
  const cases: { name: string; regexes: string[]; refused: boolean }[] = [
    { name: 'refuses .* (it would allow every finding of the rule)', regexes: ['.*'], refused: true },
    { name: 'refuses an empty alternative after a real one', regexes: ['^x$', 'EXAMPLE|'], refused: true },
    { name: 'refuses a lone anchor', regexes: ['^'], refused: true },
    { name: 'accepts regexes that need a character', regexes: ['EXAMPLE$', '^test_', 'x+'], refused: false },
    { name: 'accepts an anchored pattern that also matches an empty secret', regexes: ['^(?:[A-Za-z0-9+/]{4})*$'], refused: false },
  ];
  for (const { name, regexes, refused } of cases) {
    it(name, () => {
      const compile = (): unknown => compileRules([{ rule: { ...base, allow: { regexes } }, source: 'custom.json' }], { checkRedos: () => true });
      if (!refused) return void assert.doesNotThrow(compile);
      assert.throws(compile, /custom\.json: rule "acme-token": \/allow\/regexes\/\d: matches every text \(an empty match\), so it would allow every finding/m);
    });
  }
});
