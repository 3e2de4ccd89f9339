// Golden before/after fixtures of --fix for every supported language: fixed output, .env flow, parsers, idempotence, dry run.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stop as stopEsbuild, transformSync } from 'esbuild';
import { parseAllDocuments } from 'yaml';
import { copyTree, fill, FIXTURES, generateAwsPair, git, keyfence, listTree, makeRepo, placeholdersFor, snapshot, unfill, type Placeholders } from './repo.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// transformSync starts esbuild's service process, which runs until stopped: stop it so the file leaves nothing running.
after(() => stopEsbuild());

interface FixCase {
  parse?: 'node' | 'typescript' | 'python' | 'sh' | 'yaml' | 'javac' | 'terraform' | 'json' | 'none';
  env?: string[];
  example?: string[];
  refuses?: string;
}

function hasTool(name: string): boolean {
  return spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Throws when the fixed file no longer parses; a parser that is not installed is skipped. */
function checkParses(kind: FixCase['parse'], path: string): void {
  const text = readFileSync(path, 'utf8');
  const run = (cmd: string, args: string[]): void => {
    if (!hasTool(cmd)) return;
    const result = spawnSync(cmd, args, { encoding: 'utf8' });
    assert.equal(result.status, 0, `${cmd} ${args.join(' ')}: ${result.stderr}`);
  };
  switch (kind) {
    case 'node':
      run(process.execPath, ['--check', path]);
      break;
    case 'typescript':
      transformSync(text, { loader: 'ts' });
      break;
    case 'python':
      run('python3', ['-c', 'import ast, sys; ast.parse(open(sys.argv[1], encoding="utf-8").read())', path]);
      break;
    case 'sh':
      run('sh', ['-n', path]);
      break;
    case 'yaml':
      for (const doc of parseAllDocuments(text)) assert.equal(doc.errors.length, 0, String(doc.errors[0]));
      break;
    case 'json':
      JSON.parse(text);
      break;
    case 'javac': {
      const out = makeTempDir('keyfence-javac-');
      run('javac', ['-d', out, path]);
      break;
    }
    case 'terraform':
      run('terraform', ['fmt', '-write=false', '-list=false', path]);
      break;
    default:
      break;
  }
}

const cases = readdirSync(FIXTURES).sort();

describe('--fix golden fixtures', () => {
  for (const name of cases) {
    const dir = join(FIXTURES, name);
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as FixCase;
    it(spec.refuses ? `refuses to rewrite ${name} and writes nothing` : `rewrites ${name} like the golden file, once`, () => {
      const values: Placeholders = placeholdersFor(generateAwsPair());
      const repo = makeRepo();
      copyTree(join(dir, 'before'), repo, values);
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', 'fixture');
      const before = snapshot(repo);

      // The report goes elsewhere so stdout holds only the diff.
      const dry = keyfence(repo, 'scan', '--fix', '--dry-run', '--output', join(makeTempDir('keyfence-report-'), 'report.txt'));
      assert.deepEqual(snapshot(repo), before, 'the dry run wrote nothing');
      for (const secret of Object.values(values)) assert.ok(!dry.stdout.includes(secret) && !dry.stderr.includes(secret), 'no secret printed');

      if (spec.refuses) {
        assert.equal(dry.status, 2, dry.stderr);
        const result = keyfence(repo, 'scan', '--fix');
        assert.equal(result.status, 2, result.stderr);
        assert.match(result.stderr, new RegExp(spec.refuses));
        assert.deepEqual(snapshot(repo), before, 'the refusal wrote nothing');
        return;
      }
      assert.equal(dry.status, 1, dry.stderr);
      assert.match(dry.stdout, /^\+\+\+ b\//m);

      const fixed = keyfence(repo, 'scan', '--fix');
      assert.equal(fixed.status, 1, fixed.stderr);
      for (const file of listTree(join(dir, 'before'))) {
        const expectedPath = join(dir, 'after', file);
        const actual = existsSync(join(repo, file)) ? readFileSync(join(repo, file), 'latin1') : undefined;
        if (process.env.UPDATE_GOLDEN === '1' && actual !== undefined) {
          mkdirSync(dirname(expectedPath), { recursive: true });
          writeFileSync(expectedPath, unfill(actual, values), 'latin1');
        }
        assert.equal(actual, fill(readFileSync(expectedPath, 'latin1'), values), file);
        checkParses(spec.parse, join(repo, file));
      }
      const env = readFileSync(join(repo, '.env'), 'utf8');
      assert.deepEqual(env.split(/\r?\n/).filter(Boolean), (spec.env ?? []).map((line) => fill(line, values)));
      const example = readFileSync(join(repo, '.env.example'), 'utf8');
      for (const line of spec.env ?? []) assert.match(example, new RegExp(`^${line.slice(0, line.indexOf('='))}=$`, 'm'));
      assert.equal(git(repo, 'check-ignore', '.env').trim(), '.env');
      assert.equal(git(repo, 'ls-files', '.env'), '');

      const after = snapshot(repo);
      const again = keyfence(repo, 'scan', '--fix');
      assert.equal(again.status, 0, again.stdout + again.stderr);
      assert.deepEqual(snapshot(repo), after, 'a second --fix changes nothing');
    });
  }
});
