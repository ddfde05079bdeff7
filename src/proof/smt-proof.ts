/**
 * The sparse Merkle tree proof, its rejection reasons and its stateless shape check
 * (docs/smt.md §2). Mirrors the protobuf `courtbridge.v1.SmtProof` (kind, siblings,
 * leaf_key_hash, leaf_value_hash).
 */
import { VerificationError } from '../errors.js';
import { HASH_BYTES, MAX_DEPTH } from './node-hash.js';

/** What a proof shows: the key is in the state, or it is not (STYLE.md 4: a named union). */
export type ProofKind = 'member' | 'absent';

/** The leaf a proof's path ends at, by its two hashes (the leaf hash is recomputed from them). */
export type SmtLeaf = { keyHash: Uint8Array; valueHash: Uint8Array };

/**
 * A membership or non-membership proof. `siblings.length` is the depth of the slot the key's
 * path ends at; `siblings[0]` is the sibling of that slot, the last one is a child of the root.
 * An empty sibling subtree is given as H(0x02) under the chain's suite (`emptyHashOf`; `EMPTY_HASH` for SHA-256).
 */
export type SmtProof = {
  kind: ProofKind;
  /** Sibling hashes, deepest first, 32 bytes each, at most 256. */
  siblings: Uint8Array[];
  /**
   * The leaf the path ends at: the record's own for membership, another occupying leaf for
   * absence; undefined when absence is shown by an empty slot.
   */
  leaf?: SmtLeaf;
};

/** Every way a proof is rejected, each its own stable reason (counted in metrics). */
export const SmtRejectReason = {
  /** The recomputed root is not the trusted root. */
  RootMismatch: 'root_mismatch',
  /** More than 256 siblings: no path is that long. */
  TooManySiblings: 'too_many_siblings',
  /** The proof is deeper than the canonical tree: its slot would be unique at a shallower depth. */
  ExtraSibling: 'extra_sibling',
  /** The encoded proof announces a non-empty sibling that its bytes do not carry. */
  MissingSibling: 'missing_sibling',
  /**
   * An absence proof ends at a leaf that is not on the key's path: the key and the leaf part
   * ways above the proof's depth, where the key's path needs an inner node, not this leaf.
   */
  LeafAsInner: 'leaf_as_inner',
  /** An absence claim, but the proof shows the key's own leaf. */
  AbsentButPresent: 'absent_but_present',
  /** A membership proof that ends at another key's leaf. */
  WrongLeaf: 'wrong_leaf',
  /** The value does not match the leaf (or a value is claimed where the proof shows none). */
  ValueMismatch: 'value_mismatch',
  /** Not a proof: wrong types, lengths, kind, missing leaf, bad encoding. */
  MalformedProof: 'malformed_proof',
} as const;
export type SmtRejectReason = (typeof SmtRejectReason)[keyof typeof SmtRejectReason];

/** Throw the named rejection (one place, so every reason is a `VerificationError`). */
export function reject(reason: SmtRejectReason, message: string, cause?: unknown): never {
  throw new VerificationError(reason, `smt proof: ${message}`, cause === undefined ? {} : { cause });
}

function isHash(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array && v.length === HASH_BYTES;
}

/**
 * Stateless shape check (ibc-go's `ValidateBasic`): types, lengths, kind, leaf presence.
 * Proofs come from the wire, so a bad shape is a `VerificationError`, never a crash.
 */
export function checkProofShape(proof: unknown, title = 'proof'): asserts proof is SmtProof {
  if (typeof proof !== 'object' || proof === null) reject('malformed_proof', `${title}: not an object`);
  const p = proof as Record<string, unknown>;
  if (p.kind !== 'member' && p.kind !== 'absent') reject('malformed_proof', `${title}.kind: expected 'member' or 'absent'`);
  if (!Array.isArray(p.siblings)) reject('malformed_proof', `${title}.siblings: expected an array`);
  const siblings = p.siblings as unknown[];
  if (siblings.length > MAX_DEPTH) {
    reject('too_many_siblings', `${title}.siblings: ${siblings.length} siblings, at most ${MAX_DEPTH}`);
  }
  for (let i = 0; i < siblings.length; i++) {
    if (!isHash(siblings[i])) reject('malformed_proof', `${title}.siblings[${i}]: expected ${HASH_BYTES} bytes`);
  }
  if (p.leaf !== undefined) {
    if (typeof p.leaf !== 'object' || p.leaf === null) reject('malformed_proof', `${title}.leaf: not an object`);
    const leaf = p.leaf as Record<string, unknown>;
    if (!isHash(leaf.keyHash)) reject('malformed_proof', `${title}.leaf.keyHash: expected ${HASH_BYTES} bytes`);
    if (!isHash(leaf.valueHash)) reject('malformed_proof', `${title}.leaf.valueHash: expected ${HASH_BYTES} bytes`);
  } else if (p.kind === 'member') {
    reject('malformed_proof', `${title}.leaf: a membership proof must show the record's leaf`);
  }
}
