/**
 * The receipt signer when libsecp256k1 does not load or does not apply (libsecp-signer.ts): the
 * gateway's own Signer on the event loop: noble's RFC 6979 ECDSA (deterministic, low-S) for a
 * secp256k1 key, SM2 for an SM2 key.
 */
import type { Signable } from '../../crypto/hash.js';
import type { Signer } from '../../identity/signer.js';
import type { ReceiptSigner } from './root-signer.js';

/** `signer` as a ReceiptSigner. */
export function nobleReceiptSigner(signer: Signer): ReceiptSigner {
  return Object.freeze({
    did: signer.did,
    kid: signer.kid,
    suite: signer.suite,
    sign: (message: Signable): Promise<Uint8Array> => {
      try {
        return Promise.resolve(signer.sign(message));
      } catch (e) {
        return Promise.reject(e);
      }
    },
    toJSON: () => ({ did: signer.did, kid: signer.kid }),
  });
}
