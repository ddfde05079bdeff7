/**
 * Where a caller stands before any method is asked about (policy.ts standingOf, rolesOf, chainsOf),
 * on a hand-built registry state: a did:key is refused unless the development switch admits it,
 * and then it holds no role; only a did:alliance DID is looked up in the registry (a record under
 * another method's DID is never a member); a DID the registry lacks is no member; a member whose
 * first grant is still ahead is a member with no role and no chain.
 */
import { describe, expect, it } from 'vitest';

import type { MemberRecord, RegistryState } from '../../../src/identity/registry.js';
import { chainsOf, checkPolicy, requirementOf, rolesOf, standingOf } from '../../../src/relay/policy.js';

const NOW = 1_800_000_000_000;
const DID_KEY = 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme';
const COURT = 'did:alliance:court';
const LATE = 'did:alliance:granted-later';
const WEB = 'did:web:court.example';

function record(did: string, grants: MemberRecord['grants']): MemberRecord {
  return { did, org: did, registeredAtMs: 0, status: 'active', revokedAtMs: undefined, keys: [], grants };
}

const state = {
  allianceId: 'policy-standing',
  quorum: 1,
  members: new Map<string, MemberRecord>([
    [COURT, record(COURT, [{ fromMs: 0, roles: ['court'], chains: ['ip'] }])],
    // Registered now, its only grant from an hour on.
    [LATE, record(LATE, [{ fromMs: NOW + 3_600_000, roles: ['agency'], chains: ['credit'] }])],
    // Not something the registry admits; if it were ever there, the DID method still decides.
    [WEB, record(WEB, [{ fromMs: 0, roles: ['court'], chains: ['ip'] }])],
    [DID_KEY, record(DID_KEY, [{ fromMs: 0, roles: ['court'], chains: ['ip'] }])],
  ]),
} as unknown as RegistryState;

const listMembers = requirementOf('AllianceService', 'ListMembers');
const submitAction = requirementOf('ActionService', 'SubmitAction');
const revokeMember = requirementOf('AllianceService', 'RevokeMember');

describe('a did:key caller', () => {
  it('is refused not_a_member by default (even were the state to hold it), and admitted only as dev_did_key under the switch', () => {
    expect(standingOf(state, DID_KEY, NOW)).toMatchObject({
      kind: 'refused',
      reason: 'not_a_member',
      message: expect.stringContaining(DID_KEY),
    });
    expect(standingOf(state, DID_KEY, NOW, 'refuse')).toMatchObject({ kind: 'refused', reason: 'not_a_member' });
    expect(standingOf(state, DID_KEY, NOW, 'allow_without_roles')).toEqual({ kind: 'dev_did_key' });
    expect(rolesOf(state, DID_KEY, NOW)).toEqual([]);
  });

  it('under the switch: member reads pass with no roles, role methods are out_of_role, admin-approved writes not_a_member', () => {
    expect(checkPolicy(listMembers, state, DID_KEY, NOW, 'm', 'allow_without_roles')).toEqual({ ok: true, roles: [] });
    expect(checkPolicy(submitAction, state, DID_KEY, NOW, 'm', 'allow_without_roles')).toMatchObject({ ok: false, reason: 'out_of_role' });
    expect(checkPolicy(revokeMember, state, DID_KEY, NOW, 'm', 'allow_without_roles')).toMatchObject({ ok: false, reason: 'not_a_member' });
    // Without the switch (the default), none of them.
    for (const req of [listMembers, submitAction, revokeMember]) {
      expect(checkPolicy(req, state, DID_KEY, NOW, 'm')).toMatchObject({ ok: false, reason: 'not_a_member' });
    }
  });
});

describe('DIDs the registry does not vouch for', () => {
  it('a DID of another method is not a member even when a record sits under it, switch or not', () => {
    for (const mode of ['refuse', 'allow_without_roles'] as const) {
      expect(standingOf(state, WEB, NOW, mode)).toMatchObject({ kind: 'refused', reason: 'not_a_member' });
    }
    expect(rolesOf(state, WEB, NOW)).toEqual([]);
  });

  it('an alliance DID missing from the registry is not a member, holds no role and no chain', () => {
    expect(standingOf(state, 'did:alliance:nobody', NOW)).toMatchObject({ kind: 'refused', reason: 'not_a_member' });
    expect(rolesOf(state, 'did:alliance:nobody', NOW)).toEqual([]);
    expect(chainsOf(state, 'did:alliance:nobody', NOW)).toEqual([]);
  });
});

describe('a member before its first grant', () => {
  it('is a member with no role and no chain: member reads pass, role methods are out_of_role', () => {
    expect(standingOf(state, LATE, NOW)).toEqual({ kind: 'member', roles: [] });
    expect(chainsOf(state, LATE, NOW)).toEqual([]);
    expect(checkPolicy(listMembers, state, LATE, NOW, 'm')).toEqual({ ok: true, roles: [] });
    expect(checkPolicy(submitAction, state, LATE, NOW, 'm')).toMatchObject({
      ok: false,
      reason: 'out_of_role',
      message: expect.stringContaining('no alliance role'),
    });
    // From the grant on, it holds it.
    expect(rolesOf(state, LATE, NOW + 3_600_000)).toEqual(['agency']);
    expect(chainsOf(state, LATE, NOW + 3_600_000)).toEqual(['credit']);
  });

  it('an active member with a grant holds its roles and chains', () => {
    expect(standingOf(state, COURT, NOW)).toEqual({ kind: 'member', roles: ['court'] });
    expect(chainsOf(state, COURT, NOW)).toEqual(['ip']);
  });
});
