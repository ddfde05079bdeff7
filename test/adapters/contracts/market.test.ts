import { beforeEach, describe, expect, it } from 'vitest';
import type { DevLedger } from '../../../src/chain/ledger/ledger.js';
import { market } from '../../../adapters/market/definition.js';
import { enterpriseKey, equityChangeKey, equityKey, leaseKey, registerKey } from '../../../adapters/market/keys.js';
import { DEMO_CAST } from '../../../src/seed/demo-cast.js';
import { personalIdHash } from '../../../src/privacy/keyed-hash.js';
import { DEMO_SALT } from '../../../src/seed/demo-cast.js';
import { loadSeed, seedChain } from '../../../src/seed/seed.js';
import { action, openLedger, proveAbsent, proveMember, refused, run, tx } from './harness.js';

const debtor = DEMO_CAST.debtor;
const eq = debtor.equity;
const creditor = DEMO_CAST.creditor.idHash;
const other = personalIdHash(DEMO_SALT, 'id-card', '110102198001010016');
const USCC = '91110108MA03TEHT1Y';

const register = (over: Record<string, unknown> = {}) => ({
  type: 'enterprise_register',
  schema: 1,
  uscc: USCC,
  name: '北京测试科技有限公司',
  legalRepresentativeHash: creditor,
  registeredCapitalCents: '10000000',
  shareholders: [
    { holderKind: 'person', holder: creditor, subscribedCents: '7000000', shareBp: 7000 },
    { holderKind: 'person', holder: other, subscribedCents: '3000000', shareBp: 3000 },
  ],
  ...over,
});

const transfer = (over: Record<string, unknown> = {}) => ({
  type: 'equity_transfer',
  schema: 1,
  uscc: USCC,
  changeNo: `BG-${Math.random().toString(36).slice(2, 10)}`,
  fromKind: 'person',
  from: creditor,
  toKind: 'person',
  to: debtor.idHash,
  amountCents: '1000000',
  shareBp: 1000,
  ...over,
});

const pledge = (amountCents: string, regNo = 'ZY-0001') => ({
  type: 'equity_pledge',
  schema: 1,
  uscc: USCC,
  holder: creditor,
  regNo,
  pledgeeKind: 'enterprise',
  pledgee: '91110000MA00CD3E48',
  amountCents,
});

describe('market contracts', () => {
  let l: DevLedger;
  beforeEach(async () => {
    l = openLedger(market);
    await loadSeed(l, seedChain('market', { records: 60, seed: 'market-test' }));
  });

  it("finds the demo debtor's stake by holder and the enterprise's stakes by enterprise; proves presence and absence", () => {
    expect(l.lookup('holder', debtor.idHash)).toEqual([eq.key]);
    expect(l.lookup('enterprise', eq.uscc)).toEqual([eq.key, equityKey(eq.uscc, eq.coHolder.uscc)].sort());
    expect(proveMember(l, eq.key)).toMatchObject({
      holderKind: 'person',
      holder: debtor.idHash,
      subscribedCents: '60000000',
      shareBp: 6000,
      frozenCents: '0',
    });
    expect(proveMember(l, eq.enterpriseKey)).toMatchObject({
      type: 'enterprise',
      name: eq.enterpriseName,
      status: 'active',
      equityFrozenCents: '0',
    });
    expect(proveMember(l, registerKey(eq.uscc))).toMatchObject({ holders: [debtor.idHash, eq.coHolder.uscc].sort() });
    expect(proveMember(l, debtor.movable.key)).toMatchObject({ owner: debtor.idHash, seizures: [] });
    proveAbsent(l, equityKey(eq.uscc, creditor));
    proveAbsent(l, enterpriseKey('91110101MA99999990'));
  });

  it('registers an enterprise with its stakes; a transfer moves contribution and share and records the change', async () => {
    await run(l, tx('market.enterprise.register', register()));
    const t = transfer();
    await run(l, tx('market.equity.transfer', t));
    expect(proveMember(l, equityKey(USCC, creditor))).toMatchObject({ subscribedCents: '6000000', shareBp: 6000 });
    expect(proveMember(l, equityKey(USCC, debtor.idHash))).toMatchObject({
      subscribedCents: '1000000',
      shareBp: 1000,
      holderKind: 'person',
    });
    expect(proveMember(l, equityChangeKey(USCC, t.changeNo))).toMatchObject({
      from: creditor,
      to: debtor.idHash,
      amountCents: '1000000',
      shareBp: 1000,
    });
    expect(proveMember(l, registerKey(USCC))['holders']).toEqual([creditor, other, debtor.idHash].sort());
    // The whole rest of a stake: the stake is gone (absence proven) and no longer found by its holder.
    await run(l, tx('market.equity.transfer', transfer({ from: other, amountCents: '3000000', shareBp: 3000 })));
    proveAbsent(l, equityKey(USCC, other));
    expect(l.lookup('holder', other).filter((k) => k.startsWith(`equity/${USCC}/`))).toEqual([]);
    expect(proveMember(l, equityKey(USCC, debtor.idHash))).toMatchObject({ subscribedCents: '4000000', shareBp: 4000 });
    expect(proveMember(l, registerKey(USCC))['holders']).toEqual([creditor, debtor.idHash].sort());
  });

  const registrations: { name: string; body: Record<string, unknown>; reason: string }[] = [
    {
      name: 'shares not summing to 10000',
      body: register({
        shareholders: [
          { holderKind: 'person', holder: creditor, subscribedCents: '7000000', shareBp: 7000 },
          { holderKind: 'person', holder: other, subscribedCents: '3000000', shareBp: 2000 },
        ],
      }),
      reason: 'shares_not_summing',
    },
    {
      name: 'contributions not the registered capital',
      body: register({ registeredCapitalCents: '20000000' }),
      reason: 'capital_mismatch',
    },
    {
      name: 'a shareholder id number in clear',
      body: register({
        shareholders: [{ holderKind: 'person', holder: '110101199003077777', subscribedCents: '10000000', shareBp: 10_000 }],
      }),
      reason: 'invalid_record',
    },
    {
      name: 'the legal representative in clear',
      body: register({ legalRepresentativeHash: '110101199003077777' }),
      reason: 'invalid_record',
    },
    {
      name: 'an enterprise shareholder that is not a USCC',
      body: register({
        shareholders: [{ holderKind: 'enterprise', holder: '91110108MA03TESTIO', subscribedCents: '10000000', shareBp: 10_000 }],
      }),
      reason: 'invalid_record',
    },
    {
      name: 'a shareholder twice',
      body: register({
        shareholders: [
          { holderKind: 'person', holder: creditor, subscribedCents: '5000000', shareBp: 5000 },
          { holderKind: 'person', holder: creditor, subscribedCents: '5000000', shareBp: 5000 },
        ],
      }),
      reason: 'invalid_record',
    },
    { name: 'a USCC already registered', body: register({ uscc: eq.uscc }), reason: 'record_exists' },
    { name: 'a malformed USCC', body: register({ uscc: '9111010' }), reason: 'invalid_record' },
    { name: 'a USCC with a wrong check character', body: register({ uscc: '91110108MA03TEHT1X' }), reason: 'invalid_record' },
    {
      name: "a person's ID number in clear passed off as an enterprise shareholder",
      body: register({
        shareholders: [{ holderKind: 'enterprise', holder: '110101199003077777', subscribedCents: '10000000', shareBp: 10_000 }],
      }),
      reason: 'invalid_record',
    },
  ];
  for (const c of registrations) {
    it(`refuses a registration: ${c.name}`, async () => {
      await refused(run(l, tx('market.enterprise.register', c.body)), c.reason);
    });
  }

  it('refuses to transfer a frozen or a pledged part, and every malformed transfer, with its reason', async () => {
    await run(l, tx('market.enterprise.register', register()));
    // 4,000,000 frozen by a court, 2,000,000 pledged: 1,000,000 of 7,000,000 is free.
    await run(l, market.actionTx(action('freeze', `${USCC}/${creditor}`, { amount: '4000000', caseId: 'case-A' })));
    await run(l, tx('market.equity.pledge', pledge('2000000')));
    await refused(run(l, tx('market.equity.transfer', transfer({ amountCents: '3500000', shareBp: 3500 }))), 'equity_frozen');
    await refused(run(l, tx('market.equity.transfer', transfer({ amountCents: '2000000', shareBp: 2000 }))), 'equity_pledged');
    await refused(run(l, tx('market.equity.transfer', transfer({ to: creditor }))), 'invalid_transfer');
    await refused(run(l, tx('market.equity.transfer', transfer({ amountCents: '8000000', shareBp: 1000 }))), 'invalid_transfer');
    await refused(run(l, tx('market.equity.transfer', transfer({ from: other, amountCents: '3000000', shareBp: 2000 }))), 'share_mismatch');
    await refused(run(l, tx('market.equity.transfer', transfer({ amountCents: '0' }))), 'invalid_amount');
    await refused(run(l, tx('market.equity.transfer', transfer({ to: '110101199003077777' }))), 'invalid_record');
    await refused(run(l, tx('market.equity.transfer', transfer({ from: debtor.idHash, to: other }))), 'unknown_record');
    // The free part moves; the change number is used once.
    const ok = transfer();
    await run(l, tx('market.equity.transfer', ok));
    await refused(run(l, tx('market.equity.transfer', { ...ok, from: other, amountCents: '100', shareBp: 1 })), 'record_exists');
    expect(proveMember(l, equityKey(USCC, creditor))).toMatchObject({
      subscribedCents: '6000000',
      frozenCents: '4000000',
      pledgedCents: '2000000',
    });
    // No equity changes once the enterprise is revoked.
    await run(l, tx('market.enterprise.status', { type: 'enterprise_status', schema: 1, uscc: USCC, status: 'revoked' }));
    await refused(run(l, tx('market.equity.transfer', transfer({ from: other, amountCents: '100', shareBp: 1 }))), 'not_active');
  });

  it('pledges only the free part; a pledge number once; unpledge only a registered pledge', async () => {
    await run(l, tx('market.enterprise.register', register()));
    await refused(run(l, tx('market.equity.pledge', pledge('7000001'))), 'insufficient_equity');
    await run(l, tx('market.equity.pledge', pledge('7000000')));
    await refused(run(l, tx('market.equity.pledge', pledge('1'))), 'already_pledged');
    await refused(run(l, tx('market.equity.pledge', pledge('1', 'ZY-0002'))), 'insufficient_equity');
    const unpledge = (regNo: string) => ({ type: 'equity_unpledge', schema: 1, uscc: USCC, holder: creditor, regNo });
    await refused(run(l, tx('market.equity.unpledge', unpledge('ZY-9999'))), 'not_pledged');
    await run(l, tx('market.equity.unpledge', unpledge('ZY-0001')));
    expect(proveMember(l, equityKey(USCC, creditor))).toMatchObject({ pledgedCents: '0', pledges: [] });
  });

  it('freezes only what is free; a fully frozen stake takes no more; unfreeze only by the case that froze', async () => {
    const target = eq.target;
    const f = action('freeze', target, { amount: '50000000', caseId: 'case-A' });
    expect(market.actionResultKey(f)).toBe(eq.key);
    await run(l, market.actionTx(f));
    await refused(run(l, market.actionTx(f)), 'duplicate_tx');
    await refused(run(l, market.actionTx({ ...f, actionId: `${f.actionId}-again` })), 'already_frozen');
    // 10,000,000 of 60,000,000 is free: more is an over-freeze.
    await refused(run(l, market.actionTx(action('freeze', target, { amount: '10000001', caseId: 'case-B' }))), 'insufficient_equity');
    await run(l, market.actionTx(action('freeze', target, { amount: '10000000', caseId: 'case-B' })));
    await refused(run(l, market.actionTx(action('freeze', target, { amount: '1', caseId: 'case-C' }))), 'insufficient_equity');
    await refused(run(l, market.actionTx(action('freeze', target, { amount: '0', caseId: 'case-C' }))), 'invalid_amount');
    expect(proveMember(l, eq.key)).toMatchObject({
      frozenCents: '60000000',
      freezes: [
        expect.objectContaining({ caseId: 'case-A', orderId: f.orderId, amountCents: '50000000' }),
        expect.objectContaining({ caseId: 'case-B', amountCents: '10000000' }),
      ],
    });
    expect(proveMember(l, eq.enterpriseKey)).toMatchObject({ equityFrozenCents: '60000000' });
    await refused(run(l, market.actionTx(action('unfreeze', target, { caseId: 'case-C' }))), 'not_frozen');
    await run(l, market.actionTx(action('unfreeze', target, { caseId: 'case-A' })));
    await refused(run(l, market.actionTx(action('unfreeze', target, { caseId: 'case-A' }))), 'not_frozen');
    expect(proveMember(l, eq.key)).toMatchObject({ frozenCents: '10000000', freezes: [expect.objectContaining({ caseId: 'case-B' })] });
    expect(proveMember(l, eq.enterpriseKey)).toMatchObject({ equityFrozenCents: '10000000' });
  });

  it('refuses a stake target that is not <USCC>/<holder>, an unknown stake, and amounts where the spec says none', async () => {
    for (const bad of [debtor.idHash, `${eq.uscc}/110101199003077777`, `${eq.uscc}/${debtor.idHash}/x`, `9111/${debtor.idHash}`])
      expect(() => market.actionResultKey(action('freeze', bad, { amount: '1' }))).toThrow(
        expect.objectContaining({ reason: 'invalid_target' }),
      );
    await refused(run(l, market.actionTx(action('freeze', `${eq.uscc}/${creditor}`, { amount: '1' }))), 'unknown_record');
    expect(() => market.actionTx(action('freeze', eq.target))).toThrow(expect.objectContaining({ reason: 'amount_required' }));
    expect(() => market.actionTx(action('unfreeze', eq.target, { amount: '1' }))).toThrow(
      expect.objectContaining({ reason: 'amount_not_allowed' }),
    );
  });

  it('seizes a movable once; release only by the same case; no mortgage while seized', async () => {
    const regNo = debtor.movable.regNo;
    await run(l, market.actionTx(action('seize', regNo, { caseId: 'case-A' })));
    await refused(run(l, market.actionTx(action('seize', regNo, { caseId: 'case-B' }))), 'already_seized');
    const mortgage = { type: 'movable_mortgage', schema: 1, regNo, mortgageNo: 'DYQ-0001', mortgagee: '中国银行', amountCents: '100' };
    await refused(run(l, tx('market.movable.mortgage', mortgage)), 'asset_seized');
    await refused(run(l, market.actionTx(action('release', regNo, { caseId: 'case-B' }))), 'not_seized');
    await run(l, market.actionTx(action('release', regNo, { caseId: 'case-A' })));
    await refused(run(l, market.actionTx(action('release', regNo, { caseId: 'case-A' }))), 'not_seized');
    await run(l, tx('market.movable.mortgage', mortgage));
    expect(proveMember(l, debtor.movable.key)).toMatchObject({
      seizures: [],
      mortgages: [expect.objectContaining({ mortgageNo: 'DYQ-0001' })],
    });
  });

  it('refuses collateral registrations that break a rule', async () => {
    const movable = {
      type: 'movable',
      schema: 1,
      regNo: 'DY-TEST-0001',
      ownerKind: 'person',
      owner: debtor.idHash,
      description: '叉车',
      valueCents: '100',
      mortgages: [],
      seizures: [],
      registeredAtMs: 1,
    };
    await refused(run(l, tx('market.movable.register', { ...movable, owner: '110101199003077777' })), 'invalid_record');
    await refused(
      run(
        l,
        tx('market.movable.register', { ...movable, seizures: [{ orderId: 'o', caseId: 'c', court: 'did:alliance:court-x', sinceMs: 1 }] }),
      ),
      'invalid_encumbrance',
    );
    await refused(run(l, tx('market.movable.register', { ...movable, regNo: debtor.movable.regNo })), 'record_exists');
    const lease = {
      type: 'financial_lease',
      schema: 1,
      regNo: 'ZL-TEST-0001',
      lessor: '91310000MA1FL1AB28',
      lesseeKind: 'person',
      lessee: debtor.idHash,
      leasedObject: '挖掘机',
      termStartMs: 2000,
      termEndMs: 1000,
      registeredAtMs: 1,
    };
    await refused(run(l, tx('market.lease.register', lease)), 'invalid_dates');
    await run(l, tx('market.lease.register', { ...lease, termEndMs: 3000 }));
    expect(proveMember(l, leaseKey(lease.regNo))).toMatchObject({ lessee: debtor.idHash, leasedObject: '挖掘机' });
    const receipt = {
      type: 'warehouse_receipt',
      schema: 1,
      receiptNo: 'CD-TEST-0001',
      holderKind: 'person',
      holder: debtor.idHash,
      metal: 'gold',
      weightGrams: 1000,
      warehouse: '上海黄金交易所指定仓库（外高桥）',
      pledges: [],
      seizures: [],
      registeredAtMs: 1,
    };
    await refused(run(l, tx('market.receipt.register', { ...receipt, holder: '110101199003077777' })), 'invalid_record');
    await refused(run(l, tx('market.receipt.register', { ...receipt, metal: 'copper' })), 'invalid_record');
    await run(l, tx('market.receipt.register', receipt));
    const rp = {
      type: 'receipt_pledge',
      schema: 1,
      receiptNo: receipt.receiptNo,
      regNo: 'ZY-R-1',
      pledgee: '中国工商银行',
      amountCents: '5000',
    };
    await run(l, tx('market.receipt.pledge', rp));
    await refused(run(l, tx('market.receipt.pledge', { ...rp, regNo: 'ZY-R-2' })), 'already_pledged');
    expect(proveMember(l, `warehouse_receipt/${receipt.receiptNo}`)).toMatchObject({
      pledges: [expect.objectContaining({ regNo: 'ZY-R-1' })],
    });
  });
});
