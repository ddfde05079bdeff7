/**
 * The on-site record's signed layout, pinned by test/vectors/mobile-onsite.json (a partner writing a
 * device app in another language matches these bytes), and the offline check a court re-runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/encoding/bytes.js';
import { deviceSignerOf } from '../../src/mobile/device-key.js';
import { checkOnsiteSignature, onsiteBytes, onsiteRecordHash, signOnsite, type SignedOnsite } from '../../src/mobile/onsite-record.js';
import { toHighS } from '../../src/crypto/secp256k1.js';

interface Vectors {
  chainId: string;
  privateKeyHex: string;
  cases: { record: SignedOnsite; onsiteBytesHex: string; recordHash: string }[];
}
const v = JSON.parse(readFileSync(new URL('../vectors/mobile-onsite.json', import.meta.url), 'utf8')) as Vectors;

describe('on-site record vectors', () => {
  const device = deviceSignerOf(fromHex(v.privateKeyHex));
  for (const [i, c] of v.cases.entries()) {
    it(`case ${i + 1}: layout, hash and signature reproduce; the signature checks against the did:key`, () => {
      expect(c.record.deviceDid).toBe(device.did);
      expect(toHex(onsiteBytes(v.chainId, c.record))).toBe(c.onsiteBytesHex);
      expect(onsiteRecordHash(v.chainId, c.record)).toBe(c.recordHash);
      const { signature, ...content } = c.record;
      expect(signOnsite(v.chainId, content, device).signature).toBe(signature);
      expect(checkOnsiteSignature(v.chainId, c.record)).toBe('ok');
    });
  }

  it('the records link: the second names the first one’s hash', () => {
    expect(v.cases[1]!.record.prevHash).toBe(v.cases[0]!.recordHash);
  });

  it('refuses what is not the device’s signature over these bytes, naming why', () => {
    const r = v.cases[0]!.record;
    expect(checkOnsiteSignature(v.chainId, { ...r, place: 'elsewhere' })).toBe('mismatch');
    expect(checkOnsiteSignature('property', r)).toBe('mismatch');
    expect(checkOnsiteSignature(v.chainId, { ...r, signature: toHex(toHighS(fromHex(r.signature))) })).toBe('high_s');
    expect(checkOnsiteSignature(v.chainId, { ...r, signature: 'ab' })).toBe('malformed_signature');
    expect(checkOnsiteSignature(v.chainId, { ...r, deviceDid: 'did:alliance:court-bj-01' })).toBe('not_a_device_did');
    expect(checkOnsiteSignature(v.chainId, { ...r, deviceDid: v.cases[0]!.record.deviceDid.replace(/.$/, 'x') })).not.toBe('ok');
  });
});
