/**
 * RFC 6962 (Certificate Transparency) Merkle tree hash over an ordered list, with audit paths.
 * Used for a block's transactions root and for amortised receipt batches (one signature over
 * the root, each receipt carrying its path). Leaf = H(0x00 || data),
 * node = H(0x01 || left || right); the empty list hashes to H("").
 *
 * H is SHA-256 unless a suite is given: a chain's transactions root uses the hash suite of its
 * registry entry (SHA-256 or SM3); a receipt batch uses the gateway key's suite (SHA-256 for
 * secp256k1, SM3 for SM2); evidence batches are always SHA-256. Pure: bytes in, verdict out.
 */
import { hash } from 'node:crypto';
import { sha256, sha256Concat } from '../crypto/hash.js';
import { digest, type HashSuite } from '../crypto/hash-suite.js';
import { concatBytes, equalBytes } from '../encoding/bytes.js';
import { VerificationError } from '../errors.js';

const LEAF = Uint8Array.of(0);
const NODE = Uint8Array.of(1);

/** SHA-256 leaf hash (one argument, so it stays safe as an `Array.map` callback). */
export const leafHash = (data: Uint8Array): Uint8Array => sha256Concat(LEAF, data);
/** The leaf hash under `suite`: a chain's transactions under its registry entry's suite. */
export const leafHashIn = (suite: HashSuite, data: Uint8Array): Uint8Array =>
  suite === 'sha256' ? sha256Concat(LEAF, data) : digest(suite, concatBytes(LEAF, data));
const nodeHash = (l: Uint8Array, r: Uint8Array, suite: HashSuite): Uint8Array =>
  suite === 'sha256' ? sha256Concat(NODE, l, r) : digest(suite, concatBytes(NODE, l, r));
const emptyListHash = (suite: HashSuite): Uint8Array => (suite === 'sha256' ? sha256(new Uint8Array(0)) : digest(suite, new Uint8Array(0)));

/** Largest power of two strictly less than n (RFC 6962 §2.1 split point). */
function split(n: number): number {
  let k = 1;
  while (k << 1 < n) k <<= 1;
  return k;
}

function mth(leaves: Uint8Array[], lo: number, hi: number, suite: HashSuite): Uint8Array {
  const n = hi - lo;
  if (n === 1) return leaves[lo]!;
  const k = split(n);
  return nodeHash(mth(leaves, lo, lo + k, suite), mth(leaves, lo + k, hi, suite), suite);
}

/**
 * Root over already-hashed leaves (`leafHash` of each item, under the same suite), bottom-up:
 * an unpaired last node moves up a level unchanged, which gives the same tree as RFC 6962's
 * split at the largest power of two. One scratch buffer and the one-shot hash: evidence batches
 * are hashed at ingest speed.
 */
export function merkleRootOfLeafHashes(leafHashes: readonly Uint8Array[], suite: HashSuite = 'sha256'): Uint8Array {
  if (leafHashes.length === 0) return emptyListHash(suite);
  const buf = new Uint8Array(65);
  buf[0] = 1;
  const node = (l: Uint8Array, r: Uint8Array): Uint8Array => {
    buf.set(l, 1);
    buf.set(r, 33);
    return suite === 'sha256' ? hash('sha256', buf, 'buffer') : digest(suite, buf);
  };
  let level = leafHashes.slice();
  while (level.length > 1) {
    const next = new Array<Uint8Array>(Math.ceil(level.length / 2));
    for (let i = 0; i + 1 < level.length; i += 2) next[i >> 1] = node(level[i]!, level[i + 1]!);
    if (level.length % 2 === 1) next[next.length - 1] = level[level.length - 1]!;
    level = next;
  }
  return new Uint8Array(level[0]!);
}

export function merkleRoot(items: Uint8Array[], suite: HashSuite = 'sha256'): Uint8Array {
  return merkleRootOfLeafHashes(
    items.map((d) => leafHashIn(suite, d)),
    suite,
  );
}

/** Audit path for leaf `index` (RFC 6962 §2.1.1 PATH), deepest sibling first. */
export function auditPath(leafHashes: Uint8Array[], index: number, suite: HashSuite = 'sha256'): Uint8Array[] {
  if (!Number.isInteger(index) || index < 0 || index >= leafHashes.length) {
    throw new RangeError(`auditPath: index ${index} out of range [0, ${leafHashes.length})`);
  }
  const path: Uint8Array[] = [];
  const walk = (lo: number, hi: number, m: number): void => {
    const n = hi - lo;
    if (n === 1) return;
    const k = split(n);
    if (m < k) {
      walk(lo, lo + k, m);
      path.push(mth(leafHashes, lo + k, hi, suite));
    } else {
      walk(lo + k, hi, m - k);
      path.push(mth(leafHashes, lo, lo + k, suite));
    }
  };
  walk(0, leafHashes.length, index);
  return path;
}

/** All audit paths at once in O(n log n) hashes: what a receipt batch needs. */
export function allAuditPaths(leafHashes: Uint8Array[], suite: HashSuite = 'sha256'): { root: Uint8Array; paths: Uint8Array[][] } {
  const paths: Uint8Array[][] = leafHashes.map(() => []);
  const build = (lo: number, hi: number): Uint8Array => {
    const n = hi - lo;
    if (n === 1) return leafHashes[lo]!;
    const k = split(n);
    const l = build(lo, lo + k);
    const r = build(lo + k, hi);
    for (let i = lo; i < lo + k; i++) paths[i]!.push(r);
    for (let i = lo + k; i < hi; i++) paths[i]!.push(l);
    return nodeHash(l, r, suite);
  };
  if (leafHashes.length === 0) return { root: emptyListHash(suite), paths };
  return { root: build(0, leafHashes.length), paths };
}

/** Verify that `leaf` (already leaf-hashed) sits at `index` of a tree of `size` with `root` (RFC 9162 §2.1.3.2). */
export function verifyAuditPath(
  leaf: Uint8Array,
  index: number,
  size: number,
  path: Uint8Array[],
  root: Uint8Array,
  suite: HashSuite = 'sha256',
): void {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) {
    throw new VerificationError('bad_leaf_index', `leaf index ${index} is outside a tree of ${size}`);
  }
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (p.length !== 32) throw new VerificationError('malformed_path', 'a Merkle path element is not 32 bytes');
    if (sn === 0) throw new VerificationError('extra_sibling', 'the Merkle path is longer than the tree is deep');
    if ((fn & 1) === 1 || fn === sn) {
      r = nodeHash(p, r, suite);
      if ((fn & 1) === 0) {
        while ((fn & 1) === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = nodeHash(r, p, suite);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn !== 0) throw new VerificationError('missing_sibling', 'the Merkle path is shorter than the tree is deep');
  if (!equalBytes(r, root)) throw new VerificationError('root_mismatch', 'the Merkle path does not lead to the signed root');
}
