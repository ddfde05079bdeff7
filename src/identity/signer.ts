/**
 * The in-memory signer everyone uses: a DID, the key id it signs with, and `sign(bytes)`
 * (ECDSA-SHA256 over secp256k1, RFC 6979, low-S, compact 64 bytes; the bytes are hashed once,
 * as ES256K does). The private key lives in a closure, never on the object: `toJSON` and
 * `util.inspect` show only the DID and kid, so a signer logged by mistake leaks nothing.
 */
import { sign as secpSign, publicKeyOf } from '../crypto/secp256k1.js';
import { assertBytes } from '../encoding/bytes.js';

export interface Signer {
  readonly did: string;
  /** Full DID URL of the key, e.g. `did:alliance:court-a#key-2`. */
  readonly kid: string;
  /** Compressed (33-byte) public key matching the private key. */
  readonly publicKey: Uint8Array;
  /** Compact low-S signature over sha256(bytes). Callers domain-separate with `signingInput`. */
  sign(bytes: Uint8Array): Uint8Array;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Check what every signer is made of: a 32-byte key, a DID, and a key id that is a DID URL of it.
 * @throws TypeError naming the argument
 */
export function assertSigningKey(did: string, kid: string, privateKey: Uint8Array): void {
  assertBytes(privateKey, 32, 'privateKey');
  if (typeof did !== 'string' || !did.startsWith('did:')) throw new TypeError('did: expected a DID');
  if (typeof kid !== 'string' || !kid.startsWith(`${did}#`)) throw new TypeError('kid: expected a DID URL of did');
}

/** Wrap a private key as a Signer. The key is copied so the caller may wipe its buffer. */
export function createSigner(did: string, kid: string, privateKey: Uint8Array): Signer {
  assertSigningKey(did, kid, privateKey);
  const sk = Uint8Array.from(privateKey);
  const publicKey = publicKeyOf(sk);
  const redacted = (): { did: string; kid: string } => ({ did, kid });
  const signer = {
    did,
    kid,
    publicKey,
    sign: (bytes: Uint8Array): Uint8Array => secpSign(bytes, sk),
    toJSON: redacted,
    toString: () => `Signer(${kid})`,
    [INSPECT]: () => `Signer { did: '${did}', kid: '${kid}' }`,
  };
  return Object.freeze(signer);
}
