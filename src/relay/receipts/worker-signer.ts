/**
 * A receipt signer on its own worker thread, using noble's secp256k1 (RFC 6979 nonces, low-S,
 * the same `sign` as src/crypto/secp256k1.ts). Why not node:crypto on libuv's pool
 * (root-signer.ts `nativeReceiptSigner`)? Measured here: OpenSSL 3 signs secp256k1 in about
 * 450 µs of CPU, noble in about 260 µs; on a 2-core gateway the CPU a signature takes is CPU the
 * answers do not get, and in sequential calls the signature is on the answer's path
 * (DESIGN.md "Budgets": receipts signed off the event loop). The worker keeps the event loop
 * free as the pool did.
 *
 * The worker keeps the process alive only while a signature is awaited; `close` ends it.
 */
import { Worker } from 'node:worker_threads';
import { publicKeyOf, verify } from '../../crypto/secp256k1.js';
import { assertBytes } from '../../encoding/bytes.js';
import type { ReceiptSigner } from './root-signer.js';

/** Worker body (CommonJS, evaluated): configures noble's hashes with node:crypto and signs. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash, createHmac } = require('node:crypto');
const sha256 = (m) => new Uint8Array(createHash('sha256').update(m).digest());
const hmac = (k, m) => new Uint8Array(createHmac('sha256', k).update(m).digest());
import(workerData.noble).then((secp) => {
  secp.hashes.sha256 = sha256;
  secp.hashes.hmacSha256 = hmac;
  const sk = workerData.sk;
  parentPort.on('message', (m) => {
    try {
      parentPort.postMessage({ id: m.id, sig: secp.sign(m.msg, sk, { prehash: true, lowS: true }) });
    } catch (e) {
      parentPort.postMessage({ id: m.id, error: String(e && e.message || e) });
    }
  });
  parentPort.postMessage({ ready: true });
});
`;

/** A `ReceiptSigner` whose signatures are made on a worker thread; `close` stops the worker. */
export interface WorkerReceiptSigner extends ReceiptSigner {
  close(): Promise<void>;
}

interface Reply {
  id?: number;
  sig?: Uint8Array;
  error?: string;
  ready?: boolean;
}

/**
 * Starts the worker and checks its first signature against the public key (a worker that signs
 * wrong must fail at start, not in a court's hands).
 * @example
 * const signer = await workerReceiptSigner('did:alliance:gateway-1', 'did:alliance:gateway-1#key-1', sk);
 * // ...
 * await signer.close();
 */
export async function workerReceiptSigner(did: string, kid: string, privateKey: Uint8Array): Promise<WorkerReceiptSigner> {
  assertBytes(privateKey, 32, 'privateKey');
  if (typeof did !== 'string' || !did.startsWith('did:')) throw new TypeError('did: expected a DID');
  if (typeof kid !== 'string' || !kid.startsWith(`${did}#`)) throw new TypeError('kid: expected a DID URL of did');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { noble: import.meta.resolve('@noble/secp256k1'), sk: Uint8Array.from(privateKey) } });
  const waiting = new Map<number, { resolve(s: Uint8Array): void; reject(e: unknown): void }>();
  let nextId = 0;
  let failed: Error | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: Reply) => {
      if (m.ready === true) return resolve();
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
    });
  });
  await ready;
  worker.unref();
  const sign = (message: Uint8Array): Promise<Uint8Array> =>
    failed !== undefined
      ? Promise.reject(failed)
      : new Promise((resolve, reject) => {
          const id = nextId++;
          if (waiting.size === 0) worker.ref();
          waiting.set(id, { resolve, reject });
          worker.postMessage({ id, msg: message });
        });
  const probe = new Uint8Array([0x63, 0x62]);
  if (!verify(await sign(probe), probe, publicKeyOf(privateKey))) {
    await worker.terminate();
    throw new Error('receipt signer: the worker signature does not verify');
  }
  return Object.freeze({
    did,
    kid,
    sign,
    close: async () => {
      await worker.terminate();
    },
    toJSON: () => ({ did, kid }),
  });
}
