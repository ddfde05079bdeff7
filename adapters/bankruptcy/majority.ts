/**
 * The Enterprise Bankruptcy Law's majority rules, as pure bigint arithmetic (no floats), shared by
 * the contract (which writes the tally when the court closes a meeting) and the independent
 * re-check (tally-check.ts).
 *
 * Who votes, and with how much (art. 59: a creditor whose claim is confirmed votes; art. 59 para. 2:
 * a claim not yet determined does not vote, so a disputed claim votes its confirmed part only):
 * - an art. 64 resolution: the confirmed parts of the creditor's claims that are not secured, or
 *   whose security's priority was waived (art. 59 para. 3: a secured creditor that has not waived
 *   priority holds no vote on arts. 61(7) and (10), i.e. here no vote on the resolution);
 * - an art. 84 plan: the confirmed parts of its claims, in their voting class (art. 82). One ballot
 *   per creditor and meeting: a creditor whose confirmed claims lie in two classes is refused
 *   (`mixed_classes`; it would need one ballot per class, not modelled).
 *
 * Thresholds (以上 includes the bound, art. 64 and art. 84):
 * - art. 64: yes-voters MORE than half of the creditors present (those who cast a valid ballot),
 *   AND their voting amounts at least one half of the confirmed unsecured claims of the whole case;
 * - art. 84: per class, yes-voters more than half of the class's creditors present AND their
 *   amounts at least two thirds of the class's confirmed claims; the plan passes when every class
 *   holding confirmed claims passes.
 * The denominators are the CONFIRMED claims (what may vote): unreviewed and disputed parts carry
 * no vote, so they count neither for nor against.
 */
import type { Ballot, Claim, GroupTally, MeetingKind, MeetingTally } from './schema.js';
import { VOTING_CLASSES } from './schema.js';

export type VotingGroup = GroupTally['group'];

/** Why a creditor holds no vote in a meeting (each is also the contract's refusal reason). */
export type NoVoteReason = 'not_a_creditor' | 'secured_no_vote' | 'claim_unreviewed' | 'nothing_confirmed' | 'mixed_classes';

export type Entitlement = { kind: 'votes'; group: VotingGroup; cents: bigint } | { kind: 'none'; reason: NoVoteReason };

const confirmed = (c: Claim): bigint => (c.review === undefined ? 0n : BigInt(c.review.confirmedCents));
const votesInResolution = (c: Claim): boolean => c.security !== 'secured';

/** What `creditorClaims` (one creditor's claims in the case) let it vote in a meeting of `kind`. */
export function entitlementOf(creditorClaims: readonly Claim[], kind: MeetingKind): Entitlement {
  if (creditorClaims.length === 0) return { kind: 'none', reason: 'not_a_creditor' };
  const counted = kind === 'resolution' ? creditorClaims.filter(votesInResolution) : [...creditorClaims];
  if (counted.length === 0) return { kind: 'none', reason: 'secured_no_vote' };
  const reviewed = counted.filter((c) => c.review !== undefined);
  if (reviewed.length === 0) return { kind: 'none', reason: 'claim_unreviewed' };
  const voting = reviewed.filter((c) => confirmed(c) > 0n);
  if (voting.length === 0) return { kind: 'none', reason: 'nothing_confirmed' };
  const cents = voting.reduce((s, c) => s + confirmed(c), 0n);
  if (kind === 'resolution') return { kind: 'votes', group: 'unsecured', cents };
  const classes = new Set(voting.map((c) => c.votingClass));
  if (classes.size > 1) return { kind: 'none', reason: 'mixed_classes' };
  return { kind: 'votes', group: voting[0]!.votingClass, cents };
}

/** The denominators: the confirmed claims of each group in the whole case (groups holding any). */
export function groupTotals(claims: readonly Claim[], kind: MeetingKind): Map<VotingGroup, bigint> {
  const totals = new Map<VotingGroup, bigint>();
  if (kind === 'resolution') {
    totals.set(
      'unsecured',
      claims.filter(votesInResolution).reduce((s, c) => s + confirmed(c), 0n),
    );
    return totals;
  }
  for (const cls of VOTING_CLASSES) {
    const t = claims.filter((c) => c.votingClass === cls).reduce((s, c) => s + confirmed(c), 0n);
    if (t > 0n) totals.set(cls, t);
  }
  return totals;
}

/** art. 64: heads strictly more than half of those present; amount at least half of the total. */
export function passesArt64(yesCreditors: number, present: number, yesCents: bigint, totalCents: bigint): boolean {
  return BigInt(yesCreditors) * 2n > BigInt(present) && yesCents * 2n >= totalCents;
}

/** art. 84, per class: heads strictly more than half of those present; amount at least two thirds. */
export function passesArt84(yesCreditors: number, present: number, yesCents: bigint, totalCents: bigint): boolean {
  return BigInt(yesCreditors) * 2n > BigInt(present) && yesCents * 3n >= totalCents * 2n;
}

/** A ballot as counted: its creditor's group and its choice and amount (already checked). */
export interface CountedBallot {
  group: VotingGroup;
  choice: Ballot['choice'];
  votingCents: bigint;
}

/** The meeting's tally from the counted ballots and the case's group totals. */
export function tallyOf(kind: MeetingKind, totals: ReadonlyMap<VotingGroup, bigint>, ballots: readonly CountedBallot[]): MeetingTally {
  const groups: GroupTally[] = [];
  for (const [group, total] of totals) {
    const mine = ballots.filter((b) => b.group === group);
    const yes = mine.filter((b) => b.choice === 'yes');
    const yesCents = yes.reduce((s, b) => s + b.votingCents, 0n);
    const noCents = mine.filter((b) => b.choice === 'no').reduce((s, b) => s + b.votingCents, 0n);
    const pass = kind === 'resolution' ? passesArt64 : passesArt84;
    groups.push({
      group,
      present: mine.length,
      yesCreditors: yes.length,
      yesCents: yesCents.toString(),
      noCents: noCents.toString(),
      totalCents: total.toString(),
      outcome: pass(yes.length, mine.length, yesCents, total) ? 'passed' : 'failed',
    });
  }
  const passed = groups.length > 0 && groups.every((g) => g.outcome === 'passed');
  return { rule: kind === 'resolution' ? 'art64' : 'art84', outcome: passed ? 'passed' : 'failed', groups };
}

/** The claims of `creditor` among `claims`. */
export function claimsOf(claims: readonly Claim[], creditor: string): Claim[] {
  return claims.filter((c) => c.creditor === creditor);
}
