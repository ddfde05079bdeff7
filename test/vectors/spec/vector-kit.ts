/**
 * What the spec vector generators and checks share: the fixed vector keys (private key N =
 * SHA-256(utf8("courtbridge vector key N"))) and their `keys` JSON, signers under them, the
 * alliance registry a vector file describes (`registry`) with the product's own Authority built
 * from it, the layout form of values several pages print, and writing a vector file.
 */
import { writeFileSync } from 'node:fs';
import { sha256 } from '../../../src/crypto/hash.js';
import { publicKeyOf } from '../../../src/crypto/secp256k1.js';
import { fromHex, toHex, utf8 } from '../../../src/encoding/bytes.js';
import type { Header } from '../../../src/chain/header.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import type { Role } from '../../../src/identity/authority.js';
import type { ChainEntry } from '../../../src/identity/chain-entry.js';
import type { MemberRecord, RegistryState } from '../../../src/identity/registry.js';
import { createSigner, type Signer } from '../../../src/identity/signer.js';
import { personalIdHash } from '../../../src/privacy/keyed-hash.js';

// ---- the vector keys ----------------------------------------------------------------------------

export const seedOf = (n: number | string): string => `courtbridge vector key ${n}`;
/** Private key N = SHA-256(utf8("courtbridge vector key N")). */
export const privateKeyOf = (n: number | string): Uint8Array => sha256(utf8(seedOf(n)));
/** The secp256k1 public key (compressed) of vector key N. */
export const publicKeyOfKey = (n: number | string): Uint8Array => publicKeyOf(privateKeyOf(n));

/** One entry of a vector file's `keys` object. */
export interface VectorKey {
  seed: string;
  privateKey: string;
  publicKey: string;
}

/** Vector key N as a vector file lists it. */
export function vectorKey(n: number | string): VectorKey {
  const sk = privateKeyOf(n);
  return { seed: seedOf(n), privateKey: toHex(sk), publicKey: toHex(publicKeyOf(sk)) };
}

/** The `keys` object of a vector file, for key names `names` (in that order). */
export function keysJson(names: readonly (number | string)[]): Record<string, VectorKey> {
  const out: Record<string, VectorKey> = {};
  for (const n of names) out[String(n)] = vectorKey(n);
  return out;
}

/** A signer for `did` whose key `${did}${kid}` is vector key N. */
export const signerOf = (did: string, kid: string, n: number | string): Signer => createSigner(did, `${did}${kid}`, privateKeyOf(n));

// ---- the registry a vector file describes -------------------------------------------------------

/** One member of the relay pages' registry: its keys by fragment, its roles and chains. */
export interface MemberJson {
  did: string;
  roles: string[];
  chains: string[];
  /** Keys: fragment (`#key-1`), the vector key's name, valid from/until (unix ms). */
  keys: { kid: string; key: string; validFromMs: number; validUntilMs?: number }[];
  /** Every key of a revoked member is invalid at and after this time. */
  revokedAtMs?: number;
}

/** The relay pages' (envelope, receipt, action) alliance registry. */
export interface RegistryJson {
  allianceId: string;
  quorum: number;
  members: MemberJson[];
}

/** One member of the workflow pages' registry: its keys (by vector key name) and roles. */
export interface RegistryMemberJson {
  did: string;
  roles: Role[];
  keys: { kid: string; key: string; validFromMs: number; validUntilMs?: number }[];
  revokedAtMs?: number;
}

/** A registry state at sequence 0 (zero genesis and state hashes, no chains) holding `members`. */
export const registryStateOfMembers = (allianceId: string, quorum: number, members: Map<string, MemberRecord>): RegistryState => ({
  allianceId,
  quorum,
  genesisHash: new Uint8Array(32),
  sequence: 0,
  stateHash: new Uint8Array(32),
  lastEffectiveAtMs: 0,
  members,
  chains: new Map(),
  appliedUpdateIds: new Set(),
});

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
  const state = registryStateOfMembers('vector-alliance', 1, records);
  return new AllianceAuthority(() => state);
}

/** A party's keyed hash as the product computes it (docs/spec/personal-id.md), under a fixed vector salt. */
export const partyHash = (name: string): Uint8Array => fromHex(personalIdHash(sha256(utf8('courtbridge vector salt')), 'name', name));

// ---- layout forms (hashes in hex) ---------------------------------------------------------------

/** A header as docs/spec/header.md names its fields. */
export const headerFields = (h: Header) => ({
  chainId: h.chainId,
  height: h.height,
  timeMs: h.timeMs,
  prevHash: toHex(h.prevHash),
  stateRoot: toHex(h.stateRoot),
  txRoot: toHex(h.txRoot),
  validatorsHash: toHex(h.validatorsHash),
  nextValidatorsHash: toHex(h.nextValidatorsHash),
  proposer: h.proposer,
});

/**
 * A registry entry as its layout names the fields: hashes in hex, an entry without attestations as
 * threshold 0 and no attesters, no schema as null; `evmContract` only when the entry has one.
 */
export function chainEntryFields(e: ChainEntry): Record<string, unknown> {
  return {
    chainId: e.chainId,
    kind: e.kind,
    displayName: e.displayName,
    hashSuite: e.hashSuite,
    signatureSuite: e.signatureSuite,
    anchor: { height: e.anchor.height, headerHash: toHex(e.anchor.headerHash), validatorsHash: toHex(e.anchor.validatorsHash) },
    servers: [...e.servers],
    attestation: { threshold: e.attestation?.threshold ?? 0, attesters: [...(e.attestation?.attesters ?? [])] },
    ...(e.evmContract === undefined ? {} : { evmContract: toHex(e.evmContract) }),
    schema: e.schema === undefined ? null : structuredClone(e.schema),
  };
}

// ---- writing a vector file ----------------------------------------------------------------------

/** Stable JSON for a vector file (two-space indent, trailing newline). */
export const vectorJson = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** Writes test/vectors/spec/`name`.json. */
export const writeVector = (name: string, v: unknown): void => {
  writeFileSync(new URL(`./${name}.json`, import.meta.url), vectorJson(v));
};
