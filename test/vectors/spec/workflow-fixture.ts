/**
 * What the workflow vectors (mediation, judicial instrument, collab statement) share: the fixed
 * vector keys, the alliance registry a vector file describes (`registry`), and the product's own
 * Authority built from it, so a check asks the real registry rules which key a DID held when.
 */
import { sha256 } from '../../../src/crypto/hash.js';
import { publicKeyOf } from '../../../src/crypto/secp256k1.js';
import { fromHex, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import type { Role } from '../../../src/identity/authority.js';
import type { MemberRecord, RegistryState } from '../../../src/identity/registry.js';
import { createSigner, type Signer } from '../../../src/identity/signer.js';
import { personalIdHash } from '../../../src/privacy/keyed-hash.js';

export interface VectorKey {
  seed: string;
  privateKey: string;
  publicKey: string;
}

/** Private key N = SHA-256(utf8("courtbridge vector key N")). */
export function vectorKey(n: number): VectorKey {
  const seed = `courtbridge vector key ${n}`;
  const sk = sha256(utf8(seed));
  return { seed, privateKey: toHex(sk), publicKey: toHex(publicKeyOf(sk)) };
}

/** One member of the registry a vector file describes: its keys (by vector key name) and roles. */
export interface RegistryMemberJson {
  did: string;
  roles: Role[];
  keys: { kid: string; key: string; validFromMs: number; validUntilMs?: number }[];
  revokedAtMs?: number;
}

export const signerOf = (did: string, kid: string, n: number): Signer =>
  createSigner(did, `${did}${kid}`, sha256(utf8(`courtbridge vector key ${n}`)));

/** The product's registry-backed Authority over the members a vector file lists. */
export function authorityOf(keys: Record<string, { publicKey: string }>, members: RegistryMemberJson[]): AllianceAuthority {
  const records = new Map<string, MemberRecord>();
  for (const m of members) {
    const from = Math.min(...m.keys.map((k) => k.validFromMs));
    records.set(m.did, {
      did: m.did,
      org: m.did.slice('did:alliance:'.length),
      registeredAtMs: from,
      status: m.revokedAtMs === undefined ? 'active' : 'revoked',
      revokedAtMs: m.revokedAtMs,
      keys: m.keys.map((k) => ({
        kid: k.kid,
        publicKey: fromHex(keys[k.key]!.publicKey),
        validFromMs: k.validFromMs,
        validUntilMs: k.validUntilMs,
      })),
      grants: [{ fromMs: from, roles: m.roles, chains: [] }],
    });
  }
  const state: RegistryState = {
    allianceId: 'vector-alliance',
    quorum: 1,
    genesisHash: new Uint8Array(32),
    sequence: 0,
    stateHash: new Uint8Array(32),
    lastEffectiveAtMs: 0,
    members: records,
    chains: new Map(),
    appliedUpdateIds: new Set(),
  };
  return new AllianceAuthority(() => state);
}

/** A party's keyed hash as the product computes it (docs/spec/personal-id.md), under a fixed vector salt. */
export const partyHash = (name: string): Uint8Array => fromHex(personalIdHash(sha256(utf8('courtbridge vector salt')), 'name', name));

/** Stable JSON for a vector file (two-space indent, trailing newline). */
export const vectorJson = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
