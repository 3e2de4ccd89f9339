// Every reporter's output for the same hand-made findings, compared with fixtures/expected/report/.
import { describe, it } from 'node:test';
import { REPORTERS } from '../../src/report/index.js';
import { assertGolden } from './golden.js';
import { sampleFindings, sampleMeta } from './sample-findings.js';

const cases = [
  { name: 'text output matches its golden file', format: 'text', file: 'text.txt' },
  { name: 'json output matches its golden file', format: 'json', file: 'json.json' },
  { name: 'sarif output matches its golden file', format: 'sarif', file: 'sarif.sarif' },
  { name: 'github annotations match their golden file', format: 'github', file: 'github.txt' },
  { name: 'junit output matches its golden file', format: 'junit', file: 'junit.xml' },
  { name: 'gitlab secret-detection report matches its golden file', format: 'gitlab', file: 'gitlab.json' },
];

describe('report goldens', () => {
  for (const c of cases) {
    it(c.name, () => {
      const reporter = REPORTERS[c.format];
      if (!reporter) throw new Error(`no reporter ${c.format}`);
      assertGolden(`fixtures/expected/report/${c.file}`, reporter(sampleFindings(), sampleMeta()));
    });
  }
});
