/** docs/spec/merkle-batch-root.md: the product's tree functions on each case. */
import { fromHex, toHex } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { allAuditPaths, leafHash, merkleRoot, verifyAuditPath } from '../../../src/proof/binary-merkle.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

const verdict = (leaf: string, index: number, size: number, path: string[], root: string): string => {
  try {
    verifyAuditPath(
      fromHex(leaf),
      index,
      size,
      path.map((x) => fromHex(x)),
      fromHex(root),
    );
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
};

export function check(_file: VectorFile, c: VectorCase | InvalidCase): string {
  if ('reason' in c) {
    const d = c as InvalidCase & { leafHash: string; leafIndex: number; leafCount: number; path: string[]; root: string };
    return verdict(d.leafHash, d.leafIndex, d.leafCount, d.path, d.root);
  }
  const v = c as VectorCase & { leaves: string[]; leafHashes: string[]; root: string; auditPaths: { leafIndex: number; path: string[] }[] };
  const leaves = v.leaves.map((x) => fromHex(x));
  if (toHex(merkleRoot(leaves)) !== v.root) return 'root_mismatch';
  const hashes = leaves.map(leafHash);
  if (JSON.stringify(hashes.map(toHex)) !== JSON.stringify(v.leafHashes)) return 'leaf_hash_mismatch';
  const { paths } = allAuditPaths(hashes);
  for (const p of v.auditPaths) {
    if (JSON.stringify(paths[p.leafIndex]!.map(toHex)) !== JSON.stringify(p.path)) return 'path_mismatch';
    const r = verdict(v.leafHashes[p.leafIndex]!, p.leafIndex, v.leaves.length, p.path, v.root);
    if (r !== 'ok') return r;
  }
  return 'ok';
}
