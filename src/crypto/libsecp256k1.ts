/**
 * libsecp256k1 (Bitcoin Core's C library) through the `secp256k1` package's native addon, when
 * it loads. Measured here: it signs in ~56 µs of CPU, against ~260 µs for noble and ~450 µs
 * for OpenSSL through node:crypto (README "Stack"), so the gateway's receipt signature fits on
 * the event loop. Signatures are RFC 6979 and low-S: byte-identical to noble's deterministic ones.
 *
 * Only the addon is loaded (`secp256k1/bindings`), never the package's pure-JS fallback (elliptic):
 * when the addon is missing, `libsecp256k1()` says so and callers use noble instead.
 */
import { createRequire } from 'node:module';

/** The part of the addon's API the project uses. */
export interface Libsecp256k1 {
  /** Compact 64-byte low-S signature over a 32-byte digest, RFC 6979 nonce. */
  ecdsaSign(digest: Uint8Array, privateKey: Uint8Array): { signature: Uint8Array; recid: number };
  ecdsaVerify(signature: Uint8Array, digest: Uint8Array, publicKey: Uint8Array): boolean;
  publicKeyCreate(privateKey: Uint8Array, compressed?: boolean): Uint8Array;
}

let loaded: { lib: Libsecp256k1 | undefined; error: string } | undefined;

/** The native library, or undefined with `libsecp256k1Error()` saying why (loaded once, on first call). */
export function libsecp256k1(): Libsecp256k1 | undefined {
  if (loaded === undefined) {
    try {
      loaded = { lib: createRequire(import.meta.url)('secp256k1/bindings') as Libsecp256k1, error: '' };
    } catch (e) {
      loaded = { lib: undefined, error: (e as Error).message };
    }
  }
  return loaded.lib;
}

/** Why the native library did not load ('' when it did or was not tried). */
export function libsecp256k1Error(): string {
  return loaded?.error ?? '';
}
