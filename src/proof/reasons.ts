/**
 * Reasons of the proof layer (src/proof): sparse-Merkle and binary-Merkle proofs.
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */
import type { SmtRejectReason } from './smt-proof.js';

/** Every reason a state proof is refused with. */
export type ProofReason = SmtRejectReason | 'bad_leaf_index' | 'extra_sibling' | 'malformed_path' | 'missing_sibling' | 'root_mismatch';
