// No whole secret in any registered reporter, error message, debug line or baseline file unless --show-secrets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { REPORTERS } from '../../src/report/index.js';
import { detectFragment } from '../../src/detect/engine.js';
import { emptyStats } from '../../src/scan.js';
import { RAW, type Finding } from '../../src/types.js';
import { builtinRuleSet } from '../helpers/rules.js';
import { commitAll, fakeKeyId, fakeSecretKey, git, keyfence, makeRepo, readText, writeFile } from '../helpers/baseline-repo.js';

const { ruleSet } = builtinRuleSet();

/** Secrets of several shapes: a lone key id, a key pair (id + secret), and one that a config stopword drops. */
function secrets() {
  const droppedKey = ['AK', 'IA', 'QQKF', fakeKeyId().slice(8)].join('');
  return { keyId: fakeKeyId(), pairId: fakeKeyId(), pairSecret: fakeSecretKey(), droppedKey };
}

function fileText(s: ReturnType<typeof secrets>): Record<string, string> {
  return {
    'config/app.env': `REGION=eu-west-1\nAWS_ACCESS_KEY_ID=${s.keyId}\n`,
    'home/.aws/credentials': `[default]\naws_access_key_id = ${s.pairId}\naws_secret_access_key = ${s.pairSecret}\n`,
    'src/dropped.ts': `const key = "${s.droppedKey}";\n`,
  };
}

function assertNoSecret(text: string, s: ReturnType<typeof secrets>, where: string): void {
  for (const [name, value] of Object.entries(s)) assert.ok(!text.includes(value), `${where}: contains ${name} in clear`);
}

function findingsFor(s: ReturnType<typeof secrets>): Finding[] {
  return Object.entries(fileText(s)).flatMap(([file, text]) =>
    detectFragment({ file, text, commit: { commit: 'f'.repeat(40), author: 'Dev', email: 'dev@example.com', date: '2024-01-01T00:00:00Z', message: 'add config' } }, ruleSet),
  );
}

describe('redaction in every registered reporter (in process)', () => {
  const s = secrets();
  const findings = findingsFor(s);
  const rules = ruleSet.rules.map(({ rule }) => ({ id: rule.id, description: rule.description, severity: rule.severity, tags: rule.tags, references: rule.references }));
  it('has findings to report, including a key pair', () => {
    assert.ok(findings.length >= 2);
    assert.ok(findings.some((f) => f[RAW].pairedId !== undefined));
  });
  for (const [format, report] of Object.entries(REPORTERS)) {
    it(`${format}: shows no whole secret or key id`, () => {
      const stats = { ...emptyStats(rules.length), findings: findings.length, files: 3 };
      const text = report(findings, { stats, color: randomInt(2) === 1, toolVersion: '0.0.0', rules, root: '/repo' });
      assert.ok(text.length > 0);
      assertNoSecret(text, s, format);
    });
  }
});

describe('redaction end to end (keyfence CLI)', () => {
  const s = secrets();
  const dir = makeRepo('keyfence-redaction-');
  for (const [file, text] of Object.entries(fileText(s))) writeFile(dir, file, text);
  writeFile(dir, '.keyfence.json', JSON.stringify({ allow: { stopwords: ['qqkf'] } }));
  commitAll(dir, 'secrets');

  for (const command of ['scan', 'history']) {
    for (const format of Object.keys(REPORTERS)) {
      it(`${command} --format ${format}: no whole secret on stdout or stderr, with and without KEYFENCE_DEBUG=1`, () => {
        for (const env of [{}, { KEYFENCE_DEBUG: '1' }]) {
          const run = keyfence(dir, [command, '--format', format], env);
          assert.equal(run.status, 1, run.stderr);
          assertNoSecret(run.stdout + run.stderr, s, `${command} ${format} ${JSON.stringify(env)}`);
        }
      });
    }
  }

  it('staged: no whole secret in any format', () => {
    const repo = makeRepo('keyfence-redaction-staged-');
    for (const [file, text] of Object.entries(fileText(s))) writeFile(repo, file, text);
    git(repo, 'add', '-A');
    for (const format of Object.keys(REPORTERS)) {
      const run = keyfence(repo, ['staged', '--format', format], { KEYFENCE_DEBUG: '1' });
      assert.equal(run.status, 1, run.stderr);
      assertNoSecret(run.stdout + run.stderr, s, `staged ${format}`);
    }
  });

  it('prints debug lines for dropped candidates without the secret', () => {
    const run = keyfence(dir, ['scan'], { KEYFENCE_DEBUG: '1' });
    assert.match(run.stderr, /debug: aws-access-key-id: dropped: config stopword \(src\/dropped\.ts\)/);
    assertNoSecret(run.stderr, s, 'debug output');
  });

  for (const format of ['text', 'json']) {
    it(`scan --format ${format} --show-secrets prints the secrets whole (so the checks above can fail)`, () => {
      const run = keyfence(dir, ['scan', '--format', format, '--show-secrets']);
      assert.ok(run.stdout.includes(s.keyId) && run.stdout.includes(s.pairSecret), run.stdout);
    });
  }

  it('scan --show-secrets also shows the key id of a pair whole (IAM lists keys by id: it is what to rotate)', () => {
    const run = keyfence(dir, ['scan', '--format', 'json', '--show-secrets']);
    const pair = (JSON.parse(run.stdout) as { findings: { ruleId: string; aws?: { accessKeyId?: string } }[] }).findings.find((f) => f.ruleId === 'aws-access-key-pair');
    assert.equal(pair?.aws?.accessKeyId, s.pairId);
  });

  it('writes a baseline without any secret, prefix or key id', () => {
    const run = keyfence(dir, ['baseline', '--baseline', 'redaction-baseline.json']);
    assert.equal(run.status, 0, run.stderr);
    const text = readText(dir, 'redaction-baseline.json');
    assertNoSecret(text, s, 'baseline file');
    for (const value of Object.values(s)) assert.ok(!text.includes(value.slice(0, 12)), 'baseline holds a prefix of a secret');
    assertNoSecret(run.stdout + run.stderr, s, 'baseline command output');
  });

  const errors: { name: string; setup: (d: string) => void; args: string[] }[] = [
    { name: 'a secret pasted into .keyfence-ignore', setup: (d) => writeFile(d, '.keyfence-ignore', `${s.keyId}\n${s.pairSecret} # oops\n`), args: ['scan'] },
    { name: 'a secret pasted into the baseline file', setup: (d) => writeFile(d, '.keyfence-baseline.json', `{"version": 1, "kdf": {"algorithm": "scrypt", "N": 1024, "r": 8, "p": 1, "salt": "${'A'.repeat(22)}=="}, "entries": [{"rule": "aws-access-key-id", "file": "a", "hash": "${s.keyId}"}]}`), args: ['scan'] },
    { name: 'broken JSON right after a secret in the baseline file', setup: (d) => writeFile(d, '.keyfence-baseline.json', `{"secret": "${s.pairSecret}" oops}`), args: ['scan'] },
    { name: 'a gitleaks report whose secrets cannot be matched', setup: (d) => writeFile(d, 'gl.json', JSON.stringify([{ File: 'nowhere.env', Secret: s.keyId, StartLine: 1, Fingerprint: 'nowhere.env:aws-access-token:1' }])), args: ['baseline', '--baseline', 'other.json', '--from', 'gitleaks', 'gl.json'] },
    { name: 'broken JSON in a gitleaks report', setup: (d) => writeFile(d, 'gl.json', `[{"Secret": "${s.pairSecret}",,}]`), args: ['baseline', '--baseline', 'other.json', '--from', 'gitleaks', 'gl.json'] },
  ];
  for (const { name, setup, args } of errors) {
    it(`keeps secrets out of the error for ${name}`, () => {
      const repo = makeRepo('keyfence-redaction-error-');
      setup(repo);
      for (const env of [{}, { KEYFENCE_DEBUG: '1' }]) {
        const run = keyfence(repo, args, env);
        assert.ok(run.stderr.length > 0, 'an error or warning is printed');
        assertNoSecret(run.stderr + run.stdout, s, `${name} ${JSON.stringify(env)}`);
      }
    });
  }
});
