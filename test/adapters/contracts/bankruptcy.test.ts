/**
 * The bankruptcy chain's contracts on a real dev ledger: every accept path and every refusal with its
 * reason (forged and cross-signed claims and ballots, double votes, late ballots, amounts beyond the
 * confirmed part, secured creditors in an art. 64 meeting), the majority bounds of arts. 64 and 84
 * through the court's close_meeting, and the records proven by membership and absence proofs.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DevLedger } from '../../../src/chain/ledger/ledger.js';
import { bankruptcy } from '../../../adapters/bankruptcy/definition.js';
import type { VotingClass } from '../../../adapters/bankruptcy/schema.js';
import { ballotKey, caseKey, claimKey, meetingKey, meetingTarget } from '../../../adapters/bankruptcy/contract.js';
import { toHighS } from '../../../src/crypto/secp256k1.js';
import { fromHex, toHex } from '../../../src/encoding/bytes.js';
import type { Tx } from '../../../src/chain/ledger/transaction.js';
import { loadSeed, seedChain } from '../../../src/seed/seed.js';
import { DEMO_BANKRUPTCY } from '../../../src/seed/bankruptcy-seed.js';
import { COURT, action, openLedger, proveAbsent, proveMember, refused, run } from './harness.js';
import {
  B_ADMIN,
  B_CASE,
  ballotTx,
  caseTx,
  claimTx,
  creditorOf,
  meetingTx,
  reviewTx,
  signedBallot,
  signedClaim,
  type TestCreditor,
} from '../../helpers/bankruptcy-fixture.js';

const PAST = 1_600_000_000_000;
const FUTURE = 1_900_000_000_000;

const closeAction = (meetingId: string, extra: Parameters<typeof action>[2] = {}) =>
  action('close_meeting', meetingTarget(B_CASE, meetingId), { caseId: B_CASE, ...extra });
const conveneAction = (meetingId: string, extra: Parameters<typeof action>[2] = {}) =>
  action('convene_meeting', meetingTarget(B_CASE, meetingId), { caseId: B_CASE, ...extra });

/** The administrator proposes a meeting and the court convenes it (art. 62). */
async function convened(
  l: DevLedger,
  meetingId: string,
  kind: 'resolution' | 'plan',
  opensAtMs: number,
  closesAtMs: number,
): Promise<void> {
  await run(l, meetingTx(meetingId, kind, opensAtMs, closesAtMs));
  await run(l, bankruptcy.actionTx(conveneAction(meetingId)));
}

async function all(l: DevLedger, txs: Tx[]): Promise<void> {
  for (const t of txs) await run(l, t);
}

/** Creditors with reviewed unsecured claims of the given confirmed cents (and a disputed part of 0). */
async function creditorsWith(l: DevLedger, prefix: string, confirmed: Record<string, string>, votingClass: VotingClass = 'ordinary') {
  const out: Record<string, TestCreditor> = {};
  for (const [name, cents] of Object.entries(confirmed)) {
    const c = creditorOf(`${prefix}-${name}`);
    out[name] = c;
    await run(l, claimTx(signedClaim(c, { claimId: `${prefix}-${name}`, amountCents: cents, votingClass })));
    await run(l, reviewTx(`${prefix}-${name}`, cents, '0'));
  }
  return out;
}

async function tallyAfter(l: DevLedger, meetingId: string, votes: [TestCreditor, 'yes' | 'no', string][]) {
  for (const [c, choice, cents] of votes) await run(l, ballotTx(signedBallot(c, { meetingId, choice, votingCents: cents })));
  await run(l, bankruptcy.actionTx(closeAction(meetingId)));
  return (proveMember(l, meetingKey(B_CASE, meetingId)) as { closed: { tally: Record<string, unknown> } }).closed.tally;
}

describe('bankruptcy contracts', () => {
  let l: DevLedger;
  const bank = creditorOf('bank');
  const steel = creditorOf('steel');
  const parts = creditorOf('parts');
  const lessor = creditorOf('lessor');
  const late = creditorOf('late');
  const stranger = creditorOf('stranger');

  beforeEach(async () => {
    l = openLedger(bankruptcy);
    await run(l, caseTx());
  });

  /** The standard case: a secured bank, two ordinary suppliers (one partly disputed), a lessor who waived priority, one claim unreviewed. */
  async function standardCase(): Promise<void> {
    await all(l, [
      claimTx(signedClaim(bank, { claimId: 'C1', amountCents: '500000', security: 'secured' })),
      claimTx(signedClaim(steel, { claimId: 'C2', amountCents: '200000' })),
      claimTx(signedClaim(parts, { claimId: 'C3', amountCents: '120000' })),
      claimTx(signedClaim(lessor, { claimId: 'C4', amountCents: '100000', security: 'secured_waived' })),
      claimTx(signedClaim(late, { claimId: 'C5', amountCents: '30000' })),
      reviewTx('C1', '500000', '0'),
      reviewTx('C2', '200000', '0'),
      reviewTx('C3', '80000', '40000'),
      reviewTx('C4', '100000', '0'),
    ]);
    await convened(l, 'M1', 'resolution', PAST, FUTURE);
  }

  it('accepts a case, signed claims, reviews, a meeting and ballots; the court closes it and the tally is proven', async () => {
    await standardCase();
    expect(proveMember(l, caseKey(B_CASE))).toMatchObject({ claimIds: ['C1', 'C2', 'C3', 'C4', 'C5'], administrator: B_ADMIN });
    expect(proveMember(l, claimKey(B_CASE, 'C3'))).toMatchObject({ review: { confirmedCents: '80000', disputedCents: '40000' } });
    expect(proveMember(l, claimKey(B_CASE, 'C5'))['review']).toBeUndefined();
    await run(l, ballotTx(signedBallot(steel, { meetingId: 'M1', choice: 'yes', votingCents: '200000' })));
    await run(l, ballotTx(signedBallot(parts, { meetingId: 'M1', choice: 'no', votingCents: '80000' })));
    await run(l, ballotTx(signedBallot(lessor, { meetingId: 'M1', choice: 'yes', votingCents: '100000' })));
    expect(proveMember(l, ballotKey(B_CASE, 'M1', steel.did))).toMatchObject({ choice: 'yes', votingCents: '200000' });
    proveAbsent(l, ballotKey(B_CASE, 'M1', bank.did));
    const act = closeAction('M1');
    expect(bankruptcy.actionResultKey(act)).toBe(meetingKey(B_CASE, 'M1'));
    await run(l, bankruptcy.actionTx(act));
    const m = proveMember(l, meetingKey(B_CASE, 'M1'));
    expect(m).toMatchObject({ status: 'closed', voters: [steel.did, parts.did, lessor.did] });
    // Unsecured confirmed: 200000 + 80000 + 100000 = 380000; yes 300000 (2 of 3 present).
    expect((m as { closed: unknown }).closed).toMatchObject({
      court: COURT,
      caseId: B_CASE,
      orderId: act.orderId,
      tally: {
        rule: 'art64',
        outcome: 'passed',
        groups: [
          {
            group: 'unsecured',
            present: 3,
            yesCreditors: 2,
            yesCents: '300000',
            noCents: '80000',
            totalCents: '380000',
            outcome: 'passed',
          },
        ],
      },
    });
    // Executed once: the same action id again is refused by the ledger; another order finds it closed.
    await refused(run(l, bankruptcy.actionTx(act)), 'duplicate_tx');
    await refused(run(l, bankruptcy.actionTx(closeAction('M1'))), 'meeting_closed');
  });

  it('refuses forged claims: another creditor signed it, the amount was altered, high-S, not a did:key, class mismatch, twice, unknown case', async () => {
    await refused(run(l, claimTx(signedClaim(steel, { claimId: 'X1', amountCents: '100' }, stranger))), 'bad_signature');
    const altered = { ...signedClaim(steel, { claimId: 'X2', amountCents: '100' }), amountCents: '100000000' };
    await refused(run(l, claimTx(altered)), 'bad_signature');
    const good = signedClaim(steel, { claimId: 'X3', amountCents: '100' });
    await refused(run(l, claimTx({ ...good, signature: toHex(toHighS(fromHex(good.signature))) })), 'malformed_signature');
    const notAKey = { ...good, creditor: `did:key:z${'1'.repeat(46)}` };
    await refused(run(l, claimTx(notAKey)), 'not_did_key');
    await refused(
      run(l, claimTx(signedClaim(steel, { claimId: 'X4', amountCents: '100', security: 'secured', votingClass: 'ordinary' }))),
      'class_mismatch',
    );
    await refused(
      run(l, claimTx(signedClaim(steel, { claimId: 'X5', amountCents: '100', security: 'secured_waived', votingClass: 'secured' }))),
      'class_mismatch',
    );
    await refused(
      run(l, claimTx(signedClaim(steel, { claimId: 'X6', amountCents: '100', caseId: '(2026)京01破404号' }))),
      'unknown_record',
    );
    await run(l, claimTx(good));
    await refused(run(l, claimTx(good)), 'record_exists');
    await refused(run(l, claimTx(signedClaim(parts, { claimId: 'X3', amountCents: '5' }))), 'record_exists');
    expect(proveMember(l, caseKey(B_CASE))['claimIds']).toEqual(['X3']);
    proveAbsent(l, claimKey(B_CASE, 'X1'));
  });

  it('reviews only by the administrator, adding up to the amount filed, once', async () => {
    await run(l, claimTx(signedClaim(steel, { claimId: 'C2', amountCents: '200000' })));
    await refused(run(l, reviewTx('C2', '200000', '0', 'did:alliance:someone-else')), 'not_administrator');
    await refused(run(l, reviewTx('C2', '150000', '49999')), 'review_mismatch');
    await refused(run(l, reviewTx('C2', '200000', '1')), 'review_mismatch');
    await run(l, reviewTx('C2', '150000', '50000'));
    await refused(run(l, reviewTx('C2', '200000', '0')), 'already_reviewed');
    await refused(run(l, meetingTx('M9', 'resolution', PAST, FUTURE, 'did:alliance:someone-else')), 'not_administrator');
    await refused(run(l, meetingTx('M9', 'resolution', FUTURE, PAST)), 'invalid_window');
    await run(l, meetingTx('M9', 'resolution', PAST, FUTURE));
    await refused(run(l, meetingTx('M9', 'plan', PAST, FUTURE)), 'record_exists');
  });

  it('refuses ballots: forged, double, late, early, closed, another motion, beyond the confirmed part, unreviewed, secured in art. 64, no claim', async () => {
    await standardCase();
    const ballot = (c: TestCreditor, cents: string, more: Partial<Parameters<typeof signedBallot>[1]> = {}, signer?: TestCreditor) =>
      ballotTx(signedBallot(c, { meetingId: 'M1', choice: 'yes', votingCents: cents, ...more }, signer));
    await refused(run(l, ballot(steel, '200000', {}, parts)), 'bad_signature');
    const b = signedBallot(steel, { meetingId: 'M1', choice: 'no', votingCents: '200000' });
    await refused(run(l, ballotTx({ ...b, choice: 'yes' })), 'bad_signature');
    await refused(run(l, ballot(steel, '200000', { motionHash: 'ab'.repeat(32) })), 'motion_mismatch');
    // A disputed claim votes at most its confirmed part: 80000 of 120000.
    await refused(run(l, ballot(parts, '80001')), 'exceeds_confirmed');
    await refused(run(l, ballot(late, '30000')), 'claim_unreviewed');
    await refused(run(l, ballot(bank, '500000')), 'secured_no_vote');
    await refused(run(l, ballot(stranger, '1')), 'not_a_creditor');
    await refused(run(l, ballot(steel, '0')), 'invalid_amount');
    await run(l, ballot(parts, '80000'));
    await run(l, ballot(steel, '200000'));
    await refused(run(l, ballot(steel, '100')), 'already_voted');
    await refused(
      run(l, ballotTx(signedBallot(steel, { meetingId: 'M1', choice: 'no', votingCents: '1', signedAtMs: 5 }))),
      'already_voted',
    );
    // Early and late by block time.
    await convened(l, 'EARLY', 'resolution', FUTURE, FUTURE + 1);
    await refused(run(l, ballotTx(signedBallot(steel, { meetingId: 'EARLY', choice: 'yes', votingCents: '1' }))), 'meeting_not_open');
    await convened(l, 'PASSED', 'resolution', PAST, PAST + 1);
    await refused(run(l, ballotTx(signedBallot(steel, { meetingId: 'PASSED', choice: 'yes', votingCents: '1' }))), 'meeting_closed');
    // Closed by the court: a later ballot is refused though its window is still open.
    await run(l, bankruptcy.actionTx(closeAction('M1')));
    await refused(run(l, ballot(lessor, '100000')), 'meeting_closed');
    expect(proveMember(l, meetingKey(B_CASE, 'M1'))['voters']).toEqual([parts.did, steel.did]);
  });

  it('in an art. 84 plan meeting a secured creditor votes in its class; a creditor in two classes is refused', async () => {
    await standardCase();
    await run(l, claimTx(signedClaim(steel, { claimId: 'C6', amountCents: '1000', votingClass: 'tax' })));
    await run(l, reviewTx('C6', '1000', '0'));
    await convened(l, 'P1', 'plan', PAST, FUTURE);
    await run(l, ballotTx(signedBallot(bank, { meetingId: 'P1', choice: 'yes', votingCents: '500000' })));
    await refused(run(l, ballotTx(signedBallot(steel, { meetingId: 'P1', choice: 'yes', votingCents: '1' }))), 'mixed_classes');
  });

  it('convene_meeting: a proposed meeting takes no ballot and cannot be closed; convened once, by the case court, under the case', async () => {
    await standardCase();
    await run(l, meetingTx('M2', 'resolution', PAST, FUTURE));
    expect(proveMember(l, meetingKey(B_CASE, 'M2'))['status']).toBe('proposed');
    await refused(run(l, ballotTx(signedBallot(steel, { meetingId: 'M2', choice: 'yes', votingCents: '1' }))), 'meeting_not_convened');
    await refused(run(l, bankruptcy.actionTx(closeAction('M2'))), 'meeting_not_convened');
    await refused(run(l, bankruptcy.actionTx(conveneAction('M2', { court: 'did:alliance:court-sh-01' }))), 'wrong_court');
    await refused(run(l, bankruptcy.actionTx(conveneAction('M2', { caseId: '(2024)京0101执100号' }))), 'case_mismatch');
    const act = conveneAction('M2');
    await run(l, bankruptcy.actionTx(act));
    expect(proveMember(l, meetingKey(B_CASE, 'M2'))).toMatchObject({
      status: 'open',
      convened: { court: COURT, caseId: B_CASE, orderId: act.orderId },
    });
    await refused(run(l, bankruptcy.actionTx(act)), 'duplicate_tx');
    await refused(run(l, bankruptcy.actionTx(conveneAction('M2'))), 'meeting_convened');
    await run(l, ballotTx(signedBallot(steel, { meetingId: 'M2', choice: 'yes', votingCents: '1' })));
    await run(l, bankruptcy.actionTx(closeAction('M2')));
    await refused(run(l, bankruptcy.actionTx(conveneAction('M2'))), 'meeting_closed');
  });

  it('close_meeting: only the case court, only under the case, unknown meeting', async () => {
    await standardCase();
    await refused(run(l, bankruptcy.actionTx(closeAction('M1', { court: 'did:alliance:court-sh-01' }))), 'wrong_court');
    await refused(run(l, bankruptcy.actionTx(closeAction('M1', { caseId: '(2024)京0101执100号' }))), 'case_mismatch');
    await refused(run(l, bankruptcy.actionTx(closeAction('NOPE'))), 'unknown_record');
    expect(proveMember(l, meetingKey(B_CASE, 'M1'))['status']).toBe('open');
  });

  describe('art. 64 bounds (以上 includes the bound)', () => {
    it('yes claims exactly half of the unsecured total pass; one cent less fails', async () => {
      const c = await creditorsWith(l, 'h', { a: '2500', b: '2500', n: '5000' });
      await convened(l, 'EXACT', 'resolution', PAST, FUTURE);
      await convened(l, 'LESS', 'resolution', PAST, FUTURE);
      const exact = await tallyAfter(l, 'EXACT', [
        [c.a!, 'yes', '2500'],
        [c.b!, 'yes', '2500'],
        [c.n!, 'no', '5000'],
      ]);
      expect(exact).toMatchObject({ outcome: 'passed', groups: [{ present: 3, yesCreditors: 2, yesCents: '5000', totalCents: '10000' }] });
      const less = await tallyAfter(l, 'LESS', [
        [c.a!, 'yes', '2500'],
        [c.b!, 'yes', '2499'],
        [c.n!, 'no', '5000'],
      ]);
      expect(less).toMatchObject({ outcome: 'failed', groups: [{ yesCents: '4999', totalCents: '10000', outcome: 'failed' }] });
    });

    it('exactly half of the creditors present fails (more than half is needed), whatever the amount', async () => {
      const c = await creditorsWith(l, 'k', { a: '9000', n: '1000' });
      await convened(l, 'HEADS', 'resolution', PAST, FUTURE);
      const t = await tallyAfter(l, 'HEADS', [
        [c.a!, 'yes', '9000'],
        [c.n!, 'no', '1000'],
      ]);
      expect(t).toMatchObject({ outcome: 'failed', groups: [{ present: 2, yesCreditors: 1, yesCents: '9000' }] });
    });

    it('absent creditors count in the amount, not in the heads', async () => {
      const c = await creditorsWith(l, 'p', { a: '3000', b: '3000', absent: '6000' });
      await convened(l, 'ABS', 'resolution', PAST, FUTURE);
      const t = await tallyAfter(l, 'ABS', [
        [c.a!, 'yes', '3000'],
        [c.b!, 'yes', '3000'],
      ]);
      // 2 of 2 present, 6000 of 12000: exactly half passes.
      expect(t).toMatchObject({ outcome: 'passed', groups: [{ present: 2, yesCreditors: 2, totalCents: '12000' }] });
    });
  });

  describe('art. 84 bounds (per class, two thirds of the class, every class)', () => {
    it('exactly two thirds of the class passes; one cent less fails; one failing class fails the plan', async () => {
      const ord = await creditorsWith(l, 'o', { a: '10000', b: '10000', n: '10000' });
      const tax = await creditorsWith(l, 't', { x: '500', y: '500' }, 'tax');
      await convened(l, 'P-EXACT', 'plan', PAST, FUTURE);
      await convened(l, 'P-LESS', 'plan', PAST, FUTURE);
      const exact = await tallyAfter(l, 'P-EXACT', [
        [ord.a!, 'yes', '10000'],
        [ord.b!, 'yes', '10000'],
        [ord.n!, 'no', '10000'],
        [tax.x!, 'yes', '500'],
        [tax.y!, 'yes', '500'],
      ]);
      expect(exact).toMatchObject({
        rule: 'art84',
        outcome: 'passed',
        groups: [
          { group: 'tax', present: 2, yesCreditors: 2, yesCents: '1000', totalCents: '1000', outcome: 'passed' },
          { group: 'ordinary', present: 3, yesCreditors: 2, yesCents: '20000', totalCents: '30000', outcome: 'passed' },
        ],
      });
      const less = await tallyAfter(l, 'P-LESS', [
        [ord.a!, 'yes', '10000'],
        [ord.b!, 'yes', '9999'],
        [ord.n!, 'no', '10000'],
        [tax.x!, 'yes', '500'],
        [tax.y!, 'yes', '500'],
      ]);
      expect(less).toMatchObject({
        outcome: 'failed',
        groups: [
          { group: 'tax', outcome: 'passed' },
          { group: 'ordinary', yesCents: '19999', outcome: 'failed' },
        ],
      });
    });
  });

  it('loads its seed (the demo case, its signed claims and proposed meeting) and proves it', async () => {
    const s = openLedger(bankruptcy);
    await loadSeed(s, seedChain('bankruptcy', { records: 30, seed: 'bankruptcy-test' }));
    const d = DEMO_BANKRUPTCY;
    expect(proveMember(s, caseKey(d.caseId))['claimIds']).toEqual(d.creditors.map((c) => c.claimId));
    expect(proveMember(s, meetingKey(d.caseId, d.meetingId))).toMatchObject({ status: 'proposed', kind: 'resolution', voters: [] });
    proveAbsent(s, ballotKey(d.caseId, d.meetingId, d.creditors[0]!.did));
  });
});
