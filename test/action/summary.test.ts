// Job summary: the table's columns, escaping, and the 1 MiB cap with a count of what was left out.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildSummary, SUMMARY_LIMIT } from '../../src/action/summary.js';
import { SAMPLE_SECRETS, sampleFindings } from '../report/sample-findings.js';

describe('action/summary', () => {
  it('says so when nothing was found', () => {
    assert.match(buildSummary({ findings: [], description: 'pull request #7: a..b', notes: [] }), /^## keyfence: no secrets found\n\nScanned pull request #7: a\.\.b\./);
  });

  it('shows rule, file:line, commit, account, validation, fix and the ignore line for each finding', () => {
    const text = buildSummary({ findings: sampleFindings(), description: 'x', notes: [] });
    const row = text.split('\n').find((l) => l.includes('aws-access-key-id')) ?? '';
    for (const part of ['`src/config.ts:3`', '`1f2e3d4c5b6a`', '123456789012', 'unknown (timeout)', '`process.env.AWS_ACCESS_KEY_ID`', `\`${'a'.repeat(16)}`]) assert.ok(row.includes(part), `${part} in ${row}`);
  });

  it('shows a live check\'s verdict with the host that saw it and the identity it returned', () => {
    const findings = sampleFindings();
    (findings[0] as { validation?: unknown }).validation = { status: 'valid', provider: 'github', host: 'api.github.com', identity: { login: 'octocat', scopes: 'repo' } };
    const text = buildSummary({ findings, description: 'x', notes: [] });
    assert.ok(text.includes('valid at api.github.com (login octocat, scopes repo)'), text);
  });

  it('keeps each row on one line and escapes pipes and HTML', () => {
    const findings = sampleFindings();
    (findings[2] as { file: string }).file = 'odd|name\n.md';
    const text = buildSummary({ findings, description: 'x <y> | z', notes: ['a note | with a pipe'] });
    assert.ok(text.includes('`odd\\|name .md:1`'));
    assert.ok(text.includes('x &lt;y&gt; \\| z'));
    assert.ok(text.includes('> a note \\| with a pipe'));
  });

  it('never shows a secret', () => {
    const text = buildSummary({ findings: sampleFindings(), description: 'x', notes: [] });
    for (const secret of SAMPLE_SECRETS) assert.ok(!text.includes(secret));
  });

  it('stays under 1 MiB with many findings and counts the rest', () => {
    const one = sampleFindings()[0]!;
    const many = Array.from({ length: 20000 }, (_, i) => ({ ...one, line: i + 1 }));
    const text = buildSummary({ findings: many, description: 'x', notes: [], sarifPath: 'keyfence.sarif' });
    assert.ok(Buffer.byteLength(text) <= SUMMARY_LIMIT && SUMMARY_LIMIT < 1024 * 1024);
    const m = /_(\d+) more findings not shown .*`keyfence\.sarif`/.exec(text);
    assert.ok(m, 'a count of the findings left out');
    const rows = text.split('\n').filter((l) => l.startsWith('| `aws-access-key-id`')).length;
    assert.equal(rows + Number(m[1]), 20000);
  });

  it('counts bytes already in the summary file against the cap', () => {
    const one = sampleFindings()[0]!;
    const many = Array.from({ length: 20000 }, (_, i) => ({ ...one, line: i + 1 }));
    const text = buildSummary({ findings: many, description: 'x', notes: [], used: 900 * 1024 });
    assert.ok(Buffer.byteLength(text) + 900 * 1024 <= SUMMARY_LIMIT);
  });
});
