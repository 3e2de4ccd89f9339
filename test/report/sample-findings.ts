// Hand-made findings for reporter tests: every optional field, awkward paths, and a suggestion with an edit.
import { RAW, type Finding, type Stats } from '../../src/types.js';
import type { ReportMeta } from '../../src/report/types.js';

// Whole realistic tokens never sit in the repository: built from parts.
const KEY_ID = ['AKIA', 'Q3EG', 'RIUB', 'ZFZ6', 'PJ5G'].join('');
const SECRET = ['wJal', 'rXUt', 'nFEM', 'I/K7', 'MDEN', 'G/bP', 'xRfi', 'CYzz', 'zzzz', 'KEY1'].join('');

export function sampleFindings(): Finding[] {
  return [
    {
      ruleId: 'aws-access-key-id',
      description: 'AWS access key ID',
      severity: 'high',
      file: 'src/config.ts',
      line: 3,
      column: 17,
      endColumn: 37,
      secret: 'AKIA…(20)',
      match: 'const keyId = "AKIA…(20)";',
      fingerprint: 'a'.repeat(16) + '0123456789abcdef'.repeat(3),
      entropy: 3.68,
      commit: '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c',
      author: 'Dev One',
      email: 'dev@example.com',
      date: '2026-01-02T03:04:05Z',
      message: 'add config',
      aws: { accountId: '123456789012', keyType: 'user' },
      validation: { status: 'unknown', reason: 'timeout' },
      suggestion: {
        envVar: 'AWS_ACCESS_KEY_ID',
        replacement: 'process.env.AWS_ACCESS_KEY_ID',
        language: 'typescript',
        edit: { line: 3, column: 15, endLine: 3, endColumn: 38, text: 'process.env.AWS_ACCESS_KEY_ID' },
      },
      [RAW]: { secret: KEY_ID, lineText: `const keyId = "${KEY_ID}";` },
    },
    {
      ruleId: 'aws-secret-access-key',
      description: 'AWS secret access key',
      severity: 'critical',
      file: 'deploy/a dir,with:odd%chars/.env',
      line: 12,
      column: 23,
      endColumn: 63,
      secret: 'wJal…(40)',
      match: 'AWS_SECRET_ACCESS_KEY=wJal…(40)',
      fingerprint: 'b'.repeat(16) + 'fedcba9876543210'.repeat(3),
      entropy: 4.9,
      aws: { accountId: null, keyType: 'user', canary: true, canaryOwner: 'Thinkst', accessKeyId: 'AKIA…(20)' },
      [RAW]: { secret: SECRET, lineText: `AWS_SECRET_ACCESS_KEY=${SECRET}` },
    },
    {
      ruleId: 'custom-internal-token',
      description: 'Internal token | with a pipe\nand a newline',
      severity: 'low',
      file: 'README.md',
      line: 1,
      column: 1,
      endColumn: 11,
      secret: 'tok_…(10)',
      match: 'tok_…(10)',
      fingerprint: 'c'.repeat(64),
      entropy: 3.1,
      [RAW]: { secret: 'tok_abcdef', lineText: 'tok_abcdef' },
    },
  ];
}

/** The raw secrets of sampleFindings(), for "never printed" assertions. */
export const SAMPLE_SECRETS = [KEY_ID, SECRET, 'tok_abcdef'];

export function sampleStats(): Stats {
  return { bytes: 1234, files: 3, commits: 2, findings: 3, skipped: { binary: 1 }, durationMs: 42, rulesLoaded: 2 };
}

export function sampleMeta(): ReportMeta {
  return {
    stats: sampleStats(),
    color: false,
    toolVersion: '0.1.0',
    startedAt: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
    rules: [
      { id: 'aws-access-key-id', description: 'AWS access key ID', severity: 'high', tags: ['aws', 'key'], references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html'] },
      { id: 'aws-secret-access-key', description: 'AWS secret access key', severity: 'critical' },
    ],
  };
}
