/**
 * The registry's trust decisions as an attacker would probe them: an adapter speaking for a chain
 * whose entry does not name it, a replayed update id, an update dated past the clock skew, an
 * approval by a revoked admin or by a key not valid at the update's time, a malformed chain entry
 * slipped in without approvals.
 */
import { describe, expect, it, vi } from 'vitest';
import { isCourtbridgeError } from '../../src/errors.js';
import type { ChainEntry } from '../../src/identity/chain-entry.js';
import {
  applyRegistryUpdate,
  countAdminApprovals,
  countApprovals,
  mayActInState,
  REGISTRY_CLOCK_SKEW_MS,
  type RegistryState,
} from '../../src/identity/registry.js';
import { registryUpdateSignBytes, type RegistryUpdate } from '../../src/identity/registry-update.js';
import { signingInput, SignTag } from '../../src/crypto/hash.js';
import { createSigner } from '../../src/identity/signer.js';
import { pk, signers, T0, vectorKey, world, type World } from './fixture.js';

const T1 = T0 + 60_000;
const T2 = T1 + 60_000;
const T3 = T2 + 60_000;

/** 'ok', the reason of a CourtbridgeError, or the name of any other error (a TypeError must not pass for a reason). */
const verdict = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    return e instanceof Error ? e.name : String(e);
  }
  return 'ok';
};

const errorOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
};

const role = (s: RegistryState, did: string, r: Parameters<typeof mayActInState>[2], chain: string | undefined, at: number): string => {
  const v = mayActInState(s, did, r, chain, at);
  return v.ok ? 'ok' : v.reason;
};

const entry = (chainId: string, servers: string[]): ChainEntry => ({
  chainId,
  kind: 'bft-smt',
  displayName: `${chainId} chain`,
  hashSuite: 'sha256',
  signatureSuite: 'secp256k1',
  anchor: { height: 1, headerHash: new Uint8Array(32).fill(1), validatorsHash: new Uint8Array(32).fill(2) },
  servers,
});

const IP_ADAPTER = signers['ip-adapter'].did;
const CREDIT_ADAPTER = 'did:alliance:credit-adapter';
const IP_VALIDATOR = 'did:alliance:ip-validator';

/** ip and credit admitted at T1 (each served by its own adapter); the credit adapter also holds a grant for ip. */
async function twoChains(): Promise<World> {
  const w = await world();
  const register = (did: string, roles: Array<'adapter' | 'validator'>, chains: string[], key: number) =>
    w.update({ kind: 'register_member', did, org: did, roles, chains, keys: [{ kid: '#key-1', publicKey: pk(key) }] }, T0 + 1);
  await w.registry.submit(register(CREDIT_ADAPTER, ['adapter'], ['credit', 'ip'], 50), T0 + 1);
  await w.registry.submit(register(IP_VALIDATOR, ['validator'], ['ip'], 51), T0 + 1);
  await w.registry.submit(w.update({ kind: 'admit_chain', chain: entry('ip', [IP_ADAPTER]) }, T1), T1);
  await w.registry.submit(w.update({ kind: 'admit_chain', chain: entry('credit', [CREDIT_ADAPTER]) }, T1), T1);
  return w;
}

describe('who may act for an admitted chain', () => {
  it('an adapter acts for a chain only while its entry lists it among the servers', async () => {
    const w = await twoChains();
    const s = w.registry.state;
    expect(role(s, IP_ADAPTER, 'adapter', 'ip', T1)).toBe('ok');
    expect(role(s, CREDIT_ADAPTER, 'adapter', 'credit', T1)).toBe('ok');
    // The forgery: the credit adapter holds a grant for ip, but ip's entry does not name it.
    expect(role(s, CREDIT_ADAPTER, 'adapter', 'ip', T1)).toBe('chain_not_allowed');
    // Before the chain's admission no entry names anyone.
    expect(role(s, IP_ADAPTER, 'adapter', 'ip', T1 - 1)).toBe('chain_not_allowed');
  });

  it('the servers list binds adapters only: a validator granted the chain acts without being a server', async () => {
    const w = await twoChains();
    expect(role(w.registry.state, IP_VALIDATOR, 'validator', 'ip', T1)).toBe('ok');
    expect(role(w.registry.state, IP_VALIDATOR, 'validator', 'credit', T1)).toBe('chain_not_allowed');
    expect(role(w.registry.state, IP_VALIDATOR, 'validator', undefined, T1)).toBe('chain_not_allowed');
  });

  it('after a chain is removed its adapter no longer acts for it (refused, not a crash)', async () => {
    const w = await twoChains();
    await w.registry.submit(w.update({ kind: 'remove_chain', chainId: 'ip' }, T2), T2);
    expect(role(w.registry.state, IP_ADAPTER, 'adapter', 'ip', T2 - 1)).toBe('ok');
    expect(role(w.registry.state, IP_ADAPTER, 'adapter', 'ip', T2)).toBe('chain_not_allowed');
  });

  it('a revoked member acts 1 ms before its revocation and not at its exact instant', async () => {
    const w = await world();
    await w.registry.submit(w.update({ kind: 'revoke_member', did: IP_ADAPTER }, T1), T1);
    expect(role(w.registry.state, IP_ADAPTER, 'adapter', 'ip', T1 - 1)).toBe('ok');
    expect(role(w.registry.state, IP_ADAPTER, 'adapter', 'ip', T1)).toBe('revoked');
  });
});

describe('approvals that count', () => {
  const gatewayRevoke = { kind: 'revoke_member' as const, did: signers.gateway.did };

  it('an admin revoked at the update instant approves nothing', async () => {
    const w = await world();
    await w.registry.submit(w.update({ kind: 'revoke_member', did: signers['admin-c'].did }, T1), T1);
    const u = w.update(gatewayRevoke, T1, [signers['admin-a'], signers['admin-c']]);
    const err = errorOf(() => applyRegistryUpdate(w.registry.state, u, T1));
    expect(isCourtbridgeError(err) && err.reason).toBe('quorum_not_met');
    expect(isCourtbridgeError(err) && err.details[`discarded:${signers['admin-c'].did}`]).toBe('revoked_admin');
  });

  it("a rotated-out admin key approves nothing after the rotation; the admin's new key does", async () => {
    const w = await world();
    const admin = signers['admin-a'].did;
    const next = createSigner(admin, `${admin}#key-2`, vectorKey(60));
    await w.registry.submit(w.update({ kind: 'rotate_key', did: admin, newKid: '#key-2', newPublicKey: next.publicKey }, T1), T1);
    // The old key (stolen, say) signs a fresh update: discarded, so one admin short.
    const old = w.update(gatewayRevoke, T1, [signers['admin-a'], signers['admin-b']]);
    const err = errorOf(() => applyRegistryUpdate(w.registry.state, old, T1));
    expect(isCourtbridgeError(err) && err.reason).toBe('quorum_not_met');
    expect(isCourtbridgeError(err) && err.details[`discarded:${admin}`]).toBe('key_not_valid_at_time');
    const fresh = w.update(gatewayRevoke, T1, [next, signers['admin-b']]);
    expect(applyRegistryUpdate(w.registry.state, fresh, T1).approvedBy).toEqual([admin, signers['admin-b'].did]);
    // Counted at a time before the rotation, the new key was not valid yet.
    expect(countApprovals(w.registry.state, fresh, T1 - 1).discarded).toEqual([{ adminDid: admin, reason: 'key_not_valid_at_time' }]);
    // A key the admin never had is no key of it at any time.
    const ghost = { ...fresh.approvals[0]!, kid: `${admin}#key-9` };
    const input = signingInput(SignTag.RegistryUpdate, registryUpdateSignBytes(fresh));
    expect(countAdminApprovals(w.registry.state, input, [ghost], T1).discarded).toEqual([
      { adminDid: admin, reason: 'key_not_valid_at_time' },
    ]);
  });
});

describe('applyRegistryUpdate: time, replay and entries', () => {
  const op = { kind: 'revoke_member' as const, did: signers.gateway.did };

  it('refuses a nowMs that is not a non-negative safe integer, and takes 0', async () => {
    const w = await world();
    const u = w.update(op, 0);
    for (const bad of [-1, Number.NaN, 1.5, Number.MAX_SAFE_INTEGER + 1]) {
      expect(
        verdict(() => applyRegistryUpdate(w.registry.state, u, bad)),
        String(bad),
      ).toBe('TypeError');
    }
    // At 0 the admins (registered at T0) were not admins yet: refused for that, not for the clock.
    expect(verdict(() => applyRegistryUpdate(w.registry.state, u, 0))).toBe('quorum_not_met');
  });

  it('an update id already applied is refused even in a fresh, correctly chained update', async () => {
    const w = await world();
    await w.registry.submit(w.update(op, T1, undefined, 'u-once'), T1);
    // A new body on the current state, approved by two admins, under an id already spent.
    const again = w.update({ kind: 'revoke_member', did: signers['court-a'].did }, T1, undefined, 'u-once');
    expect(verdict(() => applyRegistryUpdate(w.registry.state, again, T1))).toBe('replayed_update');
    const other = w.update({ kind: 'revoke_member', did: signers['court-a'].did }, T1, undefined, 'u-twice');
    expect(verdict(() => applyRegistryUpdate(w.registry.state, other, T1))).toBe('ok');
  });

  it('effectiveAtMs may lead now by exactly the clock skew, not 1 ms more', async () => {
    const w = await world();
    const now = T1;
    expect(verdict(() => applyRegistryUpdate(w.registry.state, w.update(op, now + REGISTRY_CLOCK_SKEW_MS), now))).toBe('ok');
    expect(verdict(() => applyRegistryUpdate(w.registry.state, w.update(op, now + REGISTRY_CLOCK_SKEW_MS + 1), now))).toBe(
      'update_from_future',
    );
  });

  it('a malformed chain entry is named before approvals are counted, on admit and on update', async () => {
    const w = await world();
    const bad = entry('ip', []);
    const unapproved = (u: RegistryUpdate): RegistryUpdate => ({ ...u, approvals: [] });
    const admit = errorOf(() => applyRegistryUpdate(w.registry.state, unapproved(w.update({ kind: 'admit_chain', chain: bad }, T1)), T1));
    expect(isCourtbridgeError(admit) && admit.reason).toBe('invalid_chain_entry');
    expect(isCourtbridgeError(admit) && admit.message).toMatch(/chain entry op\.chain\.servers:/);
    await w.registry.submit(w.update({ kind: 'admit_chain', chain: entry('ip', [IP_ADAPTER]) }, T1), T1);
    const change = errorOf(() => applyRegistryUpdate(w.registry.state, unapproved(w.update({ kind: 'update_chain', chain: bad }, T2)), T2));
    expect(isCourtbridgeError(change) && change.reason).toBe('invalid_chain_entry');
    expect(isCourtbridgeError(change) && change.message).toMatch(/chain entry op\.chain\.servers:/);
    // The same entry well formed but unapproved fails on the quorum instead.
    const good = unapproved(w.update({ kind: 'update_chain', chain: entry('ip', [IP_ADAPTER, CREDIT_ADAPTER]) }, T3));
    expect(verdict(() => applyRegistryUpdate(w.registry.state, good, T3))).toBe('quorum_not_met');
  });

  it('a refusal is a VerificationError with its reason, also from a freshly loaded module', async () => {
    // `reject` is built at module load: only a module evaluated inside the test shows an edit to it.
    const w = await world();
    const u = { ...w.update(op, T1), allianceId: 'another-alliance' };
    vi.resetModules();
    const fresh = await import('../../src/identity/registry.js');
    const err = errorOf(() => fresh.applyRegistryUpdate(w.registry.state, u, T1)) as { reason?: string; message?: string } | undefined;
    expect(err?.reason).toBe('wrong_alliance');
    expect(err?.message).toMatch(/^registry update: alliance another-alliance/);
  });
});
