// JUnit XML for CI dashboards: one failing test case per finding, one passing case when clean.
import type { Finding } from '../types.js';
import type { Reporter } from './types.js';

export function escapeXml(text: string): string {
  // XML 1.0 forbids most control characters even as entities: drop them. CR, LF, DEL and the C1 controls become
  // character references: the same text to a parser, and no raw line break that could put a scanned `::command` at
  // the start of a line (a runner reading stdout would run it) nor a byte a terminal acts on.
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      .replace(/[\r\n\u007f-\u009f]/g, (ch) => `&#x${ch.charCodeAt(0).toString(16).toUpperCase()};`)
      // The runner's legacy command marker, read anywhere in a line (printable.ts).
      .replace(/##\[/g, '#&#x23;[')
  );
}

function testCase(f: Finding): string {
  const name = `${f.ruleId} at ${f.file}:${f.line}:${f.column}`;
  const details = [
    `${f.description}: ${f.secret}`,
    `match: ${f.match}`,
    f.commit ? `commit: ${f.commit}` : undefined,
    f.validation ? `validation: ${f.validation.status}` : undefined,
    f.suggestion ? `fix: ${f.suggestion.replacement} (env var ${f.suggestion.envVar})` : undefined,
    `ignore: add "${f.fingerprint}" to .keyfence-ignore`,
  ].filter((line): line is string => line !== undefined);
  return `    <testcase classname="${escapeXml(f.file)}" name="${escapeXml(name)}">\n      <failure type="${escapeXml(f.ruleId)}" message="${escapeXml(`${f.severity}: ${f.description}`)}">${details.map(escapeXml).join('\n')}</failure>\n    </testcase>`;
}

export const junitReporter: Reporter = (findings, meta) => {
  const seconds = (meta.stats.durationMs / 1000).toFixed(3);
  const cases = findings.length > 0 ? findings.map(testCase) : ['    <testcase classname="keyfence" name="no secrets found"/>'];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="keyfence" tests="${Math.max(1, findings.length)}" failures="${findings.length}" time="${seconds}">`,
    `  <testsuite name="keyfence" tests="${Math.max(1, findings.length)}" failures="${findings.length}" errors="0" skipped="0" time="${seconds}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
