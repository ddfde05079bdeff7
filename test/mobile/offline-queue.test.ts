/**
 * The officer device's offline queue over real files in a temp dir, flushed into a real dev ledger
 * running the mobile contract through the intake code: records survive a reopen with their signing
 * time; a torn last line is dropped, other damage is queue_corrupt; flush delivers in order, keeps
 * what could not be delivered, moves what the chain refused to the refused list and never retries it.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { contractsOf } from '../../adapters/sdk/definition.js';
import { mobile } from '../../adapters/mobile/definition.js';
import { intakeRecord } from '../../adapters/mobile/intake-server.js';
import { deviceSignerOf, loadOrCreateDeviceKey } from '../../src/mobile/device-key.js';
import type { IntakeReceipt } from '../../src/bus/intake-reply.js';
import { intakeRequestOf } from '../../src/mobile/intake-wire.js';
import { OfflineQueue } from '../../src/mobile/offline-queue.js';
import {
  checkOnsiteSignature,
  onsiteRecordHash,
  ZERO_HASH,
  type OnsiteCapture,
  type SignedOnsite,
} from '../../src/mobile/onsite-record.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { action } from '../adapters/contracts/harness.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-mobile-queue-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const device = deviceSignerOf(sha256(utf8('queue test device')));
const capture = (n: number): OnsiteCapture => ({
  caseId: '(2026)京0101执7号',
  place: `北京市朝阳区某路${n}号`,
  action: 'seal',
  mediaHashes: [toHex(sha256(utf8(`photo ${n}`)))],
});

/** A ledger with `device` delegated, its clock at the wall clock. */
async function chainWithDevice(): Promise<DevLedger> {
  const ledger = DevLedger.open({ chainId: 'mobile', contracts: contractsOf(mobile), clock: Date.now });
  const p = ledger.submit(mobile.actionTx(action('delegate', device.did)));
  ledger.produceBlock();
  await p;
  return ledger;
}
const intakeOf =
  (ledger: DevLedger) =>
  (r: SignedOnsite): Promise<IntakeReceipt> => {
    const p = intakeRecord(ledger, intakeRequestOf(r));
    ledger.produceBlock();
    return p;
  };
/** What the bus client throws when NATS is down (src/bus/request.ts): not a refusal. */
const offline = (): Promise<IntakeReceipt> =>
  Promise.reject(new CourtbridgeError(ErrorCode.Unavailable, 'nats_disconnected', 'not connected'));

describe('offline queue: capture and persistence', () => {
  it('signs at capture (signedAtMs = the device clock then), chains records, and reopens with all of them', () => {
    const file = join(dir, 'q', 'queue.log');
    const q = OfflineQueue.open(file, device);
    const a = q.capture(capture(1), 1_780_000_000_000);
    const b = q.capture(capture(2), 1_780_000_060_000);
    q.close();
    expect(a).toMatchObject({ seq: 1, prevHash: ZERO_HASH, signedAtMs: 1_780_000_000_000, deviceDid: device.did });
    expect(b).toMatchObject({ seq: 2, prevHash: onsiteRecordHash('mobile', a), signedAtMs: 1_780_000_060_000 });
    expect(checkOnsiteSignature('mobile', b)).toBe('ok');
    const again = OfflineQueue.open(file, device);
    expect(again.pending()).toEqual([a, b]);
    const c = again.capture(capture(3), 1_780_000_120_000);
    expect(c).toMatchObject({ seq: 3, prevHash: onsiteRecordHash('mobile', b) });
    again.close();
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('a torn last line (a write cut by a crash, never acknowledged) is dropped and cut off the file', () => {
    const file = join(dir, 'queue.log');
    const q = OfflineQueue.open(file, device);
    const a = q.capture(capture(1), 1_780_000_000_000);
    q.close();
    appendFileSync(file, '{"k":"captured","record":{"recordId":"half');
    const again = OfflineQueue.open(file, device);
    expect(again.pending()).toEqual([a]);
    expect(again.capture(capture(2), 1_780_000_001_000).seq).toBe(2);
    again.close();
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
    expect(OfflineQueue.open(file, device).pending()).toHaveLength(2);
  });

  it('damage before the last line, a record of another device or a sequence jump: queue_corrupt (never rewritten)', () => {
    const file = join(dir, 'queue.log');
    const q = OfflineQueue.open(file, device);
    q.capture(capture(1), 1_780_000_000_000);
    const second = q.capture(capture(2), 1_780_000_001_000);
    q.close();
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, `not json\n${good}`);
    expect(() => OfflineQueue.open(file, device)).toThrow(expect.objectContaining({ reason: 'queue_corrupt' }));
    expect(readFileSync(file, 'utf8')).toBe(`not json\n${good}`);
    writeFileSync(file, good);
    const other = deviceSignerOf(sha256(utf8('another device')));
    expect(() => OfflineQueue.open(file, other)).toThrow(expect.objectContaining({ reason: 'queue_corrupt' }));
    writeFileSync(file, `${good}${JSON.stringify({ k: 'captured', record: { ...second, seq: 5 } })}\n`);
    expect(() => OfflineQueue.open(file, device)).toThrow(expect.objectContaining({ reason: 'queue_corrupt' }));
  });

  it('a capture the chain would refuse by its shape is refused at once, invalid_record, and not queued', () => {
    const q = OfflineQueue.open(join(dir, 'queue.log'), device);
    expect(() => q.capture({ ...capture(1), caseId: 'a/b' }, 1_780_000_000_000)).toThrow(
      expect.objectContaining({ reason: 'invalid_record' }),
    );
    expect(() => q.capture({ ...capture(1), mediaHashes: [] }, 1_780_000_000_000)).toThrow(
      expect.objectContaining({ reason: 'invalid_record' }),
    );
    expect(() => q.capture({ ...capture(1), action: 'burn' as never }, 1_780_000_000_000)).toThrow(
      expect.objectContaining({ reason: 'invalid_record' }),
    );
    expect(q.pending()).toEqual([]);
    expect(q.capture(capture(1), 1_780_000_000_000).seq).toBe(1);
    q.close();
  });

  it('the device key is generated once, mode 0600, and names the same did:key on every load', async () => {
    const path = join(dir, 'device-key.json');
    const a = await loadOrCreateDeviceKey(path);
    const b = await loadOrCreateDeviceKey(path);
    expect(a.did).toMatch(/^did:key:z/);
    expect(b.did).toBe(a.did);
  });
});

describe('offline queue: flush into the chain', () => {
  it('offline: nothing leaves the queue; online: delivered in order with their signing times, never resent', async () => {
    const ledger = await chainWithDevice();
    const file = join(dir, 'queue.log');
    const q = OfflineQueue.open(file, device);
    const t = Date.now();
    const recs = [q.capture(capture(1), t), q.capture(capture(2), t + 1), q.capture(capture(3), t + 2)];
    const down = await q.flush(offline);
    expect(down).toMatchObject({ delivered: [], refused: [], pending: 3, stoppedBy: 'nats_disconnected' });
    const up = await q.flush(intakeOf(ledger));
    expect(up.delivered.map((d) => d.recordId)).toEqual(recs.map((r) => r.recordId));
    expect(up.delivered.every((d) => d.outcome === 'committed')).toBe(true);
    expect(up.pending).toBe(0);
    for (const r of recs) expect(ledger.prove(`onsite/${r.recordId}`).value).not.toBeNull();
    q.close();
    // Reopened: delivered stays delivered, nothing pending, nothing resent.
    const again = OfflineQueue.open(file, device);
    expect(again.pending()).toEqual([]);
    expect(again.delivered()).toHaveLength(3);
    let calls = 0;
    await again.flush(async (r) => {
      calls += 1;
      return intakeOf(ledger)(r);
    });
    expect(calls).toBe(0);
  });

  it('a record delivered whose reply was lost is answered already_committed and marked delivered', async () => {
    const ledger = await chainWithDevice();
    const q = OfflineQueue.open(join(dir, 'queue.log'), device);
    const r = q.capture(capture(1), Date.now());
    await intakeOf(ledger)(r); // committed, but the device never heard back
    const report = await q.flush(intakeOf(ledger));
    expect(report.delivered).toEqual([expect.objectContaining({ recordId: r.recordId, outcome: 'already_committed' })]);
  });

  it('the chain refuses: moved to the refused list with its reason, never retried; transient errors keep the record', async () => {
    const ledger = await chainWithDevice();
    const file = join(dir, 'queue.log');
    const q = OfflineQueue.open(file, device);
    const now = Date.now();
    const ok = q.capture(capture(1), now);
    // A device clock an hour ahead: the chain refuses signed_in_future.
    const ahead = q.capture(capture(2), now + 3_600_000);
    const submit = intakeOf(ledger);
    // The chain answers with a remote error; a remote INTERNAL or UNAVAILABLE is not a refusal.
    const flaky = async (r: SignedOnsite): Promise<IntakeReceipt> => {
      if (r.recordId === ahead.recordId)
        throw new CourtbridgeError(ErrorCode.Unavailable, 'no_responders', 'no intake', { details: { remote: true } });
      return submit(r);
    };
    const first = await q.flush(flaky);
    expect(first.delivered.map((d) => d.recordId)).toEqual([ok.recordId]);
    expect(first).toMatchObject({ refused: [], pending: 1, stoppedBy: 'no_responders' });
    const second = await q.flush(async (r) => {
      try {
        return await submit(r);
      } catch (e) {
        // As the bus client delivers it: an error reply is marked remote (src/bus/request.ts errorFromReply).
        const c = e as CourtbridgeError;
        throw new CourtbridgeError(c.code, c.reason, c.message, { details: { remote: true } });
      }
    });
    expect(second.refused).toEqual([expect.objectContaining({ recordId: ahead.recordId, reason: 'signed_in_future' })]);
    expect(second.pending).toBe(0);
    q.close();
    const again = OfflineQueue.open(file, device);
    expect(again.refused()).toEqual([expect.objectContaining({ recordId: ahead.recordId, reason: 'signed_in_future' })]);
    expect(again.pending()).toEqual([]);
  });
});
