// Pure: which AWS findings can be validated, with which key id, secret and session token; the rest get a skip reason.
import { RAW, type Finding, type Verdict } from '../types.js';
import type { AwsCredentials } from './sign.js';
import { isExampleCredential } from './examples.js';

export const PAIR_RULE = 'aws-access-key-pair';
export const KEY_ID_RULE = 'aws-access-key-id';
export const SECRET_RULE = 'aws-secret-access-key';
export const SESSION_TOKEN_RULE = 'aws-session-token';
/** Same window as the engine's pairing of key id and secret (rules/aws.json pairWithin). */
export const SECRET_WINDOW = 5;
/** A session token usually sits right after the pair in credentials files and env dumps. */
export const TOKEN_WINDOW = 10;

/** One STS call to make and the findings whose verdict it decides. */
export interface ValidationJob {
  credentials: AwsCredentials;
  /** The key-id-bearing finding (pair or key id). */
  finding: Finding;
  /** Secret and token findings used to build the credentials; they share the verdict. */
  helpers: Finding[];
}

export interface ValidationPlan {
  jobs: ValidationJob[];
  skipped: { finding: Finding; verdict: Verdict }[];
}

const skip = (reason: string): Verdict => ({ status: 'skipped', reason });

function sameSource(a: Finding, b: Finding): boolean {
  return a.file === b.file && a.commit === b.commit;
}

function nearest(anchor: Finding, candidates: Finding[], window: number, taken: Set<Finding>): Finding | undefined {
  let best: Finding | undefined;
  for (const c of candidates) {
    if (taken.has(c) || !sameSource(anchor, c)) continue;
    const distance = Math.abs(c.line - anchor.line);
    if (distance > window) continue;
    if (!best || distance < Math.abs(best.line - anchor.line)) best = c;
  }
  return best;
}

function decide(f: Finding, keyId: string, borrowed: Finding | undefined, tokens: Finding[], taken: Set<Finding>): ValidationJob | { reason: string } {
  const secret = borrowed ? borrowed[RAW].secret : f[RAW].pairedId !== undefined ? f[RAW].secret : undefined;
  if (f.aws?.canary) return { reason: 'canary' };
  if (isExampleCredential(keyId, secret)) return { reason: 'example-key' };
  if (secret === undefined || keyId === '') return { reason: 'no-secret' };
  const credentials: AwsCredentials = { accessKeyId: keyId, secretAccessKey: secret };
  const helpers = borrowed ? [borrowed] : [];
  if (keyId.startsWith('ASIA')) {
    const token = nearest(f, tokens, TOKEN_WINDOW, taken);
    // Temporary keys always fail without their token, which would look like "invalid": do not call.
    if (!token) return { reason: 'no-session-token' };
    if (isExampleCredential(keyId, secret, token[RAW].secret)) return { reason: 'example-key' };
    taken.add(token);
    helpers.push(token);
    credentials.sessionToken = token[RAW].secret;
  }
  return { credentials, finding: f, helpers };
}

/**
 * `validating(ruleId)` says whether a rule asks for STS validation (rule data: `validate: "aws-sts"`).
 * Findings of other rules are left alone.
 */
export function planValidation(findings: Finding[], validating: (ruleId: string) => boolean): ValidationPlan {
  const plan: ValidationPlan = { jobs: [], skipped: [] };
  const secrets = findings.filter((f) => f.ruleId === SECRET_RULE && f[RAW].pairedId === undefined);
  const tokens = findings.filter((f) => f.ruleId === SESSION_TOKEN_RULE);
  const taken = new Set<Finding>();
  const keyFindings: { finding: Finding; keyId: string; secret?: Finding }[] = [];

  for (const f of findings) {
    const raw = f[RAW];
    if (f.ruleId === PAIR_RULE || raw.pairedId !== undefined) keyFindings.push({ finding: f, keyId: raw.pairedId ?? '' });
    else if (f.ruleId === KEY_ID_RULE || (f.aws && validating(f.ruleId) && f.ruleId !== SECRET_RULE)) keyFindings.push({ finding: f, keyId: raw.secret });
  }
  // Lone key ids borrow a secret-access-key finding found a few lines away that the engine did not pair.
  for (const k of keyFindings) {
    if (k.finding[RAW].pairedId !== undefined) continue;
    const secret = nearest(k.finding, secrets, SECRET_WINDOW, taken);
    if (secret) {
      taken.add(secret);
      k.secret = secret;
    }
  }

  for (const k of keyFindings) {
    const decision = decide(k.finding, k.keyId, k.secret, tokens, taken);
    if ('reason' in decision) {
      // A secret borrowed by a skipped key id shares its skip reason.
      for (const f of [k.finding, ...(k.secret ? [k.secret] : [])]) plan.skipped.push({ finding: f, verdict: skip(decision.reason) });
    } else plan.jobs.push(decision);
  }
  for (const f of secrets) if (!taken.has(f) && validating(f.ruleId)) plan.skipped.push({ finding: f, verdict: skip('no-key-id') });
  return plan;
}
