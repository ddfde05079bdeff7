/**
 * The receipt signer when libsecp256k1 does not load (libsecp-signer.ts): the gateway's own
 * Signer, noble's standard RFC 6979 ECDSA (deterministic, low-S), on the event loop.
 */
import type { Signer } from '../../identity/signer.js';
import type { ReceiptSigner } from './root-signer.js';

/** `signer` as a ReceiptSigner. */
export function nobleReceiptSigner(signer: Signer): ReceiptSigner {
  return Object.freeze({
    did: signer.did,
    kid: signer.kid,
    sign: (message: Uint8Array): Promise<Uint8Array> => {
      try {
        return Promise.resolve(signer.sign(message));
      } catch (e) {
        return Promise.reject(e);
      }
    },
    toJSON: () => ({ did: signer.did, kid: signer.kid }),
  });
}
