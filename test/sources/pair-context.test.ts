// Pair context: a key id committed earlier and its secret added later (or the other way round) is reported by
// staged, history --range and the Action's range scan as scan . reports it; widenFragment picks the right lines.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeAccessKeyId, makeRepo, type Repo } from '../helpers/git-repo.js';
import { secretKey, seededRandom } from '../helpers/aws-keys.js';
import { widenFragment } from '../../src/sources/pair-context.js';
import { runAction } from '../../src/action/run.js';

interface Scenario {
  name: string;
  /** The file as first committed, then as changed; `want`: the rule and line reported for the change. */
  before: (id: string, secret: string) => string;
  after: (id: string, secret: string) => string;
  want: string[];
}

const scenarios: Scenario[] = [
  {
    name: 'a secret added under a plain name (secret:) below a key id committed earlier',
    before: (id) => `aws:\n  key: ${id}\n  region: us-east-1\n`,
    after: (id, secret) => `aws:\n  key: ${id}\n  region: us-east-1\n  secret: ${secret}\n`,
    want: ['aws-access-key-pair:4'],
  },
  {
    name: 'a secret added under api_key: above a key id committed earlier',
    before: (id) => `[prod]\nregion = eu-west-1\nid = ${id}\n`,
    after: (id, secret) => `[prod]\napi_key = ${secret}\nregion = eu-west-1\nid = ${id}\n`,
    want: ['aws-access-key-pair:2'],
  },
  {
    name: 'a key id added beside a secret committed earlier (the commit completes the credential: reported at the secret)',
    before: (_id, secret) => `aws:\n  secret: ${secret}\n  region: us-east-1\n`,
    after: (id, secret) => `aws:\n  secret: ${secret}\n  region: us-east-1\n  key: ${id}\n`,
    want: ['aws-access-key-pair:2'],
  },
  {
    name: 'a secret added far (30 lines) from the old key id is not paired with it',
    before: (id) => `key: ${id}\n${'filler\n'.repeat(30)}`,
    after: (id, secret) => `key: ${id}\n${'filler\n'.repeat(30)}secret: ${secret}\n`,
    // Not paired: the generic stage reports the secret alone, as scan . does.
    want: ['generic-secret-assignment:32'],
  },
  {
    name: 'an unrelated line added beside an old pair reports nothing (the old pair is not the change)',
    before: (id, secret) => `key: ${id}\nsecret: ${secret}\n`,
    after: (id, secret) => `key: ${id}\nsecret: ${secret}\nregion: us-east-1\n`,
    want: [],
  },
];

const repos: Repo[] = [];
const dirs: string[] = [];

interface Found {
  ruleId: string;
  line: number;
}

const summary = (findings: Found[]): string[] => findings.map((f) => `${f.ruleId}:${f.line}`).sort();

function json(result: { status: number | null; stdout: string; stderr: string }): Found[] {
  try {
    return (JSON.parse(result.stdout) as { findings: Found[] }).findings;
  } catch {
    throw new Error(`not JSON (exit ${result.status}): ${result.stdout}\n${result.stderr}`);
  }
}

/** A repository whose first commit holds `before`, with `after` written to the same file. */
function arrange(s: Scenario, seed: number): { r: Repo; first: string } {
  const r = makeRepo();
  repos.push(r);
  const id = fakeAccessKeyId(seed);
  const secret = secretKey(seededRandom(seed));
  const first = r.commit('first', { 'conf/app.yml': s.before(id, secret) });
  r.write('conf/app.yml', s.after(id, secret));
  return { r, first };
}

async function actionPush(r: Repo, before: string, after: string): Promise<{ code: number; findings: Found[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-pair-action-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'event.json'), JSON.stringify({ before, after, ref: 'refs/heads/main', repository: { default_branch: 'main' } }));
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(join(dir, 'summary'), '');
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), GITHUB_WORKSPACE: r.dir, INPUT_SARIF: join(dir, 'k.sarif'), GIT_CONFIG_NOSYSTEM: '1', HOME: r.dir };
  let out = '';
  const code = await runAction({ env, write: (text) => void (out += text) });
  // The push's own findings are its annotations (its SARIF holds the whole branch, for code scanning).
  const findings = [...out.matchAll(/^::\w+ file=[^,]*,line=(\d+),.*?title=keyfence%3A ([\w-]+)::/gm)].map((m) => ({ ruleId: m[2] as string, line: Number(m[1]) }));
  return { code, findings };
}

describe('sources/pair-context', () => {
  after(() => {
    repos.forEach((r) => r.remove());
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  for (const [i, s] of scenarios.entries()) {
    it(`staged, history --range and the Action agree with scan .: ${s.name}`, async () => {
      const { r, first } = arrange(s, 100 + i);
      const scan = r.keyfence(['scan', '.', '--format', 'json']);
      r.git('add', '-A');
      const staged = r.keyfence(['staged', '--format', 'json']);
      assert.deepEqual(summary(json(staged)), s.want, `staged: ${staged.stderr}`);
      assert.equal(staged.status, s.want.length > 0 ? 1 : 0, staged.stderr);
      const second = r.commit('second');
      const range = r.keyfence(['history', '--range', `${first}..${second}`, '--format', 'json']);
      assert.deepEqual(summary(json(range)), s.want, `history --range: ${range.stderr}`);
      const action = await actionPush(r, first, second);
      assert.deepEqual(summary(action.findings), s.want, 'the Action');
      assert.equal(action.code, s.want.length > 0 ? 1 : 0);
      // scan . sees the whole file: whatever the change completed is in it too.
      for (const want of s.want) assert.ok(summary(json(scan)).includes(want), `scan . reports ${want}`);
    });
  }

  const widen: { name: string; lines: number[]; file: string; reach: number; want: number[] | undefined }[] = [
    { name: 'keeps the lines within reach of each added line, once, in file order', lines: [3, 5], file: 'a\nb\nc\nd\ne\nf\ng\nh\n', reach: 1, want: [2, 3, 4, 5, 6] },
    { name: 'stops at the start and the end of the file', lines: [1], file: 'a\nb', reach: 5, want: [1, 2] },
    { name: 'refuses a file that does not hold the added lines where the diff says', lines: [2], file: 'a\nX\n', reach: 1, want: undefined },
  ];
  for (const c of widen) {
    it(`widenFragment ${c.name}`, () => {
      const fileLines = c.file.split('\n');
      const text = c.name.startsWith('refuses') ? 'b' : c.lines.map((n) => fileLines[n - 1]).join('\n');
      const wide = widenFragment({ file: 'f', text, lineNumbers: c.lines }, c.file, c.reach);
      assert.deepEqual(wide?.lineNumbers, c.want);
      if (wide) {
        assert.equal(wide.text, c.want?.map((n) => fileLines[n - 1]).join('\n'));
        assert.deepEqual([...(wide.added ?? [])], c.lines);
      }
    });
  }
});
