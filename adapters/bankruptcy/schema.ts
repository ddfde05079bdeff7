/**
 * Bankruptcy chain records (破产, opinions on blockchain in the judicial field art. 25, with the
 * Enterprise Bankruptcy Law, 企业破产法): the case, the creditors' claims with the administrator's
 * review, the creditors' meetings and the creditors' ballots. Money is integer cents as decimal
 * strings (bigint arithmetic, never a float); creditors are their own `did:key`s and sign their
 * claims and ballots themselves (signed-layout.ts), so anyone re-checks them without the platform.
 */
import type { ActionSpec, RecordTypeSpec } from '../sdk/definition.js';
import { type Fields, objectItem, stringItem } from '../sdk/record.js';
import { codes, COURT_ACTION_LABELS, label, type RecordLayout } from '../sdk/record-layout.js';
import { USCC_PATTERN } from '../notary/enterprise-schema.js';

export const BANKRUPTCY_CHAIN_ID = 'bankruptcy';

/** A compact low-S secp256k1 signature as 128 lowercase hex characters. */
export const SIGNATURE_HEX_PATTERN = /^[0-9a-f]{128}$/;
/** A secp256k1 did:key (src/identity/did-key.ts); the contract also checks the embedded point. */
export const DID_KEY_PATTERN = /^did:key:z[1-9A-HJ-NP-Za-km-z]{40,60}$/;
/** Case, claim and meeting ids: part of state keys, so no `/` and no controls. */
export const BANKRUPTCY_ID_PATTERN = /^[^/\u0000-\u001f\u007f]{1,80}$/u;

/** Most claims of one case and voters of one meeting a record lists (the contract refuses one more: `list_full`). */
export const MAX_LISTED = 10_000;

export type CaseStatus = 'accepted' | 'reorganisation' | 'liquidation' | 'concluded';
export const CASE_STATUSES: readonly CaseStatus[] = ['accepted', 'reorganisation', 'liquidation', 'concluded'];

/**
 * Whether a claim is secured by the debtor's property (有财产担保) and, if so, whether its holder
 * waived priority (放弃优先受偿权): a waiver lets it vote on art. 64 resolutions (art. 59 para. 3).
 */
export type Security = 'unsecured' | 'secured' | 'secured_waived';
export const SECURITIES: readonly Security[] = ['unsecured', 'secured', 'secured_waived'];

/** Voting classes of a reorganisation plan (art. 82): secured, employees, tax, ordinary. */
export type VotingClass = 'secured' | 'employee' | 'tax' | 'ordinary';
export const VOTING_CLASSES: readonly VotingClass[] = ['secured', 'employee', 'tax', 'ordinary'];

/** `resolution`: an art. 61/64 resolution of the creditors' meeting; `plan`: an art. 84 reorganisation plan vote by class. */
export type MeetingKind = 'resolution' | 'plan';
export const MEETING_KINDS: readonly MeetingKind[] = ['resolution', 'plan'];

export type Choice = 'yes' | 'no';
export const CHOICES: readonly Choice[] = ['yes', 'no'];

/** `bankruptcy_case/<caseId>` (the judicial chain's record type `case` names its own case files). */
export interface BankruptcyCase {
  type: 'bankruptcy_case';
  schema: 1;
  caseId: string;
  /** The debtor enterprise's unified social credit code (统一社会信用代码): a company, not a person. */
  debtor: string;
  /** The court hearing the case; only it may order its meetings closed. */
  court: string;
  /** The administrator (管理人) the court appointed: the only sender of reviews and meetings. */
  administrator: string;
  status: CaseStatus;
  acceptedAtMs: number;
  /** Every claim filed in the case, in filing order: proves a tally's claim set complete. */
  claimIds: string[];
}

/** The administrator's review of one claim (art. 57): confirmed + disputed = filed. */
export interface ClaimReview {
  confirmedCents: string;
  disputedCents: string;
  reviewedAtMs: number;
}

/** `claim/<caseId>/<claimId>`: as the creditor signed it, plus the review once made. */
export interface Claim {
  type: 'bankruptcy_claim';
  schema: 1;
  caseId: string;
  claimId: string;
  creditor: string;
  amountCents: string;
  security: Security;
  votingClass: VotingClass;
  /** When the creditor signed the claim (part of the signed bytes). */
  filedAtMs: number;
  /** The creditor's signature over `claimSigningBytes` (signed-layout.ts). */
  signature: string;
  review?: ClaimReview;
}

/** The tally of one group: the whole of the unsecured claims (art. 64) or one class (art. 84). */
export interface GroupTally {
  /** `unsecured` for an art. 64 resolution, else the voting class. */
  group: 'unsecured' | VotingClass;
  /** Creditors who cast a valid ballot (出席会议的有表决权的债权人). */
  present: number;
  yesCreditors: number;
  yesCents: string;
  noCents: string;
  /** The denominator: the confirmed claims of the group in the whole case. */
  totalCents: string;
  outcome: 'passed' | 'failed';
}

export interface MeetingTally {
  rule: 'art64' | 'art84';
  outcome: 'passed' | 'failed';
  groups: GroupTally[];
}

/** Which court order did a step of a meeting. */
export interface CourtStep {
  court: string;
  caseId: string;
  orderId: string;
}

/** `meeting/<caseId>/<meetingId>`. */
export interface Meeting {
  type: 'creditors_meeting';
  schema: 1;
  caseId: string;
  meetingId: string;
  kind: MeetingKind;
  /** SHA-256 of the motion's text (the resolution or the plan), hex. */
  motionHash: string;
  opensAtMs: number;
  closesAtMs: number;
  /** `proposed` by the administrator, `open` once the court convened it (art. 62), `closed` by the court. */
  status: 'proposed' | 'open' | 'closed';
  /** Creditors whose ballots were accepted, in order: proves a tally's ballot set complete. */
  voters: string[];
  /** Set when the court closes the meeting: the tally the contract computed. */
  /** Set when the court convenes the meeting (its `convene_meeting` order). */
  convened?: CourtStep & { convenedAtMs: number };
  closed?: CourtStep & { closedAtMs: number; tally: MeetingTally };
}

/** `ballot/<caseId>/<meetingId>/<creditor>`. */
export interface Ballot {
  type: 'bankruptcy_ballot';
  schema: 1;
  caseId: string;
  meetingId: string;
  creditor: string;
  motionHash: string;
  choice: Choice;
  votingCents: string;
  signedAtMs: number;
  /** The creditor's signature over `ballotSigningBytes` (signed-layout.ts). */
  signature: string;
  /** Block time the ballot was accepted (set by the contract). */
  castAtMs: number;
}

const id = (f: Fields, name: string): string => f.str(name, { pattern: BANKRUPTCY_ID_PATTERN, max: 80 });
const didKey = (f: Fields, name: string): string => f.str(name, { pattern: DID_KEY_PATTERN, max: 80 });

function readCaseFields(f: Fields): CaseOpenBody {
  return {
    type: 'bankruptcy_case',
    schema: 1,
    caseId: id(f, 'caseId'),
    debtor: f.str('debtor', { pattern: USCC_PATTERN, max: 18 }),
    court: f.did('court'),
    administrator: f.did('administrator'),
    status: f.oneOf('status', CASE_STATUSES),
    acceptedAtMs: f.int('acceptedAtMs'),
  };
}

export function readCase(f: Fields): BankruptcyCase {
  return {
    ...readCaseFields(f),
    claimIds: f.array('claimIds', stringItem({ max: 80, pattern: BANKRUPTCY_ID_PATTERN }), { max: MAX_LISTED }),
  };
}

function readReview(f: Fields): ClaimReview {
  return { confirmedCents: f.cents('confirmedCents'), disputedCents: f.cents('disputedCents'), reviewedAtMs: f.int('reviewedAtMs') };
}

/** The claim fields the creditor signs (everything but the signature and the review). */
export type ClaimFiling = Omit<Claim, 'type' | 'schema' | 'signature' | 'review'>;

function readClaimFields(f: Fields): ClaimFiling & { signature: string } {
  return {
    caseId: id(f, 'caseId'),
    claimId: id(f, 'claimId'),
    creditor: didKey(f, 'creditor'),
    amountCents: f.cents('amountCents'),
    security: f.oneOf('security', SECURITIES),
    votingClass: f.oneOf('votingClass', VOTING_CLASSES),
    filedAtMs: f.int('filedAtMs'),
    signature: f.str('signature', { pattern: SIGNATURE_HEX_PATTERN, max: 128 }),
  };
}

export function readClaim(f: Fields): Claim {
  const c = readClaimFiling(f);
  if (f.has('review')) c.review = f.nested('review', readReview);
  return c;
}

/** Body of `bankruptcy.claim.file`: the claim as signed, no review. */
export function readClaimFiling(f: Fields): Claim {
  return { type: 'bankruptcy_claim', schema: 1, ...readClaimFields(f) };
}

/** Body of `bankruptcy.claim.review`. */
export interface ReviewBody {
  type: 'claim_review';
  schema: 1;
  caseId: string;
  claimId: string;
  confirmedCents: string;
  disputedCents: string;
}

export function readReviewBody(f: Fields): ReviewBody {
  return {
    type: 'claim_review',
    schema: 1,
    caseId: id(f, 'caseId'),
    claimId: id(f, 'claimId'),
    confirmedCents: f.cents('confirmedCents'),
    disputedCents: f.cents('disputedCents'),
  };
}

/** Body of `bankruptcy.case.open`: the case as the court accepted it (the contract adds `claimIds`). */
export type CaseOpenBody = Omit<BankruptcyCase, 'claimIds'>;

export function readCaseOpen(f: Fields): CaseOpenBody {
  return readCaseFields(f);
}

/** Body of `bankruptcy.meeting.open` (sender: the administrator). */
export interface MeetingOpenBody {
  type: 'meeting_open';
  schema: 1;
  caseId: string;
  meetingId: string;
  kind: MeetingKind;
  motionHash: string;
  opensAtMs: number;
  closesAtMs: number;
}

export function readMeetingOpen(f: Fields): MeetingOpenBody {
  return {
    type: 'meeting_open',
    schema: 1,
    caseId: id(f, 'caseId'),
    meetingId: id(f, 'meetingId'),
    kind: f.oneOf('kind', MEETING_KINDS),
    motionHash: f.hex32('motionHash'),
    opensAtMs: f.int('opensAtMs'),
    closesAtMs: f.int('closesAtMs'),
  };
}

function readGroup(f: Fields): GroupTally {
  return {
    group: f.oneOf('group', ['unsecured', ...VOTING_CLASSES] as const),
    present: f.int('present'),
    yesCreditors: f.int('yesCreditors'),
    yesCents: f.cents('yesCents'),
    noCents: f.cents('noCents'),
    totalCents: f.cents('totalCents'),
    outcome: f.oneOf('outcome', ['passed', 'failed'] as const),
  };
}

export function readTally(f: Fields): MeetingTally {
  return {
    rule: f.oneOf('rule', ['art64', 'art84'] as const),
    outcome: f.oneOf('outcome', ['passed', 'failed'] as const),
    groups: f.array('groups', objectItem(readGroup), { max: VOTING_CLASSES.length }),
  };
}

/** The court order that convened or closed a meeting (`convened` and `closed` both start with it). */
function readCourtStep(c: Fields): CourtStep {
  return { court: c.did('court'), caseId: c.id('caseId'), orderId: c.id('orderId') };
}

export function readMeeting(f: Fields): Meeting {
  // A meeting is its `meeting_open` body as the administrator proposed it, with its state.
  const m: Meeting = {
    ...readMeetingOpen(f),
    type: 'creditors_meeting',
    status: f.oneOf('status', ['proposed', 'open', 'closed'] as const),
    voters: f.array('voters', stringItem({ max: 80, pattern: DID_KEY_PATTERN }), { max: MAX_LISTED }),
  };
  if (f.has('convened')) m.convened = f.nested('convened', (c) => ({ ...readCourtStep(c), convenedAtMs: c.int('convenedAtMs') }));
  if (f.has('closed'))
    m.closed = f.nested('closed', (c) => ({ ...readCourtStep(c), closedAtMs: c.int('closedAtMs'), tally: c.nested('tally', readTally) }));
  return m;
}

/** The ballot fields the creditor signs, plus the signature (body of `bankruptcy.ballot.cast`). */
export type BallotCast = Omit<Ballot, 'castAtMs'>;

export function readBallotCast(f: Fields): BallotCast {
  return {
    type: 'bankruptcy_ballot',
    schema: 1,
    caseId: id(f, 'caseId'),
    meetingId: id(f, 'meetingId'),
    creditor: didKey(f, 'creditor'),
    motionHash: f.hex32('motionHash'),
    choice: f.oneOf('choice', CHOICES),
    votingCents: f.cents('votingCents'),
    signedAtMs: f.int('signedAtMs'),
    signature: f.str('signature', { pattern: SIGNATURE_HEX_PATTERN, max: 128 }),
  };
}

export function readBallot(f: Fields): Ballot {
  return { ...readBallotCast(f), castAtMs: f.int('castAtMs') };
}

export const BankruptcyTx = {
  /** Body: a case as accepted (`type: 'bankruptcy_case'`, without `claimIds`). */
  CaseOpen: 'bankruptcy.case.open',
  /** Body: a claim signed by its creditor (`type: 'bankruptcy_claim'`, no review). */
  ClaimFile: 'bankruptcy.claim.file',
  /** Body: `claim_review`; sender: the case's administrator. */
  ClaimReview: 'bankruptcy.claim.review',
  /** Body: `meeting_open`; sender: the case's administrator. */
  MeetingOpen: 'bankruptcy.meeting.open',
  /** Body: a ballot signed by its creditor (`type: 'bankruptcy_ballot'`, no `castAtMs`). */
  BallotCast: 'bankruptcy.ballot.cast',
  /** The court's `convene_meeting` action. */
  MeetingConvene: 'bankruptcy.meeting.convene',
  /** The court's `close_meeting` action. */
  MeetingClose: 'bankruptcy.meeting.close',
} as const;

export const BANKRUPTCY_RECORD_TYPES: readonly RecordTypeSpec[] = [
  {
    name: 'bankruptcy_case',
    keyPrefix: 'bankruptcy_case/',
    description: 'Bankruptcy case: debtor USCC, court, administrator, status and the ids of every claim filed',
    indexes: [],
  },
  {
    name: 'claim',
    keyPrefix: 'claim/',
    description: "Creditor claim signed by the creditor's did:key: amount, security, voting class, the administrator's review",
    indexes: ['creditor'],
  },
  {
    name: 'meeting',
    keyPrefix: 'meeting/',
    description:
      "Creditors' meeting (art. 64 resolution or art. 84 plan): motion hash, voting window, who convened it, voters, the tally once closed",
    indexes: [],
  },
  {
    name: 'ballot',
    keyPrefix: 'ballot/',
    description: "A creditor's ballot signed by its did:key: motion hash, yes/no, voting amount, signing time",
    indexes: ['creditor'],
  },
];

export const BANKRUPTCY_ACTIONS: readonly ActionSpec[] = [
  {
    kind: 'convene_meeting',
    txType: BankruptcyTx.MeetingConvene,
    amount: 'none',
    targetRecordType: 'meeting',
    description:
      "Convene a creditors' meeting the administrator proposed (art. 62; target `<caseId>/<meetingId>`): its ballots are taken from then on; refused when already convened or closed (meeting_convened, meeting_closed), by another court (wrong_court) or for another case (case_mismatch)",
  },
  {
    kind: 'close_meeting',
    txType: BankruptcyTx.MeetingClose,
    amount: 'none',
    targetRecordType: 'meeting',
    description:
      "Close a creditors' meeting (target `<caseId>/<meetingId>`) and write the tally the contract computes (arts. 64 and 84); refused when not convened or already closed (meeting_not_convened, meeting_closed), by another court (wrong_court) or for another case (case_mismatch)",
  },
];

const SECURITY_CODES = codes({
  unsecured: ['无财产担保', 'unsecured'],
  secured: ['有财产担保', 'secured'],
  secured_waived: ['有担保但放弃优先受偿', 'secured, priority waived'],
});
const CLASS_CODES = codes({
  secured: ['担保债权组', 'secured'],
  employee: ['职工债权组', 'employee'],
  tax: ['税款债权组', 'tax'],
  ordinary: ['普通债权组', 'ordinary'],
  unsecured: ['无财产担保债权', 'unsecured'],
});
const OUTCOME_CODES = codes({ passed: ['通过', 'passed'], failed: ['未通过', 'failed'] });

/** How a person reads bankruptcy records (src/verify/proven-record.ts): zh-CN labels, English kept. */
export const BANKRUPTCY_RECORD_LAYOUTS: readonly RecordLayout[] = [
  {
    recordType: 'bankruptcy_case',
    valueType: 'bankruptcy_case',
    schema: 1,
    label: { zh: '破产案件', en: 'Bankruptcy case' },
    read: readCase,
    fields: {
      caseId: label('案号', 'Case number', 'id'),
      debtor: label('债务人统一社会信用代码', 'Debtor USCC', 'id'),
      court: label('受理法院', 'Court', 'did'),
      administrator: label('管理人', 'Administrator', 'did'),
      status: label('状态', 'Status', 'code', {
        values: codes({
          accepted: ['已受理', 'accepted'],
          reorganisation: ['重整', 'reorganisation'],
          liquidation: ['破产清算', 'liquidation'],
          concluded: ['已终结', 'concluded'],
        }),
      }),
      acceptedAtMs: label('受理时间', 'Accepted at', 'time'),
      claimIds: label('申报债权编号', 'Claims filed', 'id'),
    },
  },
  {
    recordType: 'claim',
    valueType: 'bankruptcy_claim',
    schema: 1,
    label: { zh: '债权申报', en: 'Creditor claim' },
    read: readClaim,
    fields: {
      caseId: label('案号', 'Case number', 'id'),
      claimId: label('债权编号', 'Claim id', 'id'),
      creditor: label('债权人', 'Creditor', 'did'),
      amountCents: label('申报金额', 'Amount filed', 'money'),
      security: label('担保情况', 'Security', 'code', { values: SECURITY_CODES }),
      votingClass: label('表决组', 'Voting class', 'code', { values: CLASS_CODES }),
      filedAtMs: label('申报时间', 'Filed at', 'time'),
      signature: label('债权人签名', "Creditor's signature", 'hash'),
      review: label('管理人审查', "Administrator's review", 'group', {
        fields: {
          confirmedCents: label('确认金额', 'Confirmed', 'money'),
          disputedCents: label('异议金额', 'Disputed', 'money'),
          reviewedAtMs: label('审查时间', 'Reviewed at', 'time'),
        },
      }),
    },
  },
  {
    recordType: 'meeting',
    valueType: 'creditors_meeting',
    schema: 1,
    label: { zh: '债权人会议', en: "Creditors' meeting" },
    read: readMeeting,
    fields: {
      caseId: label('案号', 'Case number', 'id'),
      meetingId: label('会议编号', 'Meeting id', 'id'),
      kind: label('表决事项', 'Kind', 'code', {
        values: codes({
          resolution: ['会议决议（第六十四条）', 'resolution (art. 64)'],
          plan: ['重整计划草案（第八十四条）', 'plan (art. 84)'],
        }),
      }),
      motionHash: label('议案哈希', 'Motion hash', 'hash'),
      opensAtMs: label('开始表决', 'Opens at', 'time'),
      closesAtMs: label('截止表决', 'Closes at', 'time'),
      status: label('状态', 'Status', 'code', {
        values: codes({ proposed: ['待召集', 'proposed'], open: ['表决中', 'open'], closed: ['已结束', 'closed'] }),
      }),
      convened: label('召集', 'Convened', 'group', {
        fields: { ...COURT_ACTION_LABELS, convenedAtMs: label('召集时间', 'Convened at', 'time') },
      }),
      voters: label('已表决债权人', 'Voters', 'did'),
      closed: label('结束', 'Closed', 'group', {
        fields: {
          ...COURT_ACTION_LABELS,
          closedAtMs: label('结束时间', 'Closed at', 'time'),
          tally: label('计票结果', 'Tally', 'group', {
            fields: {
              rule: label('表决规则', 'Rule', 'code', {
                values: codes({ art64: ['企业破产法第六十四条', 'art. 64'], art84: ['企业破产法第八十四条', 'art. 84'] }),
              }),
              outcome: label('结果', 'Outcome', 'code', { values: OUTCOME_CODES }),
              groups: label('分组', 'Groups', 'group', {
                fields: {
                  group: label('组别', 'Group', 'code', { values: CLASS_CODES }),
                  present: label('出席表决人数', 'Creditors present', 'integer'),
                  yesCreditors: label('同意人数', 'Yes voters', 'integer'),
                  yesCents: label('同意债权额', 'Yes amount', 'money'),
                  noCents: label('反对债权额', 'No amount', 'money'),
                  totalCents: label('债权总额', 'Group total', 'money'),
                  outcome: label('结果', 'Outcome', 'code', { values: OUTCOME_CODES }),
                },
              }),
            },
          }),
        },
      }),
    },
  },
  {
    recordType: 'ballot',
    valueType: 'bankruptcy_ballot',
    schema: 1,
    label: { zh: '表决票', en: 'Ballot' },
    read: readBallot,
    fields: {
      caseId: label('案号', 'Case number', 'id'),
      meetingId: label('会议编号', 'Meeting id', 'id'),
      creditor: label('债权人', 'Creditor', 'did'),
      motionHash: label('议案哈希', 'Motion hash', 'hash'),
      choice: label('表决意见', 'Choice', 'code', { values: codes({ yes: ['同意', 'yes'], no: ['反对', 'no'] }) }),
      votingCents: label('表决债权额', 'Voting amount', 'money'),
      signedAtMs: label('签署时间', 'Signed at', 'time'),
      signature: label('债权人签名', "Creditor's signature", 'hash'),
      castAtMs: label('投票上链时间', 'Cast at', 'time'),
    },
  },
];
