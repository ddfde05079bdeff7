/**
 * What `LightClient` reads from and writes to its store around a decision: the trusted
 * neighbours of an offered height, the compare-and-set retry, the single-source option, status of
 * a frozen client, and the height a failed query names. The store is a `MemoryTrustedStore`
 * behind a checking wrapper: it refuses heights that are not integers (as a stricter store
 * would) and can let another replica write in between, so that the client's compare-and-set loses.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode, CourtbridgeError } from '../../src/errors.js';
import type { LightBlock } from '../../src/chain/signed-header.js';
import type { ClientState } from '../../src/lightclient/client-state.js';
import type { ConsensusState } from '../../src/lightclient/consensus-state.js';
import { LightClient } from '../../src/lightclient/light-client.js';
import { MemoryTrustedStore } from '../../src/lightclient/memory-store.js';
import type { TrustedStore, Versioned } from '../../src/lightclient/store.js';
import type { Witness } from '../../src/lightclient/witness.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators, forkOf, type FixtureBlock } from '../helpers/chain-fixture.js';
import { witnessed } from './fixture-witness.js';
import { courtbridgeRejectionOf } from '../helpers/refusal.js';

const NOW = FIXTURE_START_MS + 120_000;
const opts = { trustingPeriodMs: 3_600_000, maxClockDriftMs: 10_000, nowMs: NOW };
const chain = new ChainFixture('ip-7', fixtureValidators(4));
chain.advanceTo(12);
const b = (h: number): FixtureBlock => chain.at(h);

/**
 * A `MemoryTrustedStore` that checks every height it is asked for, counts client-state writes,
 * and on request makes the next writes lose their compare-and-set (another replica rewrote the
 * state just before) or fail with another error.
 */
class CheckedStore implements TrustedStore {
  readonly inner = new MemoryTrustedStore();
  clientStateWrites = 0;
  private conflicts = 0;
  private failure: CourtbridgeError | undefined;

  /** The next `n` client-state writes lose to a concurrent writer. */
  conflictNext(n: number): void {
    this.conflicts = n;
  }

  /** The next client-state write fails with `e` (not a conflict). */
  failNext(e: CourtbridgeError): void {
    this.failure = e;
  }

  async getClientState(chainId: string): Promise<Versioned<ClientState> | undefined> {
    return this.inner.getClientState(chainId);
  }

  async putClientState(state: ClientState, expectedRevision: number): Promise<number> {
    this.clientStateWrites++;
    if (this.failure !== undefined) {
      const e = this.failure;
      this.failure = undefined;
      throw e;
    }
    if (this.conflicts > 0) {
      this.conflicts--;
      const cur = await this.inner.getClientState(state.chainId);
      // Another replica rewrites the same state: the revision moves, so this write is stale.
      if (cur !== undefined) await this.inner.putClientState(cur.value, cur.revision);
    }
    return this.inner.putClientState(state, expectedRevision);
  }

  async getConsensusState(chainId: string, height: number): Promise<ConsensusState | undefined> {
    checkHeight(height);
    return this.inner.getConsensusState(chainId, height);
  }

  async putConsensusState(chainId: string, cs: ConsensusState): Promise<void> {
    checkHeight(cs.height);
    return this.inner.putConsensusState(chainId, cs);
  }

  async deleteConsensusState(chainId: string, height: number): Promise<void> {
    checkHeight(height);
    return this.inner.deleteConsensusState(chainId, height);
  }

  async heights(chainId: string): Promise<number[]> {
    return this.inner.heights(chainId);
  }
}

function checkHeight(height: unknown): void {
  if (!Number.isSafeInteger(height)) throw new TypeError(`store asked for height ${String(height)}`);
}

async function clientAt(h: number): Promise<{ c: LightClient; store: CheckedStore }> {
  const store = new CheckedStore();
  const c = new LightClient(chain.chainId, store);
  await c.init(b(h).signedHeader, b(h).validatorSet, undefined, opts);
  store.clientStateWrites = 0;
  return { c, store };
}

describe('skipping headers and the single-source option', () => {
  it('singleSource trusts a skipping header without asking a witness; without it the header is held', async () => {
    const { c } = await clientAt(2);
    const asked: LightBlock[] = [];
    const witness: Witness = async (target) => {
      asked.push(target);
      return [];
    };
    expect(await c.update(b(10).signedHeader, b(10).validatorSet, NOW)).toMatchObject({ kind: 'held', reason: 'witness_unavailable' });
    expect(await c.update(b(10).signedHeader, b(10).validatorSet, NOW, { witness })).toMatchObject({
      kind: 'held',
      reason: 'witness_unavailable',
    });
    expect(asked).toHaveLength(1);
    expect((await c.clientState()).latestHeight).toBe(2);

    const out = await c.update(b(10).signedHeader, b(10).validatorSet, NOW, { witness, singleSource: true });
    expect(out).toMatchObject({ kind: 'updated', witnesses: [], evidence: { kind: 'skipping', supporting: [2] } });
    expect(asked).toHaveLength(1);
    expect((await c.clientState()).latestHeight).toBe(10);
  });
});

describe('the trusted neighbours of an offered height', () => {
  it('a gap-filling header is held to the next trusted header above it, not a later one', async () => {
    const { c } = await clientAt(1);
    for (const h of [5, 9]) expect((await c.update(b(h).signedHeader, b(h).validatorSet, NOW, witnessed(chain))).kind).toBe('updated');
    // Header 3 dated after trusted 5 but before trusted 9: only 5, its next trusted neighbour, shows the violation.
    const late3 = forkOf(b(3), { timeMs: b(7).header.timeMs });
    const out = await c.update(late3.signedHeader, late3.validatorSet, NOW);
    expect(out.kind).toBe('frozen');
    if (out.kind !== 'frozen') return;
    expect(out.frozen.misbehaviour.kind).toBe('time_violation');
    expect(out.frozen.misbehaviour.second.signedHeader.header.height).toBe(5);
  });

  it('a header below every trusted height is refused without asking the store for a height it does not have', async () => {
    const { c } = await clientAt(5);
    const e = await courtbridgeRejectionOf(c.update(b(3).signedHeader, b(3).validatorSet, NOW, witnessed(chain)));
    expect(e.reason).toBe('non_increasing_height');
    expect(await c.status(NOW)).toBe('active');
  });
});

describe('compare-and-set retries', () => {
  it('a lost write is retried against fresh state: a consensus state the loser wrote is not taken as trusted', async () => {
    const { c, store } = await clientAt(2);
    store.conflictNext(1);
    // The first attempt wrote consensus state 3 before its client-state write lost; the retry must
    // still verify 3 from trusted 2 and move the latest height, not call 3 a duplicate.
    expect(await c.update(b(3).signedHeader, b(3).validatorSet, NOW)).toMatchObject({
      kind: 'updated',
      evidence: { kind: 'sequential', supporting: [2] },
    });
    expect(store.clientStateWrites).toBe(2);
    expect((await c.clientState()).latestHeight).toBe(3);
  });

  it('gives up after five lost writes with store_conflict; four are retried', async () => {
    const { c, store } = await clientAt(2);
    store.conflictNext(4);
    expect((await c.update(b(3).signedHeader, b(3).validatorSet, NOW)).kind).toBe('updated');
    expect(store.clientStateWrites).toBe(5);
    expect((await c.clientState()).latestHeight).toBe(3);

    store.clientStateWrites = 0;
    store.conflictNext(5);
    const e = await courtbridgeRejectionOf(c.update(b(4).signedHeader, b(4).validatorSet, NOW));
    expect([e.reason, e.code]).toEqual(['store_conflict', ErrorCode.FailedPrecondition]);
    expect(store.clientStateWrites).toBe(5);
    expect((await c.clientState()).latestHeight).toBe(3);
    // Once the contention is over the same header goes through.
    expect((await c.update(b(4).signedHeader, b(4).validatorSet, NOW)).kind).toBe('updated');
  });

  it('any other store failure is not retried', async () => {
    const { c, store } = await clientAt(2);
    const broken = new CourtbridgeError(ErrorCode.Internal, 'corrupt_trusted_store', 'store record unreadable');
    store.failNext(broken);
    expect(await courtbridgeRejectionOf(c.update(b(3).signedHeader, b(3).validatorSet, NOW))).toBe(broken);
    expect(store.clientStateWrites).toBe(1);
    expect((await c.clientState()).latestHeight).toBe(2);
  });
});

describe('status and queries', () => {
  it('a frozen client reports frozen from its client state alone, even when its latest consensus state is gone', async () => {
    const { c, store } = await clientAt(2);
    await c.update(b(3).signedHeader, b(3).validatorSet, NOW);
    const fork = forkOf(b(3), { timeMs: b(3).header.timeMs + 1 });
    expect((await c.update(fork.signedHeader, fork.validatorSet, NOW)).kind).toBe('frozen');
    await store.deleteConsensusState(chain.chainId, 3);
    expect(await c.status(NOW)).toBe('frozen');
  });

  it('an untrusted height asked by number is named in the error', async () => {
    const { c } = await clientAt(2);
    for (const q of [7, { kind: 'at' as const, height: 7 }]) {
      const e = await courtbridgeRejectionOf(c.verifiedStateRoot(q, NOW));
      expect([e.reason, e.code]).toEqual(['height_not_trusted', ErrorCode.NotFound]);
      expect(e.message).toContain('at height 7;');
    }
  });
});
