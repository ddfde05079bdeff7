/**
 * The policy table as an access matrix, written out here method by method on its own (not read
 * back from POLICY), and checked both ways: POLICY holds exactly these rows, and the gate's verdict
 * (checkPolicy) for a member holding each single role, a member holding none, a revoked member, an
 * unknown DID and a did:key (refused, and under the development switch) is the one the matrix
 * gives. So a role added to or dropped from a row, a renamed method or a row that changes kind
 * fails here. The README's "Who may call what" table must name every method, and the protos must
 * have a row for every courtbridge RPC (default deny would otherwise close it silently).
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { Roles, type Role } from '../../../src/identity/authority.js';
import type { MemberRecord, RegistryState } from '../../../src/identity/registry.js';
import type { DidKeyCallers } from '../../../src/relay/policy.js';
import { loadGatewayProto } from '../../../src/wire/gateway-proto.js';
import { COURTBRIDGE_SERVICES } from '../../../src/wire/service-names.js';

/**
 * policy.ts, imported inside each test rather than at the top: its table is built once, when the
 * module is evaluated, and mutation testing (perTest coverage) credits that evaluation to the test
 * running then. Imported at the top, the table would be credited to no test here, and a mutated
 * row would never be run against these.
 */
const policy = () => import('../../../src/relay/policy.js');

type Row = 'member' | 'admin_approvals' | readonly Role[];

const organs: readonly Role[] = ['procuratorate', 'police', 'justice'];

/** Who may call what: `member` (any active member), `admin_approvals` (a member submits a quorum), or the roles. */
const EXPECTED: Readonly<Record<string, Row>> = {
  'ChainService/ListChains': 'member',
  'ChainService/GetChainStatus': 'member',
  'ChainService/UnfreezeChain': 'admin_approvals',
  'ChainService/TripBreaker': 'admin_approvals',
  'ChainService/ResetBreaker': 'admin_approvals',
  'QueryService/Query': ['court', 'gateway', ...organs],
  'QueryService/QueryBatch': ['court', 'gateway', ...organs],
  'InvestigationService/Investigate': ['court'],
  'VerificationService/VerifyBundle': 'member',
  'ActionService/SubmitAction': ['court'],
  'ActionService/GetAction': ['court', 'agency', 'adapter', 'admin'],
  'ActionService/ListActions': ['court', 'agency', 'adapter', 'admin'],
  'ActionService/WatchActions': ['court', 'agency', 'adapter', 'admin'],
  'WatchService/WatchHeaders': 'member',
  'WatchService/WatchActions': ['court', 'agency', 'adapter', 'admin'],
  'EvidenceService/AnchorEvidence': ['court'],
  'EvidenceService/AnchorEvidenceBatch': ['court'],
  'EvidenceService/VerifyEvidence': 'member',
  'EvidenceService/RecordService': ['court'],
  'EvidenceService/RecordServiceReceipt': 'member',
  'EvidenceService/FindServiceByDocument': 'member',
  'MediationService/RegisterAgreement': ['court'],
  'MediationService/ReportPerformance': ['court', 'agency'],
  'MediationService/GetCase': ['court', 'agency'],
  'MediationService/ExportAuditLog': ['court', 'admin'],
  'MediationService/RegisterJudgment': ['court'],
  'MediationService/RegisterMediation': ['court'],
  'MediationService/ReportWithdrawal': ['court'],
  'MediationService/ListCases': ['court', 'admin'],
  'MediationService/WatchCase': ['court', 'admin'],
  'AllianceService/ResolveDid': 'member',
  'AllianceService/ListMembers': 'member',
  'AllianceService/RegisterMember': 'admin_approvals',
  'AllianceService/RevokeMember': 'admin_approvals',
  'AllianceService/RotateKey': 'admin_approvals',
  'AllianceService/AdmitChain': 'admin_approvals',
  'AllianceService/UpdateChain': 'admin_approvals',
  'AllianceService/RemoveChain': 'admin_approvals',
  'AllianceService/ListChains': 'member',
};

const NOW = 1_800_000_000_000;
const REVOKED = 'did:alliance:revoked-court';
const NO_ROLE = 'did:alliance:no-role';
const DID_KEY = 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme';
const holderOf = (r: Role): string => `did:alliance:only-${r}`;

function record(did: string, roles: readonly Role[], revokedAtMs?: number): MemberRecord {
  return {
    did,
    org: did,
    registeredAtMs: 0,
    status: revokedAtMs === undefined ? 'active' : 'revoked',
    revokedAtMs,
    keys: [],
    grants: [{ fromMs: 0, roles, chains: ['ip'] }],
  };
}

/** A registry holding one member per role (that role alone), one with no role, and a revoked court. */
const state = {
  allianceId: 'policy-table',
  quorum: 2,
  members: new Map<string, MemberRecord>([
    ...Roles.map((r): [string, MemberRecord] => [holderOf(r), record(holderOf(r), [r])]),
    [NO_ROLE, record(NO_ROLE, [])],
    [REVOKED, record(REVOKED, ['court'], NOW - 1)],
  ]),
} as unknown as RegistryState;

/** 'ok' or the refusal's reason. */
async function gate(method: string, did: string, didKeyCallers?: DidKeyCallers): Promise<string> {
  const { checkPolicy, requirementOf } = await policy();
  const [service, name] = method.split('/') as [string, string];
  const v = checkPolicy(requirementOf(service, name), state, did, NOW, method, didKeyCallers);
  return v.ok ? 'ok' : v.reason;
}

describe('POLICY rows', () => {
  it('are exactly the expected methods, each with the expected kind and roles', async () => {
    const { POLICY } = await policy();
    expect(Object.keys(POLICY).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [method, row] of Object.entries(EXPECTED)) {
      const req = POLICY[method];
      if (typeof row === 'string') expect(req, method).toEqual({ kind: row });
      else
        expect(req?.kind === 'role' ? { kind: req.kind, roles: [...req.roles].sort() } : req, method).toEqual({
          kind: 'role',
          roles: [...row].sort(),
        });
    }
  });

  it('cover every RPC of the courtbridge services in the protos, and name none the protos lack', async () => {
    const proto = loadGatewayProto();
    const rpcs = COURTBRIDGE_SERVICES.flatMap((s) => Object.keys(proto.services[s]).map((m) => `${s}/${m}`));
    expect(rpcs.sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});

describe('verdicts, method by method', () => {
  for (const [method, row] of Object.entries(EXPECTED)) {
    it(method, async () => {
      for (const r of Roles) {
        // A member may submit an admin-approved write (the handler checks the quorum it carries).
        const want = typeof row === 'string' || row.includes(r) ? 'ok' : 'out_of_role';
        expect(await gate(method, holderOf(r)), `${method} by a ${r}`).toBe(want);
      }
      expect(await gate(method, NO_ROLE), 'a member with no role').toBe(typeof row === 'string' ? 'ok' : 'out_of_role');
      expect(await gate(method, REVOKED), 'a revoked member').toBe('member_revoked');
      expect(await gate(method, 'did:alliance:nobody'), 'an unknown DID').toBe('not_a_member');
      expect(await gate(method, DID_KEY), 'a did:key').toBe('not_a_member');
      expect(await gate(method, DID_KEY, 'refuse'), 'a did:key, refused').toBe('not_a_member');
      const devWant = row === 'member' ? 'ok' : row === 'admin_approvals' ? 'not_a_member' : 'out_of_role';
      expect(await gate(method, DID_KEY, 'allow_without_roles'), 'a did:key under dev.allowDidKeyCallers').toBe(devWant);
    });
  }

  it('a method with no row is refused no_policy to every caller', async () => {
    for (const did of [holderOf('court'), holderOf('admin'), DID_KEY]) {
      expect(await gate('ChainService/Nope', did, 'allow_without_roles')).toBe('no_policy');
    }
  });
});

describe("README's Who may call what", () => {
  it('names every method of the policy table', async () => {
    const { POLICY } = await policy();
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Who may call what'));
    const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| Methods')));
    const named = new Set(table.split('\n').flatMap((line) => (line.split('|')[1] ?? '').match(/\b[A-Z][A-Za-z]+\b/g) ?? []));
    for (const method of Object.keys(POLICY)) expect(named, method).toContain(method.split('/')[1]);
  });
});
