/**
 * Sparse Merkle tree suite (docs/smt.md): bulk builds of 1k, 100k and 1M records, then proof
 * verifications/s over random present keys (compared with one native SHA-256: a proof costs
 * about log2(n) + 3 hashes, so the ratio is about 1 / (log2(n) + 3)), and the mean encoded
 * proof size at 1M records. Each tree is built once; the 1M build takes most of the suite.
 */
import { randomInt } from 'node:crypto';
import { utf8 } from '../src/encoding/bytes.js';
import { SparseMerkleTree } from '../src/proof/sparse-merkle-tree.js';
import { encodeProof } from '../src/proof/proof-codec.js';
import { verifyMembership } from '../src/proof/verify.js';
import type { SmtProof } from '../src/proof/smt-proof.js';
import { opsPerSecond, round, withCeiling, type BenchContext, type BenchSuite } from './lib.js';

const recordKey = (i: number): Uint8Array => utf8(`credit/dishonest/${i}`);
/** A value of a realistic size (~64 bytes): a keyed hash of the person plus the judgment id. */
const recordValue = (i: number): Uint8Array => utf8(`{"judgment":"(2026)court-${i}","listed":true,"pad":"${'x'.repeat(16)}"}`);

interface Sample {
  key: Uint8Array;
  value: Uint8Array;
  proof: SmtProof;
}

function build(ctx: BenchContext, n: number): SparseMerkleTree {
  ctx.progress(`smt: generating ${n} records`);
  const entries = new Array<{ key: Uint8Array; value: Uint8Array }>(n);
  for (let i = 0; i < n; i++) entries[i] = { key: recordKey(i), value: recordValue(i) };
  ctx.progress(`smt: building ${n} records (bulk)`);
  const t0 = performance.now();
  const tree = SparseMerkleTree.fromEntries(entries);
  ctx.progress(
    `smt: built ${n} records in ${Math.round(performance.now() - t0)} ms, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
  );
  return tree;
}

/** Proofs of `count` random present keys, made before timing so only verification is measured. */
function samples(tree: SparseMerkleTree, n: number, count: number): Sample[] {
  return Array.from({ length: count }, () => {
    const i = randomInt(n);
    return { key: recordKey(i), value: recordValue(i), proof: tree.prove(recordKey(i)) };
  });
}

function verifyLine(ctx: BenchContext, name: string, tree: SparseMerkleTree, n: number): void {
  const root = tree.root();
  const pool = samples(tree, n, 1024);
  let j = 0;
  ctx.progress(name);
  const ops = opsPerSecond(
    () => {
      const s = pool[j++ & 1023]!;
      verifyMembership(root, s.key, s.value, s.proof);
    },
    ctx.durationMs,
    32,
  );
  ctx.emit(withCeiling(ctx, name, ops, 'ops/s', 'sha256.native'));
}

export const smt: BenchSuite = {
  name: 'smt',
  async run(ctx) {
    verifyLine(ctx, 'smt.verify.1k', build(ctx, 1_000), 1_000);
    verifyLine(ctx, 'smt.verify.100k', build(ctx, 100_000), 100_000);
    const n = 1_000_000;
    const big = build(ctx, n);
    verifyLine(ctx, 'smt.verify.1m', big, n);
    let bytes = 0;
    const proofs = samples(big, n, 2000);
    for (const s of proofs) bytes += encodeProof(s.proof).length;
    ctx.emit({ name: 'smt.proof_bytes.1m', value: round(bytes / proofs.length), unit: 'bytes' });
  },
};
