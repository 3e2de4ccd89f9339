// Every format against scanned text that holds terminal escapes, line breaks and a CI runner's commands: nothing
// raw reaches the report's lines, and the JSON formats still carry the exact values.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REPORTERS } from '../../src/report/index.js';
import type { Finding } from '../../src/types.js';
import { sampleFindings, sampleMeta } from './sample-findings.js';

// A screen clear, a bell, NUL, DEL, the 8-bit CSI, a line break that starts a command, the legacy command form, and
// the characters workflow commands escape.
const HOSTILE = 'x\u001b[2J\u0007\u0000\u007f\u009b31m\r\n::add-mask::y ##[stop-commands]t 50%0A,:z';

function hostileFinding(): Finding {
  return {
    ...sampleFindings()[0]!,
    ruleId: 'acme-token',
    file: `d/${HOSTILE}.env`,
    description: `Acme ${HOSTILE}`,
    match: `k = ${HOSTILE}`,
    secret: `AKIA${HOSTILE}`,
    author: `Dev ${HOSTILE}`,
    email: `dev${HOSTILE}@example.com`,
    message: `${HOSTILE} in a commit message`,
    aws: { accountId: '123456789012', keyType: 'user', canary: true, canaryOwner: `owner ${HOSTILE}` },
    validation: { status: 'valid', host: `api${HOSTILE}`, arn: `arn${HOSTILE}`, identity: { login: `me${HOSTILE}` } },
    suggestion: { envVar: 'ACME_TOKEN', replacement: `env(${HOSTILE})`, language: 'typescript', note: `note ${HOSTILE}` },
    locations: [{ file: `e/${HOSTILE}`, line: 2, commit: '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c', fingerprint: 'd'.repeat(64), occurrences: 1 }],
  };
}

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const formats: { name: string; format: string; json?: (report: unknown) => string | undefined; uri?: boolean }[] = [
  { name: 'the text format shows every control byte and command as text', format: 'text' },
  { name: 'the json format escapes them and keeps the values', format: 'json', json: (r) => (r as { findings: Finding[] }).findings[0]?.file },
  { name: 'the sarif format escapes them and keeps the values', format: 'sarif', json: (r) => (r as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri, uri: true },
  { name: 'the github format keeps one annotation per line, every control byte shown', format: 'github' },
  { name: 'the junit format writes them as character references or drops the ones XML forbids', format: 'junit' },
  { name: 'the gitlab format escapes them and keeps the values', format: 'gitlab', json: (r) => (r as { vulnerabilities: { location: { file: string } }[] }).vulnerabilities[0]?.location.file },
];

describe('report: control bytes and runner commands in scanned text', () => {
  it('covers every format', () => assert.deepEqual(formats.map((f) => f.format).sort(), Object.keys(REPORTERS).sort()));

  for (const c of formats) {
    it(c.name, () => {
      const out = (REPORTERS[c.format] as (typeof REPORTERS)[string])([hostileFinding()], { ...sampleMeta(), rules: [{ id: 'acme-token', description: `Acme ${HOSTILE}`, severity: 'high' }] });
      assert.doesNotMatch(out, RAW_CONTROL, 'a raw control byte');
      // The runner reads `::name::` at a line's start (after blanks) and `##[name]` anywhere in a line.
      const commands = out.split('\n').filter((line) => /^\s*::/.test(line) && !/^::(?:error|warning|notice) /.test(line));
      assert.deepEqual(commands, [], 'a line that starts a workflow command');
      assert.ok(!out.includes('##['), 'a legacy workflow command');
      const file = c.json?.(JSON.parse(out));
      // SARIF's artifact location is a URI, percent-encoded.
      if (c.json) assert.equal(c.uri ? decodeURIComponent(file ?? '') : file, `d/${HOSTILE}.env`);
    });
  }

  it('github: the message escapes % and its own line breaks, the file property also : and ,', () => {
    const [line, ...rest] = (REPORTERS.github as (typeof REPORTERS)[string])([hostileFinding()], sampleMeta()).trimEnd().split('\n');
    assert.deepEqual(rest, []);
    assert.match(line!, /^::error file=d\/x\\x1b\[2J\\x07\\x00\\x7f\\x9b31m%0D%0A%3A%3Aadd-mask%3A%3Ay #\\x23\[stop-commands\]t 50%250A%2C%3Az\.env,line=/);
    assert.ok(line!.includes('::Acme x\\x1b[2J\\x07\\x00\\x7f\\x9b31m\\x0d\\x0a::add-mask::y #\\x23[stop-commands]t 50%250A,:z: AKIA'), line);
  });
});
