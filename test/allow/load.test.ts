// Reading baselines: every malformed file is an error naming the file and line, never an empty baseline.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addIgnoreEntry, ensureUnionMerge, locateBaseline, parseBaseline, readBaseline, readIgnoreFile, removeIgnoreEntry } from '../../src/allow/load.js';
import { newBaseline, serializeBaseline } from '../../src/allow/baseline.js';
import { InputError } from '../../src/errors.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const entry = `{"rule":"aws-access-key-id","file":"a.env","hash":"${'0'.repeat(64)}"}`;
const valid = serializeBaseline({ ...newBaseline(), entries: [JSON.parse(entry) as never] });

describe('parseBaseline', () => {
  it('reads a valid baseline', () => assert.equal(parseBaseline(valid, 'b.json').entries.length, 1));
  it('reads a baseline that starts with a byte-order mark', () => assert.equal(parseBaseline(`\ufeff${valid}`, 'b.json').entries.length, 1));
  it('accepts a file without the end marker (hand-written)', () => assert.equal(parseBaseline(valid.replace(',\n    {"end": true}', ''), 'b.json').entries.length, 1));
  it('accepts entries out of order and duplicated (after a union merge)', () => assert.equal(parseBaseline(valid.replace(`${entry},`, `${entry},\n    ${entry},`), 'b.json').entries.length, 2));

  const bad: { name: string; text: string; want: RegExp }[] = [
    { name: 'rejects invalid JSON with line and column', text: valid.replace('"version": 1,', '"version": 1'), want: /^b\.json: not valid JSON at line 3, column 3$/ },
    { name: 'rejects a truncated file', text: valid.slice(0, 40), want: /^b\.json: not valid JSON at line \d+ \(end of file\)$/ },
    { name: 'rejects an unknown version, naming its line', text: valid.replace('"version": 1', '"version": 2'), want: /^b\.json:2: unknown baseline version 2/ },
    { name: 'rejects missing hashing parameters', text: valid.replace(/ {2}"kdf": .*\n/, ''), want: /^b\.json:1: \(root\): must have required property 'kdf'/ },
    { name: 'rejects an unknown algorithm', text: valid.replace('"scrypt"', '"md5"'), want: /^b\.json:3: \/kdf\/algorithm: must be equal to constant/ },
    { name: 'rejects a cost that is not a power of two', text: valid.replace('"N":16384', '"N":1000'), want: /^b\.json:3: \/kdf\/N: must be one of/ },
    { name: 'rejects a secret stored in clear', text: valid.replace(/"hash":"0+"/, '"hash":"hunter2"'), want: /^b\.json:5: \/entries\/0\/hash: must match pattern/ },
    { name: 'rejects an unknown field in an entry', text: valid.replace('"file"', '"line":3,"file"'), want: /^b\.json:5: \/entries\/0: has an unknown property \(line 5\)/ },
    { name: 'rejects an end marker in the middle', text: valid.replace(`    ${entry},\n    {"end": true}`, `    {"end": true},\n    ${entry}`), want: /^b\.json:5: \/entries\/0: \{"end": true\} must be the last element/ },
    { name: 'rejects a top-level array', text: '[]', want: /^b\.json:1: \(root\): must be object/ },
    { name: 'rejects leftover merge-conflict markers', text: valid.replace('    {"end"', '<<<<<<< HEAD\n    {"end"'), want: /^b\.json:6: unresolved merge conflict/ },
  ];
  for (const { name, text, want } of bad) {
    it(name, () => {
      assert.throws(() => parseBaseline(text, 'b.json'), (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.equal(error.exitCode, 2);
        assert.match(error.message, want);
        return true;
      });
    });
  }
});

describe('locateBaseline and readBaseline', () => {
  const dir = makeTempDir('keyfence-load-');
  it('defaults to .keyfence-baseline.json at the repository root, labelled relative to cwd', () => {
    assert.deepEqual(locateBaseline(dir, dir), { path: join(dir, '.keyfence-baseline.json'), label: '.keyfence-baseline.json', explicit: false });
    assert.equal(locateBaseline(join(dir, 'sub'), dir).label, join('..', '.keyfence-baseline.json'));
  });
  it('prefers the flag, relative to cwd, over the config', () => assert.equal(locateBaseline(dir, dir, 'x.json', { baseline: 'y.json', root: dir }).path, join(dir, 'x.json')));
  it('resolves the config field against the config folder', () => assert.equal(locateBaseline(dir, dir, undefined, { baseline: 'ci/y.json', root: join(dir, 'cfg') }).path, join(dir, 'cfg', 'ci', 'y.json')));
  it('reads a missing default file as no baseline', () => assert.equal(readBaseline(locateBaseline(dir, dir)), undefined));
  it('fails on a missing file the user named', () => assert.throws(() => readBaseline(locateBaseline(dir, dir, 'nope.json')), /nope\.json: baseline file not found/));
});

describe('readIgnoreFile', () => {
  it('reads no entries when the file is absent', () => assert.deepEqual(readIgnoreFile(makeTempDir('keyfence-ignore-'), '/'), []));
  it('throws every bad line at once', () => {
    const dir = makeTempDir('keyfence-ignore-');
    writeFileSync(join(dir, '.keyfence-ignore'), 'x\ny\n');
    assert.throws(() => readIgnoreFile(dir, dir), (error: unknown) => error instanceof InputError && /:1:[^]*:2:/.test(error.message));
  });
});

describe('ensureUnionMerge', () => {
  it('adds the attribute once, keeping existing lines', () => {
    const dir = makeTempDir('keyfence-attr-');
    writeFileSync(join(dir, '.git'), 'gitdir: elsewhere\n');
    writeFileSync(join(dir, '.gitattributes'), '*.png binary');
    assert.equal(ensureUnionMerge(dir, join(dir, '.keyfence-baseline.json')), '/.keyfence-baseline.json merge=union');
    assert.equal(ensureUnionMerge(dir, join(dir, '.keyfence-baseline.json')), undefined);
    assert.equal(readFileSync(join(dir, '.gitattributes'), 'utf8'), '*.png binary\n/.keyfence-baseline.json merge=union\n');
  });
  it('does nothing outside a git work tree', () => assert.equal(ensureUnionMerge(makeTempDir('keyfence-attr-'), '/x/b.json'), undefined));
});

describe('addIgnoreEntry and removeIgnoreEntry', () => {
  const fp = '12'.repeat(32);
  const scratch = (t: { after: (fn: () => void) => void }): string => {
    const dir = makeTempDir('keyfence-ignore-write-');
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  it('creates the file with the entry and its reason', (t) => {
    const dir = scratch(t);
    assert.equal(addIgnoreEntry(dir, dir, fp, 'test fixture'), true);
    assert.equal(readFileSync(join(dir, '.keyfence-ignore'), 'utf8'), `${fp} # test fixture\n`);
  });

  it('re-reads the file before writing, keeping what was added since', (t) => {
    const dir = scratch(t);
    addIgnoreEntry(dir, dir, fp, 'first');
    writeFileSync(join(dir, '.keyfence-ignore'), `${readFileSync(join(dir, '.keyfence-ignore'), 'utf8')}# added by hand\n`);
    addIgnoreEntry(dir, dir, '34'.repeat(32), 'second');
    assert.equal(readFileSync(join(dir, '.keyfence-ignore'), 'utf8'), `${fp} # first\n# added by hand\n${'34'.repeat(32)} # second\n`);
  });

  it('does not list a fingerprint twice', (t) => {
    const dir = scratch(t);
    addIgnoreEntry(dir, dir, fp, 'a');
    assert.equal(addIgnoreEntry(dir, dir, fp, 'b'), false);
    assert.equal(readFileSync(join(dir, '.keyfence-ignore'), 'utf8'), `${fp} # a\n`);
  });

  it('keeps the file mode and writes through a symbolic link', (t) => {
    const dir = scratch(t);
    writeFileSync(join(dir, 'shared-ignore'), '# shared\n');
    chmodSync(join(dir, 'shared-ignore'), 0o640);
    symlinkSync('shared-ignore', join(dir, '.keyfence-ignore'));
    addIgnoreEntry(dir, dir, fp, 'x');
    assert.equal(readFileSync(join(dir, 'shared-ignore'), 'utf8'), `# shared\n${fp} # x\n`);
    assert.equal(statSync(join(dir, 'shared-ignore')).mode & 0o777, 0o640);
  });

  it('refuses to write into a file with a bad line, naming it', (t) => {
    const dir = scratch(t);
    writeFileSync(join(dir, '.keyfence-ignore'), 'not a fingerprint\n');
    assert.throws(() => addIgnoreEntry(dir, dir, fp, 'x'), (e: unknown) => e instanceof InputError && /\.keyfence-ignore:1: /.test(e.message));
    assert.equal(readFileSync(join(dir, '.keyfence-ignore'), 'utf8'), 'not a fingerprint\n');
  });

  it('removes only the entry taken back', (t) => {
    const dir = scratch(t);
    writeFileSync(join(dir, '.keyfence-ignore'), `# keep\r\n${fp} # x\r\n${'56'.repeat(32)}\r\n`);
    assert.equal(removeIgnoreEntry(dir, dir, fp), true);
    assert.equal(readFileSync(join(dir, '.keyfence-ignore'), 'utf8'), `# keep\r\n${'56'.repeat(32)}\r\n`);
    assert.equal(removeIgnoreEntry(dir, dir, fp), false);
  });
});
