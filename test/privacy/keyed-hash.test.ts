import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { isPersonalHash, normalisePersonalId, personalIdHash } from '../../src/privacy/keyed-hash.js';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';

const salt = sha256(utf8('courtbridge test salt'));

describe('personalIdHash', () => {
  it('is HMAC-SHA256(salt, "courtbridge/v1/personal-id/<kind>" || 0x00 || normalised) in hex', () => {
    const expected = createHmac('sha256', salt)
      .update(Buffer.concat([Buffer.from('courtbridge/v1/personal-id/id-card'), Buffer.of(0), Buffer.from('11010119900307777X')]))
      .digest('hex');
    expect(personalIdHash(salt, 'id-card', '11010119900307777X')).toBe(expected);
    expect(isPersonalHash(expected)).toBe(true);
  });

  it('normalises: trim and uppercase ID numbers, collapse name whitespace, strip phone formatting', () => {
    expect(personalIdHash(salt, 'id-card', ' 11010119900307777x ')).toBe(personalIdHash(salt, 'id-card', '11010119900307777X'));
    expect(personalIdHash(salt, 'name', '  Zhang   Wei ')).toBe(personalIdHash(salt, 'name', 'Zhang Wei'));
    expect(personalIdHash(salt, 'phone', '+86 138-0013-8000')).toBe(personalIdHash(salt, 'phone', '13800138000'));
    expect(normalisePersonalId('passport', ' e12345678 ')).toBe('E12345678');
  });

  it('separates kinds and salts', () => {
    expect(personalIdHash(salt, 'passport', '123456789012345')).not.toBe(personalIdHash(salt, 'id-card', '123456789012345'));
    expect(personalIdHash(sha256(utf8('other salt')), 'name', 'Li Na')).not.toBe(personalIdHash(salt, 'name', 'Li Na'));
  });

  const refusals: [string, () => unknown, string][] = [
    ['a short ID number', () => personalIdHash(salt, 'id-card', '1101011990'), 'invalid_personal_id'],
    ['letters inside an ID number', () => personalIdHash(salt, 'id-card', '1101011990030A777X'), 'invalid_personal_id'],
    ['an empty name', () => personalIdHash(salt, 'name', '   '), 'invalid_personal_id'],
    ['a phone with letters', () => personalIdHash(salt, 'phone', '138-CALL-ME'), 'invalid_personal_id'],
    ['an unknown kind', () => personalIdHash(salt, 'email' as never, 'a@b'), 'invalid_personal_id'],
    ['a short salt', () => personalIdHash(new Uint8Array(8), 'name', 'Li Na'), 'invalid_salt'],
  ];
  for (const [name, f, reason] of refusals) {
    it(`refuses ${name}`, () => {
      expect(f).toThrow(expect.objectContaining({ reason }));
    });
  }
});
