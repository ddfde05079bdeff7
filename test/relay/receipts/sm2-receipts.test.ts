/**
 * Receipts of a gateway whose key is SM2: the batch tree is SM3 (as its digests), the root is
 * SM2-signed over the SM3-framed input; a JWT receipt says SM2SM3. A SHA-256 tree or a secp256k1
 * framing of the same answers does not pass for them.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../src/crypto/hash.js';
import { verify } from '../../../src/crypto/signature-suite.js';
import { fromBase64url, fromUtf8, utf8 } from '../../../src/encoding/bytes.js';
import { createSigner } from '../../../src/identity/signer.js';
import { leafHash, leafHashIn, verifyAuditPath } from '../../../src/proof/binary-merkle.js';
import { BatchReceipts } from '../../../src/relay/receipts/batch-receipts.js';
import { JwtReceipts } from '../../../src/relay/receipts/jwt-receipts.js';
import { nobleReceiptSigner } from '../../../src/relay/receipts/noble-signer.js';
import { batchRootSigningInput } from '../../../src/verify/receipt-layout.js';

const gw = createSigner('did:alliance:gw', 'did:alliance:gw#key-1', sha256(utf8('courtbridge vector key 901')), 'sm2');
const signer = nobleReceiptSigner(gw);
const digest = (i: number): Uint8Array => sha256(utf8(`answer ${i}`));

describe('an SM2 gateway signs its receipts with SM2 over SM3', () => {
  it('batch: SM3 tree, SM2 root signature; the SHA-256 tree of the same digests is not it', async () => {
    const b = new BatchReceipts({ signer, now: () => 5_000, holdMs: 1_000 });
    const releases = [b.begin(), b.begin()];
    const p = [b.issue(digest(0)), b.issue(digest(1))];
    for (const r of releases) r();
    const rs = await Promise.all(p);
    for (const [i, r] of rs.entries()) {
      expect(() => verifyAuditPath(leafHashIn('sm3', digest(i)), r.leafIndex, r.leafCount, r.path, r.batchRoot, 'sm3')).not.toThrow();
      expect(() => verifyAuditPath(leafHash(digest(i)), r.leafIndex, r.leafCount, r.path, r.batchRoot)).toThrow();
      const input = batchRootSigningInput(r.batchRoot, r.leafCount, r.signedAtMs);
      expect(verify(r.rootSignature, input, gw.publicKey)).toBe(true);
      expect(verify(r.rootSignature, input.bytes('secp256k1'), gw.publicKey)).toBe(false);
    }
    await b.close();
  });

  it('JWT receipt: alg SM2SM3, signed by the SM2 key', async () => {
    const token = await new JwtReceipts({ signer, now: () => 1_700_000_000_000 }).issue(digest(7), 'did:alliance:court', 'req-1');
    const [h, p, s] = token.split('.') as [string, string, string];
    expect(JSON.parse(fromUtf8(fromBase64url(h))).alg).toBe('SM2SM3');
    expect(verify(fromBase64url(s), utf8(`${h}.${p}`), gw.publicKey)).toBe(true);
  });
});
