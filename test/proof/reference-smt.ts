/**
 * A deliberately naive reference for the sparse Merkle tree root (docs/smt.md §1), written
 * from the spec without the production tree's arenas, partitioning or compaction code: the
 * tests compare the two. Uses `src/crypto/hash.ts` (createHash) rather than `node-hash.ts`.
 */
import { sha256, sha256Concat } from '../../src/crypto/hash.js';
import { toHex } from '../../src/encoding/bytes.js';

const EMPTY = sha256(Uint8Array.of(0x02));

function bit(path: Uint8Array, d: number): number {
  return (path[d >> 3]! >> (7 - (d & 7))) & 1;
}

type Leaf = { keyHash: Uint8Array; valueHash: Uint8Array };

function subtree(leaves: Leaf[], depth: number): Uint8Array {
  if (leaves.length === 0) return EMPTY;
  if (leaves.length === 1) return sha256Concat(Uint8Array.of(0x00), leaves[0]!.keyHash, leaves[0]!.valueHash);
  const left = leaves.filter((l) => bit(l.keyHash, depth) === 0);
  const right = leaves.filter((l) => bit(l.keyHash, depth) === 1);
  return sha256Concat(Uint8Array.of(0x01), subtree(left, depth + 1), subtree(right, depth + 1));
}

/** Root of the set of records (last value of a repeated key wins). */
export function referenceRoot(entries: ReadonlyArray<{ key: Uint8Array; value: Uint8Array }>): Uint8Array {
  const byKey = new Map<string, Leaf>();
  for (const e of entries) byKey.set(toHex(e.key), { keyHash: sha256(e.key), valueHash: sha256(e.value) });
  return subtree([...byKey.values()], 0);
}

export const REFERENCE_EMPTY_HASH = EMPTY;
