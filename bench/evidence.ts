/**
 * Evidence suite (layout: src/judicial/anchor-batch.ts):
 * - `evidence.anchor`: anchors/s in-process, from submission until each signed batch of 1,000 is
 *   committed in a signed block with its receipt (ONE submitter signature per batch verified on
 *   the thread pool, the batch root recomputed from its leaves, batches group-committed as one
 *   `anchor.put` per block: one batch record plus a 45-byte pointer per new hash, one SMT proof
 *   of the batch record per receipt). Target >= 60,000/s.
 * - `evidence.anchor.network`: the same through the real path: signed batches sent over gRPC
 *   (AnchorEvidenceBatch) to a gateway process, which writes to the judicial chain's write door
 *   (another process) over a real nats-server as signed envelopes, verifies the batch record's
 *   proof and answers each batch with its receipt (gateway-signed batch receipt). Beside it,
 *   `evidence.anchor.network.gateway_cpu` and `.judicial_cpu`: the CPU time per anchor of the
 *   gateway process and of the judicial chain's process. Target >= 30,000/s.
 * - `evidence.verify`: lookups by hash with both proofs (pointer and batch record).
 * Batches are signed before timing: signing is the submitter's cost, not the gateway's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { sha256 } from '../src/crypto/hash.js';
import { publicKeyOf } from '../src/crypto/secp256k1.js';
import { utf8 } from '../src/encoding/bytes.js';
import { didKeyKid, didKeyOf, publicKeyOfDidKey } from '../src/identity/did-key.js';
import { createSigner, type Signer } from '../src/identity/signer.js';
import type { Authority } from '../src/identity/authority.js';
import { ManualClock } from '../src/workflows/clock.js';
import { DevJudicialLedger } from '../src/devtools/in-process-ports.js';
import { startNatsServer } from '../src/devtools/nats-server.js';
import { encodeAnchorBatch } from '../src/judicial/anchor-batch.js';
import { EvidenceRegistry, signEvidenceBatch, type AnchorBatch } from '../src/workflows/evidence.js';
import { loadGatewayProto } from '../src/wire/gateway-proto.js';
import { allianceFixture } from '../test/helpers/alliance-fixture.js';
import { opsPerSecondAsync, round, withCeiling, type BenchContext, type BenchSuite } from './lib.js';
import { BenchProcs } from './query-harness.js';

const authority: Authority = {
  keyAt: (did, kid) => {
    const pk = publicKeyOfDidKey(did);
    return pk ? { ok: true, did, kid, publicKey: pk } : { ok: false, reason: 'unknown_did', message: did };
  },
  mayAct: () => ({ ok: true }),
};

/** `n / 1000` signed batches of 1,000 distinct hashes (`tag` keeps runs apart). */
function signedBatches(signer: Signer, n: number, tag: string, signedAtMs: number): AnchorBatch[] {
  return Array.from({ length: n / 1000 }, (_, b) =>
    signEvidenceBatch(
      signer,
      Array.from({ length: 1000 }, (_, k) => ({
        contentHash: sha256(utf8(`bench evidence ${tag} ${b * 1000 + k}`)),
        metadata: [{ name: 'case_id', value: 'B-1' }],
      })),
      signedAtMs,
    ),
  );
}

/** CPU time of `pid` in ms (utime + stime, /proc/<pid>/stat ticks of 10 ms; threads summed by the kernel). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    let ms = (Number(f[11]) + Number(f[12])) * 10;
    // Finer where the kernel keeps per-thread run time.
    try {
      let ns = 0;
      for (const tid of readdirSync(`/proc/${pid}/task`))
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      ms = ns / 1e6;
    } catch {
      // no schedstat: ticks it is
    }
    return ms;
  } catch {
    return 0;
  }
}

async function inProcess(ctx: BenchContext, othersReady: Promise<unknown>): Promise<void> {
  const sk = sha256(utf8('courtbridge vector key 3'));
  const did = didKeyOf(publicKeyOf(sk));
  const signer = createSigner(did, didKeyKid(did), sk);
  const clock = new ManualClock(1_750_000_000_000);
  const judicial = new DevJudicialLedger({ chainId: 'judicial', sender: did, clock: () => clock.now(), blockIntervalMs: 2 });
  const registry = new EvidenceRegistry({ ledger: judicial, authority, clock });
  // The dev ledger's block timer is unref'd (it must not hold a process open); hold it here.
  const keepAlive = setInterval(() => undefined, 1_000);
  try {
    const n = ctx.quick ? 10_000 : 60_000;
    ctx.progress(`evidence: signing ${n / 1000} batches of 1,000`);
    // A warm-up batch: the first block pays for JIT and the thread pool's start.
    await registry.anchor(signedBatches(signer, 1000, 'warm', clock.now())[0]!);
    const batches = signedBatches(signer, n, 'run', clock.now());
    // The network run's processes load meanwhile; nothing else runs while this is timed.
    await othersReady;
    ctx.progress(`evidence: anchoring ${n}`);
    const t0 = performance.now();
    // Submitters send their signed batches concurrently (one request per batch).
    const receipts = await registry.anchorMany(batches);
    const seconds = (performance.now() - t0) / 1000;
    const blocks = new Set(receipts.map((r) => r.height)).size;
    ctx.emit({ name: 'evidence.anchor', value: round(n / seconds), unit: 'anchors/s' });
    ctx.progress(`evidence: ${n} anchors in ${blocks} blocks, ${round(seconds, 2)} s`);
    let i = 0;
    const hashes = batches.flatMap((b) => b.hashes);
    const verify = await opsPerSecondAsync(() => registry.verifyHash(hashes[i++ % hashes.length]!), ctx.quick ? 300 : ctx.durationMs, 1);
    // The ceiling when the run measured it (`--only=evidence` runs without the ceilings suite).
    ctx.emit(
      ctx.results.has('sha256.native')
        ? withCeiling(ctx, 'evidence.verify', verify, 'verifications/s', 'sha256.native')
        : { name: 'evidence.verify', value: round(verify), unit: 'verifications/s' },
    );
  } finally {
    clearInterval(keepAlive);
    judicial.close();
  }
}

type BatchCall = (
  req: { batch: Uint8Array },
  o: grpc.CallOptions,
  cb: (e: grpc.ServiceError | null, r?: { alreadyAnchored: number[] }) => void,
) => void;

interface Network {
  procs: BenchProcs;
  nats: { url: string; stop(): Promise<void> };
  /** The gateway's port once both processes serve. */
  ready: Promise<number>;
  gatewayPid: () => number | undefined;
  judicialPid: () => number | undefined;
}

/** A real nats-server, the judicial chain and a gateway as processes, loading while the in-process run signs. */
async function startNetwork(ctx: BenchContext): Promise<Network> {
  const nats = await startNatsServer();
  const procs = new BenchProcs(nats.url);
  ctx.progress('evidence: starting the judicial chain and a gateway (processes, real nats-server)');
  const judicial = procs.start('evidence-judicial.ts', [nats.url]);
  const gateway = procs.start('evidence-gateway.ts', [nats.url]);
  const ready = (async () => {
    await judicial.line();
    return Number((await gateway.line()).split(' ')[1]);
  })();
  ready.catch(() => undefined);
  return { procs, nats, ready, gatewayPid: () => gateway.child.pid, judicialPid: () => judicial.child.pid };
}

async function network(ctx: BenchContext, net: Network): Promise<void> {
  const fx = allianceFixture();
  const court = createSigner(fx.court.did, fx.court.kid, fx.privateKeys.get(fx.court.did)!);
  // --quick: the whole suite in about 5 s, processes included.
  const n = ctx.quick ? 6_000 : 60_000;
  const warm = signedBatches(court, ctx.quick ? 1000 : 4000, 'net warm', Date.now()).map(encodeAnchorBatch);
  const bodies = signedBatches(court, n, 'net run', Date.now()).map(encodeAnchorBatch);
  const port = await net.ready;
  const pkg = grpc.loadPackageDefinition(loadGatewayProto().definition) as unknown as {
    courtbridge: { v1: Record<string, grpc.ServiceClientConstructor> };
  };
  const client = new pkg.courtbridge.v1['EvidenceService']!(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = (batch: Uint8Array): Promise<{ alreadyAnchored: number[] }> =>
    new Promise((resolve, reject) =>
      (client as unknown as Record<string, BatchCall>)['AnchorEvidenceBatch']!.call(
        client,
        { batch },
        { deadline: Date.now() + 30_000 },
        (e, r) => (e ? reject(e) : resolve(r!)),
      ),
    );
  try {
    await Promise.all(warm.map(call));
    ctx.progress(`evidence: anchoring ${n} through gRPC, the gateway and NATS`);
    const cpu0 = cpuMs(net.gatewayPid());
    const judicial0 = cpuMs(net.judicialPid());
    const t0 = performance.now();
    const replies = await Promise.all(bodies.map(call));
    const seconds = (performance.now() - t0) / 1000;
    const gatewayCpu = cpuMs(net.gatewayPid()) - cpu0;
    const judicialCpu = cpuMs(net.judicialPid()) - judicial0;
    if (replies.some((r) => r.alreadyAnchored.length > 0)) throw new Error('bench: a fresh hash answered already_anchored');
    ctx.emit({ name: 'evidence.anchor.network', value: round(n / seconds), unit: 'anchors/s' });
    ctx.emit({ name: 'evidence.anchor.network.gateway_cpu', value: round((gatewayCpu * 1000) / n, 2), unit: 'µs/anchor' });
    // The judicial chain's process (dev ledger, contract, write door): where the network path's CPU goes.
    ctx.emit({ name: 'evidence.anchor.network.judicial_cpu', value: round((judicialCpu * 1000) / n, 2), unit: 'µs/anchor' });
    ctx.progress(`evidence: ${n} anchors over the network in ${round(seconds, 2)} s, gateway CPU ${round(gatewayCpu)} ms`);
  } finally {
    client.close();
  }
}

export const evidence: BenchSuite = {
  name: 'evidence',
  async run(ctx: BenchContext): Promise<void> {
    const net = await startNetwork(ctx);
    try {
      await inProcess(ctx, net.ready);
      await network(ctx, net);
    } finally {
      await net.procs.close();
      await net.nats.stop();
    }
  },
};
