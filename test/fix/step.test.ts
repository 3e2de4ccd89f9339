// The remediation step through the CLI: every finding carries a suggestion in JSON, and it never holds the secret.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAwsPair, git, keyfence, makeRepo } from './repo.js';
import { parseDotenv } from '../../src/fix/dotenv.js';

describe('fix/step', () => {
  it('puts a suggestion with an exact edit on every finding of the JSON report', () => {
    const { keyId, secret } = generateAwsPair();
    const repo = makeRepo();
    writeFileSync(join(repo, 'a.js'), `const id = "${keyId}";\n`);
    writeFileSync(join(repo, 'Dockerfile'), `FROM x\nENV AWS_SECRET_ACCESS_KEY=${secret}\nENV AWS_ACCESS_KEY_ID=${keyId}\n`);
    git(repo, 'add', '-A');
    const result = keyfence(repo, 'scan', '--format', 'json');
    assert.equal(result.status, 1, result.stderr);
    assert.ok(!result.stdout.includes(secret) && !result.stdout.includes(keyId), 'no secret in the JSON');
    const report = JSON.parse(result.stdout) as { findings: { file: string; suggestion?: { envVar: string; edit?: unknown; note?: string } }[] };
    assert.ok(report.findings.length >= 2);
    for (const finding of report.findings) assert.ok(finding.suggestion, `${finding.file} has a suggestion`);
    const js = report.findings.find((f) => f.file === 'a.js');
    assert.deepEqual(js?.suggestion?.edit, { line: 1, column: 12, endLine: 1, endColumn: 34, text: 'process.env.AWS_ACCESS_KEY_ID' });
    const docker = report.findings.find((f) => f.file === 'Dockerfile');
    assert.equal(docker?.suggestion?.edit, undefined);
    assert.match(docker?.suggestion?.note ?? '', /^manual: /);
  });

  it('--fix --dry-run masks every value of an existing .env, context lines too (issue 13, item 2)', () => {
    const { keyId, secret } = generateAwsPair();
    const old = generateAwsPair();
    const repo = makeRepo();
    writeFileSync(join(repo, '.gitignore'), '.env\n');
    // What an earlier --fix left behind: secrets that are no longer in any scanned file.
    writeFileSync(join(repo, '.env'), `OLD_AWS_ACCESS_KEY_ID=${old.keyId}\nOLD_AWS_SECRET_ACCESS_KEY=${old.secret}\nDB_PASSWORD=hunter2hunter2\n`);
    writeFileSync(join(repo, 'a.js'), `const id = "${keyId}";\nconst secret = "${secret}";\n`);
    git(repo, 'add', 'a.js', '.gitignore');
    const result = keyfence(repo, 'scan', 'a.js', '--fix', '--dry-run');
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^ OLD_AWS_ACCESS_KEY_ID=AKIA…\(20\)$/m);
    for (const value of [old.keyId, old.secret, 'hunter2hunter2', keyId, secret]) assert.ok(!result.stdout.includes(value) && !result.stderr.includes(value), `${value.slice(0, 4)}… printed:\n${result.stdout}`);
  });

  it('keeps each AWS key id and its secret under one set of names in .env, whatever took the standard names first', () => {
    const [lone, prod, staging, dev, deploy] = Array.from({ length: 5 }, () => generateAwsPair()) as { keyId: string; secret: string }[];
    const repo = makeRepo();
    const object = (name: string, pair: { keyId: string; secret: string }): string => `const ${name} = { accessKeyId: '${pair.keyId}', secretAccessKey: '${pair.secret}' };\n`;
    writeFileSync(join(repo, 'app.js'), `const lone = '${lone?.keyId}';\n${object('prod', prod as never)}${object('staging', staging as never)}`);
    writeFileSync(join(repo, 'deploy.py'), [dev, deploy, lone].map((p) => `s3 = boto3.client('s3', aws_access_key_id='${p?.keyId}',\n    aws_secret_access_key='${p?.secret}')\n`).join(''));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'keys');
    const result = keyfence(repo, 'scan', '--fix');
    assert.equal(result.status, 1, result.stderr);
    const env = parseDotenv(readFileSync(join(repo, '.env'), 'utf8'));
    const nameOf = (value: string): string => [...env].find(([, held]) => held === value)?.[0] ?? `none for ${value.slice(0, 4)}`;
    const sets = [prod, staging, dev, deploy, lone].map((p) => [nameOf(p?.secret as string), nameOf(p?.keyId as string)]);
    assert.deepEqual(sets, [
      ['PROD_AWS_SECRET_ACCESS_KEY', 'PROD_AWS_ACCESS_KEY_ID'],
      ['STAGING_AWS_SECRET_ACCESS_KEY', 'STAGING_AWS_ACCESS_KEY_ID'],
      ['AWS_SECRET_ACCESS_KEY_2', 'AWS_ACCESS_KEY_ID_2'],
      ['AWS_SECRET_ACCESS_KEY_3', 'AWS_ACCESS_KEY_ID_3'],
      // The lone key id took the standard id name; its pair, found later, joins it.
      ['AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID'],
    ]);
    assert.match(readFileSync(join(repo, 'app.js'), 'utf8'), /const prod = \{ accessKeyId: process\.env\.PROD_AWS_ACCESS_KEY_ID, secretAccessKey: process\.env\.PROD_AWS_SECRET_ACCESS_KEY \};/);
  });
});
