/**
 * Ethereum JSON-RPC hex values where they enter the verifier: DATA (`0x` + an even number of hex
 * digits, bytes) and QUANTITY (`0x` + compact hex, no leading zeros, an unsigned integer). Every
 * refusal names the field, so whoever produced the result knows what to fix.
 */
import { fromHex, toHex } from '../../encoding/bytes.js';
import { VerificationError } from '../../errors.js';
import type { EvmReason } from './reasons.js';

/** The reasons a malformed input is refused with: one for headers, one for proofs. */
export type EvmMalformedReason = Extract<EvmReason, 'evm_header_malformed' | 'evm_proof_malformed'>;

const DATA_PATTERN = /^0x(?:[0-9a-fA-F]{2})*$/;
const QUANTITY_PATTERN = /^0x(?:0|[1-9a-fA-F][0-9a-fA-F]*)$/;
/** Quantities are at most 256 bits in Ethereum (balances, difficulty, slot values). */
const MAX_QUANTITY_DIGITS = 64;

function refuse(reason: EvmMalformedReason, field: string, what: string): VerificationError {
  return new VerificationError(reason, `${field} ${what}; send the value exactly as the JSON-RPC node returned it`, {
    details: { field },
  });
}

/** DATA bytes; with `length`, exactly that many bytes. */
export function rpcData(value: unknown, field: string, reason: EvmMalformedReason, length?: number): Uint8Array {
  if (typeof value !== 'string') throw refuse(reason, field, 'is missing or not a string');
  if (!DATA_PATTERN.test(value)) throw refuse(reason, field, 'is not 0x-prefixed hex of whole bytes (even length, digits 0-9a-f)');
  const bytes = fromHex(value.slice(2), field);
  if (length !== undefined && bytes.length !== length) {
    throw refuse(reason, field, `is ${bytes.length} bytes, expected ${length}`);
  }
  return bytes;
}

/** A QUANTITY as an unsigned bigint (at most 256 bits). */
export function rpcQuantity(value: unknown, field: string, reason: EvmMalformedReason): bigint {
  if (typeof value !== 'string') throw refuse(reason, field, 'is missing or not a string');
  if (!QUANTITY_PATTERN.test(value)) throw refuse(reason, field, 'is not a 0x-prefixed hex quantity without leading zeros');
  if (value.length - 2 > MAX_QUANTITY_DIGITS) throw refuse(reason, field, 'is larger than 256 bits');
  return BigInt(value);
}

/** A JSON object (not null, not an array), or a refusal naming it. */
export function rpcObject(value: unknown, field: string, reason: EvmMalformedReason): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse(reason, field, 'is missing or not an object');
  return value as Record<string, unknown>;
}

/** A JSON array of at most `max` items, or a refusal naming it. */
export function rpcArray(value: unknown, field: string, reason: EvmMalformedReason, max: number): unknown[] {
  if (!Array.isArray(value)) throw refuse(reason, field, 'is missing or not an array');
  if (value.length > max) throw refuse(reason, field, `has ${value.length} items, at most ${max} are accepted`);
  return value;
}

/** `0x` + lowercase hex, the JSON-RPC spelling of bytes. */
export const toRpcHex = (b: Uint8Array): string => `0x${toHex(b)}`;
