/**
 * The hash suites a chain's registry entry may name (src/crypto/hash-suite.ts), pinned to the
 * published examples: SM3 to GB/T 32905-2016 appendix A (the same two examples as GM/T 0004-2012),
 * SHA-256 to FIPS 180-4's "abc". SM3 is also cross-checked against an independent pure-JS
 * implementation (sm-crypto-v2), so the OpenSSL path is not only compared with itself.
 */
import { sm3 as sm3Js } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { DIGEST_LENGTH, HashSuites, digest, isHashSuite, sm3 } from '../../src/crypto/hash-suite.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';

describe('SM3 (GB/T 32905-2016 appendix A)', () => {
  it('example 1: sm3("abc")', () => {
    expect(toHex(sm3(utf8('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('example 2: sm3 of "abcd" repeated 16 times (512 bits, two blocks once padded)', () => {
    expect(toHex(sm3(utf8('abcd'.repeat(16))))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('agrees with an independent implementation on the inputs the chain hashes (empty, 1, 65, 1000 bytes)', () => {
    for (const n of [0, 1, 55, 56, 64, 65, 1000]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
      expect(toHex(sm3(data))).toBe(sm3Js(data));
    }
  });
});

describe('digest by suite', () => {
  it('SHA-256 is unchanged (FIPS 180-4 "abc") and is what the default paths use', () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(toHex(digest('sha256', utf8('abc')))).toBe(abc);
    expect(toHex(sha256(utf8('abc')))).toBe(abc);
  });

  it('both suites give 32 bytes, and never the same digest', () => {
    for (const s of HashSuites) expect(digest(s, utf8('courtbridge')).length).toBe(DIGEST_LENGTH);
    expect(digest('sm3', utf8('courtbridge'))).not.toEqual(digest('sha256', utf8('courtbridge')));
  });

  it('names exactly sha256 and sm3', () => {
    expect(HashSuites).toEqual(['sha256', 'sm3']);
    for (const ok of ['sha256', 'sm3']) expect(isHashSuite(ok)).toBe(true);
    for (const bad of ['SM3', 'sha-256', 'sm2', 'keccak256', '', undefined, null, 3]) expect(isHashSuite(bad)).toBe(false);
  });
});
