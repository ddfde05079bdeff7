/**
 * Who publishes filings and who may receive which cause type. Pure: answered from the alliance
 * registry (`Authority`) with the time given.
 *
 * Publishing: a court (its own filings) or a gateway (relaying the judicial chain's filings).
 * Receiving: an agency, for the sectors (chains) its grant names; each cause type lists the
 * sectors concerned, so a bank (finance) sees civil and commercial filings but not IP ones.
 */
import type { Authority, Role, RoleVerdict } from '../../identity/authority.js';
import type { CauseType } from './filing-record.js';

export const FILING_PUBLISHER_ROLES: readonly Role[] = ['court', 'gateway'];

export interface ReceiverRule {
  role: Role;
  /** Sectors (chain ids) the receiver's grant must name; a chain-scoped role needs at least one. */
  chains: readonly string[];
}

export type FilingDistributionPolicy = Readonly<Record<CauseType, readonly ReceiverRule[]>>;

export const DEFAULT_FILING_POLICY: FilingDistributionPolicy = Object.freeze({
  civil: [{ role: 'agency', chains: ['finance', 'credit'] }],
  commercial: [{ role: 'agency', chains: ['finance', 'credit'] }],
  ip: [{ role: 'agency', chains: ['ip'] }],
  administrative: [{ role: 'agency', chains: ['property', 'credit'] }],
  // A failed mediation goes to trial as a civil or commercial dispute: the same sectors.
  trial: [{ role: 'agency', chains: ['finance', 'credit'] }],
  enforcement: [{ role: 'agency', chains: ['finance', 'property', 'credit', 'ip'] }],
});

/** May `did` publish filings now? The first role that holds wins; else the last refusal. */
export function mayPublishFilings(authority: Authority, did: string, nowMs: number): RoleVerdict {
  let last: RoleVerdict = { ok: false, reason: 'out_of_role', message: `${did} holds no filing publisher role` };
  for (const role of FILING_PUBLISHER_ROLES) {
    const v = authority.mayAct(did, role, undefined, nowMs);
    if (v.ok) return v;
    if (v.reason !== 'out_of_role') return v;
    last = { ok: false, reason: 'out_of_role', message: `${did} is neither a court nor a gateway` };
  }
  return last;
}

/** May `did` receive filings of `cause` now (some rule's role, for one of its sectors)? */
export function mayReceiveFilings(
  authority: Authority,
  did: string,
  cause: CauseType,
  nowMs: number,
  policy: FilingDistributionPolicy = DEFAULT_FILING_POLICY,
): RoleVerdict {
  for (const rule of policy[cause] ?? []) {
    for (const chain of rule.chains.length > 0 ? rule.chains : [undefined]) {
      const v = authority.mayAct(did, rule.role, chain, nowMs);
      if (v.ok) return v;
      if (v.reason === 'revoked' || v.reason === 'unknown_did') return v;
    }
  }
  const who = (policy[cause] ?? []).map((r) => `${r.role} (${r.chains.join(', ')})`).join('; ');
  return { ok: false, reason: 'out_of_role', message: `${did} may not receive ${cause} filings (only: ${who || 'nobody'})` };
}
