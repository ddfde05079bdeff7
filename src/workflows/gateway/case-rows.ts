/**
 * Which cases a MediationService caller sees (the row rule behind the policy table's coarse gate,
 * src/relay/policy.ts): an admin every case, anyone else (a court) only the cases its own DID
 * registered. Pure: the caller is the one the gateway authenticated, never a DID a message claims.
 */
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { Role } from '../../identity/authority.js';

export interface RowCaller {
  readonly caller: { readonly did: string };
  readonly roles: readonly Role[];
}

/** The court whose cases the caller may list; undefined = every case (an admin). */
export function courtScopeOf(c: RowCaller): string | undefined {
  return c.roles.includes('admin') ? undefined : c.caller.did;
}

/** @throws CourtbridgeError PERMISSION_DENIED `not_case_court` unless the caller may see the case of `courtDid` */
export function assertSeesCase(c: RowCaller, caseId: string, courtDid: string): void {
  const scope = courtScopeOf(c);
  if (scope === undefined || scope === courtDid) return;
  throw new CourtbridgeError(
    ErrorCode.PermissionDenied,
    'not_case_court',
    `案件 ${caseId} 不属于 ${scope} / case ${caseId} is not a case of ${scope}: only its court or an admin may see it`,
  );
}
