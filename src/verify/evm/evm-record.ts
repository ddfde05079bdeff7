/**
 * A courtbridge record on an `evm` chain: one entry of a Solidity `mapping(bytes32 => Struct)` in
 * the chain's registry contract (its registry entry's `evmContract`), where the struct is `words`
 * 32-byte words. Solidity lays the entry for id out at keccak256(id . uint256(mappingSlot)) + i
 * for its i-th word, so the slots of a record follow from its key alone: the verifier derives them
 * itself and never takes the adapter's word for which slots to read.
 *
 * Keys are `<keyPrefix><64 hex>`, the hex being the bytes32 id (a keyed hash: no personal
 * identifier in clear). The record's value is its words concatenated (32 × words bytes); it is
 * absent when its `presenceWord` is zero (an account never opened), and then has no value.
 * Pure.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { concatBytes, equalBytes, fromHex, toHex } from '../../encoding/bytes.js';
import { VerificationError } from '../../errors.js';
import type { EvmProofEvidence } from './evm-proof.js';
import { toRpcHex } from './rpc-hex.js';

/** Where one record type lives in the contract's storage. */
export interface EvmRecordLayout {
  recordType: string;
  /** Keys are this prefix and 64 lower-case hex digits. */
  keyPrefix: string;
  /** The storage slot of the mapping's declaration. */
  mappingSlot: bigint;
  /** The struct's size in 32-byte words (1..16). */
  words: number;
  /** The word that is non-zero exactly when the record exists. */
  presenceWord: number;
}

const MAX_UINT256 = (1n << 256n) - 1n;

const word = (n: bigint): Uint8Array => fromHex(n.toString(16).padStart(64, '0'));

/** The bytes32 id a key names. @throws VerificationError `evm_key_malformed` */
export function evmRecordId(layout: EvmRecordLayout, key: string): Uint8Array {
  const hex = key.slice(layout.keyPrefix.length);
  if (!key.startsWith(layout.keyPrefix) || !/^[0-9a-f]{64}$/.test(hex)) {
    throw new VerificationError(
      'evm_key_malformed',
      `key ${JSON.stringify(key).slice(0, 100)}: a ${layout.recordType} key is ${layout.keyPrefix} and 64 lower-case hex digits (the record's bytes32 id)`,
    );
  }
  return fromHex(hex);
}

/** The storage slots of the record `key` names, word 0 first (32 bytes each). */
export function evmRecordSlots(layout: EvmRecordLayout, key: string): Uint8Array[] {
  const base = BigInt(`0x${toHex(keccak_256(concatBytes(evmRecordId(layout, key), word(layout.mappingSlot))))}`);
  return Array.from({ length: layout.words }, (_, i) => word((base + BigInt(i)) & MAX_UINT256));
}

/**
 * The record a verified proof proves for `key`: its value (the words concatenated) or `null` when
 * absent. The proof must be of `contract`, which must exist, and must prove every slot of the
 * record, in order; anything else proves something other than this record.
 * @throws VerificationError `evm_wrong_contract`, `evm_contract_absent`, `evm_slots_mismatch`
 */
export function evmRecordValue(layout: EvmRecordLayout, contract: Uint8Array, key: string, evidence: EvmProofEvidence): Uint8Array | null {
  if (!equalBytes(evidence.address, contract)) {
    throw new VerificationError(
      'evm_wrong_contract',
      `the proof is of ${toRpcHex(evidence.address)}, but this chain's records live in ${toRpcHex(contract)} (its registry entry); an answer from another contract proves nothing`,
    );
  }
  if (evidence.account.kind === 'absent') {
    throw new VerificationError('evm_contract_absent', `there is no contract at ${toRpcHex(contract)} in this block's state`);
  }
  const slots = evmRecordSlots(layout, key);
  const proven = evidence.storage;
  if (proven.length !== slots.length || slots.some((s, i) => !equalBytes(s, proven[i]!.slot))) {
    throw new VerificationError(
      'evm_slots_mismatch',
      `the proof covers ${proven.length} slots, not the ${slots.length} slots of ${key} in order; ask for exactly the record's slots`,
    );
  }
  const values = proven.map((p) => (p.evidence.kind === 'member' ? p.evidence.value : 0n));
  if (values[layout.presenceWord] === 0n) return null;
  return concatBytes(...values.map(word));
}

/** The layout's rules: @throws TypeError on a layout that cannot describe a record. */
export function checkEvmRecordLayout(layout: EvmRecordLayout): EvmRecordLayout {
  if (!Number.isInteger(layout.words) || layout.words < 1 || layout.words > 16)
    throw new TypeError(`${layout.recordType}: words must be 1..16`);
  if (!Number.isInteger(layout.presenceWord) || layout.presenceWord < 0 || layout.presenceWord >= layout.words)
    throw new TypeError(`${layout.recordType}: presenceWord must be a word of the record`);
  if (layout.mappingSlot < 0n || layout.mappingSlot > MAX_UINT256)
    throw new TypeError(`${layout.recordType}: mappingSlot must be a uint256`);
  return layout;
}
