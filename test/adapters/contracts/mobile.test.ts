/**
 * The mobile enforcement contract on a real dev ledger with a controlled block clock: delegation
 * and revocation by court order, and every refusal of an on-site record, each with its reason;
 * accepted records proven by membership, refused ones by absence.
 */
import { describe, expect, it } from 'vitest';
import { DevLedger } from '../../../src/chain/ledger/ledger.js';
import { contractsOf } from '../../../adapters/sdk/definition.js';
import { mobile } from '../../../adapters/mobile/definition.js';
import { deviceKey, onsiteKey, onsiteTxId } from '../../../adapters/mobile/contract.js';
import { intakeRecord } from '../../../adapters/mobile/intake-server.js';
import { MAX_CLOCK_SKEW_MS, MAX_OFFLINE_MS, MobileTx } from '../../../adapters/mobile/schema.js';
import { deviceSignerOf } from '../../../src/mobile/device-key.js';
import { intakeRequestOf } from '../../../src/mobile/intake-wire.js';
import {
  checkOnsiteSignature,
  onsiteRecordHash,
  signOnsite,
  ZERO_HASH,
  type OnsiteContent,
  type SignedOnsite,
} from '../../../src/mobile/onsite-record.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { toHighS } from '../../../src/crypto/secp256k1.js';
import { fromHex, toHex, utf8 } from '../../../src/encoding/bytes.js';
import type { Signer } from '../../../src/identity/signer.js';
import { action, COURT, proveAbsent, proveMember, refused } from './harness.js';

const T0 = 1_780_000_000_000;

/** A ledger whose next block time the test sets. */
function openAt(): { ledger: DevLedger; at: (ms: number) => void } {
  // The genesis block takes the clock's first reading: start before T0 so the test's blocks land on the times it sets.
  let t = T0 - 10_000;
  const ledger = DevLedger.open({ chainId: mobile.chainId, contracts: contractsOf(mobile), clock: () => t });
  return {
    ledger,
    at: (ms) => {
      t = ms;
    },
  };
}

async function run(ledger: DevLedger, tx: ReturnType<typeof mobile.actionTx>): Promise<void> {
  const p = ledger.submit(tx);
  ledger.produceBlock();
  await p;
}

/** Submit a record through the intake code (the same path the NATS door runs), in its own block. */
async function submit(ledger: DevLedger, r: SignedOnsite): Promise<void> {
  // intakeRecord hands the tx to the ledger before its first await: the block below holds it.
  const p = intakeRecord(ledger, intakeRequestOf(r));
  ledger.produceBlock();
  await p;
}

const media = [toHex(sha256(utf8('photo-1.jpg'))), toHex(sha256(utf8('video-1.mp4')))];
const device = (n: number): Signer => deviceSignerOf(sha256(utf8(`mobile contract test device ${n}`)));

/** A device's next records, chained. */
function chainOf(d: Signer) {
  let seq = 0;
  let prev = ZERO_HASH;
  return (signedAtMs: number, over: Partial<OnsiteContent> = {}, link = true): SignedOnsite => {
    const content: OnsiteContent = {
      recordId: `${d.did.slice(-8)}-${seq + 1}`,
      deviceDid: d.did,
      caseId: '(2026)京0101执100号',
      signedAtMs,
      place: '北京市东城区东直门南大街1号',
      action: 'seal',
      mediaHashes: media,
      seq: seq + 1,
      prevHash: prev,
      ...over,
    };
    const r = signOnsite('mobile', content, d);
    if (link) {
      seq = r.seq;
      prev = onsiteRecordHash('mobile', r);
    }
    return r;
  };
}

async function delegated(n: number) {
  const { ledger, at } = openAt();
  const d = device(n);
  at(T0);
  await run(ledger, mobile.actionTx(action('delegate', d.did)));
  return { ledger, at, d, next: chainOf(d) };
}

describe('mobile: delegation and revocation (court orders)', () => {
  it('delegate writes device/<did> with the court, case, order and block time; proven member', async () => {
    const { ledger, at } = openAt();
    const d = device(1);
    const a = action('delegate', d.did);
    at(T0);
    await run(ledger, mobile.actionTx(a));
    expect(proveMember(ledger, deviceKey(d.did))).toMatchObject({
      deviceDid: d.did,
      court: COURT,
      caseId: a.caseId,
      orderId: a.orderId,
      delegatedAtMs: T0,
      revokedAtMs: 0,
      lastSeq: 0,
      lastHash: ZERO_HASH,
    });
    expect(mobile.actionResultKey(a)).toBe(deviceKey(d.did));
  });

  it('refuses a target that is not a secp256k1 did:key (invalid_device_did), a second delegation (already_delegated)', async () => {
    const { ledger, d } = await delegated(2);
    await refused(run(ledger, mobile.actionTx(action('delegate', 'did:alliance:court-bj-01'))), 'invalid_device_did');
    await refused(run(ledger, mobile.actionTx(action('delegate', `${d.did.slice(0, -2)}zz`))), 'invalid_device_did');
    await refused(run(ledger, mobile.actionTx(action('delegate', d.did))), 'already_delegated');
  });

  it('revoke sets revokedAtMs = block time; refused when not delegated, by another court, or already revoked; a revoked device is not re-delegated', async () => {
    const { ledger, at, d } = await delegated(3);
    await refused(run(ledger, mobile.actionTx(action('revoke', device(99).did))), 'not_delegated');
    proveAbsent(ledger, deviceKey(device(99).did));
    await refused(run(ledger, mobile.actionTx(action('revoke', d.did, { court: 'did:alliance:court-sh-01' }))), 'court_mismatch');
    at(T0 + 60_000);
    const rv = action('revoke', d.did);
    await run(ledger, mobile.actionTx(rv));
    expect(proveMember(ledger, deviceKey(d.did))).toMatchObject({ revokedAtMs: T0 + 60_000, revokeOrderId: rv.orderId });
    await refused(run(ledger, mobile.actionTx(action('revoke', d.did))), 'already_revoked');
    await refused(run(ledger, mobile.actionTx(action('delegate', d.did))), 'device_revoked');
  });

  it('an order rides only in its own tx type and once (the tx id is the action id)', async () => {
    const { ledger, d } = await delegated(4);
    const a = action('revoke', d.did);
    const tx = mobile.actionTx(a);
    await refused(run(ledger, { ...tx, type: MobileTx.Delegate }), 'action_tx_mismatch');
    await run(ledger, tx);
    await refused(run(ledger, tx), 'duplicate_tx');
  });
});

describe('mobile: on-site records', () => {
  it('accepts a chain of records with their signing time; the stored record re-verifies against the did:key', async () => {
    const { ledger, at, next } = await delegated(10);
    at(T0 + 10_000);
    const r1 = next(T0 + 5_000);
    const r2 = next(T0 + 6_000, { action: 'distrain', place: 'geo:39.9289,116.4163' });
    await submit(ledger, r1);
    at(T0 + 20_000);
    await submit(ledger, r2);
    const stored = proveMember(ledger, onsiteKey(r2.recordId)) as unknown as SignedOnsite & { recordHash: string; receivedAtMs: number };
    expect(stored).toMatchObject({ signedAtMs: T0 + 6_000, receivedAtMs: T0 + 20_000, seq: 2, prevHash: onsiteRecordHash('mobile', r1) });
    expect(stored.recordHash).toBe(onsiteRecordHash('mobile', r2));
    expect(checkOnsiteSignature('mobile', stored)).toBe('ok');
    expect(proveMember(ledger, deviceKey(r2.deviceDid))).toMatchObject({ lastSeq: 2, lastHash: stored.recordHash });
    expect(ledger.lookup('case', r1.caseId).sort()).toEqual([onsiteKey(r1.recordId), onsiteKey(r2.recordId)].sort());
    // The same record delivered again is one tx: the intake answers already_committed.
    const again = intakeRecord(ledger, intakeRequestOf(r2));
    await expect(again).resolves.toMatchObject({ outcome: 'already_committed' });
  });

  it('refuses bad signatures with bad_device_signature', async () => {
    const { ledger, at, next } = await delegated(12);
    at(T0 + 10_000);
    const good = next(T0 + 5_000, {}, false);
    const thief = deviceSignerOf(sha256(utf8('thief')));
    const signedByThief = { ...good, signature: toHex(thief.sign(fromHex('00'))) };
    const altered = { ...good, place: '别处 elsewhere' };
    const highS = { ...good, signature: toHex(toHighS(fromHex(good.signature))) };
    const otherChain = signOnsite('property', good, device(12));
    for (const r of [signedByThief, altered, highS, otherChain]) await refused(submit(ledger, r), 'bad_device_signature');
    proveAbsent(ledger, onsiteKey(good.recordId));
    await submit(ledger, good);
    proveMember(ledger, onsiteKey(good.recordId));
  });

  it('refuses a record of a device never delegated (unknown_device), even validly signed', async () => {
    const { ledger } = openAt();
    const r = chainOf(device(13))(T0 - 1_000);
    await refused(submit(ledger, r), 'unknown_device');
    proveAbsent(ledger, onsiteKey(r.recordId));
  });

  it('revocation: signed at or after revokedAtMs -> device_revoked; signed before it and submitted later within the window -> accepted', async () => {
    const { ledger, at, d, next } = await delegated(14);
    const before = next(T0 + 59_999);
    at(T0 + 60_000);
    await run(ledger, mobile.actionTx(action('revoke', d.did)));
    at(T0 + 3_600_000);
    await submit(ledger, before);
    proveMember(ledger, onsiteKey(before.recordId));
    const atRevocation = next(T0 + 60_000, {}, false);
    const after = next(T0 + 120_000, {}, false);
    await refused(submit(ledger, atRevocation), 'device_revoked');
    await refused(submit(ledger, after), 'device_revoked');
  });

  it('time bounds: before the delegation, in the future beyond the skew, older than the offline window', async () => {
    const { ledger, at, next } = await delegated(15);
    await refused(submit(ledger, next(T0 - 1, {}, false)), 'signed_before_delegation');
    at(T0 + 1_000);
    await refused(submit(ledger, next(T0 + 1_000 + MAX_CLOCK_SKEW_MS + 1, {}, false)), 'signed_in_future');
    // Within the skew is fine: a device clock a little ahead.
    const ahead = next(T0 + 1_000 + MAX_CLOCK_SKEW_MS);
    await submit(ledger, ahead);
    // Exactly the window old: still taken.
    const old = next(T0 + 2_000);
    at(T0 + 2_000 + MAX_OFFLINE_MS);
    await submit(ledger, old);
    const older = next(T0 + 3_000, {}, false);
    at(T0 + 3_000 + MAX_OFFLINE_MS + 1);
    await refused(submit(ledger, older), 'offline_window_exceeded');
  });

  it('hash chain: a gap, a fork and a replay are refused; a duplicate record id is record_exists', async () => {
    const { ledger, at, d, next } = await delegated(16);
    at(T0 + 10_000);
    const r1 = next(T0 + 1_000);
    await submit(ledger, r1);
    const r2 = next(T0 + 2_000);
    const r3 = next(T0 + 3_000);
    await refused(submit(ledger, r3), 'sequence_gap');
    // A second record 2 that links to record 1 but is not the one submitted next: fine until one of them lands.
    await submit(ledger, r2);
    const fork = signOnsite('mobile', { ...r3, recordId: 'fork-3', prevHash: toHex(sha256(utf8('another past'))) }, d);
    await refused(submit(ledger, fork), 'sequence_fork');
    const replay = signOnsite('mobile', { ...r1, recordId: 'replay-1', signedAtMs: T0 + 4_000 }, d);
    await refused(submit(ledger, replay), 'sequence_replay');
    const sameId = signOnsite('mobile', { ...r3, place: '另一处 another place' }, d);
    await submit(ledger, r3);
    await refused(
      submit(ledger, signOnsite('mobile', { ...sameId, seq: 4, prevHash: onsiteRecordHash('mobile', r3) }, d)),
      'record_exists',
    );
  });

  it('malformed records are invalid_record, naming the field; a tx not built by the intake is refused', async () => {
    const { ledger, at, next, d } = await delegated(17);
    at(T0 + 10_000);
    const good = next(T0 + 1_000, {}, false);
    await refused(intakeRecord(ledger, utf8('{"type":"onsite"}')), 'invalid_record');
    await refused(submit(ledger, { ...good, mediaHashes: [] }), 'invalid_record');
    await refused(submit(ledger, { ...good, mediaHashes: Array(51).fill(media[0]!) }), 'invalid_record');
    await refused(submit(ledger, { ...good, action: 'burn' as never }), 'invalid_record');
    await refused(submit(ledger, { ...good, seq: 1, prevHash: media[0]! }), 'invalid_record');
    // Straight to the ledger with another sender or id than the intake gives it.
    const body = intakeRequestOf(good);
    const id = onsiteTxId(onsiteRecordHash('mobile', good));
    const direct = (sender: string, txId: string): Promise<void> => {
      const p = ledger.submit({ type: MobileTx.Record, sender, id: txId, body });
      ledger.produceBlock();
      return p.then(() => undefined);
    };
    await refused(direct(COURT, id), 'invalid_record');
    await refused(direct(d.did, 'onsite:other'), 'invalid_record');
    await direct(d.did, id);
  });
});
