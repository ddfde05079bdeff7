/**
 * Reasons the `evm` chain kind's verifier (src/verify/evm) refuses with: Ethereum block headers,
 * their Clique seals, and `eth_getProof` account and storage proofs.
 * A new reason: add it here, then throw it; `VerifyReason` (src/verify/reasons.ts) includes this union.
 */
export type EvmReason =
  /** A header field of an `eth_getBlockByNumber` result is missing or not of its shape. */
  | 'evm_header_malformed'
  /** keccak256(RLP(header)) is not the `hash` the result claims. */
  | 'evm_header_hash_mismatch'
  /** The child's number is not the parent's number + 1. */
  | 'evm_parent_number_mismatch'
  /** The child's parentHash is not the hash of the parent. */
  | 'evm_parent_hash_mismatch'
  /** A field of an `eth_getProof` result is missing or not of its shape. */
  | 'evm_proof_malformed'
  /** The proof's first node does not hash to the root it is checked against. */
  | 'evm_root_mismatch'
  /** A proof node is tampered or missing, or the proven leaf is not a well-formed account or slot value. */
  | 'evm_proof_invalid'
  /** The result claims a value (balance, nonce, hashes, slot value, presence) the proof does not prove. */
  | 'evm_value_mismatch'
  /** Fewer of the chain's notaries than its threshold signed the block the answer was taken at. */
  | 'evm_notary_quorum_not_met'
  /** A record key is not the layout's prefix and a 64-hex bytes32 id. */
  | 'evm_key_malformed'
  /** The proof is of another address than the chain's registry contract. */
  | 'evm_wrong_contract'
  /** The block's state holds no contract at the chain's registry address. */
  | 'evm_contract_absent'
  /** The proof does not cover exactly the record's slots, in order. */
  | 'evm_slots_mismatch'
  /** The answer's block is not the one the notaries signed at its height (a reorged or made-up block), or none is signed yet. */
  | 'evm_block_not_notarized'
  /** A notary signed two different blocks at one height. */
  | 'evm_notary_equivocation'
  /** A header's extraData is not Clique's 32-byte vanity, signer list and 65-byte seal (too short, or a partial signer). */
  | 'evm_seal_malformed'
  /** A Clique seal recovers no signer: v not 0 or 1, r or s out of range, a high-S (malleable) seal. */
  | 'evm_seal_invalid'
  /** A Clique seal recovers a signer that is not in the chain's authorised sealer set. */
  | 'evm_sealer_unknown';
