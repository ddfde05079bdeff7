/**
 * An on-site enforcement record (移动执行现场记录, policy on blockchain in the judicial field, art. 17):
 * what an officer's device signs at capture time, and how anyone re-checks it. Pure: bytes in,
 * verdict out, no clock (the contract passes the block time, a verifier its own).
 *
 * Signed bytes (fixed layout, big-endian; `string` = u32 byte length || UTF-8, pinned by
 * test/mobile/onsite-record.test.ts):
 *   string chainId      the chain the record is for (`mobile`): a record cannot be replayed on another
 *   string recordId
 *   string deviceDid    the device's secp256k1 did:key (its key is embedded: no registry to ask)
 *   string caseId
 *   u64    signedAtMs   the device clock at capture
 *   string place        an address text or a geo cell
 *   string action       action code (ONSITE_ACTIONS)
 *   u64    seq          per-device sequence number, from 1
 *   fixed32 prevHash    `recordHash` of the device's previous record (32 zero bytes before the first)
 *   u32 n, n x fixed32  media hashes (sha256 of each photo/video file), 1..50
 * `recordHash = sha256(onsiteBytes)`; the device signs `signingInput('courtbridge/v1/mobile-onsite',
 * onsiteBytes)` (src/crypto/hash.ts: `utf8(tag) || 0x00 || sha256(onsiteBytes)`, ECDSA-SHA256,
 * compact 64 bytes, low-S), carried as 128 hex characters.
 */
import { SignTag, sha256, signingInput } from '../crypto/hash.js';
import { checkSignatureShape, verify } from '../crypto/signature-suite.js';
import { ByteWriter, fromHex, toHex } from '../encoding/bytes.js';
import type { CanonicalObject } from '../encoding/canonical-json.js';
import { type Fields, invalidRecord, stringItem } from '../chain/ledger/record.js';
import { publicKeyOfDidKey } from '../identity/did-key.js';
import type { Signer } from '../identity/signer.js';

/** What an officer does on site: code -> [zh-CN, English]. */
export const ONSITE_ACTIONS = {
  seal: ['查封', 'seal'],
  distrain: ['扣押', 'distrain'],
  search: ['搜查', 'search'],
  serve: ['送达', 'service of documents'],
  investigate: ['现场调查', 'on-site investigation'],
  evict: ['强制迁出', 'eviction'],
} as const satisfies Record<string, readonly [string, string]>;
export type OnsiteAction = keyof typeof ONSITE_ACTIONS;
export const ONSITE_ACTION_CODES = Object.keys(ONSITE_ACTIONS) as OnsiteAction[];

export const MAX_MEDIA = 50;
export const ZERO_HASH = '0'.repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;
const HEX128 = /^[0-9a-f]{128}$/;
/** No `/` (a state key segment), no control characters. */
const RECORD_ID = /^[^/\u0000-\u001f\u007f]{1,128}$/u;
const PLACE = /^[^\u0000-\u001f\u007f]{1,200}$/u;

/** What the officer records (the device adds who, when, the sequence and the signature). */
export interface OnsiteCapture {
  caseId: string;
  place: string;
  action: OnsiteAction;
  /** sha256 hex of each photo or video file (the files stay on the device / the court's evidence store). */
  mediaHashes: string[];
}

/** The fields the device signs (the layout above). */
export interface OnsiteContent extends OnsiteCapture {
  recordId: string;
  deviceDid: string;
  signedAtMs: number;
  seq: number;
  /** hex of the previous record's `recordHash`, `ZERO_HASH` before the first. */
  prevHash: string;
}

/** A signed record as the device submits it (`{type:'onsite', schema:1, ...}` in canonical JSON). */
export interface SignedOnsite extends OnsiteContent {
  /** Compact low-S secp256k1 signature, 128 hex characters. */
  signature: string;
}

/** The signed layout of `r` for chain `chainId`. */
export function onsiteBytes(chainId: string, r: OnsiteContent): Uint8Array {
  const w = new ByteWriter()
    .string(chainId)
    .string(r.recordId)
    .string(r.deviceDid)
    .string(r.caseId)
    .u64(r.signedAtMs)
    .string(r.place)
    .string(r.action)
    .u64(r.seq)
    .fixed(fromHex(r.prevHash, 'prevHash'), 32, 'prevHash')
    .u32(r.mediaHashes.length);
  for (const h of r.mediaHashes) w.fixed(fromHex(h, 'mediaHash'), 32, 'mediaHash');
  return w.finish();
}

/** The hex hash the next record of the device links to. */
export const onsiteRecordHash = (chainId: string, r: OnsiteContent): string => toHex(sha256(onsiteBytes(chainId, r)));

/** Sign `content` with the device's signer (its DID must be the record's `deviceDid`). */
export function signOnsite(chainId: string, content: OnsiteContent, device: Signer): SignedOnsite {
  if (device.did !== content.deviceDid) throw new TypeError('device: its DID is not the record’s deviceDid');
  const signature = toHex(device.sign(signingInput(SignTag.MobileOnsite, onsiteBytes(chainId, content))));
  return { ...content, signature };
}

/** Why a device signature does not verify, or `ok`. */
export type OnsiteSignatureCheck = 'ok' | 'not_a_device_did' | 'malformed_signature' | 'high_s' | 'mismatch';

/**
 * Check `r`'s signature against the key embedded in its did:key: no registry, no clock. This is
 * what the contract runs and what a court re-runs on a proven record (bundle value).
 */
export function checkOnsiteSignature(chainId: string, r: SignedOnsite): OnsiteSignatureCheck {
  const pk = publicKeyOfDidKey(r.deviceDid);
  if (pk === undefined) return 'not_a_device_did';
  if (!HEX128.test(r.signature)) return 'malformed_signature';
  const sig = fromHex(r.signature, 'signature');
  const shape = checkSignatureShape(sig, pk);
  if (shape === 'high_s') return 'high_s';
  if (shape !== 'ok') return 'malformed_signature';
  return verify(sig, signingInput(SignTag.MobileOnsite, onsiteBytes(chainId, r)), pk) ? 'ok' : 'mismatch';
}

/** Read the signed fields (of a submitted body or a stored record) from `f`; shape only. */
export function readSignedOnsite(f: Fields): SignedOnsite {
  const r: SignedOnsite = {
    recordId: f.str('recordId', { pattern: RECORD_ID, max: 128 }),
    deviceDid: f.did('deviceDid'),
    caseId: f.id('caseId'),
    signedAtMs: f.int('signedAtMs'),
    place: f.str('place', { pattern: PLACE, max: 200 }),
    action: f.oneOf('action', ONSITE_ACTION_CODES),
    mediaHashes: f.array('mediaHashes', stringItem({ max: 64, pattern: HEX64 }), { min: 1, max: MAX_MEDIA }),
    seq: f.int('seq', { min: 1 }),
    prevHash: f.hex32('prevHash'),
    signature: f.str('signature', { pattern: HEX128, max: 128 }),
  };
  if (r.seq === 1 && r.prevHash !== ZERO_HASH) throw invalidRecord(`${f.path}.prevHash`, 'the first record of a device links to 64 zeros');
  return r;
}

/** The body a device submits: `{type:'onsite', schema:1, ...r}`. */
export const signedOnsiteBody = (r: SignedOnsite): CanonicalObject => ({
  type: 'onsite',
  schema: 1,
  ...r,
  mediaHashes: [...r.mediaHashes],
});
