/**
 * A chain's validators sign with the suite its registry entry names: a light client made from an
 * SM2 entry follows SM2 validators and refuses a secp256k1 set (and the reverse), and a trusted
 * set's suite is kept: a header whose set holds keys of another suite is never followed, even
 * when the trusted validators themselves announced and signed it (a suite downgrade by governance
 * needs a new entry approved by the admins, not a block).
 */
import { describe, expect, it } from 'vitest';
import { verifyCommit } from '../../src/chain/commit.js';
import { signatureSuiteOfSet } from '../../src/chain/validator-set.js';
import { LightClient } from '../../src/lightclient/light-client.js';
import { MemoryTrustedStore } from '../../src/lightclient/memory-store.js';
import { asyncRefusal } from '../helpers/refusal.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators, validatorSetOf } from '../helpers/chain-fixture.js';

const NOW = FIXTURE_START_MS + 60_000;
const opts = { trustingPeriodMs: 3_600_000, maxClockDriftMs: 10_000, nowMs: NOW };

const refusedWith = async (p: Promise<unknown>): Promise<string> => (await asyncRefusal(p)).reason;

describe('validator sets hold the signature suite of their chain', () => {
  const sm2 = fixtureValidators(4, { suite: 'sm2' });
  const secp = fixtureValidators(4, { from: 11 });

  it('an SM2 chain: SM2 votes count in a commit, the set is all SM2', () => {
    const chain = new ChainFixture('judicial', sm2, FIXTURE_START_MS, 1_000, 'sm3');
    const b = chain.next();
    expect(signatureSuiteOfSet(b.validatorSet)).toBe('sm2');
    expect(verifyCommit(b.header, b.signedHeader.commit, b.validatorSet, { hashSuite: 'sm3', stop: 'verify_all' }).signedPower).toBe(4);
  });

  it('a mixed set is neither suite', () => {
    expect(signatureSuiteOfSet(validatorSetOf([...sm2.slice(0, 2), ...secp.slice(0, 2)]))).toBe('mixed');
  });

  it('init follows the entry: an SM2 entry with SM2 validators is trusted and followed', async () => {
    const chain = new ChainFixture('judicial', sm2, FIXTURE_START_MS, 1_000, 'sm3');
    const b1 = chain.next();
    const c = new LightClient('judicial', new MemoryTrustedStore());
    await c.init(b1.signedHeader, b1.validatorSet, undefined, { ...opts, hashSuite: 'sm3', signatureSuite: 'sm2' });
    const b2 = chain.next();
    expect((await c.update(b2.signedHeader, b2.validatorSet, NOW)).kind).toBe('updated');
  });

  it('init refuses an anchor whose validators are not of the entry suite, either way', async () => {
    const sm2Chain = new ChainFixture('judicial', sm2);
    const b = sm2Chain.next();
    expect(
      await refusedWith(new LightClient('judicial', new MemoryTrustedStore()).init(b.signedHeader, b.validatorSet, undefined, opts)),
    ).toBe('signature_suite_mismatch');
    const secpChain = new ChainFixture('finance', secp);
    const s = secpChain.next();
    expect(
      await refusedWith(
        new LightClient('finance', new MemoryTrustedStore()).init(s.signedHeader, s.validatorSet, undefined, {
          ...opts,
          signatureSuite: 'sm2',
        }),
      ),
    ).toBe('signature_suite_mismatch');
  });

  it('update refuses a set of another suite even when the trusted set announced and signed it', async () => {
    const chain = new ChainFixture('judicial', sm2);
    const b1 = chain.next();
    const c = new LightClient('judicial', new MemoryTrustedStore());
    await c.init(b1.signedHeader, b1.validatorSet, undefined, { ...opts, signatureSuite: 'sm2' });
    // The SM2 validators announce a secp256k1 set at height 3; height 3 is signed by it.
    const b2 = chain.next({ nextValidators: secp });
    expect((await c.update(b2.signedHeader, b2.validatorSet, NOW)).kind).toBe('updated');
    const b3 = chain.next();
    expect(signatureSuiteOfSet(b3.validatorSet)).toBe('secp256k1');
    expect(await refusedWith(c.update(b3.signedHeader, b3.validatorSet, NOW))).toBe('signature_suite_mismatch');
    // and a mixed set the same
    const mixed = new ChainFixture('judicial', sm2);
    const m1 = mixed.next();
    const cm = new LightClient('judicial', new MemoryTrustedStore());
    await cm.init(m1.signedHeader, m1.validatorSet, undefined, { ...opts, signatureSuite: 'sm2' });
    mixed.next({ nextValidators: [...sm2.slice(0, 3), ...secp.slice(0, 1)] });
    await cm.update(mixed.at(2).signedHeader, mixed.at(2).validatorSet, NOW);
    const m3 = mixed.next();
    expect(await refusedWith(cm.update(m3.signedHeader, m3.validatorSet, NOW))).toBe('signature_suite_mismatch');
  });
});
