/**
 * Paths in the sparse Merkle tree (docs/smt.md §1): the path of a record is its keyHash read
 * as 256 bits, most significant bit of byte 0 first; bit `d` chooses the child at depth `d`
 * (0 = left, 1 = right). The root is at depth 0; a node at depth d has d bits of path above it.
 */

/** Bit `depth` (0..255) of a 32-byte path, MSB-first: 0 = left, 1 = right. */
export function pathBit(path: Uint8Array, depth: number): 0 | 1 {
  return ((path[depth >>> 3]! >>> (7 - (depth & 7))) & 1) as 0 | 1;
}

/** Bit `depth` of the path stored at `offset` inside a larger arena (the tree's compact storage). */
export function pathBitAt(arena: Uint8Array, offset: number, depth: number): number {
  return (arena[offset + (depth >>> 3)]! >>> (7 - (depth & 7))) & 1;
}

/** Do two 32-byte paths agree on their first `bits` bits? */
export function samePrefix(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  const full = bits >>> 3;
  for (let i = 0; i < full; i++) if (a[i] !== b[i]) return false;
  const rest = bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((a[full]! ^ b[full]!) & mask) === 0;
}
