/**
 * Anyone's re-check of a creditors' meeting's tally from PROVEN records (each decoded from a bundle
 * the caller verified: the case, every claim it lists, the meeting, every ballot of its voters).
 * Pure: records in, verdict out. It trusts neither the chain's tally nor the contract's checks:
 * it re-verifies every claim's and every ballot's creditor signature, the reviews' sums, each
 * ballot's binding to this meeting and motion and its amount against the creditor's confirmed part,
 * that the record sets are complete (the case's `claimIds`, the meeting's `voters`), then recomputes
 * the tally with the law's rules (majority.ts) and compares it with the one the chain wrote, field
 * by field. A mismatch says what differs.
 */
import { claimsOf, entitlementOf, groupTotals, tallyOf, type CountedBallot } from './majority.js';
import type { Ballot, BankruptcyCase, Claim, Meeting, MeetingTally } from './schema.js';
import { ballotSigningBytes, checkCreditorSignature, claimSigningBytes } from './signed-layout.js';

/** One record that does not hold, and why (a `BankruptcyReason` or a completeness problem). */
export interface TallyProblem {
  /** The record's key-like name: `claim <id>`, `ballot <creditor>`, `meeting`. */
  record: string;
  reason: string;
  detail: string;
}

/** One field where the chain's tally and the recomputed one differ. */
export interface TallyDifference {
  field: string;
  chain: string;
  recomputed: string;
}

export interface TallyCheck {
  /**
   * `match`: the records hold and the chain's tally is the recomputed one; `mismatch`: the records
   * hold but the tally differs (`differences`); `invalid`: a record does not hold (`problems`), the
   * recomputation then leaves that record out; `open`: the meeting has no tally yet.
   */
  verdict: 'match' | 'mismatch' | 'invalid' | 'open';
  recomputed: MeetingTally;
  problems: TallyProblem[];
  differences: TallyDifference[];
}

export interface ProvenMeetingRecords {
  chainId: string;
  bankruptcyCase: BankruptcyCase;
  claims: readonly Claim[];
  meeting: Meeting;
  ballots: readonly Ballot[];
}

function checkClaims(r: ProvenMeetingRecords, problems: TallyProblem[]): Claim[] {
  const good: Claim[] = [];
  const listed = new Set(r.bankruptcyCase.claimIds);
  const given = new Set(r.claims.map((c) => c.claimId));
  for (const id of listed)
    if (!given.has(id)) problems.push({ record: `claim ${id}`, reason: 'claim_missing', detail: 'listed by the case, not given' });
  for (const c of r.claims) {
    const name = `claim ${c.claimId}`;
    if (c.caseId !== r.bankruptcyCase.caseId || !listed.has(c.claimId)) {
      problems.push({ record: name, reason: 'claim_not_in_case', detail: `not listed by case ${r.bankruptcyCase.caseId}` });
      continue;
    }
    const sig = checkCreditorSignature(c.creditor, claimSigningBytes(r.chainId, c), c.signature);
    if (sig !== 'ok') {
      problems.push({ record: name, reason: sig, detail: `creditor ${c.creditor}` });
      continue;
    }
    if (c.review !== undefined && BigInt(c.review.confirmedCents) + BigInt(c.review.disputedCents) !== BigInt(c.amountCents)) {
      problems.push({ record: name, reason: 'review_mismatch', detail: 'confirmed + disputed is not the amount filed' });
      continue;
    }
    good.push(c);
  }
  return good;
}

function countBallots(r: ProvenMeetingRecords, claims: readonly Claim[], problems: TallyProblem[]): CountedBallot[] {
  const m = r.meeting;
  const counted: CountedBallot[] = [];
  const voters = new Set(m.voters);
  const seen = new Set<string>();
  for (const b of r.ballots) {
    const name = `ballot ${b.creditor}`;
    const fail = (reason: string, detail: string): void => void problems.push({ record: name, reason, detail });
    if (seen.has(b.creditor)) {
      fail('already_voted', 'two ballots of one creditor');
      continue;
    }
    seen.add(b.creditor);
    if (!voters.has(b.creditor)) {
      fail('ballot_not_in_meeting', 'not among the meeting’s voters');
      continue;
    }
    if (b.caseId !== m.caseId || b.meetingId !== m.meetingId || b.motionHash !== m.motionHash) {
      fail('motion_mismatch', 'signed for another case, meeting or motion');
      continue;
    }
    const sig = checkCreditorSignature(b.creditor, ballotSigningBytes(r.chainId, b), b.signature);
    if (sig !== 'ok') {
      fail(sig, `the ballot's signature does not hold for ${b.creditor}`);
      continue;
    }
    if (b.castAtMs < m.opensAtMs || b.castAtMs > m.closesAtMs || (m.closed !== undefined && b.castAtMs > m.closed.closedAtMs)) {
      fail('meeting_closed', `cast at ${b.castAtMs}, outside the voting window`);
      continue;
    }
    const e = entitlementOf(claimsOf(claims, b.creditor), m.kind);
    if (e.kind === 'none') {
      fail(e.reason, 'the creditor holds no vote in this meeting');
      continue;
    }
    const cents = BigInt(b.votingCents);
    if (cents === 0n || cents > e.cents) {
      fail('exceeds_confirmed', `votes ${b.votingCents} cents, confirmed ${e.cents}`);
      continue;
    }
    counted.push({ group: e.group, choice: b.choice, votingCents: cents });
  }
  for (const v of voters)
    if (!seen.has(v)) problems.push({ record: `ballot ${v}`, reason: 'ballot_missing', detail: 'a voter of the meeting, no ballot given' });
  return counted;
}

function compare(chain: MeetingTally, mine: MeetingTally): TallyDifference[] {
  const out: TallyDifference[] = [];
  const diff = (field: string, a: unknown, b: unknown): void => {
    if (String(a) !== String(b)) out.push({ field, chain: String(a), recomputed: String(b) });
  };
  diff('rule', chain.rule, mine.rule);
  diff('outcome', chain.outcome, mine.outcome);
  const groups = new Set([...chain.groups.map((g) => g.group), ...mine.groups.map((g) => g.group)]);
  for (const group of groups) {
    const a = chain.groups.find((g) => g.group === group);
    const b = mine.groups.find((g) => g.group === group);
    if (a === undefined || b === undefined) {
      diff(`groups.${group}`, a === undefined ? 'absent' : 'present', b === undefined ? 'absent' : 'present');
      continue;
    }
    for (const k of ['present', 'yesCreditors', 'yesCents', 'noCents', 'totalCents', 'outcome'] as const)
      diff(`groups.${group}.${k}`, a[k], b[k]);
  }
  return out;
}

/** Re-check a meeting's tally from its proven records. */
export function recheckTally(r: ProvenMeetingRecords): TallyCheck {
  const problems: TallyProblem[] = [];
  if (r.meeting.caseId !== r.bankruptcyCase.caseId)
    problems.push({ record: 'meeting', reason: 'case_mismatch', detail: `meeting of case ${r.meeting.caseId}` });
  const claims = checkClaims(r, problems);
  const counted = countBallots(r, claims, problems);
  const recomputed = tallyOf(r.meeting.kind, groupTotals(claims, r.meeting.kind), counted);
  if (problems.length > 0) return { verdict: 'invalid', recomputed, problems, differences: [] };
  if (r.meeting.closed === undefined) return { verdict: 'open', recomputed, problems, differences: [] };
  const differences = compare(r.meeting.closed.tally, recomputed);
  return { verdict: differences.length === 0 ? 'match' : 'mismatch', recomputed, problems, differences };
}
