/**
 * Bankruptcy chain contracts (企业破产法). Rules, each refusal with its reason:
 * - `case.open`: once per case id (`record_exists`).
 * - `claim.file`: the case exists (`unknown_record`) and is not concluded (`case_concluded`); the
 *   creditor is a secp256k1 `did:key` (`not_did_key`) whose embedded key verifies the signature over
 *   the claim's fixed layout (`bad_signature`, `malformed_signature`: a forged claim or one signed by
 *   another creditor's key); the voting class is `secured` exactly when the claim is secured without
 *   waiver (`class_mismatch`); a claim id once (`record_exists`). The case lists the claim.
 * - `claim.review`: the sender is the case's administrator (`not_administrator`); confirmed +
 *   disputed = filed (`review_mismatch`); once (`already_reviewed`).
 * - `meeting.open`: the sender is the administrator (`not_administrator`); closes after it opens
 *   (`invalid_window`); once (`record_exists`). The meeting is `proposed` until the court convenes it.
 * - `convene_meeting` (the court's order, art. 62): the case's court, under the case (as below); a
 *   proposed meeting only (`meeting_convened`, `meeting_closed`).
 * - `ballot.cast`: the meeting is convened (`meeting_not_convened`) and open at the block time (`meeting_not_open` before `opensAtMs`,
 *   `meeting_closed` after `closesAtMs` or once closed); the ballot answers this meeting's motion
 *   (`motion_mismatch`); its signature verifies against the creditor's did:key (`bad_signature`);
 *   one ballot per creditor (`already_voted`); the creditor holds a vote (majority.ts: `not_a_creditor`,
 *   `secured_no_vote` in an art. 64 meeting, `claim_unreviewed`, `nothing_confirmed`, `mixed_classes`);
 *   the voting amount is more than 0 (`invalid_amount`) and at most its confirmed part (`exceeds_confirmed`).
 * - `close_meeting` (the court's order): the ordering court is the case's court (`wrong_court`), the
 *   order's case is this case (`case_mismatch`), the meeting is convened and still open
 *   (`meeting_not_convened`, `meeting_closed`); it
 *   writes the tally majority.ts computes from the case's claims and the meeting's ballots.
 */
import type { BlockContext, ContractHandler, StateView, StateWrite } from '../../src/chain/ledger/contract.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { ErrorCode } from '../../src/errors.js';
import { decodeActionTx, recordKey } from '../sdk/definition.js';
import { mustRecord, parseCents, readRecord, readTyped, recordWrite, refuse } from '../sdk/record.js';
import { claimsOf, entitlementOf, groupTotals, tallyOf, type CountedBallot } from './majority.js';
import {
  BANKRUPTCY_ACTIONS,
  BANKRUPTCY_CHAIN_ID,
  BankruptcyTx,
  MAX_LISTED,
  readBallot,
  readBallotCast,
  readCase,
  readCaseOpen,
  readClaim,
  readClaimFiling,
  readMeeting,
  readMeetingOpen,
  readReviewBody,
  type Ballot,
  type BankruptcyCase,
  type Claim,
  type Meeting,
} from './schema.js';
import { ballotSigningBytes, checkCreditorSignature, claimSigningBytes, type CreditorSignatureCheck } from './signed-layout.js';

const def = { chainId: BANKRUPTCY_CHAIN_ID, actions: BANKRUPTCY_ACTIONS };

export const caseKey = (caseId: string): string => recordKey('bankruptcy_case', caseId);
export const claimKey = (caseId: string, claimId: string): string => recordKey('claim', `${caseId}/${claimId}`);
export const meetingKey = (caseId: string, meetingId: string): string => recordKey('meeting', `${caseId}/${meetingId}`);
export const ballotKey = (caseId: string, meetingId: string, creditor: string): string =>
  recordKey('ballot', `${caseId}/${meetingId}/${creditor}`);
/** The `close_meeting` target of a meeting. */
export const meetingTarget = (caseId: string, meetingId: string): string => `${caseId}/${meetingId}`;

const loadCase = (state: StateView, caseId: string): BankruptcyCase => mustRecord(state, caseKey(caseId), 'bankruptcy_case', 1, readCase);
const loadClaim = (state: StateView, caseId: string, claimId: string): Claim =>
  mustRecord(state, claimKey(caseId, claimId), 'bankruptcy_claim', 1, readClaim);
const loadMeeting = (state: StateView, caseId: string, meetingId: string): Meeting =>
  mustRecord(state, meetingKey(caseId, meetingId), 'creditors_meeting', 1, readMeeting);

const writeCase = (c: BankruptcyCase): StateWrite => recordWrite(caseKey(c.caseId), c);
const writeClaim = (c: Claim): StateWrite => recordWrite(claimKey(c.caseId, c.claimId), c, [{ name: 'creditor', value: c.creditor }]);
const writeMeeting = (m: Meeting): StateWrite => recordWrite(meetingKey(m.caseId, m.meetingId), m);
const writeBallot = (b: Ballot): StateWrite =>
  recordWrite(ballotKey(b.caseId, b.meetingId, b.creditor), b, [{ name: 'creditor', value: b.creditor }]);

function signatureRefusal(check: Exclude<CreditorSignatureCheck, 'ok'>, what: string): Error {
  if (check === 'not_did_key') return refuse('not_did_key', `${what}: the creditor is not a secp256k1 did:key`, ErrorCode.InvalidArgument);
  if (check === 'malformed_signature')
    return refuse('malformed_signature', `${what}: the signature is not a compact low-S secp256k1 signature`, ErrorCode.InvalidArgument);
  return refuse('bad_signature', `${what}: the signature does not verify against the creditor's did:key`, ErrorCode.Unauthenticated);
}

function mustBeAdministrator(c: BankruptcyCase, sender: string): void {
  if (sender !== c.administrator)
    throw refuse(
      'not_administrator',
      `case ${c.caseId}: only its administrator ${c.administrator} may do this, not ${sender}`,
      ErrorCode.PermissionDenied,
    );
}

/** Every claim of the case, in filing order. */
export function claimsOfCase(state: StateView, c: BankruptcyCase): Claim[] {
  return c.claimIds.map((id) => loadClaim(state, c.caseId, id));
}

function fileClaim(tx: Tx, state: StateView): StateWrite[] {
  const claim = readTyped(tx.body, 'claim', 'bankruptcy_claim', 1, readClaimFiling);
  const c = loadCase(state, claim.caseId);
  if (c.status === 'concluded') throw refuse('case_concluded', `case ${c.caseId} is concluded`);
  const check = checkCreditorSignature(claim.creditor, claimSigningBytes(BANKRUPTCY_CHAIN_ID, claim), claim.signature);
  if (check !== 'ok') throw signatureRefusal(check, `claim ${claim.claimId}`);
  if ((claim.votingClass === 'secured') !== (claim.security === 'secured'))
    throw refuse(
      'class_mismatch',
      `claim ${claim.claimId}: a claim is in the secured class exactly when it is secured and priority is not waived`,
      ErrorCode.InvalidArgument,
    );
  if (state.get(claimKey(claim.caseId, claim.claimId)) !== undefined)
    throw refuse('record_exists', `claim ${claim.claimId} of case ${claim.caseId} already exists`, ErrorCode.AlreadyExists);
  if (c.claimIds.length >= MAX_LISTED)
    throw refuse('list_full', `case ${c.caseId} lists ${MAX_LISTED} claims already`, ErrorCode.ResourceExhausted);
  if (parseCents(claim.amountCents, 'amountCents') === 0n)
    throw refuse('invalid_amount', `claim ${claim.claimId}: a claim of 0 cents`, ErrorCode.InvalidArgument);
  return [writeClaim(claim), writeCase({ ...c, claimIds: [...c.claimIds, claim.claimId] })];
}

function reviewClaim(tx: Tx, state: StateView, ctx: BlockContext): StateWrite[] {
  const r = readTyped(tx.body, 'review', 'claim_review', 1, readReviewBody);
  const c = loadCase(state, r.caseId);
  mustBeAdministrator(c, tx.sender);
  const claim = loadClaim(state, r.caseId, r.claimId);
  if (claim.review !== undefined) throw refuse('already_reviewed', `claim ${claim.claimId} was reviewed already`);
  if (BigInt(r.confirmedCents) + BigInt(r.disputedCents) !== BigInt(claim.amountCents))
    throw refuse(
      'review_mismatch',
      `claim ${claim.claimId}: confirmed ${r.confirmedCents} + disputed ${r.disputedCents} is not the ${claim.amountCents} filed`,
      ErrorCode.InvalidArgument,
    );
  return [writeClaim({ ...claim, review: { confirmedCents: r.confirmedCents, disputedCents: r.disputedCents, reviewedAtMs: ctx.timeMs } })];
}

function openMeeting(tx: Tx, state: StateView): StateWrite[] {
  const b = readTyped(tx.body, 'meeting', 'meeting_open', 1, readMeetingOpen);
  const c = loadCase(state, b.caseId);
  mustBeAdministrator(c, tx.sender);
  if (b.closesAtMs <= b.opensAtMs)
    throw refuse('invalid_window', `meeting ${b.meetingId}: closes before it opens`, ErrorCode.InvalidArgument);
  if (state.get(meetingKey(b.caseId, b.meetingId)) !== undefined)
    throw refuse('record_exists', `meeting ${b.meetingId} of case ${b.caseId} already exists`, ErrorCode.AlreadyExists);
  const { type: _t, schema: _s, ...fields } = b;
  return [writeMeeting({ type: 'creditors_meeting', schema: 1, ...fields, status: 'proposed', voters: [] })];
}

function castBallot(tx: Tx, state: StateView, ctx: BlockContext): StateWrite[] {
  const b = readTyped(tx.body, 'ballot', 'bankruptcy_ballot', 1, readBallotCast);
  const c = loadCase(state, b.caseId);
  const m = loadMeeting(state, b.caseId, b.meetingId);
  if (m.status === 'proposed') throw refuse('meeting_not_convened', `meeting ${m.meetingId} has not been convened by the court`);
  if (m.status === 'closed' || ctx.timeMs > m.closesAtMs)
    throw refuse('meeting_closed', `meeting ${m.meetingId} closed its voting (closes ${m.closesAtMs}, block time ${ctx.timeMs})`);
  if (ctx.timeMs < m.opensAtMs) throw refuse('meeting_not_open', `meeting ${m.meetingId} opens at ${m.opensAtMs}`);
  if (b.motionHash !== m.motionHash)
    throw refuse(
      'motion_mismatch',
      `the ballot answers motion ${b.motionHash}, the meeting votes on ${m.motionHash}`,
      ErrorCode.InvalidArgument,
    );
  const check = checkCreditorSignature(b.creditor, ballotSigningBytes(BANKRUPTCY_CHAIN_ID, b), b.signature);
  if (check !== 'ok') throw signatureRefusal(check, `ballot of ${b.creditor}`);
  if (state.get(ballotKey(b.caseId, b.meetingId, b.creditor)) !== undefined || m.voters.includes(b.creditor))
    throw refuse('already_voted', `${b.creditor} already voted in meeting ${m.meetingId}`, ErrorCode.AlreadyExists);
  if (m.voters.length >= MAX_LISTED)
    throw refuse('list_full', `meeting ${m.meetingId} lists ${MAX_LISTED} voters already`, ErrorCode.ResourceExhausted);
  const e = entitlementOf(claimsOf(claimsOfCase(state, c), b.creditor), m.kind);
  if (e.kind === 'none')
    throw refuse(e.reason, `${b.creditor} holds no vote in meeting ${m.meetingId} (${e.reason})`, ErrorCode.PermissionDenied);
  const amount = parseCents(b.votingCents, 'votingCents');
  if (amount === 0n) throw refuse('invalid_amount', 'a ballot of 0 cents', ErrorCode.InvalidArgument);
  if (amount > e.cents)
    throw refuse('exceeds_confirmed', `${b.creditor} votes ${amount} cents, its confirmed part is ${e.cents}`, ErrorCode.InvalidArgument);
  return [writeBallot({ ...b, castAtMs: ctx.timeMs }), writeMeeting({ ...m, voters: [...m.voters, b.creditor] })];
}

/** The meeting's tally from the state: the case's claims and the meeting's accepted ballots. */
export function tallyFromState(state: StateView, m: Meeting): ReturnType<typeof tallyOf> {
  const c = loadCase(state, m.caseId);
  const claims = claimsOfCase(state, c);
  const counted: CountedBallot[] = m.voters.map((creditor) => {
    const b = mustRecord(state, ballotKey(m.caseId, m.meetingId, creditor), 'bankruptcy_ballot', 1, readBallot);
    const e = entitlementOf(claimsOf(claims, creditor), m.kind);
    // Accepted ballots held a vote when cast, and reviews are final: a vote cannot disappear.
    if (e.kind === 'none') throw refuse('internal_inconsistency', `${creditor} lost its vote`, ErrorCode.Internal);
    return { group: e.group, choice: b.choice, votingCents: BigInt(b.votingCents) };
  });
  return tallyOf(m.kind, groupTotals(claims, m.kind), counted);
}

/** Cases, claims, reviews, meetings and ballots, as the bankruptcy platform and the administrator file them. */
export const bankruptcyRegistryContract: ContractHandler = {
  types: [BankruptcyTx.CaseOpen, BankruptcyTx.ClaimFile, BankruptcyTx.ClaimReview, BankruptcyTx.MeetingOpen, BankruptcyTx.BallotCast],
  apply(tx: Tx, state: StateView, ctx): StateWrite[] {
    switch (tx.type) {
      case BankruptcyTx.CaseOpen: {
        const b = readTyped(tx.body, 'case', 'bankruptcy_case', 1, readCaseOpen);
        if (state.get(caseKey(b.caseId)) !== undefined)
          throw refuse('record_exists', `case ${b.caseId} already exists`, ErrorCode.AlreadyExists);
        return [writeCase({ ...b, claimIds: [] })];
      }
      case BankruptcyTx.ClaimFile:
        return fileClaim(tx, state);
      case BankruptcyTx.ClaimReview:
        return reviewClaim(tx, state, ctx);
      case BankruptcyTx.MeetingOpen:
        return openMeeting(tx, state);
      case BankruptcyTx.BallotCast:
        return castBallot(tx, state, ctx);
      default:
        throw refuse('unknown_tx_type', `bankruptcy registry does not handle ${tx.type}`, ErrorCode.InvalidArgument);
    }
  },
};

/** The court's actions: convene a creditors' meeting (art. 62), and close it, writing its tally. */
export const bankruptcyActionContract: ContractHandler = {
  types: [BankruptcyTx.MeetingConvene, BankruptcyTx.MeetingClose],
  apply(tx: Tx, state: StateView, ctx): StateWrite[] {
    const action = decodeActionTx(def, tx);
    const m = readRecord(state, recordKey('meeting', action.target), 'creditors_meeting', 1, readMeeting);
    if (m === undefined) throw refuse('unknown_record', `meeting ${action.target} does not exist`, ErrorCode.NotFound);
    const c = loadCase(state, m.caseId);
    if (action.court !== c.court)
      throw refuse('wrong_court', `case ${c.caseId} is heard by ${c.court}, not ${action.court}`, ErrorCode.PermissionDenied);
    if (action.caseId !== c.caseId)
      throw refuse(
        'case_mismatch',
        `the order is for case ${action.caseId}, the meeting belongs to ${c.caseId}`,
        ErrorCode.InvalidArgument,
      );
    if (m.status === 'closed') throw refuse('meeting_closed', `meeting ${m.meetingId} is already closed`);
    const step = { court: action.court, caseId: action.caseId, orderId: action.orderId };
    if (action.kind === 'convene_meeting') {
      if (m.status === 'open') throw refuse('meeting_convened', `meeting ${m.meetingId} was convened already`);
      return [writeMeeting({ ...m, status: 'open', convened: { ...step, convenedAtMs: ctx.timeMs } })];
    }
    if (m.status === 'proposed') throw refuse('meeting_not_convened', `meeting ${m.meetingId} has not been convened`);
    const tally = tallyFromState(state, m);
    return [writeMeeting({ ...m, status: 'closed', closed: { ...step, closedAtMs: ctx.timeMs, tally } })];
  },
};
