/**
 * Mobile enforcement end to end (移动执行, policy art. 17), through the real gateway (gRPC over
 * loopback), a secured nats-server and an officer's device as a real child process:
 *   1. the court delegates the device by SubmitAction; the device captures records while its bus is
 *      unreachable (a port nobody listens on), is killed -9 holding its queue, restarts, flushes
 *      once the bus is reachable; the records are committed with their original signing time, and
 *      the court queries one through the gateway: the bundle verifies offline and the device
 *      signature inside re-checks against the did:key;
 *   2. the court revokes the device; a record signed after the revocation is refused
 *      `device_revoked` and kept in the device's refused list; one signed before it and flushed
 *      after it (within the offline window) is accepted.
 * Forged inputs at the gateway and adapter: a revocation the judicial chain never recorded is refused
 * by the gateway; a delegation of a non-did:key is REJECTED with the contract's reason; on the bus,
 * a tampered record and a stranger device's record are refused by the intake with their reasons.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMobileIntake, type MobileIntake } from '../../../adapters/mobile/intake-server.js';
import { intakeBusUserOf } from '../../../src/bus/permissions.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import { checkOnsiteSignature, type SignedOnsite } from '../../../src/mobile/onsite-record.js';
import { deviceSignerOf } from '../../../src/mobile/device-key.js';
import { submitOnsite } from '../../../src/mobile/intake-client.js';
import { OfflineQueue } from '../../../src/mobile/offline-queue.js';
import type { FlushReport } from '../../../src/mobile/offline-queue.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { verifyBundle } from '../../../src/verify/bundle-verify.js';
import { fromUtf8, toHex } from '../../../src/encoding/bytes.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { FixtureDids, issueJudicialOrder, mintOrderJwt } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { spawnDevice, type DeviceProcess } from '../../helpers/mobile-device.js';
import { freePort } from '../../helpers/nats-server.js';
import { type CourtCaller, courtCaller, type E2e, failure, startE2e, submitActionOf, submitUntilExecuted } from './e2e-setup.js';

type Obj = Record<string, unknown>;

let e2e: E2e;
let gw: RunningGateway;
let court: CourtCaller;
let intake: MobileIntake;
let dir: string;
let device: DeviceProcess | undefined;
let deviceEnv: Record<string, string>;
let deadUrl: string;

const CASE = '(2026)京0101执2001号';

/** A loopback port nobody listens on (taken, then released). */
const deadPort = freePort;

const orderOf = (n: string, kind: string, target: string): JudicialOrder => ({
  orderId: `mobile-order-${n}`,
  court: FixtureDids.court,
  caseId: CASE,
  chain: 'mobile',
  actionId: `mobile-${n}`,
  kind,
  target,
  amount: '',
});

/** Issue `order` on the judicial chain and have the court submit it through the gateway until EXECUTED. */
async function execute(order: JudicialOrder): Promise<void> {
  await issueJudicialOrder(e2e.backends.judicial.ledger, order, { nowMs: Date.now() });
  const jwt = mintOrderJwt(e2e.fx, order, { nowMs: Date.now() });
  const { result } = await submitUntilExecuted(
    court,
    submitActionOf(order, { recordType: 'device', key: `device/${order.target}` }, jwt),
    30_000,
  );
  expect(result.actionId).toBe(order.actionId);
}

const q = (recordType: string, key: string): Obj => ({ query: { chainId: 'mobile', recordType, key, height: { latest: {} } } });
/** Query through the gateway; the bundle must verify offline; returns the proven value. */
async function proven(recordType: string, key: string): Promise<Obj> {
  const r = await court.call('QueryService', 'Query', q(recordType, key));
  const bundle = r.bundle as Obj;
  expect(bundle.result).toBe('record');
  expect(verifyBundle(bundle as never, { atMs: Date.now(), authority: e2e.fx.authority }).verdict).toBe('valid');
  return JSON.parse(fromUtf8((bundle.record as Obj).value as Uint8Array)) as Obj;
}

const capture = async (n: number): Promise<SignedOnsite> => {
  const got = await device!.send({
    cmd: 'capture',
    caseId: CASE,
    place: `北京市东城区东直门南大街${n}号`,
    action: n % 2 === 0 ? 'distrain' : 'seal',
    mediaHashes: [toHex(sha256(new TextEncoder().encode(`photo ${n}`)))],
  });
  expect(got.ok, JSON.stringify(got)).toBe(true);
  return got.record as SignedOnsite;
};
const flush = async (servers: string[]): Promise<FlushReport> => {
  const got = await device!.send({ cmd: 'flush', servers });
  expect(got.ok, JSON.stringify(got)).toBe(true);
  return got.report as FlushReport;
};

beforeAll(async () => {
  e2e = await startE2e({ chains: ['mobile'], records: 5 });
  gw = await e2e.startGateway();
  court = courtCaller(e2e.fx, gw.address);
  // The intake runs beside the mobile adapter, on its bus connection (adapters/mobile/main.ts).
  intake = startMobileIntake({ nc: e2e.adapters.mobile.bus.nc, ledger: e2e.backends.mobile.ledger });
  dir = mkdtempSync(join(tmpdir(), 'cb-e2e-mobile-device-'));
  const auth = e2e.natsAuth(intakeBusUserOf('mobile'));
  deviceEnv = {
    ...(auth.nkeySeedFile === undefined ? {} : { CB_NATS_NKEY_FILE: auth.nkeySeedFile }),
    ...(auth.caFile === undefined ? {} : { CB_NATS_CA_FILE: auth.caFile }),
  };
  deadUrl = `nats://127.0.0.1:${await deadPort()}`;
  device = await spawnDevice(dir, deviceEnv);
}, 120_000);

afterAll(async () => {
  await device?.stop().catch(() => undefined);
  court?.close();
  await intake?.stop();
  await e2e?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

const captured: SignedOnsite[] = [];

describe('mobile enforcement through the gateway', () => {
  it('1. delegated by SubmitAction; captured offline, killed -9, restarted, flushed: committed with the signing time, proven through the gateway', async () => {
    const did = device!.did;
    expect(did).toMatch(/^did:key:z/);
    await execute(orderOf('delegate-1', 'delegate', did));
    const dev = await proven('device', `device/${did}`);
    expect(dev).toMatchObject({ deviceDid: did, court: FixtureDids.court, caseId: CASE, revokedAtMs: 0 });

    for (const n of [1, 2, 3]) captured.push(await capture(n));
    const offline = await flush([deadUrl]);
    expect(offline).toMatchObject({ delivered: [], refused: [], pending: 3 });
    expect(offline.stoppedBy).toBeTruthy();

    // Killed holding its queue; the records were on disk before each capture was acknowledged.
    await device!.kill9();
    device = await spawnDevice(dir, deviceEnv);
    expect(device.did).toBe(did);
    const status = await device.send({ cmd: 'status' });
    expect((status.pending as SignedOnsite[]).map((r) => r.recordId)).toEqual(captured.map((r) => r.recordId));

    const online = await flush(e2e.servers);
    expect(online.delivered.map((d) => d.recordId)).toEqual(captured.map((r) => r.recordId));
    expect(online).toMatchObject({ refused: [], pending: 0 });

    const value = await proven('onsite', `onsite/${captured[1]!.recordId}`);
    expect(value).toMatchObject({
      deviceDid: did,
      caseId: CASE,
      seq: 2,
      signedAtMs: captured[1]!.signedAtMs,
      signature: captured[1]!.signature,
    });
    // Signed on site before it reached the chain: the signing time is the device's, not the block's.
    expect(Number(value.receivedAtMs)).toBeGreaterThan(captured[1]!.signedAtMs);
    // The court re-checks the device's signature from the proven value alone (its did:key carries the key).
    expect(checkOnsiteSignature('mobile', value as unknown as SignedOnsite)).toBe('ok');
    expect(checkOnsiteSignature('mobile', { ...(value as unknown as SignedOnsite), place: '别处' })).toBe('mismatch');
    const head = await proven('device', `device/${did}`);
    expect(head).toMatchObject({ lastSeq: 3, lastHash: (await proven('onsite', `onsite/${captured[2]!.recordId}`)).recordHash });
  }, 120_000);

  it('2. revoked: signed after the revocation -> device_revoked, kept refused; signed before and flushed after -> accepted', async () => {
    const did = device!.did;
    const before = await capture(4);
    await new Promise((r) => setTimeout(r, 20));
    await execute(orderOf('revoke-1', 'revoke', did));
    const revokedAtMs = Number((await proven('device', `device/${did}`)).revokedAtMs);
    expect(revokedAtMs).toBeGreaterThan(before.signedAtMs);
    // The device's clock is past the block time of the revocation before it signs again.
    await eventually(async () => expect(Date.now()).toBeGreaterThan(revokedAtMs), { timeoutMs: 5_000 });
    const after = await capture(5);
    expect(after.signedAtMs).toBeGreaterThan(revokedAtMs);

    const report = await flush(e2e.servers);
    expect(report.delivered.map((d) => d.recordId)).toEqual([before.recordId]);
    expect(report.refused).toEqual([expect.objectContaining({ recordId: after.recordId, reason: 'device_revoked' })]);
    expect(report.pending).toBe(0);
    expect(await proven('onsite', `onsite/${before.recordId}`)).toMatchObject({ signedAtMs: before.signedAtMs });
    const absent = await court.call('QueryService', 'Query', q('onsite', `onsite/${after.recordId}`));
    expect((absent.bundle as Obj).result).toBe('absence');
    expect(verifyBundle(absent.bundle as never, { atMs: Date.now(), authority: e2e.fx.authority }).verdict).toBe('valid');

    // Kept in the refused list across a restart, never retried.
    await device!.kill9();
    device = await spawnDevice(dir, deviceEnv);
    const status = await device.send({ cmd: 'status' });
    expect(status.pending).toEqual([]);
    expect(status.refused).toEqual([expect.objectContaining({ recordId: after.recordId, reason: 'device_revoked' })]);
    expect((await flush(e2e.servers)).delivered).toEqual([]);
    // The device stayed inside its bus permissions throughout (intake and its own inbox only).
    expect(e2e.busViolations()).toEqual([]);
  }, 120_000);

  it('a revocation the judicial chain never recorded is refused at the gateway: FAILED_PRECONDITION judicial_proof_invalid', async () => {
    const o = orderOf('revoke-never-issued', 'revoke', device!.did);
    const f = await failure(
      court.call(
        'ActionService',
        'SubmitAction',
        submitActionOf(o, { recordType: 'device', key: `device/${o.target}` }, mintOrderJwt(e2e.fx, o, { nowMs: Date.now() })),
      ),
    );
    expect(f.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(f.reason).toBe('judicial_proof_invalid');
  });

  it('over the real bus, as the devices’ user: a tampered record is refused bad_device_signature, a stranger’s unknown_device', async () => {
    const nc = await e2e.connectAs(intakeBusUserOf('mobile'));
    const real = captured[0]!;
    const tampered = { ...real, recordId: 'tampered-1', place: '别处 elsewhere' };
    await expect(submitOnsite(nc, 'mobile', tampered)).rejects.toMatchObject({ reason: 'bad_device_signature', code: 'UNAUTHENTICATED' });
    const stranger = OfflineQueue.open(join(dir, 'stranger', 'queue.log'), deviceSignerOf(sha256(new TextEncoder().encode('stranger'))));
    const r = stranger.capture(
      { caseId: CASE, place: '某处', action: 'search', mediaHashes: [toHex(sha256(new Uint8Array(1)))] },
      Date.now(),
    );
    stranger.close();
    await expect(submitOnsite(nc, 'mobile', r)).rejects.toMatchObject({ reason: 'unknown_device', code: 'PERMISSION_DENIED' });
  });

  it('a delegation of something that is not a device did:key is REJECTED by the contract, with its reason', async () => {
    const order = orderOf('delegate-bad', 'delegate', 'did:alliance:court-bj-01');
    await issueJudicialOrder(e2e.backends.judicial.ledger, order, { nowMs: Date.now() });
    const jwt = mintOrderJwt(e2e.fx, order, { nowMs: Date.now() });
    await court.call('ActionService', 'SubmitAction', submitActionOf(order, { recordType: 'device', key: `device/${order.target}` }, jwt));
    const done = await eventually(
      async () => {
        const a = await court.call('ActionService', 'GetAction', { actionId: order.actionId });
        if (a.status !== 'ACTION_STATUS_REJECTED') throw new Error(`still ${String(a.status)}`);
        return a;
      },
      { timeoutMs: 30_000 },
    );
    expect(done.reason).toBe('invalid_device_did');
  }, 60_000);
});
