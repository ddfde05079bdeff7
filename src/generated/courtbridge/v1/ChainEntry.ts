// Original file: courtbridge/v1/alliance.proto

import type { ChainAnchor as _courtbridge_v1_ChainAnchor, ChainAnchor__Output as _courtbridge_v1_ChainAnchor__Output } from '../../courtbridge/v1/ChainAnchor.js';
import type { ChainAttestationPolicy as _courtbridge_v1_ChainAttestationPolicy, ChainAttestationPolicy__Output as _courtbridge_v1_ChainAttestationPolicy__Output } from '../../courtbridge/v1/ChainAttestationPolicy.js';
import type { ChainSchema as _courtbridge_v1_ChainSchema, ChainSchema__Output as _courtbridge_v1_ChainSchema__Output } from '../../courtbridge/v1/ChainSchema.js';

/**
 * A chain as the alliance registry records it. Its bytes are part of what a registry update's
 * approvals sign (and of an admission request's signature).
 * Spec: docs/spec/registry.md
 */
export interface ChainEntry {
  /**
   * Chain id, [a-z0-9-]{1,63}.
   */
  'chainId'?: (string);
  /**
   * How it is verified: "bft-smt" (quorum-signed headers, sparse-Merkle proofs), "evm" (Ethereum
   * headers and eth_getProof, final by the notaries) or "notary" (the notaries sign the records).
   */
  'kind'?: (string);
  /**
   * Name shown to people.
   */
  'displayName'?: (string);
  /**
   * "sha256" or "sm3" (empty means sha256): the hash of a bft-smt chain's headers, validator sets
   * and trees; evm and notary chains say "sha256".
   */
  'hashSuite'?: (string);
  /**
   * "secp256k1" or "sm2" (empty means secp256k1): the suite of a bft-smt chain's validators'
   * keys; a light client refuses a validator set holding another suite's keys.
   */
  'signatureSuite'?: (string);
  /**
   * The trust anchor.
   */
  'anchor'?: (_courtbridge_v1_ChainAnchor | null);
  /**
   * Alliance DIDs that may serve it (its adapters; they also need the adapter grant).
   */
  'servers'?: (string)[];
  /**
   * Absent: answers rest on header proofs alone. For "evm" and "notary" chains, required: the
   * notaries, m of n of whom sign each block (or record) they see final.
   */
  'attestation'?: (_courtbridge_v1_ChainAttestationPolicy | null);
  /**
   * For "evm" chains, required: the address (20 bytes) of the contract whose storage holds the
   * chain's records; answers are proven from its storage only. Empty for other kinds.
   */
  'evmContract'?: (Buffer | Uint8Array | string);
  /**
   * What the chain answers and which actions a court may order on it, approved with the entry:
   * a gateway serves a chain it was not built with from this. Absent: the gateway's own catalog
   * must know the chain.
   */
  'schema'?: (_courtbridge_v1_ChainSchema | null);
}

/**
 * A chain as the alliance registry records it. Its bytes are part of what a registry update's
 * approvals sign (and of an admission request's signature).
 * Spec: docs/spec/registry.md
 */
export interface ChainEntry__Output {
  /**
   * Chain id, [a-z0-9-]{1,63}.
   */
  'chainId': (string);
  /**
   * How it is verified: "bft-smt" (quorum-signed headers, sparse-Merkle proofs), "evm" (Ethereum
   * headers and eth_getProof, final by the notaries) or "notary" (the notaries sign the records).
   */
  'kind': (string);
  /**
   * Name shown to people.
   */
  'displayName': (string);
  /**
   * "sha256" or "sm3" (empty means sha256): the hash of a bft-smt chain's headers, validator sets
   * and trees; evm and notary chains say "sha256".
   */
  'hashSuite': (string);
  /**
   * "secp256k1" or "sm2" (empty means secp256k1): the suite of a bft-smt chain's validators'
   * keys; a light client refuses a validator set holding another suite's keys.
   */
  'signatureSuite': (string);
  /**
   * The trust anchor.
   */
  'anchor': (_courtbridge_v1_ChainAnchor__Output | null);
  /**
   * Alliance DIDs that may serve it (its adapters; they also need the adapter grant).
   */
  'servers': (string)[];
  /**
   * Absent: answers rest on header proofs alone. For "evm" and "notary" chains, required: the
   * notaries, m of n of whom sign each block (or record) they see final.
   */
  'attestation': (_courtbridge_v1_ChainAttestationPolicy__Output | null);
  /**
   * For "evm" chains, required: the address (20 bytes) of the contract whose storage holds the
   * chain's records; answers are proven from its storage only. Empty for other kinds.
   */
  'evmContract': (Buffer);
  /**
   * What the chain answers and which actions a court may order on it, approved with the entry:
   * a gateway serves a chain it was not built with from this. Absent: the gateway's own catalog
   * must know the chain.
   */
  'schema': (_courtbridge_v1_ChainSchema__Output | null);
}
