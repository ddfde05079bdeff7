/**
 * One key of an Ethereum Merkle Patricia trie proven against a root (EIP-1186 proof: the RLP
 * nodes from the root down the key's path). The walk itself is @ethereumjs/mpt's; this file
 * decides what its outcomes mean: the first node must hash to the root (else `evm_root_mismatch`),
 * a node that does not hash to its parent's reference or does not decode is `evm_proof_invalid`,
 * and a path that ends without the key is a proven absence (null).
 */
import { verifyMerkleProof } from '@ethereumjs/mpt';
import { KECCAK256_RLP } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { equalBytes } from '../../encoding/bytes.js';
import { VerificationError } from '../../errors.js';
import { toRpcHex } from './rpc-hex.js';

/** The root of a trie with no keys: keccak256(RLP('')). */
export const EMPTY_TRIE_ROOT: Uint8Array = KECCAK256_RLP;

/**
 * The value stored under `path` (already the trie key: keccak256 of the address or slot) in the
 * trie of `root`, or null when the proof shows no value is there. `what` names the proof in refusals.
 */
export async function verifyTrieProof(
  root: Uint8Array,
  path: Uint8Array,
  proof: readonly Uint8Array[],
  what: string,
): Promise<Uint8Array | null> {
  const first = proof[0];
  if (first === undefined) {
    // An empty proof proves only the empty trie; any other root needs at least its root node.
    if (equalBytes(root, EMPTY_TRIE_ROOT)) return null;
    throw new VerificationError(
      'evm_proof_invalid',
      `${what} has no nodes but its root ${toRpcHex(root)} is not the empty trie's; ask the node for the proof again`,
      {
        details: { proof: what },
      },
    );
  }
  if (!equalBytes(keccak_256(first), root)) {
    throw new VerificationError(
      'evm_root_mismatch',
      `${what} starts at node ${toRpcHex(keccak_256(first))}, not at the root ${toRpcHex(root)} it is checked against; ` +
        'the proof is for another block or state, or its first node was changed',
      { details: { proof: what } },
    );
  }
  // The empty trie's one node is RLP('') (0x80, whose keccak256 is the empty root): geth and hardhat
  // answer a slot of an account without storage with the proof [0x80], a proven absence.
  if (proof.length === 1 && equalBytes(root, EMPTY_TRIE_ROOT)) return null;
  try {
    // The first node is the root (checked above); the library reads only through nodes found by
    // their keccak256, so a changed node breaks the path (a missing node throws).
    return await verifyMerkleProof(path, [...proof]);
  } catch (cause) {
    throw new VerificationError(
      'evm_proof_invalid',
      `${what} does not hold together: a node was changed, is missing or is not a trie node`,
      {
        cause,
        details: { proof: what },
      },
    );
  }
}
