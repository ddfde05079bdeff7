/**
 * Public surface of `src/proof` (nats.js `mod.ts` style: an explicit export list).
 */
export { SparseMerkleTree, type SmtEntry, type SmtChange } from './sparse-merkle-tree.js';
export { type SmtProof, type SmtLeaf, type ProofKind, SmtRejectReason, checkProofShape } from './smt-proof.js';
export { verifyProof, verifyMembership, verifyNonMembership, type SmtEvidence } from './verify.js';
export { encodeProof, decodeProof } from './proof-codec.js';
export { EMPTY_HASH, NodePrefix, HASH_BYTES, MAX_DEPTH, hashLeaf, hashInner, keyHashOf, valueHashOf } from './node-hash.js';
export { pathBit } from './path.js';
