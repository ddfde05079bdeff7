/**
 * Adversarial, table-driven (ibc-go `malleate` style): each crafted header or commit offered to
 * `LightClient.update` is rejected with its own named reason, and rejection changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { CourtbridgeError } from '../../src/errors.js';
import { ZERO_HASH, headerHash } from '../../src/chain/header.js';
import { validatorSetHash } from '../../src/chain/validator-set.js';
import { maxHeightGap } from '../../src/lightclient/client-state.js';
import { consensusStateOf } from '../../src/lightclient/consensus-state.js';
import { LightClient } from '../../src/lightclient/light-client.js';
import { MemoryTrustedStore } from '../../src/lightclient/memory-store.js';
import { verifyUpdate } from '../../src/lightclient/verify-update.js';
import {
  ChainFixture,
  FIXTURE_START_MS,
  blockOf,
  fixtureValidators,
  forkOf,
  validatorSetOf,
  type FixtureBlock,
} from '../helpers/chain-fixture.js';
import { witnessed } from './fixture-witness.js';

const TRUST_MS = 3_600_000;
const DRIFT_MS = 10_000;
const NOW = FIXTURE_START_MS + 60_000;
const vals = fixtureValidators(4);
const others = fixtureValidators(4, { from: 10 });
const chain = new ChainFixture('ip-1', vals);
chain.advanceTo(8);
const b = (h: number): FixtureBlock => chain.at(h);

/** A client trusting heights 2 (init). */
async function freshClient(): Promise<LightClient> {
  const client = new LightClient('ip-1', new MemoryTrustedStore());
  await client.init(b(2).signedHeader, b(2).validatorSet, undefined, { trustingPeriodMs: TRUST_MS, maxClockDriftMs: DRIFT_MS, nowMs: NOW });
  return client;
}

interface Case {
  name: string;
  reason: string;
  code?: string;
  /** The block offered (default b(3)), after `malleate`. */
  malleate: () => FixtureBlock;
  nowMs?: number;
  before?: (c: LightClient) => Promise<void>;
}

const cases: Case[] = [
  { name: 'header of another chain', reason: 'wrong_chain_id', malleate: () => new ChainFixture('ip-2', vals).advanceTo(3) },
  { name: 'height below every trusted height', reason: 'non_increasing_height', malleate: () => b(1) },
  {
    name: 'time not after the trusted header',
    reason: 'non_increasing_time',
    malleate: () => forkOf(b(3), { timeMs: b(2).header.timeMs }),
  },
  { name: 'time beyond now + max clock drift', reason: 'header_from_future', malleate: () => forkOf(b(3), { timeMs: NOW + DRIFT_MS + 1 }) },
  {
    name: 'trusted header older than the trusting period',
    reason: 'trust_expired',
    code: 'FAILED_PRECONDITION',
    malleate: () => b(3),
    nowMs: b(2).header.timeMs + TRUST_MS,
  },
  {
    name: 'validator set that does not hash to validatorsHash',
    reason: 'wrong_validator_set_hash',
    malleate: () => ({ ...b(3), validatorSet: validatorSetOf(others) }),
  },
  {
    name: 'sequential header signed by a set the trusted header did not announce',
    reason: 'wrong_validator_set_hash',
    malleate: () => blockOf({ ...b(3).header, validatorsHash: validatorSetHash(validatorSetOf(others)), proposer: others[0]!.did }, others),
  },
  { name: 'sequential header signed by 2 of 4', reason: 'insufficient_power', malleate: () => forkOf(b(3), {}, vals.slice(0, 2)) },
  {
    name: 'skipping header signed by 2 of 4 (trusting passes, quorum fails)',
    reason: 'insufficient_power',
    malleate: () => forkOf(b(6), {}, vals.slice(2)),
  },
  {
    name: 'skipping header from a made-up validator set',
    reason: 'insufficient_trusted_power',
    malleate: () => blockOf({ ...b(6).header, validatorsHash: validatorSetHash(validatorSetOf(others)), proposer: others[0]!.did }, others),
  },
  { name: 'all-zero state root', reason: 'empty_state_root', malleate: () => forkOf(b(3), { stateRoot: ZERO_HASH }) },
  {
    name: 'prevHash not the trusted header',
    reason: 'prev_hash_mismatch',
    malleate: () => forkOf(b(3), { prevHash: sha256(utf8('elsewhere')) }),
  },
  {
    name: 'commit of another header',
    reason: 'commit_hash_mismatch',
    malleate: () => ({
      ...b(3),
      signedHeader: { header: b(3).header, commit: forkOf(b(3), { txRoot: sha256(utf8('other')) }).signedHeader.commit },
    }),
  },
  {
    name: 'commit with another height',
    reason: 'commit_height_mismatch',
    malleate: () => ({ ...b(3), signedHeader: { header: b(3).header, commit: { ...b(3).signedHeader.commit, height: 4 } } }),
  },
  { name: 'malformed header', reason: 'invalid_prev_hash', malleate: () => forkOf(b(3), { prevHash: ZERO_HASH }) },
  {
    name: 'any header once the client is frozen',
    reason: 'client_frozen',
    code: 'FAILED_PRECONDITION',
    malleate: () => b(3),
    before: async (c) => {
      const out = await c.update(forkOf(b(2), { txRoot: sha256(utf8('fork')) }).signedHeader, b(2).validatorSet, NOW);
      expect(out.kind).toBe('frozen');
    },
  },
];

describe('LightClient.update rejections', () => {
  it('the unmalleated header is accepted (the table starts from a valid update)', async () => {
    const c = await freshClient();
    const out = await c.update(b(3).signedHeader, b(3).validatorSet, NOW);
    expect(out).toMatchObject({ kind: 'updated', evidence: { kind: 'sequential', supporting: [2] } });
    // Skipping needs a witness; this one is the chain itself (see test/lightclient/witness.test.ts).
    const skip = await c.update(b(6).signedHeader, b(6).validatorSet, NOW, witnessed(chain));
    expect(skip).toMatchObject({ kind: 'updated', evidence: { kind: 'skipping', supporting: [3] } });
  });

  it.each(cases)('$name -> $reason', async ({ malleate, reason, code, nowMs, before }) => {
    const c = await freshClient();
    if (before) await before(c);
    const stateBefore = await c.clientState();
    const block = malleate();
    let err: unknown;
    try {
      await c.update(block.signedHeader, block.validatorSet, nowMs ?? NOW);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CourtbridgeError);
    expect((err as CourtbridgeError).reason).toBe(reason);
    expect((err as CourtbridgeError).code).toBe(code ?? 'INVALID_ARGUMENT');
    expect(await c.clientState()).toEqual(stateBefore);
  });
});

/** The reason `p` was refused with, or `accepted`. */
async function outcomeOf(p: Promise<{ kind: string }>): Promise<string> {
  try {
    return `accepted: ${(await p).kind}`;
  } catch (e) {
    if (e instanceof CourtbridgeError) return e.reason;
    throw e;
  }
}

describe('LightClient.update boundaries', () => {
  it('a header at exactly now + max clock drift is accepted (one ms later is header_from_future)', async () => {
    const edge = forkOf(b(3), { timeMs: NOW + DRIFT_MS });
    expect(await outcomeOf((await freshClient()).update(edge.signedHeader, edge.validatorSet, NOW))).toBe('accepted: updated');
    const late = forkOf(b(3), { timeMs: NOW + DRIFT_MS + 1 });
    expect(await outcomeOf((await freshClient()).update(late.signedHeader, late.validatorSet, NOW))).toBe('header_from_future');
  });

  it('a skipping header exactly as many heights ahead as its time allows is held for a witness; one more is refused', async () => {
    // 3 ms of chain time after trusted height 2: the gap rule allows this many heights, no more.
    const timeMs = b(2).header.timeMs + 3;
    const allowed = maxHeightGap({}, b(2).header.timeMs, timeMs);
    const at = (h: number) => blockOf({ ...chain.at(h).header, timeMs }, vals);
    const edge = at(2 + allowed);
    expect(await (await freshClient()).update(edge.signedHeader, edge.validatorSet, NOW)).toMatchObject({
      kind: 'held',
      reason: 'witness_unavailable',
    });
    const over = at(2 + allowed + 1);
    expect(await outcomeOf((await freshClient()).update(over.signedHeader, over.validatorSet, NOW))).toBe('height_ahead_of_time');
  });

  it('a header of another chain is refused even when the trusted view holds its hash (a store mixed up between chains)', async () => {
    const state = await (await freshClient()).clientState();
    const foreign = new ChainFixture('ip-2', vals).advanceTo(3);
    const view = { clientState: state, below: consensusStateOf(b(2)), atHeight: consensusStateOf(foreign) };
    expect(() => verifyUpdate(view, foreign, NOW)).toThrow(expect.objectContaining({ reason: 'wrong_chain_id' }));
  });
});

describe('LightClient.update: which trusted set a skipping header is checked against', () => {
  // Height 2 hands the chain over from `vals` to `others`: `others` sign 3 and later.
  const handover = new ChainFixture('ip-1', vals);
  handover.advanceTo(1);
  handover.next({ nextValidators: others });
  handover.advanceTo(8);
  const h = (n: number): FixtureBlock => handover.at(n);
  async function clientAtHandover(): Promise<LightClient> {
    const client = new LightClient('ip-1', new MemoryTrustedStore());
    await client.init(h(2).signedHeader, h(2).validatorSet, validatorSetOf(others), {
      trustingPeriodMs: TRUST_MS,
      maxClockDriftMs: DRIFT_MS,
      nowMs: NOW,
    });
    return client;
  }
  /** A header at `height` claiming `signers` as its set, signed by all of them. */
  const signedBy = (height: number, signers: typeof vals): FixtureBlock =>
    blockOf({ ...h(height).header, validatorsHash: validatorSetHash(validatorSetOf(signers)), proposer: signers[0]!.did }, signers);

  it('forwards: the next set the trusted header announced, so the real chain after the handover is followed', async () => {
    const c = await clientAtHandover();
    const out = await c.update(h(6).signedHeader, h(6).validatorSet, NOW, witnessed(handover));
    expect(out).toMatchObject({ kind: 'updated', evidence: { kind: 'skipping', supporting: [2] } });
  });

  it('forwards: the set that handed over cannot go on signing (insufficient_trusted_power, nothing held)', async () => {
    const c = await clientAtHandover();
    const stale = signedBy(6, vals);
    expect(await outcomeOf(c.update(stale.signedHeader, stale.validatorSet, NOW))).toBe('insufficient_trusted_power');
  });

  it('at the trusted height: the set that signed it, so the next set cannot forge a conflict to freeze the client', async () => {
    const c = await clientAtHandover();
    const forged = signedBy(2, others);
    expect(await outcomeOf(c.update(forged.signedHeader, forged.validatorSet, NOW))).toBe('insufficient_trusted_power');
    expect((await c.clientState()).status).toBe('active');
    // A double sign by the set that did sign height 2 is real misbehaviour.
    const fork = forkOf(h(2), { txRoot: sha256(utf8('double sign')) });
    expect(await c.update(fork.signedHeader, fork.validatorSet, NOW)).toMatchObject({
      kind: 'frozen',
      frozen: { misbehaviour: { kind: 'conflicting_headers' } },
    });
  });
});

describe('LightClient.init rejections', () => {
  const init = async (block: FixtureBlock, next?: FixtureBlock['validatorSet'], store = new MemoryTrustedStore()) =>
    new LightClient('ip-1', store).init(block.signedHeader, block.validatorSet, next, {
      trustingPeriodMs: TRUST_MS,
      maxClockDriftMs: DRIFT_MS,
      nowMs: NOW,
    });
  const reasonOf = async (p: Promise<unknown>): Promise<string> =>
    p.then(
      () => 'accepted',
      (e: CourtbridgeError) => e.reason,
    );

  it('refuses an all-zero state root offered as trusted (the Nomad lesson)', async () => {
    expect(await reasonOf(init(forkOf(b(2), { stateRoot: ZERO_HASH })))).toBe('empty_state_root');
  });
  it('refuses a header without a quorum, a wrong set or a wrong next set', async () => {
    expect(await reasonOf(init(forkOf(b(2), {}, vals.slice(0, 2))))).toBe('insufficient_power');
    expect(await reasonOf(init({ ...b(2), validatorSet: validatorSetOf(others) }))).toBe('wrong_validator_set_hash');
    expect(await reasonOf(init(b(2), validatorSetOf(others)))).toBe('wrong_validator_set_hash');
    expect(await reasonOf(init(new ChainFixture('ip-2', vals).advanceTo(2)))).toBe('wrong_chain_id');
  });
  it('refuses a second init of the same chain', async () => {
    const store = new MemoryTrustedStore();
    await init(b(2), b(2).validatorSet, store);
    expect(await reasonOf(init(b(3), undefined, store))).toBe('client_exists');
    expect(headerHash((await new LightClient('ip-1', store).latest()).signedHeader.header)).toEqual(headerHash(b(2).header));
  });
});
