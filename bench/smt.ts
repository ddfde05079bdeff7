/**
 * Sparse Merkle tree suite (docs/smt.md): bulk builds of 1k, 100k and 1M records, then proof
 * verifications/s over random present keys (compared with one native SHA-256: a proof costs
 * about log2(n) + 3 hashes, so the ratio is about 1 / (log2(n) + 3)), and the mean encoded
 * proof size at 1M records.
 *
 * Staged (lib.ts): the trees are built in a process of its own (its own group, ended with the
 * bench) while the query suites beside this one start theirs, since the 1M build takes seconds
 * of one core and would hold the bench's event loop; the builder hands back each tree's root
 * and proofs of random present keys, and `measure` verifies them once everything has started,
 * so no measurement overlaps a start-up.
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { fromBase64url, toBase64url, utf8 } from '../src/encoding/bytes.js';
import { SparseMerkleTree } from '../src/proof/sparse-merkle-tree.js';
import { decodeProof, encodeProof } from '../src/proof/proof-codec.js';
import { verifyMembership } from '../src/proof/verify.js';
import type { SmtProof } from '../src/proof/smt-proof.js';
import { opsPerSecond, round, stagedSuite, withCeiling, type BenchContext, type BenchSuite } from './lib.js';

const recordKey = (i: number): Uint8Array => utf8(`credit/dishonest/${i}`);
/** A value of a realistic size (~64 bytes): a keyed hash of the person plus the judgment id. */
const recordValue = (i: number): Uint8Array => utf8(`{"judgment":"(2026)court-${i}","listed":true,"pad":"${'x'.repeat(16)}"}`);

const SIZES = [1_000, 100_000, 1_000_000] as const;
/** Proofs verified per line (cycled), and proofs whose size is averaged at 1M. */
const POOL = 1024;
const SIZED = 2000;

interface Sample {
  key: Uint8Array;
  value: Uint8Array;
  proof: SmtProof;
}

/** What the builder hands back for one tree: its root and proofs of random present keys (base64url). */
interface BuiltTree {
  n: number;
  root: string;
  samples: { i: number; proof: string }[];
}

function build(n: number, progress: (m: string) => void): SparseMerkleTree {
  const entries = new Array<{ key: Uint8Array; value: Uint8Array }>(n);
  for (let i = 0; i < n; i++) entries[i] = { key: recordKey(i), value: recordValue(i) };
  const t0 = performance.now();
  const tree = SparseMerkleTree.fromEntries(entries);
  progress(`smt: built ${n} records in ${Math.round(performance.now() - t0)} ms, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
  return tree;
}

/** Builds every tree in a child process; resolves with their roots and sampled proofs. */
function buildElsewhere(ctx: BenchContext): Promise<BuiltTree[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--build'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const end = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', end);
  const out: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => {
    for (const l of c.toString('utf8').split('\n')) if (l !== '') ctx.progress(l);
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      end();
      process.off('exit', end);
      if (code !== 0) reject(new Error(`smt: the tree builder exited with ${code}`));
      else resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as BuiltTree[]);
    }),
  );
}

function verifyLine(ctx: BenchContext, name: string, root: Uint8Array, pool: Sample[]): void {
  let j = 0;
  ctx.progress(name);
  const ops = opsPerSecond(
    () => {
      const s = pool[j++ % pool.length]!;
      verifyMembership(root, s.key, s.value, s.proof);
    },
    ctx.durationMs,
    32,
  );
  ctx.emit(withCeiling(ctx, name, ops, 'ops/s', 'sha256.native'));
}

export const smt: BenchSuite = stagedSuite('smt', async (ctx) => {
  ctx.progress('smt: building 1k, 100k and 1M records (bulk) in a process of its own');
  const built = await buildElsewhere(ctx);
  return {
    async measure() {
      for (const t of built) {
        const pool = t.samples
          .slice(0, POOL)
          .map((s) => ({ key: recordKey(s.i), value: recordValue(s.i), proof: decodeProof(fromBase64url(s.proof)) }));
        const name = t.n >= 1e6 ? `${t.n / 1e6}m` : `${t.n / 1e3}k`;
        verifyLine(ctx, `smt.verify.${name}`, fromBase64url(t.root), pool);
      }
      const big = built[built.length - 1]!;
      const bytes = big.samples.reduce((sum, s) => sum + fromBase64url(s.proof).length, 0);
      ctx.emit({ name: 'smt.proof_bytes.1m', value: round(bytes / big.samples.length), unit: 'bytes' });
    },
    async close() {},
  };
});

if (process.argv[2] === '--build') {
  const progress = (m: string): void => void process.stderr.write(`${m}\n`);
  const trees: BuiltTree[] = SIZES.map((n) => {
    const tree = build(n, progress);
    const count = n === 1_000_000 ? SIZED : POOL;
    const samples = Array.from({ length: count }, () => {
      const i = randomInt(n);
      return { i, proof: toBase64url(encodeProof(tree.prove(recordKey(i)))) };
    });
    return { n, root: toBase64url(tree.root()), samples };
  });
  process.stdout.write(JSON.stringify(trees));
}
