/**
 * The `TrustedStore` contract, run against every implementation (memory, file, JetStream KV).
 * `open()` returns a store over the same backing data each time (a restart, or another replica).
 */
import { expect } from 'vitest';
import type { CourtbridgeError } from '../../src/errors.js';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { encodeLightBlock } from '../../src/chain/signed-header.js';
import { LightClient } from '../../src/lightclient/light-client.js';
import { consensusStateOf } from '../../src/lightclient/consensus-state.js';
import type { ClientState } from '../../src/lightclient/client-state.js';
import type { TrustedStore } from '../../src/lightclient/store.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators, forkOf } from '../helpers/chain-fixture.js';
import { witnessed } from './fixture-witness.js';

const NOW = FIXTURE_START_MS + 60_000;

export async function checkStoreContract(open: () => Promise<TrustedStore>, chainId = 'ip-1'): Promise<void> {
  const chain = new ChainFixture(chainId, fixtureValidators(4));
  chain.advanceTo(6);
  const store = await open();
  expect(await store.getClientState(chainId)).toBeUndefined();
  expect(await store.heights(chainId)).toEqual([]);
  expect(await store.getConsensusState(chainId, 1)).toBeUndefined();

  for (const h of [3, 1, 2]) await store.putConsensusState(chainId, consensusStateOf(chain.at(h), chain.at(h).validatorSet));
  expect(await store.heights(chainId)).toEqual([1, 2, 3]);
  const cs2 = await store.getConsensusState(chainId, 2);
  expect(cs2?.headerHash).toEqual(consensusStateOf(chain.at(2)).headerHash);
  expect(encodeLightBlock({ signedHeader: cs2!.signedHeader, validatorSet: cs2!.validatorSet })).toEqual(encodeLightBlock(chain.at(2)));
  expect(cs2?.nextValidatorSet?.totalPower).toBe(4);
  await store.deleteConsensusState(chainId, 2);
  expect(await store.heights(chainId)).toEqual([1, 3]);

  const state: ClientState = {
    chainId,
    trustingPeriodMs: 1000,
    maxClockDriftMs: 10,
    trustLevel: { numerator: 1, denominator: 3 },
    status: 'active',
    latestHeight: 3,
  };
  const r1 = await store.putClientState(state, 0);
  const conflict = (p: Promise<unknown>) =>
    p.then(
      () => 'accepted',
      (e: CourtbridgeError) => e.reason,
    );
  expect(await conflict(store.putClientState(state, 0))).toBe('store_conflict');
  const r2 = await store.putClientState({ ...state, latestHeight: 4 }, r1);
  expect(r2).not.toBe(r1);
  expect(await conflict(store.putClientState(state, r1))).toBe('store_conflict');
  expect(await store.getClientState(chainId)).toEqual({ value: { ...state, latestHeight: 4 }, revision: r2 });

  // Another instance over the same data (a restart or a replica) sees it all.
  const again = await open();
  expect((await again.getClientState(chainId))?.revision).toBe(r2);
  expect(await again.heights(chainId)).toEqual([1, 3]);
}

/** A light client on `open()` resumes after a restart, and a frozen state with its evidence survives. */
export async function checkResumeAndFreeze(open: () => Promise<TrustedStore>, chainId = 'judicial-1'): Promise<void> {
  const chain = new ChainFixture(chainId, fixtureValidators(4));
  chain.advanceTo(6);
  const a = new LightClient(chainId, await open());
  await a.init(chain.at(1).signedHeader, chain.at(1).validatorSet, undefined, {
    trustingPeriodMs: 3_600_000,
    maxClockDriftMs: 10_000,
    nowMs: NOW,
  });
  expect((await a.update(chain.at(2).signedHeader, chain.at(2).validatorSet, NOW)).kind).toBe('updated');

  const b = new LightClient(chainId, await open());
  expect((await b.latest()).height).toBe(2);
  // 2 -> 4 skips a height: confirmed by a witness of the same chain before it is stored.
  expect((await b.update(chain.at(4).signedHeader, chain.at(4).validatorSet, NOW, witnessed(chain))).kind).toBe('updated');
  // Replica a sees b's update without re-sync.
  expect((await a.verifiedStateRoot(4, NOW)).stateRoot).toEqual(chain.at(4).header.stateRoot);
  // Both replicas offered the same next header at once: one stores it, the other finds it trusted.
  const both = await Promise.all([
    a.update(chain.at(5).signedHeader, chain.at(5).validatorSet, NOW),
    b.update(chain.at(5).signedHeader, chain.at(5).validatorSet, NOW),
  ]);
  expect(both.map((o) => o.kind).sort()).toEqual(['duplicate', 'updated']);

  const fork = forkOf(chain.at(4), { txRoot: sha256(utf8('fork')) });
  expect((await a.update(fork.signedHeader, fork.validatorSet, NOW)).kind).toBe('frozen');
  const c = new LightClient(chainId, await open());
  const err = await c.verifiedStateRoot(4, NOW).then(
    () => undefined,
    (e: CourtbridgeError) => e,
  );
  expect(err?.reason).toBe('client_frozen');
  expect((await c.clientState()).frozenEvidence?.misbehaviour.second.signedHeader.header.txRoot).toEqual(fork.header.txRoot);
  await c.unfreeze({ operator: 'did:alliance:ops-1', reason: 'resolved', decidedAtMs: NOW, action: { kind: 'resume' } });
  expect(await b.status(NOW)).toBe('active');
}
