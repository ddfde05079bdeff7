/**
 * The alliance registry as a pure state machine (DESIGN.md "Identity"): genesis, then signed
 * updates applied in order, exactly once, each approved by a quorum of distinct active admins.
 * No I/O and no clock: `nowMs` is a parameter (STYLE.md 2).
 *
 * State hash chain: `stateHash_0 = sha256(genesis file bytes)`,
 * `stateHash_n = sha256(utf8("courtbridge/v1/registry-state") || 0x00 || stateHash_{n-1} || digest_n)`
 * where `digest_n = sha256(signBytes_n)`. An update names the hash it applies to, so it cannot be
 * applied twice, out of order or on a fork.
 */
import { ByteWriter, equalBytes, fromHex, toHex, utf8 } from '../encoding/bytes.js';
import { sha256Concat, signingInput, SignTag, type Signable } from '../crypto/hash.js';
import { checkSignatureShape, isValidPublicKey, verify, writePublicKey } from '../crypto/signature-suite.js';
import { ErrorCode, VerificationError, type Reason } from '../errors.js';
import type { KeyVerdict, MemberStatus, Role, RoleVerdict } from './authority.js';
import { validateChains, validateRoles, type LoadedGenesis } from './genesis.js';
import { fragmentOf, isAllianceDid, keyIndexOf } from './did-url.js';
import {
  isChainOp,
  registryUpdateDigest,
  registryUpdateSignBytes,
  type Approval,
  type ChainOp,
  type MemberOp,
  type RegistryUpdate,
} from './registry-update.js';
import { validateChainEntry, writeChainEntry, type ChainAnchor, type ChainEntry } from './chain-entry.js';

export interface KeyRecord {
  /** Fragment `#key-N`. */
  kid: string;
  publicKey: Uint8Array;
  validFromMs: number;
  /** First instant the key is no longer valid (set by a rotation); `undefined` while current. */
  validUntilMs: number | undefined;
}

/** Roles and chains in force from `fromMs` (until the next grant). */
export interface GrantRecord {
  fromMs: number;
  roles: readonly Role[];
  chains: readonly string[];
}

export interface MemberRecord {
  did: string;
  org: string;
  registeredAtMs: number;
  status: MemberStatus;
  /** Every key is invalid for times >= revokedAtMs. */
  revokedAtMs: number | undefined;
  keys: readonly KeyRecord[];
  /** Oldest first. */
  grants: readonly GrantRecord[];
}

/** A chain's entries over time: each version in force from `fromMs`; none after `removedAtMs`. */
export interface ChainRecord {
  chainId: string;
  /** Oldest first; the last is in force now (unless removed). */
  versions: ReadonlyArray<{ fromMs: number; entry: ChainEntry }>;
  removedAtMs: number | undefined;
}

export interface RegistryState {
  allianceId: string;
  quorum: number;
  genesisHash: Uint8Array;
  /** Number of updates applied. */
  sequence: number;
  stateHash: Uint8Array;
  /** effectiveAtMs of the last update (updates never take effect before it). */
  lastEffectiveAtMs: number;
  members: ReadonlyMap<string, MemberRecord>;
  /** Admitted chains by id (also the removed ones: old answers still verify against their anchors). */
  chains: ReadonlyMap<string, ChainRecord>;
  appliedUpdateIds: ReadonlySet<string>;
}

/** Roles whose authority is limited to the chains the member is listed for. */
export const CHAIN_SCOPED_ROLES: ReadonlySet<Role> = new Set<Role>([
  'adapter',
  'validator',
  'agency',
  'procuratorate',
  'police',
  'justice',
]);

/** Future tolerance for an update's effectiveAtMs, as for JWTs. */
export const REGISTRY_CLOCK_SKEW_MS = 30_000;

const STATE_TAG = utf8('courtbridge/v1/registry-state');

export function registryStateFromGenesis({ genesis, hash }: LoadedGenesis): RegistryState {
  const members = new Map<string, MemberRecord>();
  for (const m of genesis.members) {
    const from = Math.min(...m.keys.map((k) => k.validFromMs));
    members.set(m.did, {
      did: m.did,
      org: m.org,
      registeredAtMs: from,
      status: 'active',
      revokedAtMs: undefined,
      keys: m.keys.map((k) => ({ kid: k.kid, publicKey: fromHex(k.publicKeyHex), validFromMs: k.validFromMs, validUntilMs: undefined })),
      grants: [{ fromMs: from, roles: [...m.roles], chains: [...m.chains] }],
    });
  }
  const chains = new Map<string, ChainRecord>();
  for (const c of genesis.chains ?? [])
    chains.set(c.chainId, { chainId: c.chainId, versions: [{ fromMs: 0, entry: c }], removedAtMs: undefined });
  return {
    allianceId: genesis.allianceId,
    quorum: genesis.quorum,
    genesisHash: hash,
    sequence: 0,
    stateHash: hash,
    lastEffectiveAtMs: 0,
    members,
    chains,
    appliedUpdateIds: new Set(),
  };
}

/** The entry of `chainId` in force at `atMs`; undefined when not admitted then (or removed). */
export function chainAtInState(state: RegistryState, chainId: string, atMs: number): ChainEntry | undefined {
  const r = state.chains.get(chainId);
  if (r === undefined || (r.removedAtMs !== undefined && atMs >= r.removedAtMs)) return undefined;
  let e: ChainEntry | undefined;
  for (const v of r.versions) if (v.fromMs <= atMs) e = v.entry;
  return e;
}

/** Every anchor `chainId` had from its admission until `atMs` (a bundle may start from any of them). */
export function anchorsInState(state: RegistryState, chainId: string, atMs: number): ChainAnchor[] {
  const r = state.chains.get(chainId);
  if (r === undefined || (r.removedAtMs !== undefined && atMs >= r.removedAtMs)) return [];
  return r.versions.filter((v) => v.fromMs <= atMs).map((v) => v.entry.anchor);
}

/** Chains admitted and not removed now, by id. */
export function activeChains(state: RegistryState): ChainEntry[] {
  const out: ChainEntry[] = [];
  for (const r of state.chains.values()) if (r.removedAtMs === undefined) out.push(r.versions[r.versions.length - 1]!.entry);
  return out.sort((a, b) => a.chainId.localeCompare(b.chainId));
}

// ---- queries (used by AllianceAuthority, the resolver and approval checks) ----

/** The key `kid` of alliance member `did` valid at `atMs` (rules in authority.ts). */
export function keyAtInState(state: RegistryState, did: string, kid: string, atMs: number): KeyVerdict {
  const m = state.members.get(did);
  if (!m) return { ok: false, reason: 'unknown_did', message: `${did} is not an alliance member` };
  const frag = fragmentOf(did, kid);
  const key = frag === undefined ? undefined : m.keys.find((k) => k.kid === frag);
  if (!key) return { ok: false, reason: 'unknown_key', message: `${kid} is not a key of ${did}` };
  if (m.revokedAtMs !== undefined && atMs >= m.revokedAtMs) {
    return { ok: false, reason: 'revoked', message: `${did} was revoked at ${m.revokedAtMs}` };
  }
  if (atMs < key.validFromMs || (key.validUntilMs !== undefined && atMs >= key.validUntilMs)) {
    return { ok: false, reason: 'key_not_valid_at_time', message: `${did}${key.kid} was not valid at ${atMs}` };
  }
  return { ok: true, did, kid: did + key.kid, publicKey: key.publicKey };
}

/** The grant in force at `atMs`, if any. */
export function grantAt(m: MemberRecord, atMs: number): GrantRecord | undefined {
  let g: GrantRecord | undefined;
  for (const x of m.grants) if (x.fromMs <= atMs) g = x;
  return g;
}

export function mayActInState(state: RegistryState, did: string, role: Role, chain: string | undefined, atMs: number): RoleVerdict {
  const m = state.members.get(did);
  if (!m) return { ok: false, reason: 'unknown_did', message: `${did} is not an alliance member` };
  if (m.revokedAtMs !== undefined && atMs >= m.revokedAtMs)
    return { ok: false, reason: 'revoked', message: `${did} was revoked at ${m.revokedAtMs}` };
  const g = grantAt(m, atMs);
  if (!g?.roles.includes(role)) return { ok: false, reason: 'out_of_role', message: `${did} may not act as ${role} at ${atMs}` };
  if (CHAIN_SCOPED_ROLES.has(role) && (chain === undefined || !g.chains.includes(chain))) {
    return { ok: false, reason: 'chain_not_allowed', message: `${did} may not act as ${role} for chain ${chain ?? '(none given)'}` };
  }
  // An admitted chain names who may serve it: the grant alone is not enough to speak for it.
  if (role === 'adapter' && chain !== undefined && state.chains.has(chain)) {
    const entry = chainAtInState(state, chain, atMs);
    if (entry === undefined || !entry.servers.includes(did)) {
      return { ok: false, reason: 'chain_not_allowed', message: `${did} is not a server of chain ${chain} at ${atMs} in the registry` };
    }
  }
  return { ok: true };
}

// ---- applying updates ----

export type ApprovalRejection =
  | 'duplicate_approver'
  | 'not_admin'
  | 'unknown_admin'
  | 'revoked_admin'
  | 'kid_not_of_admin'
  | 'key_not_valid_at_time'
  | 'bad_signature_length'
  | 'signature_out_of_range'
  | 'high_s_signature'
  | 'bad_signature';

/** The evidence of an applied update: who approved it and which approvals counted for nothing. */
export interface AppliedUpdate {
  state: RegistryState;
  digest: Uint8Array;
  approvedBy: string[];
  discarded: Array<{ adminDid: string; reason: ApprovalRejection }>;
}

const reject = (reason: Reason, message: string, code: ErrorCode = ErrorCode.FailedPrecondition): VerificationError =>
  new VerificationError(reason, `registry update: ${message}`, { code });

/**
 * Count the approvals over `input` (a `signingInput(tag, bytes)`) that are valid signatures of
 * distinct admins active at `atMs`, each by a low-S signature of a key of that admin valid at
 * `atMs`; the rest are discarded with a named reason, kept as evidence. The one rule for every
 * admin quorum (registry updates here, operator orders in src/relay/auth/admin-approvals.ts).
 */
export function countAdminApprovals(
  state: RegistryState,
  input: Signable,
  approvals: readonly Readonly<Approval>[],
  atMs: number,
): { approvedBy: string[]; discarded: AppliedUpdate['discarded'] } {
  const approvedBy: string[] = [];
  const discarded: AppliedUpdate['discarded'] = [];
  for (const a of approvals) {
    const why = ((): ApprovalRejection | undefined => {
      if (approvedBy.includes(a.adminDid)) return 'duplicate_approver';
      // Every suite's signature is 64 bytes; its range rules depend on the admin key's suite.
      if (!(a.signature instanceof Uint8Array) || a.signature.length !== 64) return 'bad_signature_length';
      const role = mayActInState(state, a.adminDid, 'admin', undefined, atMs);
      if (!role.ok) return role.reason === 'unknown_did' ? 'unknown_admin' : role.reason === 'revoked' ? 'revoked_admin' : 'not_admin';
      if (fragmentOf(a.adminDid, a.kid) === undefined || a.kid.startsWith('#')) return 'kid_not_of_admin';
      const key = keyAtInState(state, a.adminDid, a.kid, atMs);
      // A revoked admin was refused just above (same member, same instant): no key of it is left to check here.
      if (!key.ok) return 'key_not_valid_at_time';
      const shape = checkSignatureShape(a.signature, key.publicKey);
      if (shape === 'high_s') return 'high_s_signature';
      if (shape !== 'ok') return 'signature_out_of_range';
      if (!verify(a.signature, input, key.publicKey)) return 'bad_signature';
      return undefined;
    })();
    if (why === undefined) approvedBy.push(a.adminDid);
    else discarded.push({ adminDid: a.adminDid, reason: why });
  }
  return { approvedBy, discarded };
}

/** Count the approvals of a registry update (signed over its sign bytes, tag RegistryUpdate). */
export function countApprovals(
  state: RegistryState,
  update: RegistryUpdate,
  atMs: number,
): { approvedBy: string[]; discarded: AppliedUpdate['discarded'] } {
  return countAdminApprovals(state, signingInput(SignTag.RegistryUpdate, registryUpdateSignBytes(update)), update.approvals, atMs);
}

/**
 * Apply one update to `state` and return the new state with its evidence. Checks, in order:
 * alliance, exactly-once (`updateId`, sequence), order (sequence, prevStateHash), time
 * (not before the last update, not after `nowMs` + skew), quorum of approvals (admins active in
 * the state before the update, keys valid at effectiveAtMs), then the operation's own rules.
 * @throws VerificationError with a named reason; `state` is never modified.
 */
export function applyRegistryUpdate(state: RegistryState, update: RegistryUpdate, nowMs: number): AppliedUpdate {
  if (!Number.isSafeInteger(nowMs) || nowMs < 0) throw new TypeError('nowMs: expected a non-negative integer');
  if (update.allianceId !== state.allianceId) throw reject('wrong_alliance', `alliance ${update.allianceId} is not ${state.allianceId}`);
  if (state.appliedUpdateIds.has(update.updateId)) throw reject('replayed_update', `update ${update.updateId} was already applied`);
  if (update.sequence <= state.sequence) throw reject('replayed_update', `sequence ${update.sequence} already used (at ${state.sequence})`);
  if (update.sequence !== state.sequence + 1) throw reject('out_of_order', `sequence ${update.sequence}, expected ${state.sequence + 1}`);
  if (!equalBytes(update.prevStateHash, state.stateHash)) {
    throw reject('stale_state_hash', `prevStateHash ${toHex(update.prevStateHash)} is not the current state ${toHex(state.stateHash)}`);
  }
  if (update.effectiveAtMs < state.lastEffectiveAtMs) {
    // Backdating would rewrite history: a rotation could invalidate signatures already accepted.
    throw reject(
      'effective_time_regressed',
      `effectiveAtMs ${update.effectiveAtMs} is before the last update (${state.lastEffectiveAtMs})`,
    );
  }
  if (update.effectiveAtMs > nowMs + REGISTRY_CLOCK_SKEW_MS)
    throw reject('update_from_future', `effectiveAtMs ${update.effectiveAtMs} is after now ${nowMs}`);

  // A malformed entry has no sign bytes to approve: name what is wrong before counting approvals.
  if (update.op.kind === 'admit_chain' || update.op.kind === 'update_chain') validateChainEntry(update.op.chain, 'op.chain');
  const { approvedBy, discarded } = countApprovals(state, update, update.effectiveAtMs);
  if (approvedBy.length < state.quorum) {
    const err = reject('quorum_not_met', `${approvedBy.length} valid approvals of ${state.quorum} needed`, ErrorCode.PermissionDenied);
    for (const d of discarded) err.details[`discarded:${d.adminDid}`] = d.reason;
    throw err;
  }

  const members = new Map(state.members);
  const chains = new Map(state.chains);
  const t = update.effectiveAtMs;
  const op = update.op;
  if (isChainOp(op)) applyChainOp(chains, op, t);
  else applyMemberOp(members, op, t);
  const admins = [...members.values()].filter((m) => mayActInState({ ...state, members }, m.did, 'admin', undefined, t).ok).length;
  if (admins < state.quorum) throw reject('quorum_unreachable', `only ${admins} admins would remain for a quorum of ${state.quorum}`);

  const digest = registryUpdateDigest(update);
  const appliedUpdateIds = new Set(state.appliedUpdateIds);
  appliedUpdateIds.add(update.updateId);
  return {
    state: {
      ...state,
      sequence: update.sequence,
      stateHash: sha256Concat(STATE_TAG, Uint8Array.of(0), state.stateHash, digest),
      lastEffectiveAtMs: t,
      members,
      chains,
      appliedUpdateIds,
    },
    digest,
    approvedBy,
    discarded,
  };
}

function applyMemberOp(members: Map<string, MemberRecord>, op: MemberOp, t: number): void {
  const existing = members.get(op.did);
  if (op.kind === 'register_member') {
    if (!isAllianceDid(op.did)) throw reject('invalid_update', `did ${op.did} is not did:alliance:<org>`, ErrorCode.InvalidArgument);
    if (existing) throw reject('member_exists', `${op.did} is already registered`);
    const roles = validateRoles(op.roles, 'op.roles');
    const chains = validateChains(op.chains, 'op.chains');
    if (op.keys.length === 0) throw reject('invalid_update', 'register_member needs a key', ErrorCode.InvalidArgument);
    for (const [i, k] of op.keys.entries()) checkNewKey(k.kid, k.publicKey, i + 1);
    members.set(op.did, {
      did: op.did,
      org: op.org,
      registeredAtMs: t,
      status: 'active',
      revokedAtMs: undefined,
      keys: op.keys.map((k) => ({ kid: k.kid, publicKey: Uint8Array.from(k.publicKey), validFromMs: t, validUntilMs: undefined })),
      grants: [{ fromMs: t, roles: [...roles], chains: [...chains] }],
    });
  } else {
    if (!existing) throw reject('unknown_member', `${op.did} is not registered`);
    if (existing.status === 'revoked') throw reject('member_revoked', `${op.did} is revoked; a revoked DID never comes back`);
    switch (op.kind) {
      case 'rotate_key': {
        checkNewKey(op.newKid, op.newPublicKey, existing.keys.length + 1);
        // Old keys stay valid for times before t (old signatures keep verifying at their time).
        const keys = existing.keys.map((k) => (k.validUntilMs === undefined ? { ...k, validUntilMs: t } : k));
        keys.push({ kid: op.newKid, publicKey: Uint8Array.from(op.newPublicKey), validFromMs: t, validUntilMs: undefined });
        members.set(op.did, { ...existing, keys });
        break;
      }
      case 'revoke_member':
        members.set(op.did, { ...existing, status: 'revoked', revokedAtMs: t });
        break;
      case 'change_grants': {
        const roles = validateRoles(op.roles, 'op.roles');
        const chains = validateChains(op.chains, 'op.chains');
        members.set(op.did, { ...existing, grants: [...existing.grants, { fromMs: t, roles: [...roles], chains: [...chains] }] });
        break;
      }
    }
  }
}

/** `op.chain` was validated by applyRegistryUpdate before the approvals were counted. */
function applyChainOp(chains: Map<string, ChainRecord>, op: ChainOp, t: number): void {
  const id = op.kind === 'remove_chain' ? op.chainId : op.chain.chainId;
  const existing = chains.get(id);
  if (op.kind === 'admit_chain') {
    // A removed chain id stays taken: old bundles must keep meaning what they meant.
    if (existing !== undefined)
      throw reject('chain_exists', `chain ${id} is already ${existing.removedAtMs === undefined ? 'admitted' : 'used by a removed chain'}`);
    chains.set(id, { chainId: id, versions: [{ fromMs: t, entry: op.chain }], removedAtMs: undefined });
    return;
  }
  if (existing === undefined) throw reject('unknown_chain', `chain ${id} is not admitted`);
  if (existing.removedAtMs !== undefined) throw reject('chain_removed', `chain ${id} was removed; a removed chain never comes back`);
  if (op.kind === 'remove_chain') {
    chains.set(id, { ...existing, removedAtMs: t });
    return;
  }
  const last = existing.versions[existing.versions.length - 1]!.entry;
  if (op.chain.kind !== last.kind)
    throw reject(
      'invalid_update',
      `chain ${id}: its kind cannot change (${last.kind} -> ${op.chain.kind}); admit a new chain id`,
      ErrorCode.InvalidArgument,
    );
  chains.set(id, { ...existing, versions: [...existing.versions, { fromMs: t, entry: op.chain }] });
}

function checkNewKey(kid: string, publicKey: Uint8Array, expectedIndex: number): void {
  if (keyIndexOf(kid) !== expectedIndex)
    throw reject('bad_kid', `key id ${kid}, expected #key-${expectedIndex}`, ErrorCode.InvalidArgument);
  if (!isValidPublicKey(publicKey))
    throw reject('invalid_update', `${kid}: not a secp256k1 or SM2 key on its curve`, ErrorCode.InvalidArgument);
}

// ---- state entries for the judicial chain ----

/**
 * Key/value pairs that put the registry on the judicial chain (a head, one per member and one per
 * chain ever admitted), sorted by key. Member value layout: string did, string org, u8 status (1 active, 2 revoked),
 * u64 registeredAtMs, u64 revokedAtMs (0 = none), u32 n keys × (string kid, key (33 or 35 bytes, signature-suite.ts),
 * u64 validFromMs, u64 validUntilMs (0 = open)), u32 n grants × (u64 fromMs, roles, chains).
 * Head layout: string allianceId, u32 quorum, u64 sequence, fixed32 stateHash, fixed32 genesisHash.
 * Chain value layout: u64 removedAtMs (0 = admitted), u32 n versions × (u64 fromMs, chain entry
 * as in chain-entry.ts).
 */
export function registryStateEntries(state: RegistryState): Array<{ key: string; value: Uint8Array }> {
  const prefix = `registry/${state.allianceId}`;
  const out: Array<{ key: string; value: Uint8Array }> = [
    {
      key: `${prefix}/head`,
      value: new ByteWriter()
        .string(state.allianceId)
        .u32(state.quorum)
        .u64(state.sequence)
        .fixed(state.stateHash, 32)
        .fixed(state.genesisHash, 32)
        .finish(),
    },
  ];
  for (const c of state.chains.values()) {
    const w = new ByteWriter().u64(c.removedAtMs ?? 0).u32(c.versions.length);
    for (const v of c.versions) writeChainEntry(w.u64(v.fromMs), v.entry);
    out.push({ key: `${prefix}/chain/${c.chainId}`, value: w.finish() });
  }
  for (const m of state.members.values()) {
    const w = new ByteWriter()
      .string(m.did)
      .string(m.org)
      .u8(m.status === 'active' ? 1 : 2)
      .u64(m.registeredAtMs)
      .u64(m.revokedAtMs ?? 0)
      .u32(m.keys.length);
    for (const k of m.keys)
      writePublicKey(w.string(k.kid), k.publicKey)
        .u64(k.validFromMs)
        .u64(k.validUntilMs ?? 0);
    w.u32(m.grants.length);
    for (const g of m.grants) {
      w.u64(g.fromMs).u32(g.roles.length);
      for (const r of g.roles) w.string(r);
      w.u32(g.chains.length);
      for (const c of g.chains) w.string(c);
    }
    out.push({ key: `${prefix}/member/${m.did}`, value: w.finish() });
  }
  // Keys are unique: the default sort (UTF-16 code units) orders them with no comparator to get wrong.
  const byKey = new Map(out.map((e) => [e.key, e]));
  return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
}
