/**
 * The worker receipt signer makes real low-S secp256k1 signatures over sha256(message) that the
 * project's verifiers accept and that fail for another message or key; with precomputed nonces
 * (crypto/ecdsa-precomputed.ts) no two signatures share an r, the pool refills, and when it is
 * empty (or off) the worker's RFC 6979 signer answers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../crypto/hash.js';
import { checkSignatureShape, publicKeyOf, sign as rfc6979Sign, verify, verifyReference } from '../../crypto/secp256k1.js';
import { equalBytes, toHex, utf8 } from '../../encoding/bytes.js';
import { workerReceiptSigner, type WorkerReceiptSigner } from './worker-signer.js';

const SK = sha256(utf8('courtbridge vector key 901'));
const OTHER = sha256(utf8('courtbridge vector key 902'));
const PK = publicKeyOf(SK);
const signers: WorkerReceiptSigner[] = [];
afterAll(async () => Promise.all(signers.map((s) => s.close())));
const start = async (noncePool?: number): Promise<WorkerReceiptSigner> => {
  const s = await workerReceiptSigner('did:alliance:gw', 'did:alliance:gw#key-1', SK, noncePool === undefined ? {} : { noncePool });
  signers.push(s);
  return s;
};
const until = async (cond: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
};

describe('workerReceiptSigner', () => {
  it('native and reference verifiers accept; malleated inputs are rejected', async () => {
    const signer = await start();
    const msg = utf8('courtbridge/v1/receipt-batch root');
    const sigs = await Promise.all([signer.sign(msg), signer.sign(msg), signer.sign(utf8('other'))]);
    expect(checkSignatureShape(sigs[0]!)).toBe('ok');
    expect(verify(sigs[0]!, msg, PK)).toBe(true);
    expect(verifyReference(sigs[1]!, msg, PK)).toBe(true);
    // Two signatures of one message differ: random precomputed nonces, not RFC 6979.
    expect(equalBytes(sigs[0]!, sigs[1]!)).toBe(false);
    const cases: { name: string; malleate: () => boolean }[] = [
      { name: 'another message', malleate: () => verify(sigs[0]!, utf8('courtbridge/v1/receipt-batch rooT'), PK) },
      { name: 'another key', malleate: () => verify(sigs[0]!, msg, publicKeyOf(OTHER)) },
      { name: 'signature of another message', malleate: () => verify(sigs[2]!, msg, PK) },
      { name: 'flipped bit in r', malleate: () => verify(Uint8Array.from(sigs[0]!, (b, i) => (i === 5 ? b ^ 1 : b)), msg, PK) },
      { name: 'flipped bit in s', malleate: () => verifyReference(Uint8Array.from(sigs[0]!, (b, i) => (i === 40 ? b ^ 1 : b)), msg, PK) },
    ];
    for (const c of cases) expect(c.malleate(), c.name).toBe(false);
  });

  it('3,000 signatures in bursts and alone: all verify, no two share r, both nonce sources used', async () => {
    const signer = await start(64);
    const rs = new Set<string>();
    let n = 0;
    const check = (sig: Uint8Array, msg: Uint8Array): void => {
      n++;
      expect(verify(sig, msg, PK)).toBe(true);
      if (n % 10 === 0) expect(verifyReference(sig, msg, PK)).toBe(true);
      rs.add(toHex(sig.subarray(0, 32)));
    };
    // Bursts of 100 drain the pool of 64 (the rest go to the worker), then lone signatures.
    for (let round = 0; round < 20; round++) {
      const msgs = Array.from({ length: 100 }, (_, i) => utf8(`receipt ${round}/${i}`));
      const sigs = await Promise.all(msgs.map((m) => signer.sign(m)));
      sigs.forEach((s, i) => check(s, msgs[i]!));
      const lone = utf8(`lone ${round}`);
      check(await signer.sign(lone), lone);
    }
    for (let i = 0; n < 3000; i++) {
      const m = utf8(`sequential ${i}`);
      check(await signer.sign(m), m);
    }
    expect(rs.size).toBe(n);
    const { signed } = signer.stats();
    expect(signed.precomputed).toBeGreaterThan(1000);
    expect(signed.rfc6979).toBeGreaterThan(0);
    expect(signed.precomputed + signed.rfc6979).toBe(3000);
  });

  it('refills the pool after it is drained', async () => {
    const signer = await start(32);
    await until(() => signer.stats().pooled === 32);
    const msgs = Array.from({ length: 40 }, (_, i) => utf8(`drain ${i}`));
    const sigs = await Promise.all(msgs.map((m) => signer.sign(m)));
    sigs.forEach((s, i) => expect(verify(s, msgs[i]!, PK)).toBe(true));
    expect(signer.stats().signed).toEqual({ precomputed: 32, rfc6979: 8 });
    await until(() => signer.stats().pooled === 32);
    const again = utf8('after refill');
    expect(verify(await signer.sign(again), again, PK)).toBe(true);
    expect(signer.stats().signed.precomputed).toBe(33);
  });

  it('falls back to the worker RFC 6979 signer when the pool is off (noncePool 0)', async () => {
    const signer = await start(0);
    const msg = utf8('fallback');
    const sig = await signer.sign(msg);
    // Deterministic: exactly the project's `sign` (RFC 6979), so this came from the fallback.
    expect(equalBytes(sig, rfc6979Sign(msg, SK))).toBe(true);
    expect(verify(sig, msg, PK)).toBe(true);
    expect(verify(sig, utf8('fallbacK'), PK)).toBe(false);
    expect(signer.stats()).toEqual({ capacity: 0, pooled: 0, signed: { precomputed: 0, rfc6979: 1 } });
  });

  it('refuses to sign after close', async () => {
    const signer = await start(8);
    await signer.close();
    await expect(signer.sign(utf8('late'))).rejects.toThrow(/closed/);
    expect(signer.stats().pooled).toBe(0);
  });

  it('checks its arguments where they enter', async () => {
    await expect(workerReceiptSigner('did:alliance:gw', 'did:alliance:gw#key-1', new Uint8Array(31))).rejects.toThrow(/privateKey/);
    await expect(workerReceiptSigner('did:alliance:gw', 'did:alliance:other#key-1', SK)).rejects.toThrow(/kid/);
    await expect(workerReceiptSigner('did:alliance:gw', 'did:alliance:gw#key-1', SK, { noncePool: -1 })).rejects.toThrow(/noncePool/);
  });
});
