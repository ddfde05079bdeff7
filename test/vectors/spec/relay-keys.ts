/**
 * Shared by the relay pages' generators (envelope, receipt, action): the fixed vector keys
 * (private key N = SHA-256(utf8("courtbridge vector key N"))) and a small alliance registry, as
 * JSON, that a vector file carries so its check can build the registry state the verifier reads.
 */
import { sha256 } from '../../../src/crypto/hash.js';
import { publicKeyOf } from '../../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';

export const seedOf = (n: number | string): string => `courtbridge vector key ${n}`;
export const privateKeyOf = (n: number | string): Uint8Array => sha256(utf8(seedOf(n)));

/** The `keys` object of a vector file, for key names `names`. */
export function keysJson(names: (number | string)[]): Record<string, { seed: string; privateKey: string; publicKey: string }> {
  const out: Record<string, { seed: string; privateKey: string; publicKey: string }> = {};
  for (const n of names) {
    const sk = privateKeyOf(n);
    out[String(n)] = { seed: seedOf(n), privateKey: toHex(sk), publicKey: toHex(publicKeyOf(sk)) };
  }
  return out;
}

/** One member of the registry a verifier is given: its keys by fragment, its roles and chains. */
export interface MemberJson {
  did: string;
  roles: string[];
  chains: string[];
  /** Keys: fragment (`#key-1`), the vector key's name, valid from/until (unix ms). */
  keys: { kid: string; key: string; validFromMs: number; validUntilMs?: number }[];
  /** Every key of a revoked member is invalid at and after this time. */
  revokedAtMs?: number;
}

export interface RegistryJson {
  allianceId: string;
  quorum: number;
  members: MemberJson[];
}
