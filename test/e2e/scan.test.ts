// End-to-end `keyfence scan` over generated fixture trees: right rules, lines, columns, pairs, accounts, exit codes.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { fixturePath, materialiseFixture } from '../helpers/fixture-tree.js';
import { accountFor, CANARY_ACCOUNT } from '../helpers/aws-keys.js';
import { compileSchema } from '../../src/schema.js';
import { packageRoot } from '../../src/paths.js';

interface Expected {
  file: string;
  ruleId: string;
  at: string;
  pairedWith?: string;
  keyType?: string;
  line?: number;
  column?: number;
  accountId?: string | null;
  canary?: boolean;
}

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  secret: string;
  aws?: { accountId: string | null; keyType: string; canary?: boolean };
}

const reportSchema = compileSchema(JSON.parse(readFileSync(join(packageRoot, 'schemas', 'finding.schema.json'), 'utf8')) as object);

/** Line and column (1-based) of `needle` in a file of the tree. */
function positionOf(dir: string, file: string, needle: string): { line: number; column: number } {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n');
  for (const [i, text] of lines.entries()) {
    const at = text.indexOf(needle);
    if (at !== -1) return { line: i + 1, column: at + 1 };
  }
  throw new Error(`${needle} not in ${file}`);
}

describe('keyfence scan on AWS credentials in every format', () => {
  const tree = materialiseFixture('aws-formats');
  after(() => rmSync(tree.dir, { recursive: true, force: true }));
  const expected = (JSON.parse(readFileSync(fixturePath('files', 'aws-formats', 'expected.json'), 'utf8')) as { findings: Expected[] }).findings;
  const result = runCli(['scan', '.', '--format', 'json'], { cwd: tree.dir });
  const report = JSON.parse(result.stdout) as { findings: JsonFinding[] };

  it('exits 1 because it found secrets', () => assert.equal(result.status, 1, result.stderr));

  it('writes JSON that validates against schemas/finding.schema.json', () => {
    assert.ok(reportSchema(report), JSON.stringify(reportSchema.errors));
  });

  it('reports exactly the expected findings, each pair once', () => {
    const got = report.findings.map((f) => `${f.file} ${f.ruleId} ${f.line}:${f.column}`).sort();
    const want = expected
      .map((e) => {
        const value = e.at.includes(':') ? (tree.values.get(e.at) as string) : e.at;
        const pos = positionOf(tree.dir, e.file, value);
        return `${e.file} ${e.ruleId} ${pos.line}:${pos.column}`;
      })
      .sort();
    assert.deepEqual(got, want);
  });

  for (const e of expected) {
    it(`reports ${e.ruleId} in ${e.file} with the right location and account`, () => {
      const finding = report.findings.find((f) => f.file === e.file && f.ruleId === e.ruleId && (e.ruleId !== 'aws-access-key-pair' || f.line === positionOf(tree.dir, e.file, tree.values.get(e.at) as string).line));
      assert.ok(finding, `no ${e.ruleId} in ${e.file}`);
      if (e.line !== undefined) assert.equal(finding.line, e.line);
      if (e.column !== undefined) assert.equal(finding.column, e.column);
      const idPlaceholder = e.pairedWith ?? (e.at.includes('ID:') ? e.at : undefined);
      if (e.accountId !== undefined) assert.equal(finding.aws?.accountId, e.accountId);
      else if (idPlaceholder) assert.equal(finding.aws?.accountId, accountFor(Number(idPlaceholder.split(':')[1])));
      if (e.keyType) assert.equal(finding.aws?.keyType, e.keyType);
      if (e.canary) {
        assert.equal(finding.aws?.canary, true);
        assert.equal(finding.aws?.accountId, CANARY_ACCOUNT);
      }
      assert.doesNotMatch(result.stdout, new RegExp((tree.values.get(e.at) ?? '@@none@@').replace(/[+/.]/g, '\\$&')), 'the whole secret must not be printed');
    });
  }
});

describe('keyfence scan on look-alikes that are not secrets', () => {
  const tree = materialiseFixture('negative');
  after(() => rmSync(tree.dir, { recursive: true, force: true }));

  it('finds nothing and exits 0', () => {
    const result = runCli(['scan', '.', '--format', 'json'], { cwd: tree.dir });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.deepEqual((JSON.parse(result.stdout) as { findings: unknown[] }).findings, []);
  });
});

describe('keyfence scan --stdin', () => {
  it('scans piped text and reports it under --stdin-filename', () => {
    const key = ['AKIA', 'QYLPMN5HHHFPZAM3'].join('');
    const result = runCli(['scan', '--stdin', '--stdin-filename', 'pasted.env', '--format', 'json'], { cwd: packageRoot, input: `AWS_ACCESS_KEY_ID=${key}\n` });
    assert.equal(result.status, 1, result.stderr);
    const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
    assert.deepEqual(findings.map((f) => [f.file, f.ruleId, f.line, f.column]), [['pasted.env', 'aws-access-key-id', 1, 19]]);
  });
  it('counts standard input as one file of its size in stats', () => {
    const result = runCli(['scan', '--stdin', '--format', 'json'], { cwd: packageRoot, input: 'nothing to see\n' });
    assert.equal(result.status, 0, result.stderr);
    const { stats } = JSON.parse(result.stdout) as { stats: { files: number; bytes: number } };
    assert.deepEqual([stats.files, stats.bytes], [1, 15]);
  });
});

describe('keyfence scan with KEYFENCE_DEBUG=1', () => {
  it('accepts the switch and says why a candidate was dropped, without the secret', () => {
    const result = runCli(['scan', '--stdin'], { cwd: packageRoot, input: 'id = AKIAXXXXXXXXXXXXXXXX\n', env: { KEYFENCE_DEBUG: '1' } });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /debug: aws-access-key-id: dropped: entropy \(stdin\)/);
    assert.doesNotMatch(result.stderr, /AKIAX{16}/);
  });
});
