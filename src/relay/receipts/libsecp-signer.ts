/**
 * The gateway's default receipt signer: libsecp256k1 (crypto/libsecp256k1.ts), on the event
 * loop. A batch root costs one signature of ~56 µs, less than handing it to a thread and back,
 * and libsecp256k1's signing is constant-time. When the addon does not load the gateway signs
 * with noble's RFC 6979 signer (noble-signer.ts). Deterministic (RFC 6979), low-S.
 */
import { sha256, signableBytes, type Signable } from '../../crypto/hash.js';
import { libsecp256k1, libsecp256k1Error } from '../../crypto/libsecp256k1.js';
import { publicKeyOf } from '../../crypto/secp256k1.js';
import { verify } from '../../crypto/signature-suite.js';
import { assertSigningKey } from '../../identity/signer.js';
import type { ReceiptSigner } from './root-signer.js';

/**
 * A `ReceiptSigner` over a raw private key (copied; the caller may wipe its own), or undefined
 * when the native library is not available (`libsecp256k1Error()` says why).
 * @throws TypeError on a malformed key, DID or kid; Error when a test signature does not verify
 * @example
 * const signer = libsecpReceiptSigner(did, `${did}#key-1`, sk) ?? nobleReceiptSigner(createSigner(did, `${did}#key-1`, sk));
 */
export function libsecpReceiptSigner(did: string, kid: string, privateKey: Uint8Array): ReceiptSigner | undefined {
  assertSigningKey(did, kid, privateKey);
  const lib = libsecp256k1();
  if (lib === undefined) return undefined;
  const sk = privateKey.slice();
  const sign = (message: Uint8Array): Uint8Array => lib.ecdsaSign(sha256(message), sk).signature;
  // A signer whose signatures do not verify fails here, not in a court's hands.
  const probe = Uint8Array.from([0x63, 0x62]);
  if (!verify(sign(probe), probe, publicKeyOf(sk)))
    throw new Error(`libsecp256k1 made a signature that does not verify (${libsecp256k1Error() || 'addon loaded'})`);
  return Object.freeze({
    did,
    kid,
    suite: 'secp256k1' as const,
    sign: (message: Signable): Promise<Uint8Array> => {
      try {
        return Promise.resolve(sign(signableBytes(message, 'secp256k1')));
      } catch (e) {
        return Promise.reject(e);
      }
    },
    toJSON: () => ({ did, kid }),
  });
}
