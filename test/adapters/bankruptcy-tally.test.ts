/**
 * The independent tally re-check (adapters/bankruptcy/tally-check.ts) over records proven from a real
 * dev ledger: it agrees with the chain's tally, and it catches what a dishonest chain or platform
 * could hand over: a forged ballot, a ballot whose amount was altered after signing, a ballot beyond
 * the creditor's confirmed part, a withheld ballot or claim, and a tally that does not add up.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DevLedger } from '../../src/chain/ledger/ledger.js';
import { bankruptcy } from '../../adapters/bankruptcy/definition.js';
import { ballotKey, caseKey, claimKey, meetingKey, meetingTarget } from '../../adapters/bankruptcy/contract.js';
import { passesArt64, passesArt84 } from '../../adapters/bankruptcy/majority.js';
import { recheckTally, type ProvenMeetingRecords } from '../../adapters/bankruptcy/tally-check.js';
import {
  readBallot,
  readCase,
  readClaim,
  readMeeting,
  type Ballot,
  type BankruptcyCase,
  type Claim,
  type Meeting,
} from '../../adapters/bankruptcy/schema.js';
import { readTyped } from '../../adapters/sdk/record.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { action, openLedger, proveMember, run } from './contracts/harness.js';
import {
  B_CASE,
  ballotTx,
  caseTx,
  claimTx,
  creditorOf,
  meetingTx,
  reviewTx,
  signedBallot,
  signedClaim,
} from '../helpers/bankruptcy-fixture.js';

const proven = <T>(l: DevLedger, key: string, type: string, read: Parameters<typeof readTyped<T>>[4]): T =>
  readTyped(encodeCanonical(proveMember(l, key)), key, type, 1, read);

describe('bankruptcy tally re-check', () => {
  const steel = creditorOf('tally-steel');
  const parts = creditorOf('tally-parts');
  const lessor = creditorOf('tally-lessor');
  const bank = creditorOf('tally-bank');
  let records: ProvenMeetingRecords;

  beforeAll(async () => {
    const l = openLedger(bankruptcy);
    await run(l, caseTx());
    for (const t of [
      claimTx(signedClaim(bank, { claimId: 'C1', amountCents: '500000', security: 'secured' })),
      claimTx(signedClaim(steel, { claimId: 'C2', amountCents: '200000' })),
      claimTx(signedClaim(parts, { claimId: 'C3', amountCents: '120000' })),
      claimTx(signedClaim(lessor, { claimId: 'C4', amountCents: '100000', security: 'secured_waived' })),
      reviewTx('C1', '500000', '0'),
      reviewTx('C2', '200000', '0'),
      reviewTx('C3', '80000', '40000'),
      reviewTx('C4', '100000', '0'),
      meetingTx('M1', 'resolution', 1_600_000_000_000, 1_900_000_000_000),
      bankruptcy.actionTx(action('convene_meeting', meetingTarget(B_CASE, 'M1'), { caseId: B_CASE })),
      ballotTx(signedBallot(steel, { meetingId: 'M1', choice: 'yes', votingCents: '200000' })),
      ballotTx(signedBallot(parts, { meetingId: 'M1', choice: 'no', votingCents: '80000' })),
      ballotTx(signedBallot(lessor, { meetingId: 'M1', choice: 'yes', votingCents: '100000' })),
      bankruptcy.actionTx(action('close_meeting', meetingTarget(B_CASE, 'M1'), { caseId: B_CASE })),
    ])
      await run(l, t);
    const c = proven<BankruptcyCase>(l, caseKey(B_CASE), 'bankruptcy_case', readCase);
    const m = proven<Meeting>(l, meetingKey(B_CASE, 'M1'), 'creditors_meeting', readMeeting);
    records = {
      chainId: bankruptcy.chainId,
      bankruptcyCase: c,
      claims: c.claimIds.map((id) => proven<Claim>(l, claimKey(B_CASE, id), 'bankruptcy_claim', readClaim)),
      meeting: m,
      ballots: m.voters.map((v) => proven<Ballot>(l, ballotKey(B_CASE, 'M1', v), 'bankruptcy_ballot', readBallot)),
    };
  });

  it("recomputes the chain's tally from the proven records: match", () => {
    const r = recheckTally(records);
    expect(r.problems).toEqual([]);
    expect(r.differences).toEqual([]);
    expect(r.verdict).toBe('match');
    expect(r.recomputed).toEqual(records.meeting.closed!.tally);
    expect(r.recomputed.groups[0]).toMatchObject({ present: 3, yesCreditors: 2, yesCents: '300000', totalCents: '380000' });
  });

  it('detects a forged ballot in the proven set (signed by another key)', () => {
    const real = records.ballots[1]!;
    const forged = { ...signedBallot(parts, { meetingId: 'M1', choice: 'yes', votingCents: '80000' }, steel), castAtMs: real.castAtMs };
    const r = recheckTally({ ...records, ballots: [records.ballots[0]!, forged, records.ballots[2]!] });
    expect(r.verdict).toBe('invalid');
    expect(r.problems).toEqual([expect.objectContaining({ record: `ballot ${parts.did}`, reason: 'bad_signature' })]);
  });

  it('detects a tampered amount or choice (the signature no longer holds)', () => {
    const tampered = { ...records.ballots[0]!, votingCents: '150000' };
    const r = recheckTally({ ...records, ballots: [tampered, ...records.ballots.slice(1)] });
    expect(r.verdict).toBe('invalid');
    expect(r.problems).toEqual([expect.objectContaining({ record: `ballot ${steel.did}`, reason: 'bad_signature' })]);
    const flipped = { ...records.ballots[1]!, choice: 'yes' as const };
    expect(recheckTally({ ...records, ballots: [records.ballots[0]!, flipped, records.ballots[2]!] }).problems[0]!.reason).toBe(
      'bad_signature',
    );
  });

  it('detects a signed ballot beyond the confirmed part, and a tampered claim (its creditor did not sign it)', () => {
    const over = {
      ...signedBallot(parts, { meetingId: 'M1', choice: 'no', votingCents: '80001' }),
      castAtMs: records.ballots[1]!.castAtMs,
    };
    const r = recheckTally({ ...records, ballots: [records.ballots[0]!, over, records.ballots[2]!] });
    expect(r.problems).toEqual([expect.objectContaining({ reason: 'exceeds_confirmed' })]);
    const claims = records.claims.map((c) => (c.claimId === 'C2' ? { ...c, amountCents: '900000' } : c));
    expect(recheckTally({ ...records, claims }).problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ record: 'claim C2', reason: 'bad_signature' })]),
    );
  });

  it('detects withheld records: a voter without its ballot, a listed claim not given', () => {
    const r = recheckTally({ ...records, ballots: records.ballots.slice(0, 2) });
    expect(r.problems).toEqual([expect.objectContaining({ record: `ballot ${lessor.did}`, reason: 'ballot_missing' })]);
    const c = recheckTally({ ...records, claims: records.claims.filter((x) => x.claimId !== 'C4') });
    expect(c.problems).toEqual(expect.arrayContaining([expect.objectContaining({ record: 'claim C4', reason: 'claim_missing' })]));
  });

  it("reports what differs when the chain's tally does not add up", () => {
    const closed = records.meeting.closed!;
    const group = { ...closed.tally.groups[0]!, yesCents: '400000', outcome: 'passed' as const };
    const meeting = { ...records.meeting, closed: { ...closed, tally: { ...closed.tally, groups: [group] } } };
    const r = recheckTally({ ...records, meeting });
    expect(r.verdict).toBe('mismatch');
    expect(r.differences).toEqual([{ field: 'groups.unsecured.yesCents', chain: '400000', recomputed: '300000' }]);
    const failed = { ...records.meeting, closed: { ...closed, tally: { ...closed.tally, outcome: 'failed' as const } } };
    expect(recheckTally({ ...records, meeting: failed }).differences).toEqual([
      { field: 'outcome', chain: 'failed', recomputed: 'passed' },
    ]);
  });

  it('re-checks an art. 84 plan by class (a secured creditor votes in its class) and names the class that differs', async () => {
    const l = openLedger(bankruptcy);
    const emp = creditorOf('plan-emp');
    await run(l, caseTx());
    for (const t of [
      claimTx(signedClaim(bank, { claimId: 'P1', amountCents: '900', security: 'secured' })),
      claimTx(signedClaim(steel, { claimId: 'P2', amountCents: '300' })),
      claimTx(signedClaim(parts, { claimId: 'P3', amountCents: '600' })),
      claimTx(signedClaim(emp, { claimId: 'P4', amountCents: '100', votingClass: 'employee' })),
      reviewTx('P1', '900', '0'),
      reviewTx('P2', '300', '0'),
      reviewTx('P3', '600', '0'),
      reviewTx('P4', '100', '0'),
      meetingTx('PLAN', 'plan', 1_600_000_000_000, 1_900_000_000_000),
      bankruptcy.actionTx(action('convene_meeting', meetingTarget(B_CASE, 'PLAN'), { caseId: B_CASE })),
      ballotTx(signedBallot(bank, { meetingId: 'PLAN', choice: 'yes', votingCents: '900' })),
      ballotTx(signedBallot(steel, { meetingId: 'PLAN', choice: 'yes', votingCents: '300' })),
      ballotTx(signedBallot(parts, { meetingId: 'PLAN', choice: 'yes', votingCents: '600' })),
      ballotTx(signedBallot(emp, { meetingId: 'PLAN', choice: 'no', votingCents: '100' })),
      bankruptcy.actionTx(action('close_meeting', meetingTarget(B_CASE, 'PLAN'), { caseId: B_CASE })),
    ])
      await run(l, t);
    const c = proven<BankruptcyCase>(l, caseKey(B_CASE), 'bankruptcy_case', readCase);
    const m = proven<Meeting>(l, meetingKey(B_CASE, 'PLAN'), 'creditors_meeting', readMeeting);
    const plan: ProvenMeetingRecords = {
      chainId: bankruptcy.chainId,
      bankruptcyCase: c,
      claims: c.claimIds.map((id) => proven<Claim>(l, claimKey(B_CASE, id), 'bankruptcy_claim', readClaim)),
      meeting: m,
      ballots: m.voters.map((v) => proven<Ballot>(l, ballotKey(B_CASE, 'PLAN', v), 'bankruptcy_ballot', readBallot)),
    };
    const r = recheckTally(plan);
    expect(r.verdict).toBe('match');
    // The employee class voted no: the plan fails though the secured and ordinary classes pass.
    expect(r.recomputed).toMatchObject({
      rule: 'art84',
      outcome: 'failed',
      groups: [
        { group: 'secured', present: 1, yesCreditors: 1, yesCents: '900', totalCents: '900', outcome: 'passed' },
        { group: 'employee', present: 1, yesCreditors: 0, noCents: '100', totalCents: '100', outcome: 'failed' },
        { group: 'ordinary', present: 2, yesCreditors: 2, yesCents: '900', totalCents: '900', outcome: 'passed' },
      ],
    });
    const tally = m.closed!.tally;
    const forgedTally = {
      ...tally,
      outcome: 'passed' as const,
      groups: tally.groups.map((g) => (g.group === 'employee' ? { ...g, outcome: 'passed' as const } : g)),
    };
    const d = recheckTally({ ...plan, meeting: { ...m, closed: { ...m.closed!, tally: forgedTally } } });
    expect(d.verdict).toBe('mismatch');
    expect(d.differences).toEqual([
      { field: 'outcome', chain: 'passed', recomputed: 'failed' },
      { field: 'groups.employee.outcome', chain: 'passed', recomputed: 'failed' },
    ]);
  });

  it('pins the bounds in bigint: half and two thirds included, a cent or a head short excluded', () => {
    expect(passesArt64(2, 3, 5000n, 10_000n)).toBe(true);
    expect(passesArt64(2, 3, 4999n, 10_000n)).toBe(false);
    expect(passesArt64(1, 2, 10_000n, 10_000n)).toBe(false);
    expect(passesArt64(2, 3, 5n, 9n)).toBe(true); // 5/9 > 1/2
    expect(passesArt64(2, 3, 4n, 9n)).toBe(false); // 4/9 < 1/2 (4.5 would be the bound)
    expect(passesArt84(2, 3, 20_000n, 30_000n)).toBe(true);
    expect(passesArt84(2, 3, 19_999n, 30_000n)).toBe(false);
    expect(passesArt84(1, 2, 30_000n, 30_000n)).toBe(false);
    expect(passesArt84(2, 3, 7n, 10n)).toBe(true); // 7/10 >= 2/3
    expect(passesArt84(2, 3, 6n, 10n)).toBe(false);
    // Amounts far beyond 2^53: exact in bigint.
    const big = 10n ** 17n * 3n;
    expect(passesArt84(3, 4, (big * 2n) / 3n, big)).toBe(true);
    expect(passesArt84(3, 4, (big * 2n) / 3n - 1n, big)).toBe(false);
  });
});
