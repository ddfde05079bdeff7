/**
 * Chains in the alliance registry: admitted, re-anchored and removed only by an admin quorum,
 * each op's own rules, and who may serve a chain decided by its entry (not by a grant alone).
 */
import { describe, expect, it } from 'vitest';
import { isCourtbridgeError } from '../../src/errors.js';
import { anchorsInState, chainAtInState, mayActInState, type RegistryState } from '../../src/identity/registry.js';
import type { RegistryOp } from '../../src/identity/registry-update.js';
import { validateGenesis } from '../../src/identity/genesis.js';
import { chainEntryToJson, writeChainEntry } from '../../src/identity/chain-entry.js';
import { ByteWriter } from '../../src/encoding/bytes.js';
import { allianceFixture, fixtureChainEntry, FixtureDids, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { ChainFixture, fixtureValidators } from '../helpers/chain-fixture.js';
import { applyApproved } from '../helpers/registry-next.js';

const chain = new ChainFixture('ip', fixtureValidators(4));
chain.advanceTo(5);
const T = 1_800_000_000_000;
const CONTRACT = new Uint8Array(20).fill(7);

function apply(
  fx: AllianceFixture,
  state: RegistryState,
  op: RegistryOp,
  t: number,
  approvers: string[] = [FixtureDids.admin1, FixtureDids.admin2],
): RegistryState {
  return applyApproved(
    state,
    op,
    approvers.map((d) => fx.signers.get(d)!),
    t,
  );
}
const reasonOf = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return isCourtbridgeError(e) ? e.reason : String(e);
  }
};

describe('chain entries in the registry', () => {
  const fx = allianceFixture({ chains: ['ip'] });
  const entry = fixtureChainEntry('ip', chain.at(1));

  it('admit, re-anchor and remove, each in force from its effective time', () => {
    const s1 = apply(fx, fx.state, { kind: 'admit_chain', chain: entry }, T);
    expect(chainAtInState(s1, 'ip', T - 1)).toBeUndefined();
    expect(chainAtInState(s1, 'ip', T)?.anchor.height).toBe(1);
    const s2 = apply(fx, s1, { kind: 'update_chain', chain: fixtureChainEntry('ip', chain.at(5)) }, T + 10);
    expect(chainAtInState(s2, 'ip', T + 5)?.anchor.height).toBe(1);
    expect(anchorsInState(s2, 'ip', T + 10).map((a) => a.height)).toEqual([1, 5]);
    const s3 = apply(fx, s2, { kind: 'remove_chain', chainId: 'ip' }, T + 20);
    expect(chainAtInState(s3, 'ip', T + 20)).toBeUndefined();
    expect(chainAtInState(s3, 'ip', T + 19)?.anchor.height).toBe(5);
    expect(reasonOf(() => apply(fx, s3, { kind: 'admit_chain', chain: entry }, T + 30))).toBe('chain_exists');
    expect(reasonOf(() => apply(fx, s3, { kind: 'update_chain', chain: entry }, T + 30))).toBe('chain_removed');
  });

  it('one approval short of the quorum admits nothing', () => {
    expect(reasonOf(() => apply(fx, fx.state, { kind: 'admit_chain', chain: entry }, T, [FixtureDids.admin1]))).toBe('quorum_not_met');
    expect(reasonOf(() => apply(fx, fx.state, { kind: 'admit_chain', chain: entry }, T, [FixtureDids.admin1, FixtureDids.court]))).toBe(
      'quorum_not_met',
    );
  });

  it('rejects a malformed entry, an unknown chain and a change of kind with named reasons', () => {
    expect(reasonOf(() => apply(fx, fx.state, { kind: 'admit_chain', chain: { ...entry, servers: [] } }, T))).toBe('invalid_chain_entry');
    expect(
      reasonOf(() =>
        apply(
          fx,
          fx.state,
          { kind: 'admit_chain', chain: { ...entry, attestation: { threshold: 2, attesters: [FixtureDids.agency] } } },
          T,
        ),
      ),
    ).toBe('invalid_chain_entry');
    expect(
      reasonOf(() =>
        apply(
          fx,
          fx.state,
          { kind: 'admit_chain', chain: { ...entry, anchor: { ...entry.anchor, headerHash: new Uint8Array(31) } } },
          T,
          [],
        ),
      ),
    ).toBe('invalid_chain_entry');
    expect(reasonOf(() => apply(fx, fx.state, { kind: 'remove_chain', chainId: 'ip' }, T))).toBe('unknown_chain');
    const s1 = apply(fx, fx.state, { kind: 'admit_chain', chain: entry }, T);
    expect(reasonOf(() => apply(fx, s1, { kind: 'update_chain', chain: { ...entry, kind: 'magic' as never } }, T + 1))).toBe(
      'invalid_chain_entry',
    );
    const asEvm = { ...entry, kind: 'evm' as const, attestation: { threshold: 1, attesters: [FixtureDids.agency] }, evmContract: CONTRACT };
    expect(reasonOf(() => apply(fx, s1, { kind: 'update_chain', chain: asEvm }, T + 1))).toBe('invalid_update');
  });

  it('an evm or notary chain is admitted only with its notaries (notaries_required)', () => {
    const notaries = { threshold: 1, attesters: [FixtureDids.agency, FixtureDids.court] };
    for (const kind of ['evm', 'notary'] as const) {
      expect(reasonOf(() => apply(fx, fx.state, { kind: 'admit_chain', chain: { ...entry, kind } }, T))).toBe('notaries_required');
      const contract = kind === 'evm' ? { evmContract: CONTRACT } : {};
      const s1 = apply(fx, fx.state, { kind: 'admit_chain', chain: { ...entry, kind, attestation: notaries, ...contract } }, T);
      expect(chainAtInState(s1, 'ip', T)).toMatchObject({ kind, attestation: notaries });
      // Dropping the notaries later is refused the same way.
      expect(reasonOf(() => apply(fx, s1, { kind: 'update_chain', chain: { ...entry, kind, ...contract } }, T + 1))).toBe(
        'notaries_required',
      );
    }
    // A notary set asking for more notaries than it names is malformed, as for attestations.
    const tooMany = { ...entry, kind: 'evm' as const, attestation: { threshold: 3, attesters: notaries.attesters } };
    expect(reasonOf(() => apply(fx, fx.state, { kind: 'admit_chain', chain: tooMany }, T))).toBe('invalid_chain_entry');
    // An evm chain names the contract its records are proven from; no other kind names one.
    const noContract = { ...entry, kind: 'evm' as const, attestation: notaries };
    expect(reasonOf(() => apply(fx, fx.state, { kind: 'admit_chain', chain: noContract }, T))).toBe('evm_contract_required');
    const shortContract = { ...noContract, evmContract: CONTRACT.subarray(0, 19) };
    expect(reasonOf(() => apply(fx, fx.state, { kind: 'admit_chain', chain: shortContract }, T))).toBe('evm_contract_required');
    const bftWithContract = { ...entry, evmContract: CONTRACT };
    expect(reasonOf(() => apply(fx, fx.state, { kind: 'admit_chain', chain: bftWithContract }, T))).toBe('invalid_chain_entry');
    // bft-smt still needs none.
    expect(apply(fx, fx.state, { kind: 'admit_chain', chain: entry }, T).sequence).toBe(fx.state.sequence + 1);
  });

  it('the genesis refuses an evm chain without notaries', () => {
    const base = JSON.parse(JSON.stringify(fx.genesis)) as Record<string, unknown>;
    const evm = { ...chainEntryToJson(entry), kind: 'evm' };
    expect(reasonOf(() => validateGenesis({ ...base, chains: [evm] }))).toBe('invalid_genesis');
    const withNotaries = { ...evm, attestation: { threshold: 1, attesters: [FixtureDids.agency] } };
    expect(reasonOf(() => validateGenesis({ ...base, chains: [withNotaries] }))).toBe('invalid_genesis');
    const withContract = { ...withNotaries, evmContract: `0x${'ab'.repeat(20)}` };
    const admitted = validateGenesis({ ...base, chains: [withContract] }).chains?.[0];
    expect(admitted?.kind).toBe('evm');
    expect(admitted?.evmContract).toEqual(new Uint8Array(20).fill(0xab));
    expect(chainEntryToJson(admitted!).evmContract).toBe(withContract.evmContract);
    // The contract is part of the entry's sign bytes: an approval for one contract is not an approval for another.
    const other = { ...admitted!, evmContract: new Uint8Array(20).fill(0xac) };
    expect(writeChainEntry(new ByteWriter(), admitted!).finish()).not.toEqual(writeChainEntry(new ByteWriter(), other).finish());
  });

  it('an adapter granted the chain may serve it only if the entry names it', () => {
    const s1 = apply(fx, fx.state, { kind: 'admit_chain', chain: { ...entry, servers: ['did:alliance:someone-else'] } }, T);
    expect(mayActInState(fx.state, FixtureDids.adapter('ip'), 'adapter', 'ip', T).ok).toBe(true);
    const v = mayActInState(s1, FixtureDids.adapter('ip'), 'adapter', 'ip', T);
    expect(v.ok ? 'ok' : v.reason).toBe('chain_not_allowed');
  });

  it('a genesis may admit chains; a duplicate or malformed one is refused', () => {
    const base = JSON.parse(JSON.stringify(fx.genesis)) as Record<string, unknown>;
    expect(validateGenesis({ ...base, chains: [chainEntryToJson(entry)] }).chains?.[0]?.chainId).toBe('ip');
    expect(reasonOf(() => validateGenesis({ ...base, chains: [chainEntryToJson(entry), chainEntryToJson(entry)] }))).toBe(
      'invalid_genesis',
    );
    expect(reasonOf(() => validateGenesis({ ...base, chains: [{ ...chainEntryToJson(entry), kind: 'magic' }] }))).toBe('invalid_genesis');
  });
});
