/**
 * The in-memory signer everyone uses: a DID, the key id it signs with, its suite and
 * `sign(bytes)` (src/crypto/signature-suite.ts: secp256k1 ECDSA-SHA256 RFC 6979 low-S, or SM2
 * with SM3 and Z_A; compact 64 bytes either way). The private key lives in a closure, never on the object: `toJSON` and
 * `util.inspect` show only the DID and kid, so a signer logged by mistake leaks nothing.
 */
import type { Signable } from '../crypto/hash.js';
import { publicKeyFor, signWith, type SignatureSuite } from '../crypto/signature-suite.js';
import { assertBytes } from '../encoding/bytes.js';

export interface Signer {
  readonly did: string;
  /** Full DID URL of the key, e.g. `did:alliance:court-a#key-2`. */
  readonly kid: string;
  /** The suite of the key: what a verifier must check its signatures with. */
  readonly suite: SignatureSuite;
  /** The key's bytes (33 for secp256k1, 35 for SM2: src/crypto/signature-suite.ts). */
  readonly publicKey: Uint8Array;
  /** Compact signature of the suite. Callers domain-separate with `signingInput`. */
  sign(bytes: Signable): Uint8Array;
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
export function createSigner(did: string, kid: string, privateKey: Uint8Array, suite: SignatureSuite = 'secp256k1'): Signer {
  assertSigningKey(did, kid, privateKey);
  const sk = Uint8Array.from(privateKey);
  const publicKey = publicKeyFor(suite, sk);
  const redacted = (): { did: string; kid: string } => ({ did, kid });
  const signer = {
    did,
    kid,
    suite,
    publicKey,
    sign: (bytes: Signable): Uint8Array => signWith(suite, bytes, sk),
    toJSON: redacted,
    toString: () => `Signer(${kid})`,
    [INSPECT]: () => `Signer { did: '${did}', kid: '${kid}' }`,
  };
  return Object.freeze(signer);
}
