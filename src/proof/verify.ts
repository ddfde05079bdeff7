/**
 * Verification of sparse Merkle tree proofs against a trusted state root (docs/smt.md §3).
 * Pure: bytes in, verdict out. Cost: H(key), H(value) for membership, the leaf, then one hash
 * per sibling; nothing else is hashed.
 *
 * H is the hash suite of the chain's registry entry, given by the caller (SHA-256 unless told),
 * never read from the proof. A proof built under the other suite is refused with the reason
 * its first wrong hash gives (`wrong_leaf`: the leaf's keyHash is not H(key); `leaf_as_inner`;
 * or, where only the fold differs, `root_mismatch`): no reason of its own is needed, since to
 * the verifier it is exactly a proof of other hashes, and naming a suite "mismatch" would mean
 * guessing the suite from the bytes.
 */
import type { HashSuite } from '../crypto/hash-suite.js';
import { assertBytes, equalBytes } from '../encoding/bytes.js';
import { digest } from '../crypto/hash-suite.js';
import { HASH_BYTES, NodePrefix, emptyHashOf, hashLeaf, keyHashOf, valueHashOf } from './node-hash.js';
import { pathBit, samePrefix } from './path.js';
import { checkProofShape, reject, type ProofKind, type SmtProof } from './smt-proof.js';

/** What a verified proof established (STYLE.md 5: results carry their evidence). */
export type SmtEvidence = {
  kind: ProofKind;
  /** The root the proof was checked against. */
  root: Uint8Array;
  /** H(key): the record's path. */
  keyHash: Uint8Array;
  /** Depth of the slot the path ends at (= number of siblings). */
  depth: number;
};

/**
 * Fold the siblings from the slot at `depth` up to the root along `keyHash`.
 * One 65-byte scratch buffer per call; `digest` returns a fresh array each step.
 */
function foldToRoot(start: Uint8Array, keyHash: Uint8Array, siblings: readonly Uint8Array[], suite: HashSuite): Uint8Array {
  const buf = new Uint8Array(1 + 2 * HASH_BYTES);
  buf[0] = NodePrefix.Inner;
  let h = start;
  const depth = siblings.length;
  for (let i = 0; i < depth; i++) {
    const s = siblings[i]!;
    // siblings[i] is the sibling at depth `depth - i`; the bit that chose our side is one above.
    if (pathBit(keyHash, depth - 1 - i) === 0) {
      buf.set(h, 1);
      buf.set(s, 1 + HASH_BYTES);
    } else {
      buf.set(s, 1);
      buf.set(h, 1 + HASH_BYTES);
    }
    h = digest(suite, buf);
  }
  return h;
}

/**
 * Canonical depth (docs/smt.md §2, "compaction"): a leaf or an empty slot at depth d > 0 has
 * a non-empty sibling, otherwise the tree would have put it at depth d - 1. Checking this
 * makes each (root, key) have exactly one valid proof.
 */
function checkCanonicalDepth(proof: SmtProof, empty: Uint8Array): void {
  const d = proof.siblings.length;
  if (d > 0 && equalBytes(proof.siblings[0]!, empty)) {
    reject('extra_sibling', `the slot at depth ${d} has an empty sibling: it would sit at depth ${d - 1}`);
  }
}

/**
 * Verify that `key` maps to `value` (or, with `value === null`, is absent) in the tree whose
 * root is `root`, under `suite` (the chain's registry entry's). Returns the evidence or throws
 * `VerificationError` with a named reason (`SmtRejectReason`).
 *
 * @example
 * const ev = verifyProof(header.stateRoot, key, value, tree.prove(key), entry.hashSuite);
 */
export function verifyProof(
  root: Uint8Array,
  key: Uint8Array,
  value: Uint8Array | null,
  proof: SmtProof,
  suite: HashSuite = 'sha256',
): SmtEvidence {
  assertBytes(root, HASH_BYTES, 'root');
  assertBytes(key, undefined, 'key');
  if (value !== null) assertBytes(value, undefined, 'value');
  checkProofShape(proof);
  const empty = emptyHashOf(suite);
  const keyHash = keyHashOf(key, suite);
  const depth = proof.siblings.length;
  let start: Uint8Array;
  if (proof.kind === 'member') {
    const leaf = proof.leaf!;
    if (value === null) reject('absent_but_present', 'absence claimed, but the proof shows the key present');
    if (!equalBytes(leaf.keyHash, keyHash)) reject('wrong_leaf', "membership proof ends at another key's leaf");
    if (!equalBytes(leaf.valueHash, valueHashOf(value, suite))) reject('value_mismatch', 'the leaf commits to another value');
    checkCanonicalDepth(proof, empty);
    start = hashLeaf(leaf.keyHash, leaf.valueHash, suite);
  } else {
    if (value !== null) reject('value_mismatch', 'a value is claimed, but the proof shows the key absent');
    const leaf = proof.leaf;
    if (leaf !== undefined) {
      if (equalBytes(leaf.keyHash, keyHash)) reject('absent_but_present', "absence proof shows the key's own leaf");
      if (!samePrefix(leaf.keyHash, keyHash, depth)) {
        reject('leaf_as_inner', `the occupying leaf leaves the key's path above depth ${depth}`);
      }
      checkCanonicalDepth(proof, empty);
      start = hashLeaf(leaf.keyHash, leaf.valueHash, suite);
    } else {
      checkCanonicalDepth(proof, empty);
      // Nodes at depth 256 are leaves, and a leaf beside an empty slot is lifted: no empty
      // slot exists at depth 256.
      if (depth === 256) reject('extra_sibling', 'no empty slot exists at depth 256');
      start = empty;
    }
  }
  const computed = foldToRoot(start, keyHash, proof.siblings, suite);
  if (!equalBytes(computed, root)) reject('root_mismatch', 'the proof does not lead to the trusted root');
  return { kind: proof.kind, root, keyHash, depth };
}

/** Verify that `key` maps to `value`; the proof must be a membership proof. */
export function verifyMembership(
  root: Uint8Array,
  key: Uint8Array,
  value: Uint8Array,
  proof: SmtProof,
  suite: HashSuite = 'sha256',
): SmtEvidence {
  assertBytes(value, undefined, 'value');
  return verifyProof(root, key, value, proof, suite);
}

/** Verify that `key` is absent; the proof must be a non-membership proof. */
export function verifyNonMembership(root: Uint8Array, key: Uint8Array, proof: SmtProof, suite: HashSuite = 'sha256'): SmtEvidence {
  return verifyProof(root, key, null, proof, suite);
}
