/**
 * The political-legal organs' roles (procuratorate, police, justice): known to the registry and the
 * wire, chain-scoped (a grant names the chains an organ may act for), and what the gateway's coarse
 * gate and the query row rule let them do.
 */
import { describe, expect, it } from 'vitest';
import { MemberRole } from '../../src/generated/courtbridge/v1/MemberRole.js';
import { ROLE_ENUM } from '../../src/bus/registry-follower.js';
import { ORGAN_ROLES, Roles } from '../../src/identity/authority.js';
import { validateRoles } from '../../src/identity/genesis.js';
import { CHAIN_SCOPED_ROLES } from '../../src/identity/registry.js';
import { assertMayQueryChain } from '../../src/relay/modules/query.js';
import { checkPolicy, requirementOf } from '../../src/relay/policy.js';
import { allianceFixture, FixtureDids } from '../helpers/alliance-fixture.js';

const PROC = 'did:alliance:procuratorate-roles';
const POLICE = 'did:alliance:police-roles';
const fx = allianceFixture({
  chains: ['judicial', 'collab'],
  extraMembers: [
    { did: PROC, roles: ['procuratorate'], chains: ['collab'] },
    { did: POLICE, roles: ['police'], chains: ['collab', 'finance'] },
  ],
});
const NOW = Date.now();

describe('organ roles in the registry', () => {
  it('are registry roles, chain-scoped, each with its own wire name', () => {
    for (const r of ORGAN_ROLES) {
      expect(Roles).toContain(r);
      expect(CHAIN_SCOPED_ROLES.has(r)).toBe(true);
    }
    expect(validateRoles(['procuratorate', 'police', 'justice'], 'roles')).toEqual(['procuratorate', 'police', 'justice']);
    expect(() => validateRoles(['prosecutor'], 'roles')).toThrow(/unknown role prosecutor/);
    // Every role maps to a distinct MemberRole the proto defines.
    const names = Roles.map((r) => ROLE_ENUM[r]);
    expect(new Set(names).size).toBe(Roles.length);
    for (const n of names) expect(Object.values(MemberRole)).toContain(n);
    expect(ROLE_ENUM.procuratorate).toBe('MEMBER_ROLE_PROCURATORATE');
  });

  it('let an organ act only for the chains its grant names, only in its own role', () => {
    expect(fx.authority.mayAct(PROC, 'procuratorate', 'collab', NOW)).toEqual({ ok: true });
    expect(fx.authority.mayAct(PROC, 'procuratorate', 'finance', NOW)).toMatchObject({ ok: false, reason: 'chain_not_allowed' });
    expect(fx.authority.mayAct(PROC, 'procuratorate', undefined, NOW)).toMatchObject({ ok: false, reason: 'chain_not_allowed' });
    expect(fx.authority.mayAct(PROC, 'police', 'collab', NOW)).toMatchObject({ ok: false, reason: 'out_of_role' });
    expect(fx.authority.mayAct(FixtureDids.agency, 'police', 'collab', NOW)).toMatchObject({ ok: false, reason: 'out_of_role' });
  });
});

describe("organs at the gateway's gate", () => {
  const gate = (did: string, service: string, method: string) =>
    checkPolicy(requirementOf(service, method), fx.state, did, NOW, `${service}/${method}`);

  it('admits an organ to queries and member reads; refuses what needs another role, naming it', () => {
    expect(gate(PROC, 'QueryService', 'Query')).toMatchObject({ ok: true, roles: ['procuratorate'] });
    expect(gate(POLICE, 'QueryService', 'QueryBatch')).toMatchObject({ ok: true });
    expect(gate(PROC, 'VerificationService', 'VerifyBundle')).toMatchObject({ ok: true });
    // Proven judicial evidence: any member checks a content hash against the judicial chain's anchors.
    expect(gate(PROC, 'EvidenceService', 'VerifyEvidence')).toMatchObject({ ok: true });
    for (const [service, method] of [
      ['ActionService', 'SubmitAction'],
      ['ActionService', 'GetAction'],
      ['InvestigationService', 'Investigate'],
      ['EvidenceService', 'AnchorEvidence'],
      ['MediationService', 'GetCase'],
      ['MediationService', 'ExportAuditLog'],
    ] as const) {
      const v = gate(PROC, service, method);
      expect(v, `${service}/${method}`).toMatchObject({ ok: false, reason: 'out_of_role' });
      expect((v as { message: string }).message).toContain('holds procuratorate');
    }
  });

  it('the query row rule: an organ queries only its granted chains; courts and gateways any', () => {
    const granted = (did: string): readonly string[] => (did === PROC ? ['collab'] : did === POLICE ? ['collab', 'finance'] : []);
    expect(() => assertMayQueryChain(['procuratorate'], PROC, 'collab', granted)).not.toThrow();
    expect(() => assertMayQueryChain(['police'], POLICE, 'finance', granted)).not.toThrow();
    expect(() => assertMayQueryChain(['procuratorate'], PROC, 'finance', granted)).toThrow(
      expect.objectContaining({ reason: 'chain_not_granted', code: 'PERMISSION_DENIED' }),
    );
    expect(() => assertMayQueryChain(['procuratorate'], PROC, 'judicial', granted)).toThrow(
      /only the chains its alliance grant names \(collab\)/,
    );
    expect(() => assertMayQueryChain(['court'], FixtureDids.court, 'finance', granted)).not.toThrow();
    expect(() => assertMayQueryChain(['court', 'police'], FixtureDids.court, 'judicial', granted)).not.toThrow();
  });
});
