// Parsing STS answers: the XML of DOMAIN.md §3.2, JSON variants, and anything else as unparsed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseStsResponse, type ParsedResponse } from '../../src/validate/response.js';

const NS = 'xmlns="https://sts.amazonaws.com/doc/2011-06-15/"';
const identity = { arn: 'arn:aws:iam::123456789012:user/Alice', accountId: '123456789012', userId: 'AIDA' + 'JQABLZS4A3QDU576Q' };

const cases: { name: string; body: string; want: ParsedResponse }[] = [
  {
    name: 'reads the success XML',
    body: `<GetCallerIdentityResponse ${NS}>\n <GetCallerIdentityResult>\n  <Arn>${identity.arn}</Arn>\n  <UserId>${identity.userId}</UserId>\n  <Account>123456789012</Account>\n </GetCallerIdentityResult>\n <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>\n</GetCallerIdentityResponse>`,
    want: { identity },
  },
  {
    name: 'reads an assumed-role ARN with entities and a namespace prefix',
    body: `<?xml version="1.0"?><sts:GetCallerIdentityResponse xmlns:sts="x"><sts:GetCallerIdentityResult><sts:Arn>arn:aws:sts::123456789012:assumed-role/R&amp;D/s</sts:Arn><sts:UserId>AROA1:s</sts:UserId><sts:Account>123456789012</sts:Account></sts:GetCallerIdentityResult></sts:GetCallerIdentityResponse>`,
    want: { identity: { arn: 'arn:aws:sts::123456789012:assumed-role/R&D/s', accountId: '123456789012', userId: 'AROA1:s' } },
  },
  {
    name: 'reads the error XML',
    body: `<ErrorResponse ${NS}><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>x</RequestId></ErrorResponse>`,
    want: { error: { code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' } },
  },
  {
    name: 'reads the JSON success shape (Accept: application/json)',
    body: JSON.stringify({ GetCallerIdentityResponse: { GetCallerIdentityResult: { Account: '123456789012', Arn: identity.arn, UserId: identity.userId }, ResponseMetadata: { RequestId: 'x' } } }),
    want: { identity },
  },
  {
    name: 'reads a query-protocol JSON error',
    body: JSON.stringify({ Error: { Code: 'ExpiredToken', Message: 'expired', Type: 'Sender' }, RequestId: 'x' }),
    want: { error: { code: 'ExpiredToken', message: 'expired' } },
  },
  {
    name: 'reads a JSON-protocol error type',
    body: JSON.stringify({ __type: 'com.amazonaws.sts#ThrottlingException', message: 'Rate exceeded' }),
    want: { error: { code: 'ThrottlingException', message: 'Rate exceeded' } },
  },
  { name: 'treats a success without an Arn as unparsed', body: `<GetCallerIdentityResponse><GetCallerIdentityResult><Account>1</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`, want: { unparsed: true } },
  { name: 'treats an HTML error page as unparsed', body: '<html><body>Bad gateway</body></html>', want: { unparsed: true } },
  { name: 'treats plain text as unparsed', body: 'Internal Server Error', want: { unparsed: true } },
  { name: 'treats broken JSON as unparsed', body: '{"GetCallerIdentityResponse":', want: { unparsed: true } },
  { name: 'treats an empty body as unparsed', body: '', want: { unparsed: true } },
];

describe('parseStsResponse', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(parseStsResponse(c.body), c.want);
    });
  }
});
