// Findings in commit messages: every format names the message (commit and line), none invents a file for it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MESSAGE_FILE, RAW, type Finding } from '../../src/types.js';
import { REPORTERS } from '../../src/report/index.js';
import { toSarif } from '../../src/report/sarif.js';
import { formatAnnotation } from '../../src/report/github.js';
import { describePlace } from '../../src/report/location.js';
import { assertGithubSubset, sarifSchemaErrors } from './sarif-check.js';
import { SAMPLE_SECRETS, sampleFindings, sampleMeta } from './sample-findings.js';

const COMMIT = '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c';

/** The sample key id, found on line 3 of a message: of a commit (history), or of the commit-msg hook's file. */
function messageFinding(commit: string | undefined): Finding {
  const [base] = sampleFindings() as [Finding];
  const { suggestion: _suggestion, commit: _commit, ...rest } = base;
  return { ...rest, file: MESSAGE_FILE, line: 3, column: 13, endColumn: 33, match: 'the old key AKIA…(20)', ...(commit ? { commit } : {}), [RAW]: base[RAW] };
}

describe('report/location', () => {
  const places = [
    { name: 'names a file finding by path and line', finding: sampleFindings()[0] as Finding, want: 'src/config.ts:3' },
    { name: 'names a history message finding by its commit and line', finding: messageFinding(COMMIT), want: 'the message of commit 1f2e3d4c5b6a, line 3' },
    { name: "names the commit-msg hook's finding as the commit message", finding: messageFinding(undefined), want: 'the commit message, line 3' },
  ];
  for (const c of places) it(c.name, () => assert.equal(describePlace(c.finding), c.want));

  for (const commit of [COMMIT, undefined]) {
    it(`gives a ${commit ? 'history' : 'hook'} message finding a SARIF physical and logical location that validate`, () => {
      const doc = toSarif([messageFinding(commit)], sampleMeta());
      assert.deepEqual(sarifSchemaErrors(doc), []);
      assertGithubSubset(doc, SAMPLE_SECRETS);
      const result = (doc.runs as { results: { locations: Record<string, unknown>[]; message: { text: string } }[] }[])[0]?.results[0];
      const location = result?.locations[0] as { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: unknown[] };
      assert.equal(location.physicalLocation.artifactLocation.uri, '.git/COMMIT_EDITMSG');
      assert.deepEqual(location.logicalLocations, [{ name: 'message', fullyQualifiedName: commit ? `commit/${commit}/message` : 'commit/message', kind: 'commit-message' }]);
      assert.match(result?.message.text ?? '', commit ? /in the message of commit 1f2e3d4c5b6a, line 3/ : /in the commit message, line 3/);
    });
  }

  it('annotates a message finding on GitHub without a file or line, naming the message in the text', () => {
    const line = formatAnnotation(messageFinding(COMMIT));
    assert.doesNotMatch(line, /file=|line=/);
    assert.match(line, /^::error title=keyfence%3A aws-access-key-id::AWS access key ID: AKIA…\(20\) in the message of commit 1f2e3d4c5b6a, line 3/);
  });

  const summaries = [
    { name: "sums up the hook's message alone as in the commit message, not in 0 files", files: 0, want: /^1 finding in the commit message \(/m },
    { name: 'still counts the files of a sweep whose only finding is in a message', files: 4, want: /^1 finding in 4 files/m },
  ];
  for (const c of summaries) {
    it(c.name, () => {
      const meta = sampleMeta();
      const out = (REPORTERS.text as (typeof REPORTERS)[string])([messageFinding(undefined)], { ...meta, stats: { ...meta.stats, files: c.files, commits: 0 }, color: false });
      assert.match(out, c.want);
    });
  }

  const texts = [
    { format: 'text', want: /commit message \(\.git\/COMMIT_EDITMSG\)\n {2}3:13/ },
    { format: 'gitlab', want: /in the message of commit 1f2e3d4c5b6a, line 3/ },
    { format: 'junit', want: /name="aws-access-key-id at the message of commit 1f2e3d4c5b6a, line 3:13"/ },
    { format: 'json', want: /"file": "\.git\/COMMIT_EDITMSG",\n\s+"line": 3/ },
  ];
  for (const c of texts) {
    it(`names the message in the ${c.format} report`, () => {
      const report = REPORTERS[c.format] as (typeof REPORTERS)[string];
      const out = report([messageFinding(COMMIT)], { ...sampleMeta(), color: false });
      assert.match(out, c.want);
      for (const secret of SAMPLE_SECRETS) assert.ok(!out.includes(secret), 'no whole secret');
    });
  }
});
