/**
 * The binary wire forms of EVM evidence (types.proto `EvmEvidence`, `EvmStateProof`,
 * `NotarySignature`) to and from the verifier's own types. Whatever comes off the wire is checked
 * for shape here, where it enters (`evm_proof_malformed`, `evm_header_malformed`); what it proves
 * is decided by the verifiers (evm-proof.ts, evm-answer.ts). Pure.
 */
import { bigIntToUnpaddedBytes, bytesToBigInt } from '@ethereumjs/util';
import { sha256 } from '../../crypto/hash.js';
import { ByteWriter } from '../../encoding/bytes.js';
import { VerificationError } from '../../errors.js';
import type { MessageInput, MessageOutput } from '../../wire/messages.js';
import { MAX_PROOF_NODES, MAX_STORAGE_PROOFS, type EvmProofClaim } from './evm-proof.js';

const M = 'evm_proof_malformed';

// Decoded messages carry every field (defaults filled in), so nothing here is undefined.
function bytes(b: Uint8Array, field: string, length?: number): Uint8Array {
  const v = new Uint8Array(b);
  if (length !== undefined && v.length !== length)
    throw new VerificationError(M, `${field} is ${v.length} bytes, expected ${length}`, { details: { field } });
  return v;
}

function quantity(b: Uint8Array, field: string): bigint {
  const v = bytes(b, field);
  if (v.length > 32 || v[0] === 0)
    throw new VerificationError(M, `${field}: expected at most 32 big-endian bytes without leading zeros`, { details: { field } });
  return bytesToBigInt(v);
}

function nodes(list: readonly Uint8Array[], field: string): Uint8Array[] {
  if (list.length > MAX_PROOF_NODES)
    throw new VerificationError(M, `${field}: more than ${MAX_PROOF_NODES} nodes is not a proof`, { details: { field } });
  // Nodes have no fixed length: each is only copied, never refused.
  return list.map((n) => new Uint8Array(n));
}

/** The binary form of an `eth_getProof` result. */
export function evmStateProofToWire(c: EvmProofClaim): MessageInput<'EvmStateProof'> {
  if (c.nonce > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('nonce above 2^53');
  return {
    address: c.address,
    nonce: Number(c.nonce),
    balance: bigIntToUnpaddedBytes(c.balance),
    storageHash: c.storageHash,
    codeHash: c.codeHash,
    accountProof: c.accountProof,
    storage: c.storageProof.map((s) => ({ slot: s.slot, value: bigIntToUnpaddedBytes(s.value), proof: s.proof })),
  };
}

/** A binary state proof, checked for shape. @throws VerificationError `evm_proof_malformed` */
export function evmProofClaimFromWire(w: MessageOutput<'EvmStateProof'> | null | undefined): EvmProofClaim {
  if (w === null || w === undefined) throw new VerificationError(M, 'evm.proof: required');
  if (w.storage.length > MAX_STORAGE_PROOFS) throw new VerificationError(M, `evm.proof.storage: at most ${MAX_STORAGE_PROOFS} slots`);
  return {
    address: bytes(w.address, 'evm.proof.address', 20),
    nonce: BigInt(w.nonce),
    balance: quantity(w.balance, 'evm.proof.balance'),
    storageHash: bytes(w.storageHash, 'evm.proof.storage_hash', 32),
    codeHash: bytes(w.codeHash, 'evm.proof.code_hash', 32),
    accountProof: nodes(w.accountProof, 'evm.proof.account_proof'),
    storageProof: w.storage.map((s, i) => {
      const slot = bytes(s.slot, `evm.proof.storage[${i}].slot`, 32);
      return {
        key: slot,
        slot,
        value: quantity(s.value, `evm.proof.storage[${i}].value`),
        proof: nodes(s.proof, `evm.proof.storage[${i}].proof`),
      };
    }),
  };
}

/**
 * sha256 of an evm answer's evidence, what a receipt commits to in place of a Merkle proof:
 * ByteWriter of header RLP (bytes), address (fixed20), the account proof (u32 count, bytes each)
 * and per slot: slot (fixed32), value (u256 as bytes, no leading zeros), nodes (u32 count, bytes each).
 */
export function evmProofDigest(headerRlp: Uint8Array, c: EvmProofClaim): Uint8Array {
  const w = new ByteWriter().bytes(headerRlp).fixed(c.address, 20, 'address').u32(c.accountProof.length);
  for (const n of c.accountProof) w.bytes(n);
  w.u32(c.storageProof.length);
  for (const s of c.storageProof) {
    w.fixed(s.slot, 32, 'slot').bytes(bigIntToUnpaddedBytes(s.value)).u32(s.proof.length);
    for (const n of s.proof) w.bytes(n);
  }
  return sha256(w.finish());
}
