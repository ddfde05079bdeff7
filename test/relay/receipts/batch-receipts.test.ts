/**
 * Load-aware group commit (batch-receipts.ts): a lone answer is signed at once; answers in
 * flight (`begin` tickets) hold the batch open until they arrive or `holdMs` passes; every
 * receipt's path leads to a root whose real signature verifies.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../src/crypto/hash.js';
import { publicKeyOf, verify } from '../../../src/crypto/secp256k1.js';
import { utf8 } from '../../../src/encoding/bytes.js';
import { leafHash, verifyAuditPath } from '../../../src/proof/binary-merkle.js';
import { batchRootSigningInput } from '../../../src/verify/receipt-layout.js';
import { BatchReceipts } from '../../../src/relay/receipts/batch-receipts.js';
import { nativeReceiptSigner } from '../../../src/relay/receipts/root-signer.js';

const SK = sha256(utf8('courtbridge vector key 900'));
const signer = nativeReceiptSigner('did:alliance:gw', 'did:alliance:gw#key-1', SK);
const digest = (i: number): Uint8Array => sha256(utf8(`answer ${i}`));

describe('BatchReceipts load-aware close', () => {
  it('signs a lone answer at once (no ticket in flight)', async () => {
    const b = new BatchReceipts({ signer, now: () => 1_000, holdMs: 1_000 });
    const t0 = performance.now();
    const r = await b.issue(digest(0));
    expect(performance.now() - t0).toBeLessThan(500);
    expect(r.leafCount).toBe(1);
    await b.close();
  });

  it('holds the batch for answers in flight, then signs them in one root that verifies', async () => {
    const b = new BatchReceipts({ signer, now: () => 2_000, holdMs: 1_000 });
    const releases = [b.begin(), b.begin(), b.begin()];
    const first = b.issue(digest(0));
    releases[0]!();
    // Two tickets are still out: the batch stays open (`first` is unsettled once the event loop has turned).
    expect(await Promise.race([first.then(() => 'signed'), new Promise((r) => setImmediate(() => r('open')))])).toBe('open');
    const second = b.issue(digest(1));
    releases[1]!();
    const third = b.issue(digest(2));
    releases[2]!();
    const rs = await Promise.all([first, second, third]);
    expect(rs.map((r) => r.leafCount)).toEqual([3, 3, 3]);
    for (const [i, r] of rs.entries()) {
      expect(() => verifyAuditPath(leafHash(digest(i)), r.leafIndex, r.leafCount, r.path, r.batchRoot)).not.toThrow();
      expect(verify(r.rootSignature, batchRootSigningInput(r.batchRoot, r.leafCount, r.signedAtMs), publicKeyOf(SK))).toBe(true);
    }
    await b.close();
  });

  it('closes after holdMs when an answer in flight never arrives', async () => {
    const b = new BatchReceipts({ signer, now: () => 3_000, holdMs: 30 });
    const never = b.begin();
    const t0 = performance.now();
    const r = await b.issue(digest(0));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
    expect(r.leafCount).toBe(1);
    never();
    await b.close();
  });

  it('a tampered path or root does not verify (rejected)', async () => {
    const b = new BatchReceipts({ signer, now: () => 4_000, holdMs: 0 });
    const r = await b.issue(digest(0));
    const badRoot = Uint8Array.from(r.batchRoot);
    badRoot[0]! ^= 1;
    expect(verify(r.rootSignature, batchRootSigningInput(badRoot, r.leafCount, r.signedAtMs), publicKeyOf(SK))).toBe(false);
    await b.close();
  });
});
