/**
 * Forward "lunatic" headers (adversarial): a header beyond the chain's tip, naming a made-up
 * validator set, signed by more than 1/3 but less than 2/3 of the trusted power and by all of its
 * own set passes the skipping rule. It must be held when its height runs ahead of time, held
 * without a witness, and freeze the client (`lunatic_attack`, both headers kept) when a witness
 * holds the real header.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import type { CourtbridgeError } from '../../src/errors.js';
import { headerHash, type Header } from '../../src/chain/header.js';
import { decodeMisbehaviour, encodeMisbehaviour, validateMisbehaviourBasic } from '../../src/chain/misbehaviour.js';
import { validatorSetHash } from '../../src/chain/validator-set.js';
import { LightClient } from '../../src/lightclient/light-client.js';
import { MemoryTrustedStore } from '../../src/lightclient/memory-store.js';
import { consensusStateOf } from '../../src/lightclient/consensus-state.js';
import { crossCheck } from '../../src/lightclient/witness.js';
import { decodeClientState, encodeClientState } from '../../src/lightclient/state-codec.js';
import { verifyUpdate, type TrustedView } from '../../src/lightclient/verify-update.js';
import type { ClientState } from '../../src/lightclient/client-state.js';
import type { ValidatorSet } from '../../src/chain/validator-set.js';
import {
  ChainFixture,
  FIXTURE_START_MS,
  blockOf,
  fixtureValidators,
  forkOf,
  validatorSetOf,
  type FixtureBlock,
} from '../helpers/chain-fixture.js';
import { chainWitness, unreachableWitness, witnessed } from './fixture-witness.js';
import { courtbridgeRejectionOf } from '../helpers/refusal.js';

const NOW = FIXTURE_START_MS + 120_000;
const opts = { trustingPeriodMs: 3_600_000, maxClockDriftMs: 10_000, nowMs: NOW };

// Six validators of power 1; the attacker holds keys 1..3: half the power, more than 1/3, less than 2/3.
const A = fixtureValidators(6);
const chain = new ChainFixture('judicial-1', A);
chain.advanceTo(40);
const LUNATIC_SET = [...A.slice(0, 3), ...fixtureValidators(1, { from: 60 })];

/** A made-up header at `height`: its own validator set, signed by all of it (3 of them trusted). */
function lunatic(height: number, timeMs: number): FixtureBlock {
  const vs = validatorSetOf(LUNATIC_SET);
  const header: Header = {
    chainId: chain.chainId,
    height,
    timeMs,
    prevHash: sha256(utf8('a chain that never was')),
    stateRoot: sha256(utf8('an order that exists under no real header')),
    txRoot: sha256(utf8('made-up txs')),
    validatorsHash: validatorSetHash(vs),
    nextValidatorsHash: validatorSetHash(vs),
    proposer: LUNATIC_SET[0]!.did,
  };
  return blockOf(header, LUNATIC_SET, LUNATIC_SET);
}

async function clientAt(h: number, extra: { minBlockIntervalMs?: number } = {}): Promise<LightClient> {
  const c = new LightClient(chain.chainId, new MemoryTrustedStore());
  await c.init(chain.at(h).signedHeader, chain.at(h).validatorSet, undefined, { ...opts, ...extra });
  return c;
}

const state: ClientState = {
  chainId: chain.chainId,
  trustingPeriodMs: 3_600_000,
  maxClockDriftMs: 10_000,
  trustLevel: { numerator: 1, denominator: 3 },
  status: 'active',
  latestHeight: 2,
};
const viewFrom = (h: number, s: ClientState = state): TrustedView => ({
  clientState: { ...s, latestHeight: h },
  below: consensusStateOf(chain.at(h)),
});

describe('pure core: a lunatic header (1/3 < trusted power < 2/3)', () => {
  it('far ahead of what the chain could produce: height_ahead_of_time (INVALID_ARGUMENT)', () => {
    const far = lunatic(1_000_000, chain.at(2).header.timeMs + 30_000);
    let err: unknown;
    try {
      verifyUpdate(viewFrom(2), far, NOW);
    } catch (e) {
      err = e;
    }
    expect((err as CourtbridgeError).reason).toBe('height_ahead_of_time');
    expect((err as CourtbridgeError).code).toBe('INVALID_ARGUMENT');
  });

  it('claiming a time that would make the height possible: header_from_future', () => {
    const future = lunatic(1_000_000, chain.at(2).header.timeMs + 1_000_000_000);
    expect(() => verifyUpdate(viewFrom(2), future, NOW)).toThrow(expect.objectContaining({ reason: 'header_from_future' }));
  });

  it('a configured minimum block interval tightens the rule (1 s: 10 heights in 5 s are too many)', () => {
    const slow = { ...state, minBlockIntervalMs: 1_000 };
    const b = lunatic(12, chain.at(2).header.timeMs + 5_000);
    expect(() => verifyUpdate(viewFrom(2, slow), b, NOW)).toThrow(expect.objectContaining({ reason: 'height_ahead_of_time' }));
    // The real chain (one block a second) passes the same rule.
    const real = verifyUpdate(viewFrom(2, slow), chain.at(12), NOW);
    expect(real.kind).toBe('verified');
  });

  it('at a plausible height it verifies by skipping, and is marked as needing a witness', () => {
    const b = lunatic(10, chain.at(10).header.timeMs);
    const v = verifyUpdate(viewFrom(2), b, NOW);
    expect(v).toMatchObject({ kind: 'verified', needsWitness: true, evidence: { kind: 'skipping', supporting: [2] } });
    // A sequential header needs none.
    expect(verifyUpdate(viewFrom(2), chain.at(3), NOW)).toMatchObject({ kind: 'verified', needsWitness: false });
  });

  it('crossCheck: the real header from a witness is lunatic_attack evidence; a witness behind or lying holds', async () => {
    const b = lunatic(10, chain.at(10).header.timeMs);
    const real = chain.at(10);
    const conflict = crossCheck(viewFrom(2), b, [{ kind: 'block', witness: 'did:w', block: real }], NOW);
    expect(conflict).toMatchObject({ kind: 'conflict', witness: 'did:w', misbehaviour: { kind: 'lunatic_attack' } });
    expect(crossCheck(viewFrom(2), b, [{ kind: 'block', witness: 'did:w', block: chain.at(5) }], NOW)).toMatchObject({
      kind: 'held',
      reason: 'witness_behind',
    });
    const bogus = forkOf(real, { txRoot: sha256(utf8('x')) }, fixtureValidators(4, { from: 80 }));
    expect(crossCheck(viewFrom(2), b, [{ kind: 'block', witness: 'did:w', block: bogus }], NOW)).toMatchObject({
      kind: 'held',
      reason: 'witness_faulty',
    });
    expect(crossCheck(viewFrom(2), b, [], NOW)).toMatchObject({ kind: 'held', reason: 'witness_unavailable' });
    // A conflict wins over a confirming witness (the attacker's own replica).
    const both = crossCheck(
      viewFrom(2),
      b,
      [
        { kind: 'block', witness: 'did:liar', block: b },
        { kind: 'block', witness: 'did:w', block: real },
      ],
      NOW,
    );
    expect(both.kind).toBe('conflict');
  });
});

describe('crossCheck: what a witness answer counts for', () => {
  const real = chain.at(10);
  const answer = (witness: string, block: FixtureBlock) => ({ kind: 'block' as const, witness, block });

  it('every witness holding the same header confirms it (kind confirmed, the confirming witnesses named)', () => {
    const answers = [
      answer('did:a', real),
      { kind: 'unreachable' as const, witness: 'did:b', detail: 'no responders' },
      answer('did:c', real),
    ];
    expect(crossCheck(viewFrom(2), real, answers, NOW)).toEqual({ kind: 'confirmed', witnesses: ['did:a', 'did:c'] });
  });

  it('a block of another chain is no answer: faulty, even at a height that would look merely behind', () => {
    const other = new ChainFixture('judicial-2', A);
    other.advanceTo(10);
    for (const h of [5, 10]) {
      expect(crossCheck(viewFrom(2), real, [answer('did:w', other.at(h))], NOW)).toMatchObject({ kind: 'held', reason: 'witness_faulty' });
    }
  });

  it('a genuine header above the asked height is no evidence against the primary: faulty, not a conflict that freezes', () => {
    for (const primary of [real, lunatic(10, real.header.timeMs)]) {
      expect(crossCheck(viewFrom(2), primary, [answer('did:w', chain.at(12))], NOW)).toMatchObject({
        kind: 'held',
        reason: 'witness_faulty',
      });
    }
  });

  it('an answer that is not a light block at all is a bug of the caller: thrown, not counted as a faulty witness', () => {
    const broken = { ...forkOf(real, { txRoot: sha256(utf8('x')) }), validatorSet: undefined as unknown as ValidatorSet };
    expect(() => crossCheck(viewFrom(2), real, [answer('did:w', broken)], NOW)).toThrow(TypeError);
  });

  it('held for want of a witness: the detail lists the unreachable ones, or says there were none', () => {
    expect(crossCheck(viewFrom(2), real, [], NOW)).toEqual({
      kind: 'held',
      reason: 'witness_unavailable',
      detail: 'no witness to confirm judicial-1@10',
    });
    const down = [
      { kind: 'unreachable' as const, witness: 'did:a', detail: 'no responders' },
      { kind: 'unreachable' as const, witness: 'did:b', detail: 'timeout' },
    ];
    expect(crossCheck(viewFrom(2), real, down, NOW)).toEqual({
      kind: 'held',
      reason: 'witness_unavailable',
      detail: 'no witness answered for judicial-1@10 (did:a: no responders; did:b: timeout)',
    });
  });
});

describe('LightClient: skipping headers are held until a witness confirms them', () => {
  it('no witness: held (witness_unavailable), nothing stored', async () => {
    const c = await clientAt(2);
    const out = await c.update(lunatic(10, chain.at(10).header.timeMs).signedHeader, validatorSetOf(LUNATIC_SET), NOW);
    expect(out).toMatchObject({ kind: 'held', reason: 'witness_unavailable' });
    expect((await courtbridgeRejectionOf(c.verifiedStateRoot(10, NOW))).reason).toBe('height_not_trusted');
    expect((await c.clientState()).latestHeight).toBe(2);
    // Even the real header waits for a witness when it skips; an unreachable witness holds it too.
    expect((await c.update(chain.at(10).signedHeader, chain.at(10).validatorSet, NOW, { witness: unreachableWitness })).kind).toBe('held');
  });

  it('a witness holding the real header: frozen, lunatic_attack, both headers kept as evidence (and survive the codec)', async () => {
    const c = await clientAt(2);
    const b = lunatic(10, chain.at(10).header.timeMs);
    const out = await c.update(b.signedHeader, b.validatorSet, NOW, { witness: chainWitness(chain, 'did:alliance:judicial-adapter-2') });
    expect(out.kind).toBe('frozen');
    if (out.kind !== 'frozen') return;
    expect(out.witness).toBe('did:alliance:judicial-adapter-2');
    const m = out.frozen.misbehaviour;
    expect(m.kind).toBe('lunatic_attack');
    expect(toHex(headerHash(m.first.signedHeader.header))).toBe(toHex(headerHash(b.header)));
    expect(toHex(headerHash(m.second.signedHeader.header))).toBe(toHex(headerHash(chain.at(10).header)));
    expect(await c.status(NOW)).toBe('frozen');
    expect((await courtbridgeRejectionOf(c.verifiedStateRoot(2, NOW))).reason).toBe('client_frozen');
    const st = decodeClientState(encodeClientState(await c.clientState()));
    expect(st.frozenEvidence?.misbehaviour.kind).toBe('lunatic_attack');
    expect(() => validateMisbehaviourBasic(m)).not.toThrow();
    expect(decodeMisbehaviour(encodeMisbehaviour(m)).kind).toBe('lunatic_attack');
    expect(() => validateMisbehaviourBasic({ ...m, kind: 'fork_detected' })).toThrow(
      expect.objectContaining({ reason: 'misbehaviour_is_lunatic' }),
    );
  });

  it("the lunatic header beyond the witness's tip is held (witness_behind), not trusted", async () => {
    const short = new ChainFixture(chain.chainId, A);
    short.advanceTo(8);
    const c = await clientAt(2);
    const b = lunatic(10, chain.at(10).header.timeMs);
    expect(await c.update(b.signedHeader, b.validatorSet, NOW, witnessed(short))).toMatchObject({ kind: 'held', reason: 'witness_behind' });
    expect((await c.clientState()).latestHeight).toBe(2);
  });

  it('the same validators signing another header: fork_detected', async () => {
    const c = await clientAt(2);
    const fork = forkOf(chain.at(10), { stateRoot: sha256(utf8('double sign')) });
    const out = await c.update(fork.signedHeader, fork.validatorSet, NOW, witnessed(chain));
    expect(out.kind === 'frozen' && out.frozen.misbehaviour.kind).toBe('fork_detected');
  });

  it('a real skipping header confirmed by a witness is trusted; sequential headers need none', async () => {
    const c = await clientAt(2);
    expect(await c.update(chain.at(3).signedHeader, chain.at(3).validatorSet, NOW)).toMatchObject({ kind: 'updated', witnesses: [] });
    const out = await c.update(chain.at(10).signedHeader, chain.at(10).validatorSet, NOW, { witness: chainWitness(chain, 'did:w') });
    expect(out).toMatchObject({ kind: 'updated', witnesses: ['did:w'], evidence: { kind: 'skipping' } });
  });

  it('states stored before the minimum block interval existed still decode (default applies)', async () => {
    const c = await clientAt(2, { minBlockIntervalMs: 500 });
    const stored = JSON.parse(encodeClientState(await c.clientState())) as Record<string, unknown>;
    expect(stored.minBlockIntervalMs).toBe(500);
    delete stored.minBlockIntervalMs;
    const old = decodeClientState(JSON.stringify(stored));
    expect(old.minBlockIntervalMs).toBeUndefined();
    expect(verifyUpdate({ clientState: old, below: consensusStateOf(chain.at(2)) }, chain.at(3), NOW).kind).toBe('verified');
    expect((await courtbridgeRejectionOf(clientAt(2, { minBlockIntervalMs: 0 }))).reason).toBe('invalid_trust_options');
  });
});
