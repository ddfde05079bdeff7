/**
 * Fixed binary layout of an `SmtProof` (docs/smt.md §2.1), written with `ByteWriter`:
 *
 *   u8      kind        0x01 member, 0x02 absent (the protobuf `ProofKind` numbers)
 *   u8      hasLeaf     0x00 no leaf, 0x01 a leaf follows (always 0x01 for member)
 *   u32     depth       number of siblings, 0..256 (big-endian)
 *   fixed32 leafKeyHash     } only when hasLeaf = 0x01
 *   fixed32 leafValueHash   }
 *   fixed   bitmap      ceil(depth / 8) bytes; bit i (MSB-first, byte i >> 3) is 1 when
 *                       siblings[i] (deepest first) is NOT the empty hash; unused bits are 0
 *   fixed32 x popcount(bitmap)   the non-empty siblings, deepest first
 *
 * Empty siblings cost one bit instead of 32 bytes. Decoding is strict, so each proof has one
 * encoding: unknown kind or flag, a member without a leaf, padding bits set, an empty hash
 * written out as a sibling, truncation and trailing bytes are all rejected.
 *
 * "The empty hash" is H(0x02) under the chain's hash suite (SHA-256 unless told): encoder and
 * decoder must be given the same suite, the chain's registry entry's. A proof encoded under the
 * other suite decodes to other siblings (and then fails verification).
 */
import type { HashSuite } from '../crypto/hash-suite.js';
import { ByteReader, ByteWriter, equalBytes } from '../encoding/bytes.js';
import { VerificationError } from '../errors.js';
import { HASH_BYTES, MAX_DEPTH, emptyHashOf } from './node-hash.js';
import { checkProofShape, reject, type SmtProof } from './smt-proof.js';

const KindByte = { member: 0x01, absent: 0x02 } as const;

/** Encode a proof in the fixed layout above. Throws `malformed_proof` on a bad shape. */
export function encodeProof(proof: SmtProof, suite: HashSuite = 'sha256'): Uint8Array {
  checkProofShape(proof);
  const empty = emptyHashOf(suite);
  const depth = proof.siblings.length;
  const bitmap = new Uint8Array((depth + 7) >>> 3);
  const present: Uint8Array[] = [];
  for (let i = 0; i < depth; i++) {
    const s = proof.siblings[i]!;
    // The first byte settles almost every sibling (hashes are not secrets: no constant time needed).
    if (s[0] === empty[0] && equalBytes(s, empty)) continue;
    bitmap[i >>> 3]! |= 0x80 >>> (i & 7);
    present.push(s);
  }
  // Sized up front: a proof of the 1M-record chain is ~780 bytes, past the writer's default.
  const w = new ByteWriter(6 + (proof.leaf ? 2 * HASH_BYTES : 0) + bitmap.length + present.length * HASH_BYTES)
    .u8(KindByte[proof.kind])
    .u8(proof.leaf ? 1 : 0)
    .u32(depth);
  if (proof.leaf) w.fixed(proof.leaf.keyHash, HASH_BYTES, 'leaf.keyHash').fixed(proof.leaf.valueHash, HASH_BYTES, 'leaf.valueHash');
  w.fixed(bitmap, bitmap.length, 'bitmap');
  for (const s of present) w.fixed(s, HASH_BYTES, 'sibling');
  return w.finish();
}

/** Decode a proof; every deviation from the layout is a `VerificationError` with its reason. */
export function decodeProof(bytes: Uint8Array, suite: HashSuite = 'sha256'): SmtProof {
  if (!(bytes instanceof Uint8Array)) reject('malformed_proof', 'bytes: expected Uint8Array');
  const empty = emptyHashOf(suite);
  try {
    const r = new ByteReader(bytes);
    const kindByte = r.u8('kind');
    const kind = kindByte === KindByte.member ? 'member' : kindByte === KindByte.absent ? 'absent' : undefined;
    if (kind === undefined) reject('malformed_proof', `unknown kind byte ${kindByte}`);
    const hasLeaf = r.u8('hasLeaf');
    if (hasLeaf > 1) reject('malformed_proof', `hasLeaf must be 0 or 1, got ${hasLeaf}`);
    if (kind === 'member' && hasLeaf === 0) reject('malformed_proof', 'a membership proof must carry its leaf');
    const depth = r.u32('depth');
    if (depth > MAX_DEPTH) reject('too_many_siblings', `depth ${depth} exceeds ${MAX_DEPTH}`);
    const leaf =
      hasLeaf === 1
        ? { keyHash: r.fixed(HASH_BYTES, 'leafKeyHash').slice(), valueHash: r.fixed(HASH_BYTES, 'leafValueHash').slice() }
        : undefined;
    const bitmap = r.fixed((depth + 7) >>> 3, 'bitmap');
    if (depth & 7 && (bitmap[bitmap.length - 1]! & (0xff >>> (depth & 7))) !== 0) {
      reject('malformed_proof', 'bitmap padding bits are set');
    }
    let present = 0;
    for (let i = 0; i < depth; i++) if (bitmap[i >>> 3]! & (0x80 >>> (i & 7))) present++;
    const headerBytes = 1 + 1 + 4 + (leaf ? 2 * HASH_BYTES : 0) + bitmap.length;
    const rest = bytes.length - headerBytes;
    if (rest < present * HASH_BYTES) reject('missing_sibling', `bitmap announces ${present} siblings, ${rest} bytes carry fewer`);
    if (rest > present * HASH_BYTES) {
      const extra = rest - present * HASH_BYTES;
      if (extra % HASH_BYTES === 0) reject('extra_sibling', `${extra / HASH_BYTES} siblings beyond those the bitmap announces`);
      reject('malformed_proof', `${extra} trailing bytes`);
    }
    const siblings: Uint8Array[] = new Array<Uint8Array>(depth);
    for (let i = 0; i < depth; i++) {
      if (bitmap[i >>> 3]! & (0x80 >>> (i & 7))) {
        const s = r.fixed(HASH_BYTES, 'sibling').slice();
        if (equalBytes(s, empty)) reject('malformed_proof', `sibling ${i}: the empty hash must be a 0 bit, not written out`);
        siblings[i] = s;
      } else {
        siblings[i] = empty.slice();
      }
    }
    r.end('proof');
    return leaf ? { kind, siblings, leaf } : { kind, siblings };
  } catch (e) {
    if (e instanceof VerificationError) throw e;
    // ByteReader's truncation RangeError: the bytes end inside a field.
    return reject('malformed_proof', e instanceof Error ? e.message : 'undecodable', e);
  }
}
