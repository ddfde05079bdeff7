/**
 * Mobile enforcement contracts. Court orders (verified by the SDK before they reach the ledger):
 * `delegate` writes `device/<did:key>` (refused `invalid_device_did`, `already_delegated`);
 * `revoke` sets its `revokedAtMs` to the block time (refused `not_delegated`, `court_mismatch`,
 * `already_revoked`). On-site records (`mobile.record`, submitted by the intake) are checked in
 * this order, each refusal named: shape (`invalid_record`), the device's signature over the signed
 * layout against its did:key (`bad_device_signature`), the device delegated (`unknown_device`),
 * signed before its revocation (`device_revoked`) and not before its delegation
 * (`signed_before_delegation`), not in the future beyond MAX_CLOCK_SKEW_MS of the block time
 * (`signed_in_future`), not older than MAX_OFFLINE_MS (`offline_window_exceeded`), a new record id
 * (`record_exists`), and the device's hash chain (`sequence_replay`, `sequence_gap`, `sequence_fork`).
 * Time is the block's (`ctx.timeMs`), never a clock.
 */
import type { ContractHandler, StateView, StateWrite } from '../../src/chain/ledger/contract.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import { ErrorCode } from '../../src/errors.js';
import { publicKeyOfDidKey } from '../../src/identity/did-key.js';
import { checkOnsiteSignature, onsiteRecordHash, readSignedOnsite, ZERO_HASH, type SignedOnsite } from '../../src/mobile/onsite-record.js';
import { decodeActionTx, recordKey } from '../sdk/definition.js';
import { Fields, invalidRecord, readRecord, recordWrite, refuse } from '../sdk/record.js';
import {
  MAX_CLOCK_SKEW_MS,
  MAX_OFFLINE_MS,
  MOBILE_ACTIONS,
  MOBILE_CHAIN_ID,
  MobileTx,
  readDevice,
  type Device,
  type OnsiteEntry,
} from './schema.js';

const def = { chainId: MOBILE_CHAIN_ID, actions: MOBILE_ACTIONS };

export const deviceKey = (deviceDid: string): string => recordKey('device', deviceDid);
export const onsiteKey = (recordId: string): string => recordKey('onsite', recordId);
/** The ledger tx id of a record: its hash, so a record delivered twice is one tx (the intake answers `already_committed`). */
export const onsiteTxId = (recordHash: string): string => `onsite:${recordHash}`;

const writeDevice = (d: Device): StateWrite => recordWrite(deviceKey(d.deviceDid), d, [{ name: 'court', value: d.court }]);
const readDeviceAt = (state: StateView, did: string): Device | undefined => readRecord(state, deviceKey(did), 'device', 1, readDevice);

/** Parse a `mobile.record` body. */
export function readRecordTx(tx: Tx): SignedOnsite {
  const f = new Fields(decodeCanonicalObject(tx.body, `${tx.type} body`), `${tx.type} body`);
  f.literal('type', 'onsite');
  f.literal('schema', 1);
  const r = readSignedOnsite(f);
  f.done();
  return r;
}

function applyRecord(tx: Tx, state: StateView, chainId: string, nowMs: number): StateWrite[] {
  const r = readRecordTx(tx);
  const hash = onsiteRecordHash(chainId, r);
  if (tx.sender !== r.deviceDid) throw invalidRecord(`${tx.type}.sender`, 'the sender of a record is its device');
  if (tx.id !== onsiteTxId(hash)) throw invalidRecord(`${tx.type}.id`, 'the tx id of a record is onsite:<recordHash>');
  const sig = checkOnsiteSignature(chainId, r);
  if (sig !== 'ok')
    throw refuse('bad_device_signature', `record ${r.recordId}: device signature ${sig} (${r.deviceDid})`, ErrorCode.Unauthenticated);
  const d = readDeviceAt(state, r.deviceDid);
  if (d === undefined) throw refuse('unknown_device', `device ${r.deviceDid} is not delegated on ${chainId}`, ErrorCode.PermissionDenied);
  if (d.revokedAtMs !== 0 && r.signedAtMs >= d.revokedAtMs)
    throw refuse(
      'device_revoked',
      `record ${r.recordId} signed at ${r.signedAtMs}, at or after the device's revocation at ${d.revokedAtMs}`,
      ErrorCode.PermissionDenied,
    );
  if (r.signedAtMs < d.delegatedAtMs)
    throw refuse('signed_before_delegation', `record ${r.recordId} signed at ${r.signedAtMs}, before the delegation at ${d.delegatedAtMs}`);
  if (r.signedAtMs > nowMs + MAX_CLOCK_SKEW_MS)
    throw refuse('signed_in_future', `record ${r.recordId} signed at ${r.signedAtMs}, after block time ${nowMs} + ${MAX_CLOCK_SKEW_MS} ms`);
  if (nowMs - r.signedAtMs > MAX_OFFLINE_MS)
    throw refuse(
      'offline_window_exceeded',
      `record ${r.recordId} signed at ${r.signedAtMs}, more than ${MAX_OFFLINE_MS} ms before block time ${nowMs}`,
    );
  if (state.get(onsiteKey(r.recordId)) !== undefined)
    throw refuse('record_exists', `record ${r.recordId} already exists`, ErrorCode.AlreadyExists);
  if (r.seq <= d.lastSeq)
    throw refuse('sequence_replay', `device ${r.deviceDid} already used sequence ${r.seq} (last ${d.lastSeq})`, ErrorCode.AlreadyExists);
  if (r.seq > d.lastSeq + 1) throw refuse('sequence_gap', `device ${r.deviceDid}: sequence ${r.seq} after ${d.lastSeq}`);
  if (r.prevHash !== d.lastHash)
    throw refuse('sequence_fork', `device ${r.deviceDid}: record ${r.seq} links to ${r.prevHash}, its last record is ${d.lastHash}`);
  const entry: OnsiteEntry = { type: 'onsite', schema: 1, ...r, recordHash: hash, receivedAtMs: nowMs };
  return [
    recordWrite(onsiteKey(r.recordId), entry, [
      { name: 'device', value: r.deviceDid },
      { name: 'case', value: r.caseId },
    ]),
    writeDevice({ ...d, lastSeq: r.seq, lastHash: hash }),
  ];
}

export const mobileContract: ContractHandler = {
  types: [MobileTx.Delegate, MobileTx.Revoke, MobileTx.Record],
  apply(tx: Tx, state: StateView, ctx): StateWrite[] {
    if (tx.type === MobileTx.Record) return applyRecord(tx, state, ctx.chainId, ctx.timeMs);
    const action = decodeActionTx(def, tx);
    const d = readDeviceAt(state, action.target);
    if (action.kind === 'delegate') {
      if (publicKeyOfDidKey(action.target) === undefined)
        throw refuse('invalid_device_did', `${action.target} is not a secp256k1 did:key`, ErrorCode.InvalidArgument);
      if (d !== undefined)
        throw refuse(
          d.revokedAtMs !== 0 ? 'device_revoked' : 'already_delegated',
          `device ${action.target} was delegated by ${d.court} (order ${d.orderId})${d.revokedAtMs !== 0 ? ' and revoked' : ''}`,
        );
      return [
        writeDevice({
          type: 'device',
          schema: 1,
          deviceDid: action.target,
          court: action.court,
          caseId: action.caseId,
          orderId: action.orderId,
          delegatedAtMs: ctx.timeMs,
          revokedAtMs: 0,
          revokeOrderId: '',
          lastSeq: 0,
          lastHash: ZERO_HASH,
        }),
      ];
    }
    if (d === undefined) throw refuse('not_delegated', `device ${action.target} is not delegated`, ErrorCode.NotFound);
    if (d.court !== action.court)
      throw refuse('court_mismatch', `device ${action.target} was delegated by ${d.court}, not ${action.court}`);
    if (d.revokedAtMs !== 0) throw refuse('already_revoked', `device ${action.target} was revoked at ${d.revokedAtMs}`);
    return [writeDevice({ ...d, revokedAtMs: ctx.timeMs, revokeOrderId: action.orderId })];
  },
};
