/**
 * Mobile enforcement records (移动执行, policy on blockchain in the judicial field, art. 17): the
 * officer devices a court delegates (`device/<deviceDid>`) and the on-site records they sign
 * (`onsite/<recordId>`). The signed layout and its check are src/mobile/onsite-record.ts.
 */
import type { ActionSpec, RecordTypeSpec } from '../sdk/definition.js';
import type { Fields } from '../sdk/record.js';
import { codes, COURT_ACTION_LABELS, label, type RecordLayout } from '../sdk/record-layout.js';
import { ONSITE_ACTIONS, readSignedOnsite, type SignedOnsite } from '../../src/mobile/onsite-record.js';

export const MOBILE_CHAIN_ID = 'mobile';

/**
 * How far a device clock may run ahead of the block time (a phone's clock drifts; a record from
 * further in the future is refused `signed_in_future`).
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/**
 * The longest a signed record may wait on the device before the chain takes it (an officer offline
 * in the field for a weekend). It bounds backdating: a record is refused `offline_window_exceeded`
 * once the block time is more than this after its `signedAtMs`, so a key stolen and revoked at time
 * R can no longer place any record once the chain's time passes R + 72 h.
 */
export const MAX_OFFLINE_MS = 72 * 3_600_000;

/** `device/<deviceDid>`: an officer device delegated by a court (revocable). */
export interface Device {
  type: 'device';
  schema: 1;
  deviceDid: string;
  /** The delegating court (the order's court) and its order. */
  court: string;
  caseId: string;
  orderId: string;
  /** Block time of the delegation: records signed before it are refused. */
  delegatedAtMs: number;
  /** Block time of the revocation, 0 while delegated: records signed at or after it are refused. */
  revokedAtMs: number;
  revokeOrderId: string;
  /** The device's hash chain: last accepted sequence number (0: none yet) and its `recordHash`. */
  lastSeq: number;
  lastHash: string;
}

/** `onsite/<recordId>`: a signed on-site record as the chain accepted it. */
export interface OnsiteEntry extends SignedOnsite {
  type: 'onsite';
  schema: 1;
  /** sha256 of the signed layout: what the next record of the device links to. */
  recordHash: string;
  /** Block time it was committed at (its `signedAtMs` stays the device's). */
  receivedAtMs: number;
}

export function readDevice(f: Fields): Device {
  const revokeOrderId = f.str('revokeOrderId', { max: 128, min: 0 });
  return {
    type: 'device',
    schema: 1,
    deviceDid: f.did('deviceDid'),
    court: f.did('court'),
    caseId: f.id('caseId'),
    orderId: f.id('orderId'),
    delegatedAtMs: f.int('delegatedAtMs'),
    revokedAtMs: f.int('revokedAtMs'),
    revokeOrderId,
    lastSeq: f.int('lastSeq'),
    lastHash: f.hex32('lastHash'),
  };
}

export function readOnsiteEntry(f: Fields): OnsiteEntry {
  return { type: 'onsite', schema: 1, ...readSignedOnsite(f), recordHash: f.hex32('recordHash'), receivedAtMs: f.int('receivedAtMs') };
}

export const MobileTx = {
  Delegate: 'mobile.delegate',
  Revoke: 'mobile.revoke',
  /** Body: a signed on-site record (`{type:'onsite', schema:1, ...SignedOnsite}`); sender the device DID. */
  Record: 'mobile.record',
} as const;

export const MOBILE_RECORD_TYPES: readonly RecordTypeSpec[] = [
  {
    name: 'device',
    keyPrefix: 'device/',
    description: 'Officer device (did:key) delegated by a court, its revocation and its hash-chain head',
    indexes: ['court'],
  },
  {
    name: 'onsite',
    keyPrefix: 'onsite/',
    description: 'On-site enforcement record signed on the device: time, place, action, media hashes, sequence',
    indexes: ['device', 'case'],
  },
];

export const MOBILE_ACTIONS: readonly ActionSpec[] = [
  {
    kind: 'delegate',
    txType: MobileTx.Delegate,
    amount: 'none',
    targetRecordType: 'device',
    description: 'Delegate (授权) an officer device, target its did:key; refused when already delegated (already_delegated)',
  },
  {
    kind: 'revoke',
    txType: MobileTx.Revoke,
    amount: 'none',
    targetRecordType: 'device',
    description: 'Revoke (撤销授权) a device at the block time; refused when not delegated or already revoked',
  },
];

const SIGNED_FIELDS = {
  recordId: label('记录编号', 'Record id', 'id'),
  deviceDid: label('执法终端', 'Device', 'did'),
  caseId: label('案号', 'Case number', 'id'),
  signedAtMs: label('现场签名时间', 'Signed on site at', 'time'),
  place: label('地点', 'Place'),
  action: label('执行行为', 'Action', 'code', { values: codes(ONSITE_ACTIONS) }),
  mediaHashes: label('音视频/照片哈希', 'Media hashes', 'hash'),
  seq: label('终端序号', 'Device sequence', 'integer'),
  prevHash: label('前一记录哈希', 'Previous record hash', 'hash'),
  signature: label('终端签名', 'Device signature', 'hash'),
} as const;

/** How a person reads the mobile chain's records (src/verify/proven-record.ts): zh-CN labels, English kept. */
export const MOBILE_RECORD_LAYOUTS: readonly RecordLayout[] = [
  {
    recordType: 'device',
    valueType: 'device',
    schema: 1,
    label: { zh: '执法终端授权', en: 'Officer device delegation' },
    read: readDevice,
    fields: {
      deviceDid: label('执法终端', 'Device', 'did'),
      ...COURT_ACTION_LABELS,
      delegatedAtMs: label('授权时间', 'Delegated at', 'time'),
      revokedAtMs: label('撤销时间', 'Revoked at', 'time'),
      revokeOrderId: label('撤销文书编号', 'Revocation order id', 'id'),
      lastSeq: label('最新序号', 'Last sequence', 'integer'),
      lastHash: label('最新记录哈希', 'Last record hash', 'hash'),
    },
  },
  {
    recordType: 'onsite',
    valueType: 'onsite',
    schema: 1,
    label: { zh: '移动执行现场记录', en: 'On-site enforcement record' },
    read: readOnsiteEntry,
    fields: {
      ...SIGNED_FIELDS,
      recordHash: label('记录哈希', 'Record hash', 'hash'),
      receivedAtMs: label('上链时间', 'Committed at', 'time'),
    },
  },
];
