/**
 * Who may call what ("Calls": a policy table, method -> required role). Default deny:
 * a method missing from the table is refused as PERMISSION_DENIED `no_policy`, so a new RPC
 * cannot ship open by accident. Health and reflection are not courtbridge services and need
 * no token (they never pass through the guard); every courtbridge method needs a token from an
 * active alliance member, because a did:key costs nothing to make and so proves nobody. Parties
 * (citizens) verify evidence and bundles on the verification page, which needs no token.
 *
 * Row-level rules (a court sees its own actions; an agency or adapter the actions of its own
 * chains; an organ queries only its granted chains) are applied by the handler, which knows the
 * row; this table is the coarse gate. The organs (procuratorate, police, justice) get nothing else
 * that needs a role: they write through the collab chain's intake (adapters/collab), never order
 * actions, and verify bundles and resolve DIDs as any member.
 */
import { ORGAN_ROLES, type Role } from '../identity/authority.js';
import { grantAt, type RegistryState } from '../identity/registry.js';
import { didMethodOf } from '../identity/did-url.js';

/**
 * `member`: an active alliance member (any role). `role`: an active member holding one of
 * `roles` now (for any chain). `admin_approvals`: an active member submits; the payload carries
 * a quorum of alliance-admin approvals, verified by the handler.
 */
export type Requirement =
  | { readonly kind: 'member' }
  | { readonly kind: 'role'; readonly roles: readonly Role[] }
  | { readonly kind: 'admin_approvals' };

const member: Requirement = { kind: 'member' };
const approvals: Requirement = { kind: 'admin_approvals' };
const role = (...roles: Role[]): Requirement => ({ kind: 'role', roles });

/** The policy table, keyed `Service/Method` (short service name). */
export const POLICY: Readonly<Record<string, Requirement>> = Object.freeze({
  'ChainService/ListChains': member,
  'ChainService/GetChainStatus': member,
  'ChainService/UnfreezeChain': approvals,
  'ChainService/TripBreaker': approvals,
  'ChainService/ResetBreaker': approvals,
  // Courts query external registries (DESIGN.md "Who uses it"); gateways relay for each other; the
  // political-legal organs (政法协同, art. 19) query the chains their grant names, the collab chain
  // (row rule in the handler: query.ts assertMayQueryChain, else `chain_not_granted`).
  'QueryService/Query': role('court', 'gateway', ...ORGAN_ROLES),
  'QueryService/QueryBatch': role('court', 'gateway', ...ORGAN_ROLES),
  'InvestigationService/Investigate': role('court'),
  // Members verify bundles here; parties use the verification page (no token).
  'VerificationService/VerifyBundle': member,
  // Only courts order actions; agencies and adapters read their own chain's actions.
  'ActionService/SubmitAction': role('court'),
  'ActionService/GetAction': role('court', 'agency', 'adapter', 'admin'),
  'ActionService/ListActions': role('court', 'agency', 'adapter', 'admin'),
  'ActionService/WatchActions': role('court', 'agency', 'adapter', 'admin'),
  'WatchService/WatchHeaders': member,
  'WatchService/WatchActions': role('court', 'agency', 'adapter', 'admin'),
  'EvidenceService/AnchorEvidence': role('court'),
  'EvidenceService/AnchorEvidenceBatch': role('court'),
  'EvidenceService/VerifyEvidence': member,
  'EvidenceService/RecordService': role('court'),
  // A member relays the recipient's receipt (a did:key cannot call); the handler checks it is the recipient's.
  'EvidenceService/RecordServiceReceipt': member,
  'EvidenceService/FindServiceByDocument': member,
  'MediationService/RegisterAgreement': role('court'),
  'MediationService/ReportPerformance': role('court', 'agency'),
  'MediationService/GetCase': role('court', 'agency'),
  'MediationService/ExportAuditLog': role('court', 'admin'),
  'MediationService/RegisterJudgment': role('court'),
  'MediationService/RegisterMediation': role('court'),
  'MediationService/ReportWithdrawal': role('court'),
  // Rows: a court lists and watches its own cases, an admin every case (the handler filters).
  'MediationService/ListCases': role('court', 'admin'),
  'MediationService/WatchCase': role('court', 'admin'),
  'AllianceService/ResolveDid': member,
  'AllianceService/ListMembers': member,
  'AllianceService/RegisterMember': approvals,
  'AllianceService/RevokeMember': approvals,
  'AllianceService/RotateKey': approvals,
  'AllianceService/AdmitChain': approvals,
  'AllianceService/UpdateChain': approvals,
  'AllianceService/RemoveChain': approvals,
  'AllianceService/ListChains': member,
});

/** The requirement of `Service/Method`, or undefined (deny). */
export function requirementOf(
  service: string,
  method: string,
  table: Readonly<Record<string, Requirement>> = POLICY,
): Requirement | undefined {
  return Object.hasOwn(table, `${service}/${method}`) ? table[`${service}/${method}`] : undefined;
}

/** Roles `did` holds at `atMs` (any chain); none for did:key, unknown or revoked DIDs. */
export function rolesOf(state: RegistryState, did: string, atMs: number): readonly Role[] {
  const s = standingOf(state, did, atMs);
  return s.kind === 'member' ? s.roles : [];
}

/** Chains `did` is granted at `atMs` (adapters, agencies, validators). */
export function chainsOf(state: RegistryState, did: string, atMs: number): readonly string[] {
  const m = state.members.get(did);
  if (m === undefined) return [];
  return grantAt(m, atMs)?.chains ?? [];
}

/**
 * How the gate treats a `did:key` caller: `refuse` (every real deployment), or
 * `allow_without_roles` (gateway config `dev.allowDidKeyCallers`, development only): admitted to
 * the methods that need membership and no role, never to role or admin-approval methods.
 */
export type DidKeyCallers = 'refuse' | 'allow_without_roles';

/** Why a caller may call nothing at all, whatever the method. */
export type StandingRefusal = 'not_a_member' | 'member_revoked';

/** Where a caller stands in the alliance at a time. */
export type Standing =
  | { readonly kind: 'member'; readonly roles: readonly Role[] }
  | { readonly kind: 'dev_did_key' }
  | { readonly kind: 'refused'; readonly reason: StandingRefusal; readonly message: string };

const HOW_TO_CALL =
  'call with the key of an active alliance member (courtbridge token --as <member key file>); parties verify evidence and bundles on the verification page, which needs no token';

/** The standing of `did` at `atMs`: an active member (with its roles), a tolerated did:key, or refused. */
export function standingOf(state: RegistryState, did: string, atMs: number, didKeyCallers: DidKeyCallers = 'refuse'): Standing {
  const method = didMethodOf(did);
  if (method === 'key') {
    if (didKeyCallers === 'allow_without_roles') return { kind: 'dev_did_key' };
    return { kind: 'refused', reason: 'not_a_member', message: `${did} is a did:key, not an alliance member; ${HOW_TO_CALL}` };
  }
  const m = method === 'alliance' ? state.members.get(did) : undefined;
  if (m === undefined)
    return { kind: 'refused', reason: 'not_a_member', message: `${did} is not in the alliance registry; ${HOW_TO_CALL}` };
  // A registration may take effect up to the registry's clock skew ahead, and a token may be dated
  // as far ahead: before its instant the DID is not yet a member, not a member without roles.
  if (atMs < m.registeredAtMs)
    return {
      kind: 'refused',
      reason: 'not_a_member',
      message: `${did} is an alliance member only from ${new Date(m.registeredAtMs).toISOString()}; ${HOW_TO_CALL}`,
    };
  if (m.revokedAtMs !== undefined && atMs >= m.revokedAtMs) {
    return {
      kind: 'refused',
      reason: 'member_revoked',
      message: `${did} was revoked from the alliance at ${new Date(m.revokedAtMs).toISOString()}; ${HOW_TO_CALL}`,
    };
  }
  return { kind: 'member', roles: grantAt(m, atMs)?.roles ?? [] };
}

/** Verdict of the coarse gate, with the roles the caller holds as evidence. */
export type PolicyVerdict =
  | { readonly ok: true; readonly roles: readonly Role[] }
  | { readonly ok: false; readonly reason: 'out_of_role' | 'no_policy' | StandingRefusal; readonly message: string };

/**
 * May `did` call `method` under `req`? Authentication is checked before; this is the membership
 * question, then the role question.
 */
export function checkPolicy(
  req: Requirement | undefined,
  state: RegistryState,
  did: string,
  atMs: number,
  method: string,
  didKeyCallers: DidKeyCallers = 'refuse',
): PolicyVerdict {
  if (req === undefined) return { ok: false, reason: 'no_policy', message: `${method} has no entry in the policy table (default deny)` };
  const standing = standingOf(state, did, atMs, didKeyCallers);
  if (standing.kind === 'refused')
    return { ok: false, reason: standing.reason, message: `${method} is for alliance members: ${standing.message}` };
  if (standing.kind === 'dev_did_key') {
    if (req.kind === 'member') return { ok: true, roles: [] };
    if (req.kind === 'role') {
      return {
        ok: false,
        reason: 'out_of_role',
        message: `${method} needs role ${req.roles.join(' or ')}; ${did} is a did:key (admitted by dev.allowDidKeyCallers) and holds no alliance role`,
      };
    }
    return {
      ok: false,
      reason: 'not_a_member',
      message: `${method} must be submitted by an alliance member; dev.allowDidKeyCallers admits ${did} to member reads only; ${HOW_TO_CALL}`,
    };
  }
  const roles = standing.roles;
  if (req.kind !== 'role') return { ok: true, roles };
  if (req.roles.some((r) => roles.includes(r))) return { ok: true, roles };
  return {
    ok: false,
    reason: 'out_of_role',
    message: `${method} needs role ${req.roles.join(' or ')}; ${did} holds ${roles.length === 0 ? 'no alliance role' : roles.join(', ')}`,
  };
}
