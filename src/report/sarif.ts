// SARIF 2.1.0 as GitHub code scanning ingests it: rules from rule data (CWE-798), stable ids, redacted messages.
import type { Finding, Severity } from '../types.js';
import type { Reporter, ReportMeta } from './types.js';
import { describeVerdict } from './verdict.js';
import { escapeJsonControls } from './printable.js';

type RuleMeta = NonNullable<ReportMeta['rules']>[number];

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** runAutomationDetails.id of a category: a trailing slash means "category only, no run id" (GitHub's format). */
export function automationId(category: string): string {
  return category.endsWith('/') ? category : `${category}/`;
}
/** Key under partialFingerprints for keyfence's own fingerprint (rule + path + secret hash). */
export const FINGERPRINT_KEY = 'keyfence/v1';
const CWE_TAG = 'external/cwe/cwe-798';

/** GitHub reads security-severity as a CVSS-like score: ≥9.0 critical, 7.0–8.9 high, 4.0–6.9 medium. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/** A repo-relative path as a URI reference: each segment percent-encoded, slashes kept. */
export function toUriReference(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** PascalCase name from a kebab-case rule id (SARIF's reportingDescriptor.name must be a readable identifier). */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function cap(text: string, max = 1000): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function ruleHelp(rule: RuleMeta): { text: string; markdown: string } {
  const steps = [
    'Treat the credential as compromised: revoke or rotate it with its provider now; deleting it from git history does not revoke it.',
    'Replace the literal with a read from the environment (or a secrets manager) and keep the value out of the repository.',
    'If this is a false positive, add `keyfence:allow` on the line or the finding\'s fingerprint to `.keyfence-ignore`.',
  ];
  const refs = rule.references ?? [];
  const text = `${rule.description}.\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}${refs.length ? `\nReferences: ${refs.join(' ')}` : ''}`;
  const markdown = `**${rule.description}** (\`${rule.id}\`)\n\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}${refs.length ? `\n\nReferences:\n${refs.map((r) => `- <${r}>`).join('\n')}` : ''}`;
  return { text, markdown };
}

function toSarifRule(rule: RuleMeta): Record<string, unknown> {
  const tags = [...new Set(['security', 'secret', CWE_TAG, ...(rule.tags ?? [])])].slice(0, 10);
  const out: Record<string, unknown> = {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: cap(rule.description) },
    fullDescription: { text: cap(`${rule.description}: a hard-coded credential (CWE-798) that grants access to whoever reads the repository.`) },
    help: ruleHelp(rule),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags, precision: 'high', 'security-severity': SECURITY_SEVERITY[rule.severity], 'problem.severity': LEVEL[rule.severity] === 'note' ? 'recommendation' : LEVEL[rule.severity] },
  };
  const helpUri = rule.references?.[0];
  if (helpUri) out.helpUri = helpUri;
  return out;
}

/** Rules from metadata, plus any rule a finding names that the metadata lacks (custom or merged results). */
function collectRules(findings: Finding[], meta: ReportMeta): RuleMeta[] {
  const rules = new Map<string, RuleMeta>();
  for (const rule of meta.rules ?? []) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  for (const f of findings) if (!rules.has(f.ruleId)) rules.set(f.ruleId, { id: f.ruleId, description: f.description, severity: f.severity });
  return [...rules.values()];
}

function resultMessage(f: Finding): string {
  const parts = [`${f.description} ${f.secret} in ${f.file}:${f.line}`];
  if (f.commit) parts.push(`introduced in commit ${f.commit.slice(0, 12)}`);
  if (f.aws?.accountId) parts.push(`AWS account ${f.aws.accountId}`);
  if (f.aws?.canary) parts.push('canary token: do not use it');
  if (f.validation) parts.push(`validation: ${describeVerdict(f.validation)}`);
  let text = `${parts.join('; ')}.`;
  if (f.suggestion) text += ` Suggested fix: ${f.suggestion.replacement} (env var ${f.suggestion.envVar}).`;
  text += ` Rotate the credential, then remove it. To ignore: add "${f.fingerprint}" to .keyfence-ignore.`;
  return text;
}

function resultFixes(f: Finding, uri: string): Record<string, unknown>[] | undefined {
  const suggestion = f.suggestion;
  if (!suggestion?.edit) return undefined;
  // The main edit plus those the same fix needs (an import, the pair's key id), in file order, all on this file.
  const edits = [suggestion.edit, ...(suggestion.additionalEdits ?? [])].sort((a, b) => a.line - b.line || a.column - b.column);
  return [
    {
      description: { text: `Read ${suggestion.envVar} from the environment instead of the literal` },
      artifactChanges: [
        {
          artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
          replacements: edits.map((edit) => ({
            deletedRegion: { startLine: edit.line, startColumn: edit.column, endLine: edit.endLine, endColumn: edit.endColumn },
            insertedContent: { text: edit.text },
          })),
        },
      ],
    },
  ];
}

function resultProperties(f: Finding): Record<string, unknown> | undefined {
  const props: Record<string, unknown> = {};
  if (f.commit) props.commit = f.commit;
  if (f.occurrences !== undefined) props.occurrences = f.occurrences;
  if (f.aws) props.aws = f.aws;
  if (f.validation) props.validation = f.validation;
  if (f.suggestion) props.suggestion = { envVar: f.suggestion.envVar, replacement: f.suggestion.replacement, language: f.suggestion.language };
  return Object.keys(props).length > 0 ? props : undefined;
}

function toSarifResult(f: Finding, ruleIndex: number, occurrence: number): Record<string, unknown> {
  const uri = toUriReference(f.file);
  const result: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: resultMessage(f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.line, endColumn: Math.max(f.endColumn, f.column + 1) },
        },
      },
    ],
    // Path + secret hash, not line content: moving or re-committing the line keeps the same alert. The `:n` suffix
    // numbers repeats of one secret in one file, as GitHub's own line hashes do.
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint, primaryLocationLineHash: `${f.fingerprint.slice(0, 16)}:${occurrence}` },
  };
  // The same secret in other files (history), and a pair's other half (the key id): code scanning shows them with the alert.
  const related: Record<string, unknown>[] = [];
  if (f.pairedWith) {
    related.push({
      id: 0,
      physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: { startLine: f.pairedWith.line, startColumn: f.pairedWith.column } },
      message: { text: `The other half of this credential (${f.pairedWith.ruleId})` },
    });
  }
  for (const l of f.locations ?? []) {
    related.push({
      id: related.length,
      physicalLocation: { artifactLocation: { uri: toUriReference(l.file), uriBaseId: '%SRCROOT%' }, region: { startLine: l.line } },
      message: { text: `The same secret, added in commit ${l.commit.slice(0, 12)}` },
    });
  }
  if (related.length > 0) result.relatedLocations = related;
  const fixes = resultFixes(f, uri);
  if (fixes) result.fixes = fixes;
  const properties = resultProperties(f);
  if (properties) result.properties = properties;
  return result;
}

export function toSarif(findings: Finding[], meta: ReportMeta): Record<string, unknown> {
  const rules = collectRules(findings, meta);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const seen = new Map<string, number>();
  const occurrence = (fingerprint: string): number => {
    const n = (seen.get(fingerprint) ?? 0) + 1;
    seen.set(fingerprint, n);
    return n;
  };
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keyfence',
            semanticVersion: meta.toolVersion,
            version: meta.toolVersion,
            rules: rules.map(toSarifRule),
          },
        },
        // Only when asked: upload-sarif keeps an id already in the file and then ignores its own `category:` input.
        ...(meta.sarifCategory ? { automationDetails: { id: automationId(meta.sarifCategory) } } : {}),
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => toSarifResult(f, index.get(f.ruleId) ?? 0, occurrence(f.fingerprint))),
      },
    ],
  };
}

export const sarifReporter: Reporter = (findings, meta) => `${escapeJsonControls(JSON.stringify(toSarif(findings, meta), null, 2))}\n`;
