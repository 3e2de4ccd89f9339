// Rotation notes for live keys: the principal from the ARN decides the IAM commands.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { principalOf, rotationNote, unverifiedRotationNote } from '../../src/validate/rotation.js';

describe('principalOf', () => {
  const cases = [
    { name: 'takes the user name after an IAM path', arn: 'arn:aws:iam::123456789012:user/division/team/Alice', want: { kind: 'user', name: 'Alice' } },
    { name: 'takes a plain user name', arn: 'arn:aws:iam::123456789012:user/bob', want: { kind: 'user', name: 'bob' } },
    { name: 'recognises the root user', arn: 'arn:aws:iam::123456789012:root', want: { kind: 'root' } },
    { name: 'takes the role of an assumed-role session', arn: 'arn:aws:sts::123456789012:assumed-role/deploy/session-9', want: { kind: 'assumed-role', name: 'deploy' } },
    { name: 'leaves a federated user as other', arn: 'arn:aws:sts::123456789012:federated-user/carol', want: { kind: 'other' } },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(principalOf(c.arn), c.want));
});

describe('rotationNote', () => {
  it('lists create, update, deactivate, watch, delete in order with --user-name, then the git reminder', () => {
    const note = rotationNote({ arn: 'arn:aws:iam::123456789012:user/ops/alice', shownKeyId: 'AKIA…(20)', keyIdRedacted: true });
    const lines = note.split('\n');
    assert.match(lines[0] ?? '', /^LIVE key of IAM user alice .*shortened/);
    assert.equal(lines[1], '1. Create the replacement key: aws iam create-access-key --user-name alice');
    assert.match(lines[2] ?? '', /^2\. Update every consumer/);
    assert.equal(lines[3], '3. Deactivate the old key: aws iam update-access-key --access-key-id AKIA…(20) --status Inactive --user-name alice');
    assert.match(lines[4] ?? '', /^4\. Watch CloudTrail/);
    assert.equal(lines[5], '5. Delete the old key: aws iam delete-access-key --access-key-id AKIA…(20) --user-name alice');
    assert.match(lines[6] ?? '', /^Deleting the key from git .* does not revoke it/);
  });

  it('omits --user-name and warns for root keys', () => {
    const note = rotationNote({ arn: 'arn:aws:iam::123456789012:root', shownKeyId: 'AKIA…(20)', keyIdRedacted: true });
    assert.match(note, /ROOT user/);
    assert.match(note, /update-access-key --access-key-id AKIA…\(20\) --status Inactive\n/);
    assert.doesNotMatch(note, /--user-name/);
  });

  it('tells temporary credentials to revoke the role sessions instead', () => {
    const note = rotationNote({ arn: 'arn:aws:sts::123456789012:assumed-role/deploy/s', shownKeyId: 'ASIA…(20)', keyIdRedacted: true });
    assert.match(note, /Revoke active sessions/);
    assert.match(note, /role deploy/);
    assert.match(note, /does not revoke it/);
    assert.doesNotMatch(note, /update-access-key/);
  });
});

describe('unverifiedRotationNote', () => {
  it('finds the user first, then rotates with the same steps', () => {
    const note = unverifiedRotationNote({ shownKeyId: 'AKIA…(20)', keyType: 'user', accountId: '123456789012' });
    assert.match(note, /^AWS access key \(account 123456789012, decoded from the key id\)/);
    assert.match(note, /1\. Find its IAM user: aws iam get-access-key-last-used --access-key-id AKIA…\(20\)/);
    assert.match(note, /6\. Delete the old key: aws iam delete-access-key --access-key-id AKIA…\(20\) --user-name USER/);
  });
  it('names the missing key id when only the secret was found', () => assert.match(unverifiedRotationNote({}), /--access-key-id <the access key id paired with this secret>/));
  it('revokes the sessions of temporary credentials', () => assert.match(unverifiedRotationNote({ keyType: 'temporary' }), /Revoke active sessions/));
});
