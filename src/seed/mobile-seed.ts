/**
 * Seed data of the mobile enforcement chain (adapters/mobile): officer devices delegated by the
 * seed courts, deterministic from the seed string, and the demo cast's device (delegated by the
 * demo court, `DEMO_DEVICE_DID`). On-site records are not seeded: each is signed on a device at
 * capture time and the chain refuses one older than its offline window, so fixed seed times would
 * not apply. No natural person appears: devices are named by their did:key only.
 */
import type { Tx } from '../chain/ledger/transaction.js';
import { sha256 } from '../crypto/hash.js';
import { encodeCanonical } from '../encoding/canonical-json.js';
import { utf8 } from '../encoding/bytes.js';
import { deviceSignerOf } from '../mobile/device-key.js';
import { DEMO_COURT_DID } from './demo-cast.js';
import type { Prng } from './prng.js';

/** The demo device's key: public test material, derived from a fixed string (never a real device's). */
export const demoDeviceKey = (): Uint8Array => sha256(utf8('courtbridge demo mobile device v1'));
export const DEMO_DEVICE_DID: string = deviceSignerOf(demoDeviceKey()).did;
export const DEMO_DEVICE_CASE_ID = '(2026)京0101执1号';

/** A seeded device's private key (test material: anyone with the seed string can derive it). */
export const seedDeviceKey = (seed: string, i: number): Uint8Array => sha256(utf8(`${seed}/mobile/device/${i}`));

function delegateTx(n: number, deviceDid: string, court: string, caseId: string): Tx {
  const actionId = `seed:mobile:delegate:${n}`;
  const body = {
    type: 'action',
    schema: 1,
    actionId,
    kind: 'delegate',
    target: deviceDid,
    court,
    caseId,
    orderId: `seed-order-mobile-${n}`,
  };
  return { type: 'mobile.delegate', sender: court, id: actionId, body: encodeCanonical(body, 'mobile.delegate') };
}

/** `records` devices delegated by the seed courts, then the demo device. */
export function seedMobile(rng: Prng, records: number, seed: string, courts: readonly string[]): Tx[] {
  const txs: Tx[] = [];
  for (let i = 0; i < records; i++) {
    const did = deviceSignerOf(seedDeviceKey(seed, i)).did;
    const year = 2020 + rng.int(7);
    txs.push(delegateTx(i, did, rng.pick(courts), `(${year})京${String(rng.range(101, 119)).padStart(4, '0')}执${rng.range(1, 9999)}号`));
  }
  txs.push(delegateTx(records, DEMO_DEVICE_DID, DEMO_COURT_DID, DEMO_DEVICE_CASE_ID));
  return txs;
}
