// Values public by design: the RFCs' OAuth examples, which every OAuth library's documentation repeats.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { publicKeyDescription } from '../../src/detect/public-keys.js';
import { join } from '../helpers/tokens.js';

describe('public keys', () => {
  const published = [
    { name: "knows RFC 5849's section 1.2 example client identifier", value: join('dpf43f3p', '2l4k3l03') },
    { name: "knows RFC 5849's section 1.2 example token shared-secret", value: join('pfkkdhi9', 'sl3r4s00') },
    { name: "knows RFC 5849's section 2.1 example temporary credentials shared-secret", value: join('xyz4992k', '83j47x0b') },
    { name: "knows RFC 5849's section 3.1 example client identifier", value: join('9djdj82h', '48djs9d2') },
    { name: "knows RFC 5849's section 3.5 example client identifier", value: join('0685bd91', '84jfhq22') },
    { name: "knows RFC 5849's section 3.5 example nonce", value: join('4572616e48616d6d', '65724c61686176') },
    { name: "knows RFC 6749's section 7.1 (and RFC 6750's) example bearer token", value: join('mF_9.B5f', '-4.1JqM') },
    { name: "knows RFC 6749's section 7.1 example MAC token id", value: join('h480djs9', '3hd8') },
    { name: "knows RFC 6749's section 7.1 example MAC nonce", value: join('274312:', 'dj83hs9s') },
    { name: "knows RFC 6749's section 2.3.1 example client secret", value: join('7Fjfp0ZBr1', 'KtDRbnfVdmIw') },
    { name: "knows RFC 6749's example client credentials as the decoder reads them from HTTP Basic", value: join('s6BhdRkqt3', ':', 'gX1fBat3bV') },
    { name: "knows RFC 7636's appendix B example PKCE code verifier", value: join('dBjftJeZ4CVP-mB92K27', 'uhbUJU1p1r_wW1gFWFOEjXk') },
  ];
  for (const { name, value } of published) it(name, () => assert.notEqual(publicKeyDescription(value), undefined));

  it('knows no other value of the same length', () => assert.equal(publicKeyDescription(join('dpf43f3p', '2l4k3l04')), undefined));
});
