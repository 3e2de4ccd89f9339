// The stored keyword automaton: used only for exactly the keywords it was built from, and equal to a fresh build.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPrefilterCache, PREFILTER_CACHE, writePrefilterCache } from '../../src/rules/prefilter-cache.js';
import { computePrefilterTables, prefilterFromTables } from '../../src/detect/prefilter.js';
import { loadBuiltinRules } from '../../src/rules/load.js';
import { prefilterKeywords } from '../../src/detect/engine.js';

describe('rules/prefilter-cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-prefilter-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const keywords = [['akia', 'asia'], ['ghp_'], [], ['secret', 'token']];
  const file = join(dir, 'prefilter.bin');
  writePrefilterCache(keywords, file);

  it('round-trips the automaton exactly', () => {
    const loaded = loadPrefilterCache(keywords, file);
    assert.ok(loaded);
    const fresh = computePrefilterTables(keywords);
    assert.deepEqual([...loaded.rows], [...fresh.rows]);
    assert.deepEqual(loaded.outputs, fresh.outputs);
    assert.deepEqual(loaded.stemRows, fresh.stemRows);
    assert.deepEqual(prefilterFromTables(loaded).candidates('x = AKIA and a Secret'), [0, 2, 3]);
  });

  it('is ignored for other keywords (a config that disables or adds rules)', () => assert.equal(loadPrefilterCache([['akia']], file), undefined));

  it('is ignored when it was written before the stems were marked', () => {
    const old = join(dir, 'old.bin');
    const json = Buffer.from(JSON.stringify({ key: JSON.stringify(keywords), classes: 1, asciiClasses: [], outputs: [[]], alwaysRun: [], ruleCount: 4, rowCount: 0 }));
    const bytes = Buffer.alloc(Math.ceil((4 + json.length) / 4) * 4);
    bytes.writeUInt32LE(json.length, 0);
    json.copy(bytes, 4);
    writeFileSync(old, bytes);
    assert.equal(loadPrefilterCache(keywords, old), undefined);
  });

  it('is ignored when the file is damaged', () => {
    const broken = join(dir, 'broken.bin');
    writeFileSync(broken, 'not an automaton');
    assert.equal(loadPrefilterCache(keywords, broken), undefined);
  });

  it('is ignored when its rows are cut short or its header length is past the end', () => {
    const whole = readFileSync(file);
    const cases = [
      { name: 'rows cut short', bytes: whole.subarray(0, whole.length - 4) },
      { name: 'header only', bytes: whole.subarray(0, 4 + whole.readUInt32LE(0)) },
      { name: 'header length past the end', bytes: Buffer.concat([Buffer.from([0xff, 0xff, 0xff, 0x7f]), whole.subarray(4)]) },
    ];
    for (const { name, bytes } of cases) {
      const cut = join(dir, 'cut.bin');
      writeFileSync(cut, bytes);
      assert.equal(loadPrefilterCache(keywords, cut), undefined, name);
    }
  });

  it('matches the built-in catalogue after the build', () => {
    const catalogueKeywords = prefilterKeywords(loadBuiltinRules().map(({ rule }) => ({ keywords: rule.keywords.map((k) => k.toLowerCase()), keywordPaths: rule.keywordPaths })));
    assert.ok(loadPrefilterCache(catalogueKeywords, PREFILTER_CACHE), 'build/prefilter.bin should fit the built-in rules');
  });
});
