/**
 * The coarse gate's answers at the instants the registry changes a member (docs/spec/registry.md
 * "Effects, from t = effectiveAtMs"), on a real registry whose updates carry admin quorums: a
 * revocation takes every role from `t` itself (revokedAtMs ≤ now), a change of grants holds from
 * `t` itself and the former grant until `t − 1`, and a member registered at `t` is not one before
 * it. Each is pinned 1 ms either side, so moving a boundary by one (`>` for `>=`) fails.
 */
import { describe, expect, it } from 'vitest';

import { checkPolicy, chainsOf, requirementOf, rolesOf, standingOf } from '../../../src/relay/policy.js';
import { pk, signers, T0, world } from '../../identity/fixture.js';

const AT = T0 + 3_600_000;
const court = signers['court-a'].did;
const ip = signers['ip-adapter'].did;
const submitAction = requirementOf('ActionService', 'SubmitAction');
const listMembers = requirementOf('AllianceService', 'ListMembers');

/** 'ok' or the refusal's reason. */
const gate = (v: ReturnType<typeof checkPolicy>): string => (v.ok ? 'ok' : v.reason);

describe('a revoked court, at the revocation instant', () => {
  it('holds its role 1 ms before, and none at the instant nor after: ordering and member reads refused member_revoked', async () => {
    const w = await world();
    await w.registry.submit(w.update({ kind: 'revoke_member', did: court }, AT), AT);
    const s = w.registry.state;
    expect(rolesOf(s, court, AT - 1)).toEqual(['court']);
    expect(rolesOf(s, court, AT)).toEqual([]);
    expect(rolesOf(s, court, AT + 1)).toEqual([]);
    expect(standingOf(s, court, AT)).toMatchObject({ kind: 'refused', reason: 'member_revoked' });
    expect(gate(checkPolicy(submitAction, s, court, AT - 1, 'm'))).toBe('ok');
    expect(gate(checkPolicy(submitAction, s, court, AT, 'm'))).toBe('member_revoked');
    expect(gate(checkPolicy(listMembers, s, court, AT, 'm'))).toBe('member_revoked');
    expect(gate(checkPolicy(listMembers, s, court, AT + 1, 'm'))).toBe('member_revoked');
  });
});

describe('a change of grants, at its instant', () => {
  it('a court demoted to agency may order until 1 ms before and not at the instant (out_of_role)', async () => {
    const w = await world();
    await w.registry.submit(w.update({ kind: 'change_grants', did: court, roles: ['agency'], chains: ['ip'] }, AT), AT);
    const s = w.registry.state;
    expect(rolesOf(s, court, AT - 1)).toEqual(['court']);
    expect(rolesOf(s, court, AT)).toEqual(['agency']);
    expect(gate(checkPolicy(submitAction, s, court, AT - 1, 'm'))).toBe('ok');
    expect(gate(checkPolicy(submitAction, s, court, AT, 'm'))).toBe('out_of_role');
  });

  it('an adapter granted the court role and another chain gets neither 1 ms before the instant, both at it', async () => {
    const w = await world();
    await w.registry.submit(w.update({ kind: 'change_grants', did: ip, roles: ['adapter', 'court'], chains: ['ip', 'credit'] }, AT), AT);
    const s = w.registry.state;
    expect(gate(checkPolicy(submitAction, s, ip, AT - 1, 'm'))).toBe('out_of_role');
    expect(gate(checkPolicy(submitAction, s, ip, AT, 'm'))).toBe('ok');
    expect(chainsOf(s, ip, AT - 1)).toEqual(['ip']);
    expect(chainsOf(s, ip, AT)).toEqual(['ip', 'credit']);
  });
});

describe('a member registered at an instant', () => {
  it('is not a member 1 ms before it (no role, no chain, member reads refused not_a_member), and is one at it', async () => {
    const w = await world();
    const did = 'did:alliance:credit-agency';
    const op = { kind: 'register_member' as const, did, org: 'Credit', roles: ['agency' as const], chains: ['credit'] };
    await w.registry.submit(w.update({ ...op, keys: [{ kid: '#key-1', publicKey: pk(30) }] }, AT), AT);
    const s = w.registry.state;
    expect(rolesOf(s, did, AT - 1)).toEqual([]);
    expect(chainsOf(s, did, AT - 1)).toEqual([]);
    expect(standingOf(s, did, AT - 1)).toMatchObject({ kind: 'refused', reason: 'not_a_member' });
    expect(gate(checkPolicy(listMembers, s, did, AT - 1, 'm'))).toBe('not_a_member');
    expect(rolesOf(s, did, AT)).toEqual(['agency']);
    expect(chainsOf(s, did, AT)).toEqual(['credit']);
    expect(gate(checkPolicy(listMembers, s, did, AT, 'm'))).toBe('ok');
  });
});
