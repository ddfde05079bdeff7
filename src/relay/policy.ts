/**
 * Who may call what (issue 5 "Calls": a policy table, method -> required role). Default deny:
 * a method missing from the table is refused as PERMISSION_DENIED `no_policy`, so a new RPC
 * cannot ship open by accident. Health and reflection are not courtbridge services and need
 * no token (they never pass through the guard).
 *
 * Row-level rules (a court sees its own actions; an agency or adapter the actions of its own
 * chains) are applied by the handler, which knows the row; this table is the coarse gate.
 */
import type { Role } from '../identity/authority.js';
import { grantAt, type RegistryState } from '../identity/registry.js';
import { didMethodOf } from '../identity/did-url.js';

/**
 * `open`: no token. `authenticated`: any verified DID (did:key included). `role`: an alliance
 * member holding one of `roles` now (for any chain). `admin_approvals`: authenticated; the
 * payload carries a quorum of alliance-admin approvals, verified by the handler.
 */
export type Requirement =
  | { readonly kind: 'open' }
  | { readonly kind: 'authenticated' }
  | { readonly kind: 'role'; readonly roles: readonly Role[] }
  | { readonly kind: 'admin_approvals' };

const authenticated: Requirement = { kind: 'authenticated' };
const approvals: Requirement = { kind: 'admin_approvals' };
const role = (...roles: Role[]): Requirement => ({ kind: 'role', roles });

/** The policy table, keyed `Service/Method` (short service name). */
export const POLICY: Readonly<Record<string, Requirement>> = Object.freeze({
  'ChainService/ListChains': authenticated,
  'ChainService/GetChainStatus': authenticated,
  'ChainService/UnfreezeChain': approvals,
  'ChainService/TripBreaker': approvals,
  'ChainService/ResetBreaker': approvals,
  // Courts query external registries (DESIGN.md "Who uses it"); gateways relay for each other.
  'QueryService/Query': role('court', 'gateway'),
  'QueryService/QueryBatch': role('court', 'gateway'),
  'InvestigationService/Investigate': role('court'),
  // Anyone authenticated verifies a bundle (parties verify a proof themselves).
  'VerificationService/VerifyBundle': authenticated,
  // Only courts order actions; agencies and adapters read their own chain's actions.
  'ActionService/SubmitAction': role('court'),
  'ActionService/GetAction': role('court', 'agency', 'adapter', 'admin'),
  'ActionService/ListActions': role('court', 'agency', 'adapter', 'admin'),
  'ActionService/WatchActions': role('court', 'agency', 'adapter', 'admin'),
  'WatchService/WatchHeaders': authenticated,
  'WatchService/WatchActions': role('court', 'agency', 'adapter', 'admin'),
  'EvidenceService/AnchorEvidence': role('court'),
  'EvidenceService/VerifyEvidence': authenticated,
  'EvidenceService/RecordService': role('court'),
  'MediationService/RegisterAgreement': role('court'),
  'MediationService/ReportPerformance': role('court', 'agency'),
  'MediationService/GetCase': role('court', 'agency'),
  'MediationService/ExportAuditLog': role('court', 'admin'),
  'AllianceService/ResolveDid': authenticated,
  'AllianceService/ListMembers': authenticated,
  'AllianceService/RegisterMember': approvals,
  'AllianceService/RevokeMember': approvals,
  'AllianceService/RotateKey': approvals,
});

/** The requirement of `Service/Method`, or undefined (deny). */
export function requirementOf(service: string, method: string, table: Readonly<Record<string, Requirement>> = POLICY): Requirement | undefined {
  return Object.hasOwn(table, `${service}/${method}`) ? table[`${service}/${method}`] : undefined;
}

/** Roles `did` holds at `atMs` (any chain); none for did:key, unknown or revoked DIDs. */
export function rolesOf(state: RegistryState, did: string, atMs: number): readonly Role[] {
  if (didMethodOf(did) !== 'alliance') return [];
  const m = state.members.get(did);
  if (m === undefined || (m.revokedAtMs !== undefined && atMs >= m.revokedAtMs)) return [];
  return grantAt(m, atMs)?.roles ?? [];
}

/** Chains `did` is granted at `atMs` (adapters, agencies, validators). */
export function chainsOf(state: RegistryState, did: string, atMs: number): readonly string[] {
  const m = state.members.get(did);
  if (m === undefined) return [];
  return grantAt(m, atMs)?.chains ?? [];
}

/** Verdict of the coarse gate, with the roles the caller holds as evidence. */
export type PolicyVerdict = { readonly ok: true; readonly roles: readonly Role[] } | { readonly ok: false; readonly reason: 'out_of_role' | 'no_policy'; readonly message: string };

/** Does `did` meet `req`? (Authentication is checked before; this is the role question.) */
export function checkPolicy(req: Requirement | undefined, state: RegistryState, did: string, atMs: number, method: string): PolicyVerdict {
  const roles = rolesOf(state, did, atMs);
  if (req === undefined) return { ok: false, reason: 'no_policy', message: `${method} has no entry in the policy table (default deny)` };
  if (req.kind !== 'role') return { ok: true, roles };
  if (req.roles.some((r) => roles.includes(r))) return { ok: true, roles };
  return {
    ok: false,
    reason: 'out_of_role',
    message: `${method} needs role ${req.roles.join(' or ')}; ${did} holds ${roles.length === 0 ? 'no alliance role' : roles.join(', ')}`,
  };
}
