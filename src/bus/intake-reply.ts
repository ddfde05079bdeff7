/**
 * The reply of a chain's intake (`chainIntakeSubject(chain)`: the bankruptcy, collab and mobile
 * intakes) once a submission's tx is in a committed block: u8 outcome (1 committed, 2
 * already_committed), u64 height, u64 timeMs. A refusal is not a receipt but an error reply
 * (src/bus/request.ts) carrying the contract's or the intake's reason.
 */
import { ByteReader, ByteWriter } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';

export type IntakeOutcome = 'committed' | 'already_committed';

export interface IntakeReceipt {
  outcome: IntakeOutcome;
  /** The block that holds the tx (`already_committed`: the chain's latest block, at or after it). */
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

/** @throws CourtbridgeError `malformed_request` for bytes that are not a receipt */
export function decodeIntakeReceipt(data: Uint8Array, title = 'intake receipt'): IntakeReceipt {
  const r = new ByteReader(data);
  const o = r.u8('outcome');
  const height = r.u64n('height');
  const timeMs = r.u64n('timeMs');
  r.end(title);
  if (o !== 1 && o !== 2) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'malformed_request', `${title}: outcome ${o}`);
  return { outcome: o === 1 ? 'committed' : 'already_committed', height, timeMs };
}
