import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { headerHash } from '../../src/chain/header.js';
import { LightClient } from '../../src/lightclient/light-client.js';
import { MemoryTrustedStore } from '../../src/lightclient/memory-store.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators, forkOf, type FixtureBlock } from '../helpers/chain-fixture.js';
import { witnessed } from './fixture-witness.js';
import { courtbridgeRejectionOf } from '../helpers/refusal.js';

const TRUST_MS = 3_600_000;
const DRIFT_MS = 10_000;
const NOW = FIXTURE_START_MS + 120_000;
const opts = { trustingPeriodMs: TRUST_MS, maxClockDriftMs: DRIFT_MS, nowMs: NOW };

async function clientAt(block: FixtureBlock, chainId = block.header.chainId): Promise<LightClient> {
  const c = new LightClient(chainId, new MemoryTrustedStore());
  await c.init(block.signedHeader, block.validatorSet, undefined, opts);
  return c;
}

describe('validator-set changes', () => {
  // Set A = keys 1..4 signs 1..3; header 3 announces set B = keys 3..6; B signs 4..
  const A = fixtureValidators(4);
  const B = fixtureValidators(4, { from: 3 });
  const chain = new ChainFixture('finance-1', A);
  chain.next();
  chain.next();
  chain.next({ nextValidators: B });
  chain.advanceTo(10);

  it('follows a sequential handover by hash', async () => {
    const c = await clientAt(chain.at(1));
    for (let h = 2; h <= 6; h++) {
      const out = await c.update(chain.at(h).signedHeader, chain.at(h).validatorSet, NOW);
      expect(out).toMatchObject({ kind: 'updated', evidence: { kind: 'sequential', supporting: [h - 1] } });
    }
    const root = await c.verifiedStateRoot({ kind: 'latest' }, NOW);
    expect(root.height).toBe(6);
    expect(toHex(root.stateRoot)).toBe(toHex(chain.at(6).header.stateRoot));
    expect((await c.latest()).validatorSet.validators.map((v) => v.did)).toEqual(chain.at(6).validatorSet.validators.map((v) => v.did));
  });

  it('skips across the change when more than 1/3 of the trusted power signed', async () => {
    const c = await clientAt(chain.at(1));
    const out = await c.update(chain.at(9).signedHeader, chain.at(9).validatorSet, NOW, witnessed(chain));
    expect(out.kind).toBe('updated');
    if (out.kind !== 'updated') return;
    expect(out.evidence.kind).toBe('skipping');
    expect(out.evidence.supporting).toEqual([1]);
    // keys 3 and 4 are in both sets: 2 of A's 4 power, more than 1/3.
    expect(out.evidence.trustingCommit?.counted.sort()).toEqual([A[2]!.did, A[3]!.did].sort());
    expect(out.evidence.commit.signedPower).toBeGreaterThan((2 * chain.at(9).validatorSet.totalPower) / 3);
  });

  it('cannot skip to a fully replaced set, but can follow it sequentially', async () => {
    const C = fixtureValidators(4, { from: 20 });
    const ch = new ChainFixture('finance-2', A);
    ch.next({ nextValidators: C });
    ch.advanceTo(5);
    const c = await clientAt(ch.at(1));
    const e = await courtbridgeRejectionOf(c.update(ch.at(5).signedHeader, ch.at(5).validatorSet, NOW));
    expect(e.reason).toBe('insufficient_trusted_power');
    for (let h = 2; h <= 5; h++) expect((await c.update(ch.at(h).signedHeader, ch.at(h).validatorSet, NOW)).kind).toBe('updated');
  });

  it('fills a gap between trusted heights and serves its root', async () => {
    const c = await clientAt(chain.at(1));
    await c.update(chain.at(9).signedHeader, chain.at(9).validatorSet, NOW, witnessed(chain));
    const out = await c.update(chain.at(5).signedHeader, chain.at(5).validatorSet, NOW, witnessed(chain));
    expect(out).toMatchObject({ kind: 'updated', evidence: { kind: 'skipping', supporting: [1] } });
    expect((await c.verifiedStateRoot(5, NOW)).height).toBe(5);
    expect((await c.clientState()).latestHeight).toBe(9);
    expect(await c.update(chain.at(5).signedHeader, chain.at(5).validatorSet, NOW)).toEqual({ kind: 'duplicate', height: 5 });
  });
});

describe('misbehaviour freezes the client until an operator unfreezes it', () => {
  const vals = fixtureValidators(4);
  const chain = new ChainFixture('judicial-1', vals);
  chain.advanceTo(8);
  const fork3 = forkOf(chain.at(3), { stateRoot: sha256(utf8('a different world')) });

  async function expectFrozenEverywhere(c: LightClient): Promise<void> {
    const calls: [string, () => Promise<unknown>][] = [
      ['update', () => c.update(chain.at(4).signedHeader, chain.at(4).validatorSet, NOW)],
      ['verifiedStateRoot', () => c.verifiedStateRoot(3, NOW)],
      ['verifiedStateRoot latest', () => c.verifiedStateRoot({ kind: 'latest' }, NOW)],
      ['latest', () => c.latest()],
      ['trustTimeLeftMs', () => c.trustTimeLeftMs(NOW)],
      ['submitMisbehaviour', () => c.submitMisbehaviour({ kind: 'conflicting_headers', first: chain.at(3), second: fork3 }, NOW)],
    ];
    for (const [name, call] of calls) {
      const e = await courtbridgeRejectionOf(call());
      expect(e.reason, name).toBe('client_frozen');
      expect(e.code, name).toBe('FAILED_PRECONDITION');
      expect(e.grpcStatus, name).toBe(9);
      expect(e.message).toContain('judicial-1');
      expect(e.message).toContain(String(NOW));
      expect(e.message).toContain('operator must unfreeze');
    }
    expect(await c.status(NOW)).toBe('frozen');
  }

  it('a conflicting header at a trusted height freezes, with both signed headers as evidence', async () => {
    const c = await clientAt(chain.at(2));
    await c.update(chain.at(3).signedHeader, chain.at(3).validatorSet, NOW);
    const out = await c.update(fork3.signedHeader, fork3.validatorSet, NOW);
    expect(out.kind).toBe('frozen');
    if (out.kind !== 'frozen') return;
    expect(out.frozen.misbehaviour.kind).toBe('conflicting_headers');
    expect(headerHash(out.frozen.misbehaviour.first.signedHeader.header)).toEqual(headerHash(chain.at(3).header));
    expect(headerHash(out.frozen.misbehaviour.second.signedHeader.header)).toEqual(headerHash(fork3.header));
    expect(out.frozen.frozenAtMs).toBe(NOW);
    await expectFrozenEverywhere(c);
    expect((await c.clientState()).frozenEvidence?.misbehaviour.kind).toBe('conflicting_headers');

    const after = await c.unfreeze({
      operator: 'did:alliance:ops-1',
      reason: 'fork investigated; kept the first header',
      decidedAtMs: NOW + 1,
      action: { kind: 'resume' },
    });
    expect(after.status).toBe('active');
    expect(after.lastUnfreeze?.operator).toBe('did:alliance:ops-1');
    expect(await c.status(NOW)).toBe('active');
    expect(toHex((await c.verifiedStateRoot(3, NOW)).stateRoot)).toBe(toHex(chain.at(3).header.stateRoot));
    expect((await c.update(chain.at(4).signedHeader, chain.at(4).validatorSet, NOW)).kind).toBe('updated');
  });

  it('a conflicting header needs a real quorum: a fork signed by outsiders is only rejected', async () => {
    const c = await clientAt(chain.at(2));
    await c.update(chain.at(3).signedHeader, chain.at(3).validatorSet, NOW);
    const outsiders = fixtureValidators(4, { from: 40 });
    const fake = forkOf(chain.at(3), { txRoot: sha256(utf8('fake')) }, outsiders);
    expect((await courtbridgeRejectionOf(c.update(fake.signedHeader, fake.validatorSet, NOW))).reason).toBe('insufficient_power');
    expect(await c.status(NOW)).toBe('active');
  });

  it('a gap-filling header whose time is not before the next trusted header freezes (time_violation)', async () => {
    const c = await clientAt(chain.at(2));
    await c.update(chain.at(8).signedHeader, chain.at(8).validatorSet, NOW, witnessed(chain));
    const late5 = forkOf(chain.at(5), { timeMs: chain.at(8).header.timeMs });
    const out = await c.update(late5.signedHeader, late5.validatorSet, NOW);
    expect(out.kind).toBe('frozen');
    if (out.kind === 'frozen') expect(out.frozen.misbehaviour.kind).toBe('time_violation');
    await expectFrozenEverywhere(c);
  });

  it('submitted misbehaviour is verified against trusted state, then freezes', async () => {
    const c = await clientAt(chain.at(2));
    const outsiders = fixtureValidators(4, { from: 40 });
    const bogus = {
      kind: 'conflicting_headers' as const,
      first: chain.at(5),
      second: forkOf(chain.at(5), { txRoot: sha256(utf8('x')) }, outsiders),
    };
    expect((await courtbridgeRejectionOf(c.submitMisbehaviour(bogus, NOW))).reason).toBe('insufficient_trusted_power');
    expect(await c.status(NOW)).toBe('active');
    const real = { kind: 'conflicting_headers' as const, first: chain.at(5), second: forkOf(chain.at(5), { txRoot: sha256(utf8('x')) }) };
    const frozen = await c.submitMisbehaviour(real, NOW);
    expect(frozen.misbehaviour.kind).toBe('conflicting_headers');
    await expectFrozenEverywhere(c);
  });

  it('unfreeze can roll back to a height and is refused when not frozen or malformed', async () => {
    const c = await clientAt(chain.at(2));
    await c.update(chain.at(6).signedHeader, chain.at(6).validatorSet, NOW, witnessed(chain));
    expect(
      (
        await courtbridgeRejectionOf(
          c.unfreeze({ operator: 'did:alliance:ops-1', reason: 'x', decidedAtMs: NOW, action: { kind: 'resume' } }),
        )
      ).reason,
    ).toBe('client_not_frozen');
    await c.update(forkOf(chain.at(6), { txRoot: sha256(utf8('f')) }).signedHeader, chain.at(6).validatorSet, NOW);
    expect(
      (await courtbridgeRejectionOf(c.unfreeze({ operator: 'ops', reason: 'x', decidedAtMs: NOW, action: { kind: 'resume' } }))).reason,
    ).toBe('invalid_operator_decision');
    expect(
      (
        await courtbridgeRejectionOf(
          c.unfreeze({ operator: 'did:alliance:ops-1', reason: 'x', decidedAtMs: NOW, action: { kind: 'rollback', toHeight: 4 } }),
        )
      ).reason,
    ).toBe('invalid_operator_decision');
    const s = await c.unfreeze({
      operator: 'did:alliance:ops-1',
      reason: 'fork above 2',
      decidedAtMs: NOW,
      action: { kind: 'rollback', toHeight: 2 },
    });
    expect(s.latestHeight).toBe(2);
    expect((await courtbridgeRejectionOf(c.verifiedStateRoot(6, NOW))).reason).toBe('height_not_trusted');
    expect((await c.update(chain.at(3).signedHeader, chain.at(3).validatorSet, NOW)).kind).toBe('updated');
  });
});

describe('status and trust time', () => {
  const chain = new ChainFixture('ip-1', fixtureValidators(4));
  chain.advanceTo(3);

  it('goes from active to expired as the trusting period runs out', async () => {
    const c = await clientAt(chain.at(2));
    const t2 = chain.at(2).header.timeMs;
    expect(await c.status(NOW)).toBe('active');
    expect(await c.trustTimeLeftMs(NOW)).toBe(t2 + TRUST_MS - NOW);
    expect(await c.status(t2 + TRUST_MS)).toBe('expired');
    const e = await courtbridgeRejectionOf(c.verifiedStateRoot(2, t2 + TRUST_MS));
    expect([e.reason, e.code]).toEqual(['trust_expired', 'FAILED_PRECONDITION']);
    expect((await courtbridgeRejectionOf(c.verifiedStateRoot(7, NOW))).code).toBe('NOT_FOUND');
    expect((await courtbridgeRejectionOf(new LightClient('nope', new MemoryTrustedStore()).status(NOW))).reason).toBe('client_not_found');
  });
});
