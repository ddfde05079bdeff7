/**
 * The bytes between an officer device and a mobile chain's intake (adapters/mobile/intake-server.ts):
 * request = the signed record as canonical JSON (`{type:'onsite', schema:1, ...SignedOnsite}`);
 * reply = u8 outcome (1 committed, 2 already_committed), u64 height, u64 timeMs; a refusal is an
 * error reply (src/bus/request.ts) carrying the contract's reason.
 */
import { ByteReader, ByteWriter } from '../encoding/bytes.js';
import { encodeCanonical } from '../encoding/canonical-json.js';
import { signedOnsiteBody, type SignedOnsite } from './onsite-record.js';

/** Largest accepted record (50 media hashes and a long address fit in a few KB). */
export const MAX_INTAKE_BYTES = 16 * 1024;

export type IntakeOutcome = 'committed' | 'already_committed';
export interface IntakeReceipt {
  outcome: IntakeOutcome;
  /** The block that holds the record (`already_committed`: the chain's latest block, at or after it). */
  height: number;
  timeMs: number;
}

export function encodeIntakeReceipt(r: IntakeReceipt): Uint8Array {
  return new ByteWriter()
    .u8(r.outcome === 'committed' ? 1 : 2)
    .u64(r.height)
    .u64(r.timeMs)
    .finish();
}

export function decodeIntakeReceipt(data: Uint8Array): IntakeReceipt {
  const r = new ByteReader(data);
  const o = r.u8('outcome');
  if (o !== 1 && o !== 2) throw new RangeError(`outcome: expected 1 or 2, got ${o}`);
  const out: IntakeReceipt = { outcome: o === 1 ? 'committed' : 'already_committed', height: r.u64n('height'), timeMs: r.u64n('timeMs') };
  r.end('intake receipt');
  return out;
}

/** The request bytes of a signed record (what the device sends). */
export const intakeRequestOf = (r: SignedOnsite): Uint8Array => encodeCanonical(signedOnsiteBody(r), 'onsite');
