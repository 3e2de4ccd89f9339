// Pure: the ordered rotation steps for a key STS confirmed live, with IAM CLI commands for the principal in the ARN.

export interface RotationInput {
  arn: string;
  /** The key id as it may be shown (redacted unless --show-secrets). */
  shownKeyId: string;
  keyIdRedacted: boolean;
}

interface Principal {
  kind: 'user' | 'root' | 'assumed-role' | 'other';
  name?: string;
}

/** arn:aws:iam::123456789012:user/path/Alice → user Alice; …:root; arn:aws:sts::…:assumed-role/Role/session. */
export function principalOf(arn: string): Principal {
  const resource = arn.split(':').slice(5).join(':');
  if (resource === 'root') return { kind: 'root' };
  if (resource.startsWith('user/')) return { kind: 'user', name: resource.split('/').pop() as string };
  if (resource.startsWith('assumed-role/')) return { kind: 'assumed-role', name: resource.split('/')[1] as string };
  return { kind: 'other' };
}

const REMINDER = 'Deleting the key from git (even rewriting history) does not revoke it: only deactivating and deleting it in IAM does.';

export function rotationNote(input: RotationInput): string {
  const { arn, shownKeyId } = input;
  const principal = principalOf(arn);
  const idHint = input.keyIdRedacted ? ' (the key id is shortened here; use the full id from the file)' : '';
  if (principal.kind === 'assumed-role') {
    return [
      `LIVE temporary credentials of role ${principal.name} (${arn}). They expire on their own, but until then:`,
      `1. Revoke the role's active sessions now: IAM console → Roles → ${principal.name} → "Revoke active sessions".`,
      '2. Find out how they leaked (CI logs, debug output) and stop the leak.',
      '3. Watch CloudTrail for calls made with these credentials and investigate anything you do not recognise.',
      REMINDER,
    ].join('\n');
  }
  const userFlag = principal.kind === 'user' ? ` --user-name ${principal.name}` : '';
  const who = principal.kind === 'root' ? 'the ROOT user (root access keys should not exist; sign in as root to do this)' : principal.kind === 'user' ? `IAM user ${principal.name}` : arn;
  return [`LIVE key of ${who}${idHint}. Rotate it in this order:`, ...keySteps(shownKeyId, userFlag, 1), REMINDER].join('\n');
}

/** The numbered create → update → deactivate → watch → delete steps, from `first`. */
function keySteps(shownKeyId: string, userFlag: string, first: number): string[] {
  return [
    `Create the replacement key: aws iam create-access-key${userFlag}`,
    'Update every consumer (CI secrets, servers, .env files) to read the new key from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).',
    `Deactivate the old key: aws iam update-access-key --access-key-id ${shownKeyId} --status Inactive${userFlag}`,
    'Watch CloudTrail (and the key\'s "last used" in IAM) for calls with the old key; anything that breaks still uses it, anything you do not recognise is an incident.',
    `Delete the old key: aws iam delete-access-key --access-key-id ${shownKeyId}${userFlag}`,
  ].map((step, i) => `${first + i}. ${step}`);
}

export interface UnverifiedKey {
  /** The key id as it may be shown (redacted), or undefined when only the secret was found. */
  shownKeyId?: string;
  keyType?: string;
  accountId?: string | null;
}

/** The same steps for a key nobody checked with STS (no ARN): first find whose key it is. */
export function unverifiedRotationNote(key: UnverifiedKey): string {
  const id = key.shownKeyId ?? '<the access key id paired with this secret>';
  const account = key.accountId ? ` (account ${key.accountId}, decoded from the key id)` : '';
  if (key.keyType === 'temporary') {
    return [
      `Temporary AWS credentials${account}. They expire on their own, but until then:`,
      '1. Find the role they belong to in CloudTrail (events with this access key id), then revoke its active sessions: IAM console → Roles → the role → "Revoke active sessions".',
      '2. Find out how they leaked (CI logs, debug output) and stop the leak.',
      '3. Watch CloudTrail for calls made with these credentials and investigate anything you do not recognise.',
      REMINDER,
    ].join('\n');
  }
  return [
    `AWS access key${account}: treat it as compromised. Rotate it in this order (the key id is shortened here; use the full id from the file):`,
    `1. Find its IAM user: aws iam get-access-key-last-used --access-key-id ${id} (in the account that owns the key; the answer names the user, USER below)`,
    ...keySteps(id, ' --user-name USER', 2),
    REMINDER,
  ].join('\n');
}
