/**
 * The gateway's receipt signer: ECDSA-SHA256 over secp256k1 computed by node:crypto on libuv's
 * thread pool (`crypto.sign` with a callback), so signing a batch root never blocks the event
 * loop (DESIGN.md "Budgets": receipts signed off the event loop). The signature is made low-S
 * (`normalizeS`), as every signature in the project must be; ECDSA nonces come from OpenSSL
 * (not RFC 6979), which changes nothing for a verifier.
 */
import { createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { normalizeS, publicKeyOf, uncompressPublicKey } from '../../crypto/secp256k1.js';
import { signableBytes, type Signable } from '../../crypto/hash.js';
import type { SignatureSuite } from '../../crypto/signature-suite.js';
import { toBase64url } from '../../encoding/bytes.js';
import { assertSigningKey } from '../../identity/signer.js';

/** Signs receipts as `did` with key `kid` of `suite` (src/crypto/signature-suite.ts). */
export interface ReceiptSigner {
  readonly did: string;
  /** Full DID URL of the key, e.g. `did:alliance:gateway-1#key-1`. */
  readonly kid: string;
  readonly suite: SignatureSuite;
  /** Compact 64-byte signature of the suite (secp256k1: low-S over sha256(message)). */
  sign(message: Signable): Promise<Uint8Array>;
}

function keyObjectOf(privateKey: Uint8Array): KeyObject {
  const pub = uncompressPublicKey(publicKeyOf(privateKey));
  return createPrivateKey({
    key: {
      kty: 'EC',
      crv: 'secp256k1',
      d: toBase64url(privateKey),
      x: toBase64url(pub.subarray(1, 33)),
      y: toBase64url(pub.subarray(33, 65)),
    },
    format: 'jwk',
  });
}

/**
 * A `ReceiptSigner` over a raw private key (copied into a KeyObject; the caller may wipe it).
 * @example
 * const signer = nativeReceiptSigner('did:alliance:gateway-1', 'did:alliance:gateway-1#key-1', sk);
 */
export function nativeReceiptSigner(did: string, kid: string, privateKey: Uint8Array): ReceiptSigner {
  assertSigningKey(did, kid, privateKey);
  const key = keyObjectOf(privateKey);
  return Object.freeze({
    did,
    kid,
    suite: 'secp256k1' as const,
    sign: (message: Signable): Promise<Uint8Array> =>
      new Promise((resolve, reject) => {
        nodeSign('sha256', signableBytes(message, 'secp256k1'), { key, dsaEncoding: 'ieee-p1363' }, (err, sig) =>
          err ? reject(err) : resolve(normalizeS(new Uint8Array(sig))),
        );
      }),
    toJSON: () => ({ did, kid }),
  });
}
