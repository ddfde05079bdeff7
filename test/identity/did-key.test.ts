import { describe, expect, it } from 'vitest';
import { bytesToBase58 } from 'did-jwt';
import { didKeyKid, didKeyOf, publicKeyOfDidKey } from '../../src/identity/did-key.js';
import { publicKeyFor } from '../../src/crypto/signature-suite.js';
import { concatBytes, equalBytes, toHex } from '../../src/encoding/bytes.js';
import { pk, vectorKey } from './fixture.js';

const secpKey = pk(1);
const sm2Key = publicKeyFor('sm2', vectorKey(2));
/** `did:key:z` over arbitrary multicodec bytes, as a forger would write it. */
const didKeyOfBytes = (...parts: Uint8Array[]): string => `did:key:z${bytesToBase58(concatBytes(...parts))}`;
const E7_01 = Uint8Array.of(0xe7, 0x01);

describe('did:key (secp256k1)', () => {
  it('round-trips and uses the zQ3s prefix of multicodec 0xe7', () => {
    const did = didKeyOf(pk(1));
    expect(did.startsWith('did:key:zQ3s')).toBe(true);
    expect(equalBytes(publicKeyOfDidKey(did)!, pk(1))).toBe(true);
    expect(didKeyKid(did)).toBe(`${did}#${did.slice(8)}`);
  });

  const cases: Array<{ name: string; malleate: (did: string) => string }> = [
    { name: 'other method', malleate: (d) => d.replace('did:key:', 'did:web:') },
    { name: 'no multibase z', malleate: (d) => d.replace('did:key:z', 'did:key:m') },
    { name: 'ed25519 codec', malleate: () => `did:key:z${bytesToBase58(Uint8Array.of(0xed, 0x01, ...pk(1).subarray(1)))}` },
    { name: 'bad base58 char', malleate: (d) => `${d.slice(0, -1)}0` },
    { name: 'truncated', malleate: (d) => d.slice(0, -3) },
    {
      name: 'not a curve point',
      malleate: () => `did:key:z${bytesToBase58(Uint8Array.of(0xe7, 0x01, 0x02, ...new Uint8Array(32).fill(0xff)))}`,
    },
  ];
  for (const c of cases) {
    it(`rejects ${c.name}`, () => {
      expect(publicKeyOfDidKey(c.malleate(didKeyOf(pk(1))))).toBeUndefined();
    });
  }
});

describe('did:key (SM2): the key bytes carry their multicodec sm2-pub (0x86 0x24)', () => {
  it('round-trips to the same 35-byte key, not the bare point', () => {
    const did = didKeyOf(sm2Key);
    expect(did).toBe(didKeyOfBytes(sm2Key));
    expect(toHex(publicKeyOfDidKey(did)!)).toBe(toHex(sm2Key));
  });
});

describe('did:key forgeries: every string but the one canonical encoding of a valid key is refused', () => {
  // Each names a valid key somehow, so only the multibase, multicodec and canonical checks refuse it.
  const forgeries: Array<{ name: string; did: string }> = [
    { name: 'multibase Z (base58flickr) over a secp256k1 did:key', did: `did:key:Z${didKeyOf(secpKey).slice(9)}` },
    { name: 'no multibase letter at all', did: `did:key:${didKeyOf(secpKey).slice(9)}` },
    { name: 'multibase Z (base58flickr) over an SM2 did:key', did: `did:key:Z${didKeyOf(sm2Key).slice(9)}` },
    { name: 'a leading zero byte (base58 "1") before the multicodec', did: `did:key:z1${didKeyOf(secpKey).slice(9)}` },
    { name: 'a leading zero byte before an SM2 key', did: `did:key:z1${didKeyOf(sm2Key).slice(9)}` },
    { name: 'secp256k1 key without its multicodec', did: didKeyOfBytes(secpKey) },
    { name: 'secp256k1 key under ed25519-pub (0xed 0x01)', did: didKeyOfBytes(Uint8Array.of(0xed, 0x01), secpKey) },
    { name: 'secp256k1 key under p256-pub (0x80 0x24)', did: didKeyOfBytes(Uint8Array.of(0x80, 0x24), secpKey) },
    { name: 'secp256k1 key under a one-byte varint 0xe7', did: didKeyOfBytes(Uint8Array.of(0xe7), secpKey) },
    { name: 'secp256k1 key under 0xe7 0x00', did: didKeyOfBytes(Uint8Array.of(0xe7, 0x00), secpKey) },
    { name: 'secp256k1 key under 0x00 0x01', did: didKeyOfBytes(Uint8Array.of(0x00, 0x01), secpKey) },
    { name: 'secp256k1 key with a byte appended', did: didKeyOfBytes(E7_01, secpKey, Uint8Array.of(0)) },
    { name: 'SM2 key under secp256k1-pub as well', did: didKeyOfBytes(E7_01, sm2Key) },
    { name: 'SM2 point without its multicodec', did: didKeyOfBytes(sm2Key.subarray(2)) },
    { name: 'SM2 point under p256-pub (0x80 0x24)', did: didKeyOfBytes(Uint8Array.of(0x80, 0x24), sm2Key.subarray(2)) },
    { name: 'SM2 prefix over a point off the curve', did: didKeyOfBytes(Uint8Array.of(0x86, 0x24, 0x02), new Uint8Array(32).fill(0xff)) },
    { name: 'SM2 prefix over a 32-byte point', did: didKeyOfBytes(sm2Key.subarray(0, 34)) },
    { name: 'uncompressed 0x04 point', did: didKeyOfBytes(E7_01, Uint8Array.of(0x04), new Uint8Array(64).fill(1)) },
    { name: 'a DID of 1,000 base58 digits', did: `did:key:z${'1'.repeat(1000)}${didKeyOf(secpKey).slice(9)}` },
    { name: 'empty multibase', did: 'did:key:' },
    { name: 'multibase z only', did: 'did:key:z' },
  ];
  for (const f of forgeries) {
    it(`refuses ${f.name}`, () => {
      expect(publicKeyOfDidKey(f.did)).toBeUndefined();
    });
  }

  it('refuses what is not a string (a JSON claim can be anything) instead of throwing', () => {
    for (const v of [undefined, null, 42, ['did:key:z'], { startsWith: () => true }]) {
      expect(publicKeyOfDidKey(v as unknown as string)).toBeUndefined();
    }
  });

  it('returns a key of its own (changing it changes no later answer)', () => {
    for (const key of [secpKey, sm2Key]) {
      const did = didKeyOf(key);
      const got = publicKeyOfDidKey(did)!;
      got.fill(0);
      expect(toHex(publicKeyOfDidKey(did)!)).toBe(toHex(key));
    }
  });
});

describe('didKeyOf refuses a key it could not give back', () => {
  const bad: Array<{ name: string; key: Uint8Array }> = [
    { name: '32 bytes', key: secpKey.subarray(1) },
    { name: 'secp256k1 x off the curve', key: Uint8Array.of(0x02, ...new Uint8Array(32).fill(0xff)) },
    { name: 'uncompressed 65 bytes', key: Uint8Array.of(0x04, ...new Uint8Array(64).fill(1)) },
    { name: 'SM2 prefix over a point off the curve', key: Uint8Array.of(0x86, 0x24, 0x02, ...new Uint8Array(32).fill(0xff)) },
    { name: 'bare SM2 point with a 0x05 prefix', key: Uint8Array.of(0x05, ...sm2Key.subarray(3)) },
  ];
  for (const b of bad) {
    it(`throws for ${b.name}`, () => {
      expect(() => didKeyOf(b.key)).toThrow(TypeError);
    });
  }
});
