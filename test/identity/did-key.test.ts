import { describe, expect, it } from 'vitest';
import { bytesToBase58 } from 'did-jwt';
import { didKeyKid, didKeyOf, publicKeyOfDidKey } from '../../src/identity/did-key.js';
import { equalBytes } from '../../src/encoding/bytes.js';
import { pk } from './fixture.js';

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
