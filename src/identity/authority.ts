/**
 * The question every receiver asks before it trusts a signature: which key did this DID hold at
 * that time, and may it act in this role (for this chain)? Answered from the alliance registry's
 * state in memory: pure, no I/O, time passed in (DESIGN.md "Identity").
 */
export const Roles = ['admin', 'court', 'gateway', 'adapter', 'validator', 'agency', 'procuratorate', 'police', 'justice'] as const;
export type Role = (typeof Roles)[number];

/**
 * The political-legal organs that collaborate with the courts (政法协同: the opinions on blockchain in
 * the judicial field, art. 19): procuratorates, public security, justice administration. Chain-scoped
 * (src/identity/registry.ts CHAIN_SCOPED_ROLES): a grant names the chains an organ may act for.
 */
export const ORGAN_ROLES = ['procuratorate', 'police', 'justice'] as const satisfies readonly Role[];
export type OrganRole = (typeof ORGAN_ROLES)[number];

export type MemberStatus = 'active' | 'revoked';

export type AuthorityRejection =
  | 'unknown_did'
  | 'unknown_key'
  | 'revoked'
  | 'key_not_valid_at_time'
  | 'out_of_role'
  | 'chain_not_allowed'
  | 'resolver_failed';

export type KeyVerdict =
  | { ok: true; did: string; kid: string; publicKey: Uint8Array }
  | { ok: false; reason: AuthorityRejection; message: string };

export type RoleVerdict = { ok: true } | { ok: false; reason: AuthorityRejection; message: string };

export interface Authority {
  /**
   * The compressed secp256k1 key `kid` (e.g. `did:alliance:court-a#key-2`, or the fragment
   * `#key-2`) of `did` that was valid at `atMs`. A revoked DID yields `revoked` for any time at
   * or after its revocation. `did:key` DIDs resolve to their embedded key at any time.
   */
  keyAt(did: string, kid: string, atMs: number): KeyVerdict;
  /** May `did` act as `role` (for `chain`, when the role is chain-scoped) at `atMs`? */
  mayAct(did: string, role: Role, chain: string | undefined, atMs: number): RoleVerdict;
}
