/**
 * The kit's choice of checks by the registry kind of the chain under test (chain-under-test.ts,
 * via resolveOptions): an `evm` entry brings its contract, notaries and the layouts given; a
 * `notary` entry its notaries; a chain the genesis does not list, or an authority without a chain directory, stays `bft-smt`; an `evm`
 * chain without layouts is refused where the options enter, naming the field.
 */
import { describe, expect, it } from 'vitest';
import { ALLIANCE_EVM_RECORDS } from '../../adapters/catalog.js';
import { type ConformanceOptions, resolveOptions } from '../../src/conformance/mod.js';
import type { Authority } from '../../src/identity/authority.js';
import { isCourtbridgeError } from '../../src/errors.js';
import { allianceFixture, fixtureNotaryDid } from '../helpers/alliance-fixture.js';

const CONTRACT = Uint8Array.from({ length: 20 }, (_, i) => i + 1);
const a = allianceFixture({
  chains: ['judicial', 'bank', 'enterprise'],
  evmChains: { bank: { anchor: { height: 7, headerHash: new Uint8Array(32).fill(9) }, contract: CONTRACT, notaries: 3, threshold: 2 } },
  notaryChains: { enterprise: { notaries: 3, threshold: 2 } },
});

const base = (extra: Partial<ConformanceOptions>): ConformanceOptions => ({
  chain: 'bank',
  servers: 'nats://127.0.0.1:4222',
  court: a.court,
  authority: a.authority,
  ...extra,
});

describe('the chain under test, by its registry kind', () => {
  it('an evm chain: the registry contract and notaries, the layouts given, notarizations from its anchor', () => {
    const t = resolveOptions(base({ evmRecords: ALLIANCE_EVM_RECORDS })).target;
    expect(t).toEqual({
      kind: 'evm',
      contract: CONTRACT,
      notaries: { threshold: 2, notaries: [1, 2, 3].map((i) => fixtureNotaryDid('bank', i)) },
      fromHeight: 7,
      records: ALLIANCE_EVM_RECORDS,
    });
  });

  it('a notary chain: the registry entry notaries, no layouts needed', () => {
    expect(resolveOptions(base({ chain: 'enterprise' })).target).toEqual({
      kind: 'notary',
      notaries: { threshold: 2, notaries: [1, 2, 3].map((i) => fixtureNotaryDid('enterprise', i)) },
    });
  });

  it('an evm chain without record layouts is refused, naming evmRecords', () => {
    try {
      resolveOptions(base({}));
      expect.unreachable();
    } catch (e) {
      expect(isCourtbridgeError(e) && e.reason).toBe('invalid_conformance_options');
      expect((e as Error).message).toContain('options.evmRecords');
    }
  });

  it('a chain the genesis does not list, or an authority that lists no chains, keeps the bft-smt checks', () => {
    expect(resolveOptions(base({ chain: 'judicial' })).target).toEqual({ kind: 'bft-smt' });
    const plain: Authority = { keyAt: (d, k, t) => a.authority.keyAt(d, k, t), mayAct: (d, r, c, t) => a.authority.mayAct(d, r, c, t) };
    expect(resolveOptions(base({ authority: plain })).target).toEqual({ kind: 'bft-smt' });
  });
});
