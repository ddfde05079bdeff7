/**
 * A receipt signer with a worker thread, using noble's secp256k1. Why not node:crypto on libuv's
 * pool (root-signer.ts `nativeReceiptSigner`)? Measured here: OpenSSL 3 signs secp256k1 in about
 * 450 µs of CPU, noble in about 260 µs; on a 2-core gateway the CPU a signature takes is CPU the
 * answers do not get (DESIGN.md "Budgets": receipts signed off the event loop).
 *
 * Precomputed nonces (crypto/ecdsa-precomputed.ts): a lone answer used to wait for a whole
 * signature (~0.4 ms, 's sequential-latency target). The part of ECDSA that needs no
 * message (k from node:crypto's CSPRNG, r = (k·G).x mod n, k⁻¹ mod n) is done on the worker
 * ahead of time and kept in a bounded pool here (64 unless told); signing on the answer's path
 * is then s = k⁻¹(z + r·d) mod n on the event loop, a few µs. Each slot is consumed once and
 * zeroed (never reused: a reused k reveals the key). The worker refills the pool in small
 * chunks, between which it answers fallback requests; when the pool is empty (a burst larger
 * than it) the worker signs the whole signature itself with RFC 6979 nonces, as before.
 *
 * Both paths are checked at start: a signer whose signatures do not verify fails here, not in a
 * court's hands. The worker keeps the process alive only while a fallback signature is awaited;
 * `close` ends it and zeroes the pool.
 */
import { Worker } from 'node:worker_threads';
import { NONCE_SLOT_LENGTH, NoncePool, privateScalar, signWithNonce } from '../../crypto/ecdsa-precomputed.js';
import { publicKeyOf, verify } from '../../crypto/secp256k1.js';
import { assertSigningKey } from '../../identity/signer.js';
import type { ReceiptSigner } from './root-signer.js';

/**
 * Worker body (CommonJS, evaluated, so it runs the same under tsx, vitest and the build): noble
 * with node:crypto's hashes. `{id, msg}` -> a full RFC 6979 signature; `{refill: n}` -> n nonce
 * slots `r || k⁻¹` posted in chunks of 4 (the buffer transferred, no copy left here), one chunk
 * per event-loop turn so a signature request never waits behind a whole refill.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash, createHmac, randomFillSync } = require('node:crypto');
const sha256 = (m) => new Uint8Array(createHash('sha256').update(m).digest());
const hmac = (k, m) => new Uint8Array(createHmac('sha256', k).update(m).digest());
import(workerData.noble).then((secp) => {
  secp.hashes.sha256 = sha256;
  secp.hashes.hmacSha256 = hmac;
  const sk = workerData.sk;
  const N = secp.Point.CURVE().n;
  const G = secp.Point.BASE;
  const CHUNK = 4;
  let owed = 0;
  let producing = false;
  const put = (out, at, v) => {
    for (let i = at + 31; i >= at; i--) { out[i] = Number(v & 0xffn); v >>= 8n; }
  };
  const produce = () => {
    const n = Math.min(owed, CHUNK);
    owed -= n;
    const out = new Uint8Array(n * 64);
    const rnd = new Uint8Array(32);
    for (let i = 0; i < n; ) {
      // k uniform in [1, n-1] by rejection sampling (FIPS 186-5 A.3.2), from the OS CSPRNG.
      randomFillSync(rnd);
      let k = 0n;
      for (const b of rnd) k = (k << 8n) | BigInt(b);
      if (k === 0n || k >= N) continue;
      const r = secp.etc.mod(G.multiply(k).toAffine().x, N);
      if (r === 0n) continue;
      put(out, i * 64, r);
      put(out, i * 64 + 32, secp.etc.invert(k, N));
      i++;
    }
    rnd.fill(0);
    parentPort.postMessage({ nonces: out }, [out.buffer]);
    if (owed > 0) setImmediate(produce);
    else producing = false;
  };
  parentPort.on('message', (m) => {
    if (m.refill !== undefined) {
      owed += m.refill;
      if (!producing) { producing = true; setImmediate(produce); }
      return;
    }
    try {
      parentPort.postMessage({ id: m.id, sig: secp.sign(m.msg, sk, { prehash: true, lowS: true }) });
    } catch (e) {
      parentPort.postMessage({ id: m.id, error: String(e && e.message || e) });
    }
  });
  parentPort.postMessage({ ready: true });
});
`;

/** Where a signature's nonce came from: the precomputed pool, or the worker's RFC 6979 signer. */
export type NonceSource = 'precomputed' | 'rfc6979';

/** Counters of a worker signer (tests, metrics). */
export interface WorkerSignerStats {
  /** Pool capacity (0: precomputation off). */
  capacity: number;
  /** Nonces ready now. */
  pooled: number;
  /** Signatures made, by nonce source. */
  signed: Record<NonceSource, number>;
}

/** A `ReceiptSigner` backed by a worker thread; `close` stops the worker. */
export interface WorkerReceiptSigner extends ReceiptSigner {
  stats(): WorkerSignerStats;
  close(): Promise<void>;
}

export interface WorkerReceiptSignerOptions {
  /** Precomputed nonces kept ready; 64 unless told; 0 signs every receipt on the worker (RFC 6979). */
  noncePool?: number;
}

interface Reply {
  id?: number;
  sig?: Uint8Array;
  error?: string;
  ready?: boolean;
  nonces?: Uint8Array;
}

/** Refills are asked for in chunks of at least this many slots (one message, not one per signature). */
const REFILL_MIN = 8;

/**
 * Starts the worker, fills the nonce pool, and checks a signature of each path against the public
 * key.
 * @example
 * const signer = await workerReceiptSigner('did:alliance:gateway-1', 'did:alliance:gateway-1#key-1', sk);
 * // ...
 * await signer.close();
 */
export async function workerReceiptSigner(did: string, kid: string, privateKey: Uint8Array, options: WorkerReceiptSignerOptions = {}): Promise<WorkerReceiptSigner> {
  assertSigningKey(did, kid, privateKey);
  const capacity = options.noncePool ?? 64;
  if (!Number.isSafeInteger(capacity) || capacity < 0 || capacity > 4096) throw new TypeError('options.noncePool: expected an integer in [0, 4096]');
  const d = privateScalar(privateKey);
  const pool = new NoncePool(capacity);
  const signed: Record<NonceSource, number> = { precomputed: 0, rfc6979: 0 };
  /** Slots asked of the worker and not yet arrived. */
  let requested = 0;
  let refillScheduled = false;
  let closed = false;
  let firstNonces: (() => void) | undefined;

  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { noble: import.meta.resolve('@noble/secp256k1'), sk: Uint8Array.from(privateKey) } });
  const waiting = new Map<number, { resolve(s: Uint8Array): void; reject(e: unknown): void }>();
  let nextId = 0;
  let failed: Error | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: Reply) => {
      if (m.ready === true) return resolve();
      if (m.nonces !== undefined) {
        const slots = new Uint8Array(m.nonces);
        requested -= slots.length / NONCE_SLOT_LENGTH;
        if (closed) slots.fill(0);
        else pool.add(slots);
        firstNonces?.();
        return;
      }
      const w = waiting.get(m.id!);
      if (w === undefined) return;
      waiting.delete(m.id!);
      if (waiting.size === 0) worker.unref();
      if (m.sig !== undefined) w.resolve(new Uint8Array(m.sig));
      else w.reject(new Error(`receipt signer: ${m.error ?? 'no signature'}`));
    });
    worker.on('error', (e) => {
      failed = e;
      reject(e);
      for (const w of waiting.values()) w.reject(e);
      waiting.clear();
      pool.clear();
      firstNonces?.();
    });
  });
  await ready;
  worker.unref();

  /** Ask for what the pool lacks, in one message, once the deficit is worth one. */
  const refill = (): void => {
    refillScheduled = false;
    if (closed || failed !== undefined) return;
    const want = capacity - pool.size - requested;
    if (want < Math.min(REFILL_MIN, capacity) || want <= 0) return;
    requested += want;
    worker.postMessage({ refill: want });
  };
  // Off the answer's path: the receipt resolves in this turn's microtasks, the request follows.
  const scheduleRefill = (): void => {
    if (refillScheduled || capacity === 0) return;
    refillScheduled = true;
    setImmediate(refill);
  };
  const signOnWorker = (message: Uint8Array): Promise<Uint8Array> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      if (waiting.size === 0) worker.ref();
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, msg: message });
    });
  const sign = (message: Uint8Array): Promise<Uint8Array> => {
    if (failed !== undefined) return Promise.reject(failed);
    if (closed) return Promise.reject(new Error('receipt signer: closed'));
    const nonce = pool.take();
    if (nonce !== undefined) {
      scheduleRefill();
      try {
        const sig = signWithNonce(message, d, nonce);
        signed.precomputed++;
        return Promise.resolve(sig);
      } catch {
        // s = 0 (~2⁻²⁵⁶): the whole signature on the worker instead.
      }
    }
    scheduleRefill();
    signed.rfc6979++;
    return signOnWorker(message);
  };

  const publicKey = publicKeyOf(privateKey);
  const probe = new Uint8Array([0x63, 0x62]);
  const fail = async (why: string): Promise<never> => {
    await worker.terminate();
    throw new Error(`receipt signer: ${why}`);
  };
  if (!verify(await signOnWorker(probe), probe, publicKey)) await fail('the worker signature does not verify');
  if (capacity > 0) {
    const arrived = new Promise<void>((r) => (firstNonces = r));
    // One more than the pool holds: the probe below spends one.
    requested = capacity + 1;
    worker.ref(); // awaited like a signature: keep the process alive until it arrives
    worker.postMessage({ refill: capacity + 1 });
    await arrived;
    firstNonces = undefined;
    if (waiting.size === 0) worker.unref();
    const nonce = pool.take();
    if (nonce === undefined) return fail(`no precomputed nonce arrived (${failed?.message ?? 'worker stopped'})`);
    if (!verify(signWithNonce(probe, d, nonce), probe, publicKey)) await fail('a signature with a precomputed nonce does not verify');
  }
  return Object.freeze({
    did,
    kid,
    sign,
    stats: (): WorkerSignerStats => ({ capacity, pooled: pool.size, signed: { ...signed } }),
    close: async () => {
      closed = true;
      pool.clear();
      await worker.terminate();
    },
    toJSON: () => ({ did, kid }),
  });
}
