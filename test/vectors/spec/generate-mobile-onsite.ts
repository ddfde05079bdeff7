import { sha256, signingInput, SignTag } from '../../../src/crypto/hash.js';
import { toHighS } from '../../../src/crypto/secp256k1.js';
import { fromHex, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { deviceSignerOf } from '../../../src/mobile/device-key.js';
import {
  onsiteBytes,
  onsiteRecordHash,
  signOnsite,
  ZERO_HASH,
  type OnsiteContent,
  type SignedOnsite,
} from '../../../src/mobile/onsite-record.js';
import { vectorKey, writeVector } from './vector-kit.js';

const CHAIN = 'mobile';
const keys = { '1': vectorKey(1), '2': vectorKey(2) };
const device = deviceSignerOf(fromHex(keys['1'].privateKey));
const other = deviceSignerOf(fromHex(keys['2'].privateKey));
const tag = SignTag.MobileOnsite;

const c1: OnsiteContent = {
  recordId: 'rec-0001',
  deviceDid: device.did,
  caseId: '(2026)京0101执1号',
  signedAtMs: 1_780_000_000_000,
  place: '北京市东城区东直门南大街1号',
  action: 'seal',
  mediaHashes: [toHex(sha256(utf8('photo-1.jpg')))],
  seq: 1,
  prevHash: ZERO_HASH,
};
const r1 = signOnsite(CHAIN, c1, device);
const c2: OnsiteContent = {
  ...c1,
  recordId: 'rec-0002',
  signedAtMs: 1_780_000_060_000,
  place: 'geo:39.9289,116.4163',
  action: 'distrain',
  mediaHashes: [toHex(sha256(utf8('photo-2.jpg'))), toHex(sha256(utf8('video-2.mp4')))],
  seq: 2,
  prevHash: onsiteRecordHash(CHAIN, r1),
};
const r2 = signOnsite(CHAIN, c2, device);

/** The layout's fields of a record: the chain id, then the signed content (no signature). */
const fieldsOf = (chainId: string, r: OnsiteContent | SignedOnsite) => {
  const { signature: _s, ...content } = r as SignedOnsite;
  return { chainId, ...content };
};

const valid = [
  { name: 'first record of a device (prevHash all zeros)', r: r1 },
  { name: 'second record, linked to the first by its hash, two media files', r: r2 },
].map(({ name, r }) => {
  const bytes = onsiteBytes(CHAIN, r);
  return {
    name,
    fields: fieldsOf(CHAIN, r),
    bytes: toHex(bytes),
    hash: toHex(sha256(bytes)),
    signer: '1',
    signingInput: toHex(signingInput(tag, bytes).bytes('secp256k1')),
    signature: r.signature,
  };
});

const sig = fromHex(r1.signature);
const bad = (name: string, reason: string, why: string, fields: object, signature: string) => ({ name, reason, why, fields, signature });
const invalid = [
  bad(
    'first record linked to a non-zero hash',
    'invalid_record',
    'seq 1 must link to 64 zeros: the shape check refuses it before any signature',
    { ...fieldsOf(CHAIN, r1), prevHash: onsiteRecordHash(CHAIN, r1) },
    r1.signature,
  ),
  bad(
    'no media hash',
    'invalid_record',
    'a record carries 1 to 50 media hashes',
    { ...fieldsOf(CHAIN, r1), mediaHashes: [] },
    r1.signature,
  ),
  bad(
    'unknown action code',
    'invalid_record',
    'action must be one of seal, distrain, search, serve, investigate, evict',
    { ...fieldsOf(CHAIN, r1), action: 'arrest' },
    r1.signature,
  ),
  bad(
    'device DID is not a did:key',
    'not_a_device_did',
    'the key is read from the device DID itself; a did:alliance DID embeds no key',
    { ...fieldsOf(CHAIN, r1), deviceDid: 'did:alliance:court-bj-01' },
    r1.signature,
  ),
  bad(
    'signature with r = 0',
    'malformed_signature',
    'r must be in 1..n-1; refused before any curve arithmetic',
    fieldsOf(CHAIN, r1),
    `${'0'.repeat(64)}${r1.signature.slice(64)}`,
  ),
  bad('high-S twin', 'high_s', 'the high-S twin of the valid signature (s replaced by n - s)', fieldsOf(CHAIN, r1), toHex(toHighS(sig))),
  bad(
    'place changed after signing',
    'mismatch',
    'the place was changed after the device signed',
    { ...fieldsOf(CHAIN, r1), place: '北京市朝阳区' },
    r1.signature,
  ),
  bad(
    'record presented on another chain',
    'mismatch',
    'signed for chain "mobile", checked as a record of chain "property": the chain id is signed',
    fieldsOf('property', r1),
    r1.signature,
  ),
  bad(
    'signed under another tag',
    'mismatch',
    'the same bytes signed by the same device key under courtbridge/v1/evidence: a signature never verifies under another tag',
    fieldsOf(CHAIN, r1),
    toHex(device.sign(signingInput(SignTag.Evidence, onsiteBytes(CHAIN, r1)))),
  ),
  bad(
    "signed by another device's key",
    'mismatch',
    "signed by key 2 while the record names key 1's did:key",
    fieldsOf(CHAIN, r1),
    toHex(other.sign(signingInput(tag, onsiteBytes(CHAIN, r1)))),
  ),
];

writeVector('mobile-onsite', {
  structure: 'mobile-onsite',
  title: "An officer device's on-site enforcement record, signed by the key its did:key embeds",
  spec: 'docs/spec/mobile-onsite.md',
  tag,
  layout: 'mobile-onsite',
  keys,
  devices: { '1': device.did, '2': other.did },
  valid,
  invalid,
});
