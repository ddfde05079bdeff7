/**
 * The data-trading contract (adapters/data/contract.ts): registration, licences within the terms,
 * sublicences, the exclusivity rule, a court's preservation and release; every refusal with its
 * reason, records proven by membership and absence.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DevLedger } from '../../../src/chain/ledger/ledger.js';
import type { Tx } from '../../../src/chain/ledger/transaction.js';
import { encodeCanonical } from '../../../src/encoding/canonical-json.js';
import { data } from '../../../adapters/data/definition.js';
import { assetKey, tradeKey } from '../../../adapters/data/contract.js';
import type { Licence } from '../../../adapters/data/schema.js';
import { DEMO_CAST } from '../../../src/seed/demo-cast.js';
import { dataDemoCast, usccOf } from '../../../src/seed/data-seed.js';
import { loadSeed, seedChain } from '../../../src/seed/seed.js';
import { action, COURT, openLedger, proveAbsent, proveMember, refused, run, tx } from './harness.js';

const OWNER = usccOf('91110108MA01AAAA1');
const A = usccOf('91310115MA01BBBB2');
const B = DEMO_CAST.creditor.idHash;
const C = usccOf('91440300MA01CCCC3');
const ASSET = 'DA-TEST-0001';
const Y2024 = Date.UTC(2024, 0, 1);
const Y2025 = Date.UTC(2025, 0, 1);
const Y2026 = Date.UTC(2026, 0, 1);
const Y2027 = Date.UTC(2027, 0, 1);
const CASE = '(2024)京0101执保100号';

const TERMS = {
  scope: ['research', 'commercial_analytics', 'model_training'],
  exclusivity: 'exclusive',
  territory: ['CN'],
  fromMs: Y2024,
  untilMs: Y2027,
  priceCents: '1000000',
  sublicensing: 'allowed',
};
const register = (extra: object = {}) =>
  tx('data.asset.register', {
    type: 'data_asset_register',
    schema: 1,
    assetId: ASSET,
    owner: OWNER,
    contentHash: 'ab'.repeat(32),
    title: '工业设备运行数据集',
    category: 'industrial',
    terms: TERMS,
    ...extra,
  });
const LICENCE: Licence = {
  scope: ['research'],
  exclusivity: 'non_exclusive',
  territory: ['CN-BJ'],
  fromMs: Y2024,
  untilMs: Y2025,
  sublicensing: 'not_allowed',
};
const trade = (tradeId: string, licence: Partial<Licence> = {}, extra: object = {}) =>
  tx('data.trade', {
    type: 'data_trade_request',
    schema: 1,
    tradeId,
    assetId: ASSET,
    seller: OWNER,
    buyer: A,
    licence: { ...LICENCE, ...licence },
    priceCents: '1000000',
    ...extra,
  });

describe('data trading contract', () => {
  let l: DevLedger;
  beforeEach(async () => {
    l = openLedger(data);
    await run(l, register());
  });

  it('registers an asset, proven, filed under its owner; an unknown asset is proven absent', () => {
    const a = proveMember(l, assetKey(ASSET));
    expect(a).toMatchObject({ type: 'data_asset', owner: OWNER, contentHash: 'ab'.repeat(32), terms: TERMS, tradeIds: [] });
    expect(a).not.toHaveProperty('frozen');
    expect(l.lookup('owner', OWNER)).toEqual([assetKey(ASSET)]);
    proveAbsent(l, assetKey('DA-TEST-9999'));
  });

  it('records a licence within the terms: the trade proven, listed by the asset, filed under the asset and both parties', async () => {
    await run(l, trade('DT-0001'));
    const t = proveMember(l, tradeKey('DT-0001'));
    expect(t).toMatchObject({ type: 'data_trade', assetId: ASSET, seller: OWNER, buyer: A, licence: LICENCE, priceCents: '1000000' });
    expect(typeof t['atMs']).toBe('number');
    expect(proveMember(l, assetKey(ASSET))).toMatchObject({ tradeIds: ['DT-0001'] });
    expect(l.lookup('asset', ASSET)).toEqual([tradeKey('DT-0001')]);
    expect(l.lookup('party', A)).toEqual([tradeKey('DT-0001')]);
    expect(l.lookup('party', OWNER)).toEqual([tradeKey('DT-0001')]);
  });

  it('a licensee allowed to sublicense grants within its own licence; the sublicence names it', async () => {
    await run(l, trade('DT-0001', { exclusivity: 'exclusive', sublicensing: 'allowed', territory: ['CN-BJ', 'CN-SH'] }));
    // Within an exclusive licence: its holder's sublicences do not conflict with it.
    await run(l, trade('DT-0002', {}, { seller: A, buyer: B, parentTradeId: 'DT-0001', priceCents: '1' }));
    expect(proveMember(l, tradeKey('DT-0002'))).toMatchObject({ seller: A, buyer: B, parentTradeId: 'DT-0001' });
    expect(proveMember(l, assetKey(ASSET))).toMatchObject({ tradeIds: ['DT-0001', 'DT-0002'] });
  });

  it('two exclusive licences side by side where they do not overlap (another use, another region, another period)', async () => {
    await run(l, trade('DT-0001', { exclusivity: 'exclusive' }));
    await run(l, trade('DT-0002', { exclusivity: 'exclusive', scope: ['model_training'] }));
    await run(l, trade('DT-0003', { exclusivity: 'exclusive', territory: ['CN-SH'] }));
    await run(l, trade('DT-0004', { exclusivity: 'exclusive', fromMs: Y2025, untilMs: Y2026 }));
    expect(proveMember(l, assetKey(ASSET))).toMatchObject({ tradeIds: ['DT-0001', 'DT-0002', 'DT-0003', 'DT-0004'] });
  });

  const conflicts: { name: string; first: Partial<Licence>; second: Partial<Licence> }[] = [
    {
      name: 'an exclusive licence over an existing exclusive one',
      first: { exclusivity: 'exclusive' },
      second: { exclusivity: 'exclusive' },
    },
    {
      name: 'an exclusive licence over an exclusive one of the whole country',
      first: { exclusivity: 'exclusive', territory: ['CN'] },
      second: { exclusivity: 'exclusive', fromMs: Y2024 + 1, untilMs: Y2024 + 2 },
    },
    { name: 'a non-exclusive licence inside an exclusive one', first: { exclusivity: 'exclusive' }, second: {} },
    { name: 'an exclusive licence over a non-exclusive one', first: {}, second: { exclusivity: 'exclusive' } },
  ];
  for (const c of conflicts) {
    it(`refuses ${c.name} in the same use, territory and period (exclusive_conflict)`, async () => {
      await run(l, trade('DT-0001', c.first));
      await refused(run(l, trade('DT-0002', c.second, { buyer: C })), 'exclusive_conflict');
      proveAbsent(l, tradeKey('DT-0002'));
      expect(proveMember(l, assetKey(ASSET))).toMatchObject({ tradeIds: ['DT-0001'] });
    });
  }

  /** `kept`: DT-0009 exists before (the duplicate case) and must be left as it was. */
  const refusals: { name: string; setup?: () => Tx[]; make: () => Tx; reason: string; kept?: true }[] = [
    { name: 'a second registration of the asset', make: () => register(), reason: 'record_exists' },
    { name: 'an owner named in clear', make: () => register({ assetId: 'DA-TEST-0002', owner: '张三' }), reason: 'invalid_record' },
    {
      name: 'a content hash not sha256 hex',
      make: () => register({ assetId: 'DA-TEST-0003', contentHash: 'xyz' }),
      reason: 'invalid_record',
    },
    {
      name: 'terms whose period ends before it starts',
      make: () => register({ assetId: 'DA-TEST-0004', terms: { ...TERMS, untilMs: Y2024 } }),
      reason: 'invalid_record',
    },
    { name: 'an unknown use', make: () => trade('DT-0009', { scope: ['resale' as never] }), reason: 'invalid_record' },
    { name: 'a party trading with itself', make: () => trade('DT-0009', {}, { buyer: OWNER }), reason: 'invalid_record' },
    { name: 'a trade of an unknown asset', make: () => trade('DT-0009', {}, { assetId: 'DA-TEST-9999' }), reason: 'unknown_record' },
    {
      name: 'a trade id used twice',
      setup: () => [trade('DT-0009')],
      make: () => trade('DT-0009', {}, { buyer: C }),
      reason: 'record_exists',
      kept: true,
    },
    { name: 'a use beyond the terms', make: () => trade('DT-0009', { scope: ['internal_use'] }), reason: 'licence_out_of_terms' },
    { name: 'a territory beyond the terms', make: () => trade('DT-0009', { territory: ['US'] }), reason: 'licence_out_of_terms' },
    { name: 'a period beyond the terms', make: () => trade('DT-0009', { untilMs: Y2027 + 1 }), reason: 'licence_out_of_terms' },
    { name: 'a price below the terms', make: () => trade('DT-0009', {}, { priceCents: '999999' }), reason: 'licence_out_of_terms' },
    {
      name: 'an exclusive licence on non-exclusive terms',
      setup: () => [register({ assetId: 'DA-TEST-0005', terms: { ...TERMS, exclusivity: 'non_exclusive' } })],
      make: () => trade('DT-0009', { exclusivity: 'exclusive' }, { assetId: 'DA-TEST-0005' }),
      reason: 'licence_out_of_terms',
    },
    {
      name: 'a sale by someone who is neither owner nor licensee',
      make: () => trade('DT-0009', {}, { seller: C }),
      reason: 'not_licensor',
    },
    {
      name: "a sale under someone else's licence",
      setup: () => [trade('DT-0001', { sublicensing: 'allowed' })],
      make: () => trade('DT-0009', {}, { seller: C, parentTradeId: 'DT-0001' }),
      reason: 'not_licensor',
    },
    {
      name: 'a sale under a licence that does not exist',
      make: () => trade('DT-0009', {}, { seller: A, buyer: C, parentTradeId: 'DT-8888' }),
      reason: 'not_licensor',
    },
    {
      name: 'a sublicence where the licence does not allow one',
      setup: () => [trade('DT-0001')],
      make: () => trade('DT-0009', {}, { seller: A, buyer: C, parentTradeId: 'DT-0001' }),
      reason: 'sublicence_not_allowed',
    },
    {
      name: "a sublicence where the asset's terms allow none",
      setup: () => [
        register({ assetId: 'DA-TEST-0006', terms: { ...TERMS, sublicensing: 'not_allowed' } }),
        trade('DT-0001', {}, { assetId: 'DA-TEST-0006' }),
      ],
      make: () => trade('DT-0009', {}, { assetId: 'DA-TEST-0006', seller: A, buyer: C, parentTradeId: 'DT-0001' }),
      reason: 'sublicence_not_allowed',
    },
    {
      name: "a sublicence beyond the seller's licence",
      setup: () => [trade('DT-0001', { sublicensing: 'allowed' })],
      make: () => trade('DT-0009', { territory: ['CN-SH'] }, { seller: A, buyer: C, parentTradeId: 'DT-0001' }),
      reason: 'licence_out_of_terms',
    },
    {
      name: 'the owner selling under a licence',
      setup: () => [trade('DT-0001', { sublicensing: 'allowed' })],
      make: () => trade('DT-0009', {}, { buyer: C, parentTradeId: 'DT-0001' }),
      reason: 'invalid_record',
    },
  ];
  for (const r of refusals) {
    it(`refuses ${r.name} (${r.reason})`, async () => {
      for (const t of r.setup?.() ?? []) await run(l, t);
      await refused(run(l, r.make()), r.reason);
      if (r.kept) expect(proveMember(l, tradeKey('DT-0009'))).toMatchObject({ buyer: A });
      else proveAbsent(l, tradeKey('DT-0009'));
    });
  }

  describe('preservation (保全) by a court', () => {
    it('freezes once: then no trade, a second freeze refused, the same action id refused by the ledger', async () => {
      const f = action('freeze', ASSET, { caseId: CASE });
      expect(data.actionResultKey(f)).toBe(assetKey(ASSET));
      await run(l, data.actionTx(f));
      expect(proveMember(l, assetKey(ASSET))).toMatchObject({
        frozen: { orderId: f.orderId, caseId: CASE, court: COURT },
      });
      await refused(run(l, data.actionTx(f)), 'duplicate_tx');
      await refused(run(l, data.actionTx(action('freeze', ASSET, { caseId: 'case-other' }))), 'already_frozen');
      await refused(run(l, trade('DT-0001')), 'asset_frozen');
      proveAbsent(l, tradeKey('DT-0001'));
    });

    it("release lifts only the same case's preservation; trades resume", async () => {
      await run(l, data.actionTx(action('freeze', ASSET, { caseId: CASE })));
      await refused(run(l, data.actionTx(action('release', ASSET, { caseId: 'case-other' }))), 'not_frozen');
      await run(l, data.actionTx(action('release', ASSET, { caseId: CASE })));
      expect(proveMember(l, assetKey(ASSET))).not.toHaveProperty('frozen');
      await refused(run(l, data.actionTx(action('release', ASSET, { caseId: CASE }))), 'not_frozen');
      await run(l, trade('DT-0001'));
      expect(proveMember(l, assetKey(ASSET))).toMatchObject({ tradeIds: ['DT-0001'] });
    });

    it('refuses an order on an unknown asset, and checks actions where they enter', async () => {
      await refused(run(l, data.actionTx(action('freeze', 'DA-TEST-9999'))), 'unknown_record');
      expect(() => data.actionTx(action('freeze', ASSET, { amount: '1' }))).toThrow(
        expect.objectContaining({ reason: 'amount_not_allowed' }),
      );
      expect(() => data.actionTx(action('seize', ASSET))).toThrow(expect.objectContaining({ reason: 'unknown_action' }));
    });

    // A valid freeze tx, malleated one way each.
    const malleated: { name: string; malleate: (t: Tx) => Tx; reason: string }[] = [
      { name: 'kind of the other tx type', malleate: (t) => body(t, { kind: 'release' }), reason: 'action_tx_mismatch' },
      { name: 'tx id not the action id', malleate: (t) => ({ ...t, id: `${t.id}-x` }), reason: 'action_tx_mismatch' },
      { name: 'court not a DID', malleate: (t) => body(t, { court: 'court-bj-01' }), reason: 'invalid_record' },
      { name: 'an amount', malleate: (t) => body(t, { amount: '1' }), reason: 'amount_not_allowed' },
      { name: 'an unknown field', malleate: (t) => body(t, { note: 'x' }), reason: 'invalid_record' },
    ];
    function body(t: Tx, patch: Record<string, unknown>): Tx {
      const b = JSON.parse(new TextDecoder().decode(t.body)) as Record<string, unknown>;
      return { ...t, body: encodeCanonical({ ...b, ...patch }) };
    }
    for (const c of malleated) {
      it(`refuses a malleated freeze: ${c.name}`, async () => {
        await refused(run(l, c.malleate(data.actionTx(action('freeze', ASSET)))), c.reason);
        expect(proveMember(l, assetKey(ASSET))).not.toHaveProperty('frozen');
      });
    }
  });
});

describe('the seeded data chain', () => {
  it('applies in full and holds the demo asset and its trade, proven', async () => {
    const l = openLedger(data);
    const txs = seedChain('data', { records: 60, seed: 'data-test' });
    expect(await loadSeed(l, txs)).toHaveLength(txs.length);
    expect(txs.filter((t) => t.type === 'data.trade').length).toBeGreaterThan(30);
    const cast = dataDemoCast();
    expect(proveMember(l, cast.asset.key)).toMatchObject({
      owner: DEMO_CAST.debtor.idHash,
      contentHash: cast.asset.contentHash,
      tradeIds: [cast.trade.tradeId],
    });
    expect(proveMember(l, cast.trade.key)).toMatchObject({ seller: DEMO_CAST.debtor.idHash, buyer: cast.trade.buyer });
    expect(proveMember(l, cast.enterpriseAsset.key)).toMatchObject({ owner: cast.enterpriseAsset.owner });
    // Clear identifiers never appear.
    for (const t of txs) expect(new TextDecoder().decode(t.body)).not.toContain(DEMO_CAST.debtor.idNumber);
  });

  it('USCCs carry their GB 32100 check character', () => {
    // 91350100M000100Y43: a published example of the standard.
    expect(usccOf('91350100M000100Y4')).toBe('91350100M000100Y43');
  });
});
