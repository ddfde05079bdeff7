/**
 * What `LightClient.init` and `unfreeze` refuse before they touch the store, each at its edge
 * (the last value accepted next to the first refused), how init over an existing client fails
 * without writing, and what a store that lost the latest trusted header answers.
 */
import { describe, expect, it } from 'vitest';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../src/errors.js';
import type { ClientState, OperatorDecision } from '../../src/lightclient/client-state.js';
import { type InitOptions, LightClient } from '../../src/lightclient/light-client.js';
import { MemoryTrustedStore } from '../../src/lightclient/memory-store.js';
import { ChainFixture, fixtureValidators } from '../helpers/chain-fixture.js';
import { courtbridgeRejectionOf } from '../helpers/refusal.js';

const TRUST_MS = 3_600_000;
const DRIFT_MS = 10_000;
const chain = new ChainFixture('ip-1', fixtureValidators(4));
chain.advanceTo(3);
const anchor = chain.at(2);
const T = anchor.header.timeMs;
const NOW = T + 60_000;
const base: InitOptions = { trustingPeriodMs: TRUST_MS, maxClockDriftMs: DRIFT_MS, nowMs: NOW };

/** The reason `p` was refused with, 'accepted' when it resolved (anything not a CourtbridgeError fails the test). */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}

const initWith = (opts: InitOptions, store = new MemoryTrustedStore()): Promise<ClientState> =>
  new LightClient('ip-1', store).init(anchor.signedHeader, anchor.validatorSet, undefined, opts);

describe('LightClient.init options', () => {
  const cases: [string, Partial<InitOptions>, string][] = [
    ['trusting period 1 ms, header exactly now', { trustingPeriodMs: 1, nowMs: T }, 'accepted'],
    ['trusting period 0', { trustingPeriodMs: 0 }, 'invalid_trust_options'],
    ['trusting period -1', { trustingPeriodMs: -1 }, 'invalid_trust_options'],
    ['trusting period 1.5', { trustingPeriodMs: 1.5 }, 'invalid_trust_options'],
    ['trusting period NaN', { trustingPeriodMs: Number.NaN }, 'invalid_trust_options'],
    ['trusting period 2^53', { trustingPeriodMs: 2 ** 53 }, 'invalid_trust_options'],
    ['clock drift 0, header exactly now', { maxClockDriftMs: 0, nowMs: T }, 'accepted'],
    ['clock drift -1', { maxClockDriftMs: -1 }, 'invalid_trust_options'],
    ['clock drift 1.5', { maxClockDriftMs: 1.5 }, 'invalid_trust_options'],
    ['clock drift NaN', { maxClockDriftMs: Number.NaN }, 'invalid_trust_options'],
    ['now 0 (drift covers the header)', { nowMs: 0, maxClockDriftMs: T }, 'accepted'],
    ['now -1', { nowMs: -1, maxClockDriftMs: T + 1 }, 'invalid_trust_options'],
    ['now 1.5', { nowMs: 1.5, maxClockDriftMs: T }, 'invalid_trust_options'],
    ['now NaN', { nowMs: Number.NaN }, 'invalid_trust_options'],
    ['header exactly at now + drift', { nowMs: T - DRIFT_MS }, 'accepted'],
    ['header 1 ms past now + drift', { nowMs: T - DRIFT_MS - 1 }, 'header_from_future'],
    ['header 1 ms inside the trusting period', { nowMs: T + TRUST_MS - 1 }, 'accepted'],
    ['header exactly a trusting period old', { nowMs: T + TRUST_MS }, 'trust_expired'],
  ];
  it.each(cases)('%s → %s', async (_name, change, want) => {
    expect(await outcome(initWith({ ...base, ...change }))).toBe(want);
  });

  it('names the option it refuses, and an expired anchor is FAILED_PRECONDITION', async () => {
    for (const k of ['trustingPeriodMs', 'maxClockDriftMs', 'nowMs'] as const) {
      expect((await courtbridgeRejectionOf(initWith({ ...base, [k]: -1 }))).message).toContain(`opts.${k}:`);
    }
    const trustLevel = await courtbridgeRejectionOf(initWith({ ...base, trustLevel: { numerator: 1, denominator: 4 } }));
    expect([trustLevel.reason, trustLevel.message.startsWith('opts.trustLevel:')]).toEqual(['invalid_trust_level', true]);
    expect((await courtbridgeRejectionOf(initWith({ ...base, nowMs: T + TRUST_MS }))).code).toBe(ErrorCode.FailedPrecondition);
  });

  it('returns and stores an active state; a SHA-256 chain carries no hashSuite field', async () => {
    const store = new MemoryTrustedStore();
    const want: ClientState = {
      chainId: 'ip-1',
      trustingPeriodMs: TRUST_MS,
      maxClockDriftMs: DRIFT_MS,
      trustLevel: { numerator: 1, denominator: 3 },
      minBlockIntervalMs: 1,
      status: 'active',
      latestHeight: 2,
    };
    const st = await initWith(base, store);
    expect(st).toStrictEqual(want);
    expect((await store.getClientState('ip-1'))?.value).toStrictEqual(want);
    expect((await initWith({ ...base, hashSuite: 'sha256' })).hashSuite).toBeUndefined();
    expect('hashSuite' in (await initWith({ ...base, hashSuite: 'sha256' }))).toBe(false);
  });
});

/** Another replica's init lands between this client's read and its compare-and-set; or the write fails otherwise. */
class RacingStore extends MemoryTrustedStore {
  constructor(private readonly interfere: (store: MemoryTrustedStore) => Promise<void>) {
    super();
  }
  override async putClientState(state: ClientState, expectedRevision: number): Promise<number> {
    await this.interfere(this);
    return super.putClientState(state, expectedRevision);
  }
}

describe('LightClient.init over an existing client', () => {
  it('is client_exists (ALREADY_EXISTS) and writes nothing', async () => {
    const store = new MemoryTrustedStore();
    const c = new LightClient('ip-1', store);
    await c.init(anchor.signedHeader, anchor.validatorSet, undefined, base);
    const other = chain.at(3);
    const e = await courtbridgeRejectionOf(c.init(other.signedHeader, other.validatorSet, undefined, base));
    expect([e.reason, e.code]).toEqual(['client_exists', ErrorCode.AlreadyExists]);
    // Refused before the consensus state is written: the first anchor is all the store holds.
    expect(await store.heights('ip-1')).toEqual([2]);
    expect((await c.latest()).height).toBe(2);
  });

  it('a concurrent init that wins the compare-and-set makes this one client_exists, with the conflict as cause', async () => {
    let rivalDone = false;
    const store = new RacingStore(async (s) => {
      if (rivalDone) return;
      rivalDone = true;
      await s.putClientState(await initWith(base), 0);
    });
    const e = await courtbridgeRejectionOf(initWith(base, store));
    expect([e.reason, e.code]).toEqual(['client_exists', ErrorCode.AlreadyExists]);
    expect(isCourtbridgeError(e.cause) && e.cause.reason).toBe('store_conflict');
  });

  it('any other store failure passes through unchanged', async () => {
    const down = new CourtbridgeError(ErrorCode.Unavailable, 'jetstream_unavailable', 'kv down');
    const store = new RacingStore(async () => {
      throw down;
    });
    await expect(initWith(base, store)).rejects.toBe(down);
  });
});

describe('LightClient.unfreeze decision checks', () => {
  const ok: OperatorDecision = { operator: 'did:alliance:ops-1', reason: 'checked', decidedAtMs: NOW, action: { kind: 'resume' } };
  // Checked before the state is read: on an active client a valid decision gets as far as client_not_frozen.
  const cases: [string, Partial<Record<keyof OperatorDecision, unknown>>, string][] = [
    ['valid', {}, 'client_not_frozen'],
    ['operator not a DID', { operator: 'ops-1' }, 'invalid_operator_decision'],
    ['operator not a string', { operator: 42 }, 'invalid_operator_decision'],
    ['operator missing', { operator: undefined }, 'invalid_operator_decision'],
    ['reason one character', { reason: 'x' }, 'client_not_frozen'],
    ['reason empty', { reason: '' }, 'invalid_operator_decision'],
    ['reason only whitespace', { reason: ' \t\n ' }, 'invalid_operator_decision'],
    ['reason not a string', { reason: 42 }, 'invalid_operator_decision'],
    ['reason missing', { reason: undefined }, 'invalid_operator_decision'],
    ['decidedAtMs 0', { decidedAtMs: 0 }, 'client_not_frozen'],
    ['decidedAtMs -1', { decidedAtMs: -1 }, 'invalid_operator_decision'],
    ['decidedAtMs 1.5', { decidedAtMs: 1.5 }, 'invalid_operator_decision'],
    ['decidedAtMs NaN', { decidedAtMs: Number.NaN }, 'invalid_operator_decision'],
  ];
  it.each(cases)('%s → %s', async (_name, change, want) => {
    const c = new LightClient('ip-1', new MemoryTrustedStore());
    await c.init(anchor.signedHeader, anchor.validatorSet, undefined, base);
    expect(await outcome(c.unfreeze({ ...ok, ...change } as OperatorDecision))).toBe(want);
  });
});

describe('a store that lost the latest trusted header', () => {
  it('is corrupt_trusted_store (INTERNAL) for every call that reads it', async () => {
    const store = new MemoryTrustedStore();
    const c = new LightClient('ip-1', store);
    await c.init(anchor.signedHeader, anchor.validatorSet, undefined, base);
    await store.deleteConsensusState('ip-1', 2);
    const calls: [string, () => Promise<unknown>][] = [
      ['latest', () => c.latest()],
      ['status', () => c.status(NOW)],
      ['trustTimeLeftMs', () => c.trustTimeLeftMs(NOW)],
      ['verifiedStateRoot', () => c.verifiedStateRoot({ kind: 'latest' }, NOW)],
    ];
    for (const [name, call] of calls) {
      const e = await courtbridgeRejectionOf(call());
      expect([e.reason, e.code], name).toEqual(['corrupt_trusted_store', ErrorCode.Internal]);
    }
  });
});
