import { beforeEach, describe, expect, it } from 'vitest';
import type { DevLedger } from '../../../src/chain/ledger/ledger.js';
import { encodeCanonical } from '../../../src/encoding/canonical-json.js';
import { finance } from '../../../adapters/finance/definition.js';
import { accountKey, courtCustodyAccountNo } from '../../../adapters/finance/contract.js';
import { DEMO_CAST } from '../../../src/seed/demo-cast.js';
import { seedChain, loadSeed } from '../../../src/seed/seed.js';
import type { Tx } from '../../../src/chain/ledger/transaction.js';
import { COURT, action, openLedger, proveAbsent, proveMember, refused, run, tx } from './harness.js';

const [big, small] = DEMO_CAST.debtor.accounts;
const CASE = '(2024)京0101执100号';

describe('finance contracts', () => {
  let l: DevLedger;
  beforeEach(async () => {
    l = openLedger(finance);
    await loadSeed(l, seedChain('finance', { records: 50, seed: 'finance-test' }));
  });

  it('proves the demo accounts (membership) and an unknown account (non-membership)', () => {
    const a = proveMember(l, big.key);
    expect(a).toMatchObject({ type: 'account', holder: DEMO_CAST.debtor.idHash, balanceCents: '12000000', frozenCents: '0' });
    expect(l.lookup('holder', DEMO_CAST.debtor.idHash)).toEqual([big.key, small.key, DEMO_CAST.debtor.card.key].sort());
    proveAbsent(l, accountKey('6222999999999999999'));
  });

  it('freezes once: the same action id again is refused by the ledger', async () => {
    const act = action('freeze', big.accountNo, { amount: '5000000' });
    expect(finance.actionResultKey(act)).toBe(big.key);
    await run(l, finance.actionTx(act));
    await refused(run(l, finance.actionTx(act)), 'duplicate_tx');
    const a = proveMember(l, big.key);
    expect(a).toMatchObject({ balanceCents: '12000000', frozenCents: '5000000' });
    expect(a['freezes']).toEqual([expect.objectContaining({ orderId: act.orderId, caseId: CASE, court: COURT, amountCents: '5000000' })]);
  });

  it('refuses a freeze beyond the available balance, and a second freeze by the same order', async () => {
    await refused(run(l, finance.actionTx(action('freeze', small.accountNo, { amount: '3500001' }))), 'insufficient_funds');
    const first = action('freeze', small.accountNo, { amount: '3000000' });
    await run(l, finance.actionTx(first));
    await refused(run(l, finance.actionTx(action('freeze', small.accountNo, { amount: '600000' }))), 'insufficient_funds');
    await refused(run(l, finance.actionTx(action('freeze', small.accountNo, { amount: '1', orderId: first.orderId }))), 'already_frozen');
    expect(proveMember(l, small.key)).toMatchObject({ frozenCents: '3000000' });
  });

  it('freeze_available freezes what is there (partial), and refuses when nothing is', async () => {
    await run(l, finance.actionTx(action('freeze_available', small.accountNo, { amount: '99999999' })));
    expect(proveMember(l, small.key)).toMatchObject({ balanceCents: '3500000', frozenCents: '3500000' });
    await refused(run(l, finance.actionTx(action('freeze_available', small.accountNo, { amount: '1' }))), 'insufficient_funds');
  });

  it('frozen funds cannot be withdrawn', async () => {
    await run(l, finance.actionTx(action('freeze', small.accountNo, { amount: '3000000' })));
    await refused(
      run(l, tx('finance.withdraw', { type: 'withdraw', schema: 1, accountNo: small.accountNo, amountCents: '500001' })),
      'insufficient_funds',
    );
    await run(l, tx('finance.withdraw', { type: 'withdraw', schema: 1, accountNo: small.accountNo, amountCents: '500000' }));
    expect(proveMember(l, small.key)).toMatchObject({ balanceCents: '3000000', frozenCents: '3000000' });
  });

  it('deducts frozen funds to the court custody account, never twice, never below zero', async () => {
    await run(l, finance.actionTx(action('freeze', small.accountNo, { amount: '3500000' })));
    await refused(run(l, finance.actionTx(action('deduct', small.accountNo, { amount: '3500001' }))), 'insufficient_frozen');
    const d = action('deduct', small.accountNo, { amount: '3500000' });
    await run(l, finance.actionTx(d));
    await refused(run(l, finance.actionTx(d)), 'duplicate_tx');
    await refused(run(l, finance.actionTx(action('deduct', small.accountNo, { amount: '1' }))), 'not_frozen');
    expect(proveMember(l, small.key)).toMatchObject({ balanceCents: '0', frozenCents: '0', freezes: [] });
    const custody = proveMember(l, accountKey(courtCustodyAccountNo(COURT)));
    expect(custody).toMatchObject({ kind: 'custody', balanceCents: '3500000' });
  });

  it('deducts only what this case froze; release lifts only this case', async () => {
    await run(l, finance.actionTx(action('freeze', big.accountNo, { amount: '1000000', caseId: 'case-A' })));
    await run(l, finance.actionTx(action('freeze', big.accountNo, { amount: '2000000', caseId: 'case-B' })));
    await refused(
      run(l, finance.actionTx(action('deduct', big.accountNo, { amount: '1000001', caseId: 'case-A' }))),
      'insufficient_frozen',
    );
    await refused(run(l, finance.actionTx(action('release', big.accountNo, { caseId: 'case-C' }))), 'not_frozen');
    await run(l, finance.actionTx(action('release', big.accountNo, { caseId: 'case-A' })));
    const a = proveMember(l, big.key);
    expect(a).toMatchObject({ frozenCents: '2000000' });
    expect(a['freezes']).toEqual([expect.objectContaining({ caseId: 'case-B' })]);
  });

  describe('disburse: pays a creditor out of the court custody account', () => {
    const custodyKey = accountKey(courtCustodyAccountNo(COURT));
    const payeeNo = '6228480000000000001';
    const open = (accountNo: string) =>
      tx('finance.account.open', {
        type: 'account_open',
        schema: 1,
        accountNo,
        holder: DEMO_CAST.creditor.idHash,
        bank: 'ABC',
        kind: 'personal',
        balanceCents: '100',
      });
    beforeEach(async () => {
      await run(l, open(payeeNo));
      await run(l, finance.actionTx(action('freeze', small.accountNo, { amount: '3000000' })));
      await run(l, finance.actionTx(action('deduct', small.accountNo, { amount: '3000000' })));
    });

    it('moves exactly the amount from custody to the payee, once per action id', async () => {
      const pay = action('disburse', payeeNo, { amount: '1200000' });
      expect(finance.actionResultKey(pay)).toBe(accountKey(payeeNo));
      await run(l, finance.actionTx(pay));
      await refused(run(l, finance.actionTx(pay)), 'duplicate_tx');
      expect(proveMember(l, accountKey(payeeNo))).toMatchObject({ balanceCents: '1200100', frozenCents: '0' });
      expect(proveMember(l, custodyKey)).toMatchObject({ kind: 'custody', balanceCents: '1800000' });
      // The rest, to the cent: custody empties, never below zero.
      await run(l, finance.actionTx(action('disburse', payeeNo, { amount: '1800000' })));
      expect(proveMember(l, custodyKey)).toMatchObject({ balanceCents: '0' });
      await refused(run(l, finance.actionTx(action('disburse', payeeNo, { amount: '1' }))), 'insufficient_custody');
    });

    const refusals: { name: string; target: () => string; amount: string; court?: string; reason: string }[] = [
      { name: 'custody short of funds', target: () => payeeNo, amount: '3000001', reason: 'insufficient_custody' },
      {
        name: 'a court with no custody account',
        target: () => payeeNo,
        amount: '1',
        court: 'did:alliance:court-sh-02',
        reason: 'insufficient_custody',
      },
      { name: 'target is a custody account', target: () => courtCustodyAccountNo(COURT), amount: '1', reason: 'custody_account' },
      { name: 'unknown account', target: () => '6222999999999999999', amount: '1', reason: 'unknown_record' },
      { name: 'amount 0', target: () => payeeNo, amount: '0', reason: 'invalid_amount' },
    ];
    for (const r of refusals) {
      it(`refuses: ${r.name}`, async () => {
        await refused(
          run(l, finance.actionTx(action('disburse', r.target(), { amount: r.amount, ...(r.court ? { court: r.court } : {}) }))),
          r.reason,
        );
        expect(proveMember(l, custodyKey)).toMatchObject({ balanceCents: '3000000' });
        expect(proveMember(l, accountKey(payeeNo))).toMatchObject({ balanceCents: '100' });
      });
    }

    it('needs an amount where the action enters', () => {
      expect(() => finance.actionTx(action('disburse', payeeNo))).toThrow(expect.objectContaining({ reason: 'amount_required' }));
    });
  });

  it('refuses an action on an unknown account', async () => {
    await refused(run(l, finance.actionTx(action('freeze', '6222999999999999999', { amount: '1' }))), 'unknown_record');
  });

  // Adversarial: a valid freeze tx, malleated one way each; every one refused with its reason.
  const cases: { name: string; malleate: (t: Tx) => Tx; reason: string }[] = [
    { name: 'amount with a sign', malleate: (t) => body(t, { amount: '-1' }), reason: 'invalid_record' },
    { name: 'amount with a leading zero', malleate: (t) => body(t, { amount: '0100' }), reason: 'invalid_record' },
    { name: 'amount as a number', malleate: (t) => body(t, { amount: 100 }), reason: 'invalid_record' },
    { name: 'amount zero', malleate: (t) => body(t, { amount: '0' }), reason: 'invalid_amount' },
    { name: 'amount missing', malleate: (t) => body(t, { amount: undefined }), reason: 'amount_required' },
    { name: 'unknown field', malleate: (t) => body(t, { note: 'x' }), reason: 'invalid_record' },
    { name: 'kind of another tx type', malleate: (t) => body(t, { kind: 'deduct' }), reason: 'action_tx_mismatch' },
    { name: 'unknown kind', malleate: (t) => body(t, { kind: 'confiscate' }), reason: 'unknown_action' },
    { name: 'tx id not the action id', malleate: (t) => ({ ...t, id: `${t.id}-other` }), reason: 'action_tx_mismatch' },
    { name: 'court not a DID', malleate: (t) => body(t, { court: 'court-bj-01' }), reason: 'invalid_record' },
    {
      name: 'non-canonical body (whitespace)',
      malleate: (t) => ({ ...t, body: new TextEncoder().encode(new TextDecoder().decode(t.body).replace(':', ': ')) }),
      reason: 'non_canonical_json',
    },
    {
      name: 'float amount in JSON',
      malleate: (t) => ({
        ...t,
        body: new TextEncoder().encode(new TextDecoder().decode(t.body).replace('"amount":"100"', '"amount":1.5')),
      }),
      reason: 'non_canonical_json',
    },
  ];
  function body(t: Tx, patch: Record<string, unknown>): Tx {
    const b = JSON.parse(new TextDecoder().decode(t.body)) as Record<string, unknown>;
    for (const [k, v] of Object.entries(patch))
      if (v === undefined) delete b[k];
      else b[k] = v;
    return { ...t, body: encodeCanonical(b) };
  }
  for (const c of cases) {
    it(`refuses a malleated freeze: ${c.name}`, async () => {
      const good = finance.actionTx(action('freeze', big.accountNo, { amount: '100' }));
      await refused(run(l, c.malleate(good)), c.reason);
      expect(proveMember(l, big.key)).toMatchObject({ frozenCents: '0' });
    });
  }

  it('checks actions where they enter: no amount for release, amount for freeze', () => {
    expect(() => finance.actionTx(action('release', big.accountNo, { amount: '1' }))).toThrow(
      expect.objectContaining({ reason: 'amount_not_allowed' }),
    );
    expect(() => finance.actionTx(action('freeze', big.accountNo))).toThrow(expect.objectContaining({ reason: 'amount_required' }));
    expect(() => finance.actionTx(action('teleport', big.accountNo))).toThrow(expect.objectContaining({ reason: 'unknown_action' }));
  });
});
