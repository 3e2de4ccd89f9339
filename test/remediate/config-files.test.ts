import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runWithDeadline } from '../helpers/deadline.js';
import type { terraformAfterBlankLines } from './terraform-scenario.js';

// Built from parts so no whole key sits in the repository.
const KEY = 'AK' + 'IA' + 'Q3EGRIUBZFZ6PJ5G';
const SCENARIO = new URL('./terraform-scenario.js', import.meta.url);
// Linear work on 600 000 lines takes well under a second; the quadratic search took minutes (48 s at 300 KB).
const DEADLINE_MS = 30_000;

interface Case {
  name: string;
  blankLines: number;
  declared: boolean;
  want: { additional: RegExp[] };
}

const cases: Case[] = [
  { name: 'adds the variable block to a small file', blankLines: 2, declared: false, want: { additional: [/^\nvariable "aws_access_key_id" \{\n {2}type {6}= string\n {2}sensitive = true\n\}\n$/] } },
  { name: 'adds the variable block after 600 000 blank lines in linear time', blankLines: 600_000, declared: false, want: { additional: [/variable "aws_access_key_id" \{/] } },
  { name: 'finds an indented declaration after 600 000 blank lines in linear time (no second block)', blankLines: 600_000, declared: true, want: { additional: [] } },
];

describe('remediate/config-files: Terraform', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const got = await runWithDeadline<ReturnType<typeof terraformAfterBlankLines>>(SCENARIO, 'terraformAfterBlankLines', [KEY, c.blankLines, c.declared], DEADLINE_MS);
      assert.equal(got.replacement, 'var.aws_access_key_id');
      assert.equal(got.additional.length, c.want.additional.length, JSON.stringify(got.additional));
      for (const [i, pattern] of c.want.additional.entries()) assert.match(got.additional[i] as string, pattern);
    });
  }
});
