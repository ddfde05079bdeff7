/**
 * Writes test/vectors/mobile-onsite.json: two linked on-site records of one officer device
 * (src/mobile/onsite-record.ts) under a fixed key: the signed layout, its hash (what the next record
 * links to) and the device's compact low-S signature (RFC 6979: reproducible).
 *
 * Run: npx tsx test/vectors/generate-mobile-onsite.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { deviceSignerOf } from '../../src/mobile/device-key.js';
import { onsiteBytes, onsiteRecordHash, signOnsite, ZERO_HASH, type OnsiteContent } from '../../src/mobile/onsite-record.js';

const sk = sha256(utf8('courtbridge mobile vector device'));
const d = deviceSignerOf(sk);
const c1: OnsiteContent = {
  recordId: 'vec-1',
  deviceDid: d.did,
  caseId: '(2026)京0101执1号',
  signedAtMs: 1_780_000_000_000,
  place: '北京市东城区东直门南大街1号',
  action: 'seal',
  mediaHashes: [toHex(sha256(utf8('photo-1.jpg')))],
  seq: 1,
  prevHash: ZERO_HASH,
};
const r1 = signOnsite('mobile', c1, d);
const c2: OnsiteContent = {
  ...c1,
  recordId: 'vec-2',
  signedAtMs: 1_780_000_060_000,
  action: 'distrain',
  place: 'geo:39.9289,116.4163',
  mediaHashes: [toHex(sha256(utf8('photo-2.jpg'))), toHex(sha256(utf8('video-2.mp4')))],
  seq: 2,
  prevHash: onsiteRecordHash('mobile', r1),
};
const r2 = signOnsite('mobile', c2, d);
const out = {
  description:
    'On-site records of mobile enforcement (src/mobile/onsite-record.ts): the signed layout, its hash and the device signature (RFC 6979, low-S)',
  chainId: 'mobile',
  privateKeyHex: toHex(sk),
  cases: [r1, r2].map((r) => ({ record: r, onsiteBytesHex: toHex(onsiteBytes('mobile', r)), recordHash: onsiteRecordHash('mobile', r) })),
};
writeFileSync(fileURLToPath(new URL('./mobile-onsite.json', import.meta.url)), `${JSON.stringify(out, null, 2)}\n`);
