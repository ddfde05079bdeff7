/**
 * The libsecp256k1 receipt signer makes the same deterministic low-S signatures as noble's
 * RFC 6979 signer (crypto/secp256k1.ts `sign`), which both verifiers accept and which fail for
 * another message or key; it refuses malformed keys and names; batch receipts signed with it verify.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../src/crypto/hash.js';
import { libsecp256k1 } from '../../../src/crypto/libsecp256k1.js';
import { checkSignatureShape, publicKeyOf, sign as nobleSign, verify, verifyReference } from '../../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { leafHash, verifyAuditPath } from '../../../src/proof/binary-merkle.js';
import { batchRootSigningInput } from '../../../src/verify/receipt-layout.js';
import { BatchReceipts } from '../../../src/relay/receipts/batch-receipts.js';
import { libsecpReceiptSigner } from '../../../src/relay/receipts/libsecp-signer.js';

const SK = sha256(utf8('courtbridge vector key 901'));
const OTHER = sha256(utf8('courtbridge vector key 902'));
const PK = publicKeyOf(SK);

describe('libsecpReceiptSigner', () => {
  it('loads on this platform (CI would otherwise fall back to the slower worker signer unnoticed)', () => {
    expect(libsecp256k1()).toBeDefined();
  });

  it('signs exactly as noble does (RFC 6979, low-S); verifiers accept; malleated inputs are rejected', async () => {
    const signer = libsecpReceiptSigner('did:alliance:gw', 'did:alliance:gw#key-1', SK)!;
    for (let i = 0; i < 64; i++) {
      const msg = utf8(`courtbridge/v1/receipt-batch root ${i}`);
      const sig = await signer.sign(msg);
      expect(toHex(sig)).toBe(toHex(nobleSign(msg, SK)));
      expect(checkSignatureShape(sig)).toBe('ok');
      expect(verify(sig, msg, PK)).toBe(true);
      expect(verifyReference(sig, msg, PK)).toBe(true);
      expect(verify(sig, utf8(`courtbridge/v1/receipt-batch root ${i + 1}`), PK)).toBe(false);
      expect(verify(sig, msg, publicKeyOf(OTHER))).toBe(false);
    }
    expect(JSON.stringify(signer)).toBe('{"did":"did:alliance:gw","kid":"did:alliance:gw#key-1"}');
  });

  it('keeps its own copy of the key', async () => {
    const sk = SK.slice();
    const signer = libsecpReceiptSigner('did:alliance:gw', 'did:alliance:gw#key-1', sk)!;
    sk.fill(0);
    expect(verify(await signer.sign(utf8('m')), utf8('m'), PK)).toBe(true);
  });

  it('refuses a malformed key, DID or kid', () => {
    expect(() => libsecpReceiptSigner('did:alliance:gw', 'did:alliance:gw#key-1', new Uint8Array(31))).toThrow(/privateKey/);
    expect(() => libsecpReceiptSigner('gw', 'gw#key-1', SK)).toThrow(/did/);
    expect(() => libsecpReceiptSigner('did:alliance:gw', 'did:alliance:other#key-1', SK)).toThrow(/kid/);
  });

  it('signs batch roots whose receipts verify, and fail under another gateway key', async () => {
    const signer = libsecpReceiptSigner('did:alliance:gw', 'did:alliance:gw#key-1', SK)!;
    const batches = new BatchReceipts({ signer, now: () => 1_795_000_000_000 });
    const digests = Array.from({ length: 5 }, (_, i) => sha256(utf8(`answer ${i}`)));
    const receipts = await Promise.all(digests.map((d) => batches.issue(d)));
    for (const [i, r] of receipts.entries()) {
      expect(() => verifyAuditPath(leafHash(digests[i]!), r.leafIndex, r.leafCount, r.path, r.batchRoot)).not.toThrow();
      const signed = batchRootSigningInput(r.batchRoot, r.leafCount, r.signedAtMs);
      expect(verify(r.rootSignature, signed, PK)).toBe(true);
      expect(verify(r.rootSignature, signed, publicKeyOf(OTHER))).toBe(false);
    }
    await batches.close();
  });
});
