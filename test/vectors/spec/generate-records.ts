/**
 * Writes test/vectors/spec/record.json (docs/spec/records.md): records as the product's contracts
 * write them into a chain's state (each made by running real txs on the product's dev ledger,
 * ledger-fixture.ts, and read back from its state), with their state key, SMT key hash, value
 * hash and leaf hash; and values a reader refuses, each refused by the product's record reader.
 * The opened account and the dishonest listing are test/vectors/records.json's, byte for byte.
 *
 * Run: npx tsx test/vectors/spec/generate-records.ts
 */
import { writeFileSync } from 'node:fs';
import { bankruptcy } from '../../../adapters/bankruptcy/definition.js';
import { BankruptcyTx, type ClaimFiling, type Security, type VotingClass } from '../../../adapters/bankruptcy/schema.js';
import { ballotSigningBytes, claimSigningBytes, signAsCreditor } from '../../../adapters/bankruptcy/signed-layout.js';
import { ALLIANCE_RECORD_LAYOUTS } from '../../../adapters/catalog.js';
import { collab } from '../../../adapters/collab/definition.js';
import { txTypeOf, type Statement } from '../../../adapters/collab/schema.js';
import { signedStatementObject, signStatement, statementId } from '../../../adapters/collab/statement.js';
import { data } from '../../../adapters/data/definition.js';
import { DataTx } from '../../../adapters/data/schema.js';
import { onsiteTxId } from '../../../adapters/mobile/contract.js';
import { mobile } from '../../../adapters/mobile/definition.js';
import { MobileTx } from '../../../adapters/mobile/schema.js';
import { MarketTx } from '../../../adapters/market/schema.js';
import { courtCustodyAccountNo } from '../../../adapters/finance/contract.js';
import { lawyer } from '../../../adapters/examples/lawyer/definition.js';
import { finance } from '../../../adapters/finance/definition.js';
import { market } from '../../../adapters/market/definition.js';
import { readTyped } from '../../../src/chain/ledger/record.js';
import type { Tx } from '../../../src/chain/ledger/transaction.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { publicKeyOf } from '../../../src/crypto/secp256k1.js';
import { fromHex, fromUtf8, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { didKeyOf } from '../../../src/identity/did-key.js';
import { createSigner } from '../../../src/identity/signer.js';
import { deviceSignerOf } from '../../../src/mobile/device-key.js';
import { onsiteRecordHash, signedOnsiteBody, signOnsite, ZERO_HASH, type OnsiteContent } from '../../../src/mobile/onsite-record.js';
import { usccOf } from '../../../src/seed/data-seed.js';
import { encodeCanonical } from '../../../src/encoding/canonical-json.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { hashLeaf, keyHashOf, valueHashOf } from '../../../src/proof/node-hash.js';
import { personalIdHash } from '../../../src/privacy/keyed-hash.js';
import { buildRecordVectors, VECTOR_SALT } from '../generate-records.js';
import { ACCOUNT_NO, BANK, CASE, COURT, HOLDER, TITLE_NO, TRADEMARK, TX } from './generate-ledger.js';
import { openLedger, outcomeAfter, runBlocks, tx, txJson } from './ledger-fixture.js';
import { vectorKey } from './vector-kit.js';

/** Run `txs` (one block each) on a fresh ledger of `chain` and read the record at `key`. */
async function recordAfter(chain: string, txs: Tx[], key: string): Promise<Uint8Array> {
  const l = openLedger(chain);
  const outcomes = await runBlocks(
    l,
    txs.map((t) => [t]),
  );
  outcomes.forEach(([o], i) => {
    if (o !== 'ok') throw new Error(`${chain} tx ${i} (${txs[i]!.type}) refused: ${o}`);
  });
  const v = l.get(key);
  if (v === undefined) throw new Error(`${key} not written`);
  return v;
}

const layoutOf = (recordType: string) => {
  const layout = ALLIANCE_RECORD_LAYOUTS.get(recordType);
  if (!layout) throw new Error(`no record layout for ${recordType}`);
  return layout;
};

/** The product's reader of a record value: `ok` or its refusal reason. */
function readVerdict(recordType: string, key: string, bytes: Uint8Array): string {
  const layout = layoutOf(recordType);
  try {
    readTyped(bytes, key, layout.valueType, layout.schema, layout.read ?? ((f) => f.value));
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}

async function valid(name: string, chain: string, recordType: string, key: string, txs: Tx[], note: string) {
  const bytes = await recordAfter(chain, txs, key);
  if (readVerdict(recordType, key, bytes) !== 'ok') throw new Error(`${name}: the reader refuses what the contract wrote`);
  const keyHash = keyHashOf(utf8(key));
  const valueHash = valueHashOf(bytes);
  return {
    name,
    note,
    chain,
    recordType,
    valueType: layoutOf(recordType).valueType,
    writtenBy: txs.map((t) => t.type),
    key,
    keyHash: toHex(keyHash),
    fields: { value: JSON.parse(fromUtf8(bytes)) as unknown },
    bytes: toHex(bytes),
    hash: toHex(valueHash),
    leafHash: toHex(hashLeaf(keyHash, valueHash)),
  };
}

function invalid(name: string, reason: string, why: string, recordType: string, key: string, value: object | string) {
  const bytes = typeof value === 'string' ? utf8(value) : encodeCanonical(value);
  const got = readVerdict(recordType, key, bytes);
  if (got !== reason) throw new Error(`${name}: expected ${reason}, the reader says ${got}`);
  return { name, reason, why, recordType, key, text: fromUtf8(bytes), bytes: toHex(bytes) };
}

/** A tx the chain's contract refuses after `setup` (each accepted in a block of its own), with the contract's reason. */
async function refused(name: string, reason: string, why: string, chain: string, setup: Tx[], t: Tx) {
  const { outcome } = await outcomeAfter(chain, setup, t);
  if (outcome !== reason) throw new Error(`${name}: expected ${reason}, the ${chain} contract says ${outcome}`);
  return {
    name,
    reason,
    why,
    chain,
    setup: setup.map(txJson),
    tx: txJson(t),
    bodyText: fromUtf8(t.body),
  };
}

// ---- finance: loan approvals, loans, credit cards (the demo cast's values, src/seed) ----
const DAY = 86_400_000;
const APPROVAL_NO = 'AP0000000042';
const LOAN_NO = 'LN0000000042';
const DECIDED_MS = 1_688_169_600_000; // 2023-07-01 UTC
const LOAN_START_MS = DECIDED_MS + 14 * DAY;
const approvalBody = {
  type: 'loan_approval',
  schema: 1,
  approvalNo: APPROVAL_NO,
  applicant: HOLDER,
  lender: '中国建设银行',
  amountCents: '50000000',
  termMonths: 36,
  rateBp: 435,
  decision: 'approved',
  decidedAtMs: DECIDED_MS,
};
const loanBody = {
  type: 'loan',
  schema: 1,
  loanNo: LOAN_NO,
  borrower: HOLDER,
  lender: '中国建设银行',
  principalCents: '48000000',
  outstandingCents: '48000000',
  status: 'performing',
  startMs: LOAN_START_MS,
  maturityMs: LOAN_START_MS + 3 * 365 * DAY,
  approvalNo: APPROVAL_NO,
};
const CARD_NO = '4367420011223344';
const CARD_APPROVED_MS = 1_559_347_200_000; // 2019-06-01 UTC
const card = { schema: 1, cardNo: CARD_NO };
const FIN = {
  approve: tx('finance.loan.approve', BANK, `approve-${APPROVAL_NO}`, approvalBody),
  loan: tx('finance.loan.register', BANK, `loan-${LOAN_NO}`, loanBody),
  loanDefault: tx('finance.loan.status', BANK, `status-${LOAN_NO}-1`, {
    type: 'loan_status',
    schema: 1,
    loanNo: LOAN_NO,
    status: 'default',
    outstandingCents: '41234500',
  }),
  cardApprove: tx('finance.card.approve', 'did:alliance:bank-ccb', `card-${CARD_NO}`, {
    ...card,
    type: 'card_approve',
    holder: HOLDER,
    bank: '中国建设银行',
    approvedAtMs: CARD_APPROVED_MS,
    limitCents: '5000000',
  }),
  cardCharge: tx('finance.card.charge', 'did:alliance:bank-ccb', `charge-${CARD_NO}-1`, {
    ...card,
    type: 'card_charge',
    amountCents: '1280000',
    atMs: Date.UTC(2023, 0, 10),
  }),
  cardRepay: tx('finance.card.repay', 'did:alliance:bank-ccb', `repay-${CARD_NO}-1`, {
    ...card,
    type: 'card_repay',
    amountCents: '300000',
    atMs: Date.UTC(2023, 1, 1),
  }),
  cardDefault: tx('finance.card.default', 'did:alliance:bank-ccb', `default-${CARD_NO}`, {
    ...card,
    type: 'card_default',
    atMs: Date.UTC(2023, 6, 1),
  }),
};

// ---- lawyer (the tutorial adapter): the demo cast's lawyer ----
const LICENCE_NO = '11101201910123456';
/** A lawyer's name, keyed hash of kind `name` (personal-id.md). */
const LAWYER_NAME_HASH = personalIdHash(VECTOR_SALT, 'name', 'Wang Fang');
const LAW = {
  register: tx('lawyer.register', 'did:alliance:bar-bj', `lawyer-${LICENCE_NO}`, {
    type: 'lawyer',
    schema: 1,
    licenceNo: LICENCE_NO,
    nameHash: LAWYER_NAME_HASH,
    firm: '北京市中伦律师事务所',
    status: 'active',
    practiceAreas: ['civil', 'commercial'],
    admittedAtMs: CARD_APPROVED_MS,
    disciplinary: [],
  }),
  suspend: lawyer.actionTx({ actionId: 'act-21', kind: 'suspend', target: LICENCE_NO, court: COURT, caseId: CASE, orderId: 'ORD-21' }),
  reinstate: lawyer.actionTx({ actionId: 'act-22', kind: 'reinstate', target: LICENCE_NO, court: COURT, caseId: CASE, orderId: 'ORD-22' }),
};

// ---- market regulation (市场监管): the demo cast's enterprise and movable ----
const USCC = '91110101MA01HW3X7A';
const CO_HOLDER = '91110105MA02KP8L4U';
const MOVABLE_NO = 'DY11010120190001';
const MARKET_REGISTRAR = 'did:alliance:samr-bj';
const enterpriseBody = {
  type: 'enterprise_register',
  schema: 1,
  uscc: USCC,
  name: '北京张记餐饮管理有限公司',
  legalRepresentativeHash: HOLDER,
  registeredCapitalCents: '100000000',
  shareholders: [
    { holderKind: 'person', holder: HOLDER, subscribedCents: '60000000', shareBp: 6000 },
    { holderKind: 'enterprise', holder: CO_HOLDER, subscribedCents: '40000000', shareBp: 4000 },
  ],
};
const MKT = {
  enterprise: tx('market.enterprise.register', MARKET_REGISTRAR, `ent-${USCC}`, enterpriseBody),
  freeze: market.actionTx({
    actionId: 'act-31',
    kind: 'freeze',
    target: `${USCC}/${HOLDER}`,
    amount: '20000000',
    court: COURT,
    caseId: CASE,
    orderId: 'ORD-31',
  }),
  movable: tx('market.movable.register', MARKET_REGISTRAR, `mv-${MOVABLE_NO}`, {
    type: 'movable',
    schema: 1,
    regNo: MOVABLE_NO,
    ownerKind: 'person',
    owner: HOLDER,
    description: '商用厨房设备一套（张记小馆东直门店）',
    valueCents: '38000000',
    mortgages: [{ mortgageNo: 'DYQ1101012019001', mortgagee: '北京银行', amountCents: '19000000', registeredAtMs: CARD_APPROVED_MS }],
    seizures: [],
    registeredAtMs: CARD_APPROVED_MS,
  }),
  seize: market.actionTx({ actionId: 'act-32', kind: 'seize', target: MOVABLE_NO, court: COURT, caseId: CASE, orderId: 'ORD-32' }),
};

// ---- bankruptcy (破产): the demo case's creditors, with vector keys (src/seed/bankruptcy-seed.ts) ----
const BK_CASE = '(2023)京01破7号';
const BK_MEETING = '第一次债权人会议';
const BK_ADMIN = 'did:alliance:bankruptcy-administrator-01';
const BK_MOTION = toHex(sha256(utf8('关于通过《债务人财产管理方案》的决议（企业破产法第六十一条第一款第八项）')));
const bkKey = (n: number): Uint8Array => fromHex(vectorKey(n).privateKey);
const bkDid = (n: number): string => didKeyOf(publicKeyOf(bkKey(n)));
const BK_BANK = 1;
const BK_STEEL = 2;
const BK_PARTS = 3;
function claimTx(n: number, claimId: string, amountCents: string, security: Security, votingClass: VotingClass, signer = n): Tx {
  const filing: ClaimFiling = {
    caseId: BK_CASE,
    claimId,
    creditor: bkDid(n),
    amountCents,
    security,
    votingClass,
    filedAtMs: Date.UTC(2023, 9, 20),
  };
  const signature = signAsCreditor(claimSigningBytes('bankruptcy', filing), bkKey(signer));
  return tx(BankruptcyTx.ClaimFile, bkDid(n), `claim-${claimId}`, { type: 'bankruptcy_claim', schema: 1, ...filing, signature });
}
const reviewTx = (claimId: string, confirmedCents: string, disputedCents: string, sender = BK_ADMIN): Tx =>
  tx(BankruptcyTx.ClaimReview, sender, `review-${claimId}`, {
    type: 'claim_review',
    schema: 1,
    caseId: BK_CASE,
    claimId,
    confirmedCents,
    disputedCents,
  });
function ballotTx(n: number, choice: 'yes' | 'no', votingCents: string, motionHash = BK_MOTION): Tx {
  const b = {
    caseId: BK_CASE,
    meetingId: BK_MEETING,
    creditor: bkDid(n),
    motionHash,
    choice,
    votingCents,
    signedAtMs: Date.UTC(2023, 10, 10),
  };
  const signature = signAsCreditor(ballotSigningBytes('bankruptcy', b), bkKey(n));
  return tx(BankruptcyTx.BallotCast, bkDid(n), `ballot-${n}`, { type: 'bankruptcy_ballot', schema: 1, ...b, signature });
}
const bkAction = (kind: 'convene_meeting' | 'close_meeting', n: number, court = COURT) =>
  bankruptcy.actionTx({
    actionId: `act-4${n}`,
    kind,
    target: `${BK_CASE}/${BK_MEETING}`,
    court,
    caseId: BK_CASE,
    orderId: `ORD-4${n}`,
  });
const BK = {
  open: tx(BankruptcyTx.CaseOpen, COURT, `bk-${BK_CASE}`, {
    type: 'bankruptcy_case',
    schema: 1,
    caseId: BK_CASE,
    debtor: '91110108MA01B2C3D4',
    court: COURT,
    administrator: BK_ADMIN,
    status: 'liquidation',
    acceptedAtMs: Date.UTC(2023, 9, 9, 2),
  }),
  bank: claimTx(BK_BANK, 'C001', '500000000', 'secured', 'secured'),
  steel: claimTx(BK_STEEL, 'C002', '200000000', 'unsecured', 'ordinary'),
  parts: claimTx(BK_PARTS, 'C003', '120000000', 'unsecured', 'ordinary'),
  reviewBank: reviewTx('C001', '500000000', '0'),
  reviewSteel: reviewTx('C002', '200000000', '0'),
  reviewParts: reviewTx('C003', '80000000', '40000000'),
  meeting: tx(BankruptcyTx.MeetingOpen, BK_ADMIN, `meeting-${BK_MEETING}`, {
    type: 'meeting_open',
    schema: 1,
    caseId: BK_CASE,
    meetingId: BK_MEETING,
    kind: 'resolution',
    motionHash: BK_MOTION,
    opensAtMs: Date.UTC(2023, 10, 1, 1),
    closesAtMs: Date.UTC(2023, 11, 31, 9),
  }),
  convene: bkAction('convene_meeting', 1),
  steelYes: ballotTx(BK_STEEL, 'yes', '200000000'),
  partsNo: ballotTx(BK_PARTS, 'no', '80000000'),
  close: bkAction('close_meeting', 2),
};
const BK_CLAIMS = [BK.open, BK.bank, BK.steel, BK.parts, BK.reviewBank, BK.reviewSteel, BK.reviewParts];
const BK_CONVENED = [...BK_CLAIMS, BK.meeting, BK.convene];

async function bankruptcyCases() {
  const caseKey = `bankruptcy_case/${BK_CASE}`;
  const meetingKey = `meeting/${BK_CASE}/${BK_MEETING}`;
  const ballotKey = `ballot/${BK_CASE}/${BK_MEETING}/${bkDid(BK_STEEL)}`;
  const v = [
    await valid('bankruptcy case (claims filed)', 'bankruptcy', 'bankruptcy_case', caseKey, BK_CLAIMS, 'claimIds in filing order'),
    await valid(
      'claim (as filed, signed by the creditor)',
      'bankruptcy',
      'claim',
      `claim/${BK_CASE}/C003`,
      [BK.open, BK.parts],
      'after bankruptcy.claim.file; no review yet',
    ),
    await valid(
      'claim (reviewed, partly disputed)',
      'bankruptcy',
      'claim',
      `claim/${BK_CASE}/C003`,
      [BK.open, BK.parts, BK.reviewParts],
      'after bankruptcy.claim.review: confirmed + disputed = filed',
    ),
    await valid('meeting (proposed)', 'bankruptcy', 'meeting', meetingKey, [BK.open, BK.meeting], 'after bankruptcy.meeting.open'),
    await valid(
      'meeting (closed, with its tally)',
      'bankruptcy',
      'meeting',
      meetingKey,
      [...BK_CONVENED, BK.steelYes, BK.partsNo, BK.close],
      'convened, two ballots, closed by the court: art. 64 tally over the unsecured confirmed claims',
    ),
    await valid('ballot', 'bankruptcy', 'ballot', ballotKey, [...BK_CONVENED, BK.steelYes], 'after bankruptcy.ballot.cast'),
  ];
  const byName = (n: string) => v.find((c) => c.name === n)!.fields.value as Record<string, unknown>;
  const claim = byName('claim (reviewed, partly disputed)');
  const meeting = byName('meeting (closed, with its tally)');
  const ballot = byName('ballot');
  const bkCase = byName('bankruptcy case (claims filed)');
  const bad = [
    invalid(
      'bankruptcy case: unknown status',
      'invalid_record',
      'status is accepted, reorganisation, liquidation or concluded',
      'bankruptcy_case',
      caseKey,
      {
        ...bkCase,
        status: 'closed',
      },
    ),
    invalid(
      'claim: creditor not a did:key',
      'invalid_record',
      'a creditor is its own secp256k1 did:key',
      'claim',
      `claim/${BK_CASE}/C003`,
      { ...claim, creditor: 'did:alliance:parts-co' },
    ),
    invalid(
      'claim: signature in upper case',
      'invalid_record',
      'a signature is 128 lowercase hex characters',
      'claim',
      `claim/${BK_CASE}/C003`,
      {
        ...claim,
        signature: (claim.signature as string).toUpperCase(),
      },
    ),
    invalid('meeting: unknown status', 'invalid_record', 'status is proposed, open or closed', 'meeting', meetingKey, {
      ...meeting,
      status: 'adjourned',
    }),
    invalid('ballot: abstention', 'invalid_record', 'choice is yes or no', 'ballot', ballotKey, { ...ballot, choice: 'abstain' }),
    invalid(
      'ballot: without castAtMs',
      'invalid_record',
      'the stored ballot carries the block time it was cast at',
      'ballot',
      ballotKey,
      (() => {
        const { castAtMs: _c, ...rest } = ballot;
        return rest;
      })(),
    ),
    await refused(
      'claim signed with another creditor key',
      'bad_signature',
      "claim C002 of creditor 2's did:key, signed with creditor 3's key",
      'bankruptcy',
      [BK.open],
      claimTx(BK_STEEL, 'C002', '200000000', 'unsecured', 'ordinary', BK_PARTS),
    ),
    await refused(
      'claim: class does not match security',
      'class_mismatch',
      'an unsecured claim in the secured voting class',
      'bankruptcy',
      [BK.open],
      claimTx(BK_STEEL, 'C002', '200000000', 'unsecured', 'secured'),
    ),
    await refused(
      'review by someone other than the administrator',
      'not_administrator',
      "the court sends the review; only the case's administrator reviews claims",
      'bankruptcy',
      [BK.open, BK.steel],
      reviewTx('C002', '200000000', '0', COURT),
    ),
    await refused(
      'review not adding up to the claim',
      'review_mismatch',
      'confirmed 150000000 + disputed 0 on a claim of 200000000',
      'bankruptcy',
      [BK.open, BK.steel],
      reviewTx('C002', '150000000', '0'),
    ),
    await refused(
      'ballot before the court convened the meeting',
      'meeting_not_convened',
      'the meeting is still proposed',
      'bankruptcy',
      [...BK_CLAIMS, BK.meeting],
      BK.steelYes,
    ),
    await refused(
      'ballot on another motion',
      'motion_mismatch',
      "the ballot's motionHash is not the meeting's",
      'bankruptcy',
      BK_CONVENED,
      ballotTx(BK_STEEL, 'yes', '200000000', toHex(sha256(utf8('another motion')))),
    ),
    await refused(
      'secured creditor voting on a resolution',
      'secured_no_vote',
      'a secured claim without waiver has no vote on an art. 64 resolution',
      'bankruptcy',
      BK_CONVENED,
      ballotTx(BK_BANK, 'yes', '500000000'),
    ),
    await refused(
      'ballot above the confirmed part',
      'exceeds_confirmed',
      'creditor 3 votes 120000000; 80000000 of its claim is confirmed',
      'bankruptcy',
      BK_CONVENED,
      ballotTx(BK_PARTS, 'no', '120000000'),
    ),
    await refused(
      'meeting closed by another court',
      'wrong_court',
      'only the court hearing the case closes its meetings',
      'bankruptcy',
      BK_CONVENED,
      bkAction('close_meeting', 3, 'did:alliance:court-bj-haidian'),
    ),
  ];
  return { valid: v, invalid: bad };
}

// ---- mobile enforcement (移动执行): an officer device with a vector key (src/seed/mobile-seed.ts) ----
const device = deviceSignerOf(fromHex(vectorKey(4).privateKey));
const otherDevice = deviceSignerOf(fromHex(vectorKey(5).privateKey));
const MOB_CASE = '(2023)京0101执1号';
const mobAction = (kind: 'delegate' | 'revoke', n: number, target = device.did) =>
  mobile.actionTx({ actionId: `act-5${n}`, kind, target, court: COURT, caseId: MOB_CASE, orderId: `ORD-5${n}` });
function onsiteTx(content: OnsiteContent, signer = device): Tx {
  const r = signOnsite('mobile', content, signer);
  return {
    type: MobileTx.Record,
    sender: content.deviceDid,
    id: onsiteTxId(onsiteRecordHash('mobile', r)),
    body: encodeCanonical(signedOnsiteBody(r)),
  };
}
// Signed at the delegation's block time: the first block after genesis is at 1700000000000.
const onsite1: OnsiteContent = {
  recordId: 'rec-2023-0001',
  deviceDid: device.did,
  caseId: MOB_CASE,
  signedAtMs: 1_700_000_000_000,
  place: '北京市东城区东直门南大街1号',
  action: 'seal',
  mediaHashes: [toHex(sha256(utf8('photo-1.jpg')))],
  seq: 1,
  prevHash: ZERO_HASH,
};
const onsite2: OnsiteContent = {
  ...onsite1,
  recordId: 'rec-2023-0002',
  signedAtMs: 1_700_000_000_001,
  action: 'distrain',
  mediaHashes: [toHex(sha256(utf8('photo-2.jpg'))), toHex(sha256(utf8('video-2.mp4')))],
  seq: 2,
  prevHash: onsiteRecordHash('mobile', onsite1),
};
const MOB = { delegate: mobAction('delegate', 1), revoke: mobAction('revoke', 2), r1: onsiteTx(onsite1), r2: onsiteTx(onsite2) };

async function mobileCases() {
  const deviceKey = `device/${device.did}`;
  const v = [
    await valid(
      'device (delegated)',
      'mobile',
      'device',
      deviceKey,
      [MOB.delegate],
      'after mobile.delegate: no record yet, lastHash 64 zeros',
    ),
    await valid(
      'device (after two records)',
      'mobile',
      'device',
      deviceKey,
      [MOB.delegate, MOB.r1, MOB.r2],
      'lastSeq and lastHash follow its hash chain',
    ),
    await valid('device (revoked)', 'mobile', 'device', deviceKey, [MOB.delegate, MOB.revoke], 'after mobile.revoke'),
    await valid(
      'on-site record (first of its device)',
      'mobile',
      'onsite',
      `onsite/${onsite1.recordId}`,
      [MOB.delegate, MOB.r1],
      'after mobile.record: the signed record (mobile-onsite.md), recordHash and the block time',
    ),
    await valid(
      'on-site record (second, linked)',
      'mobile',
      'onsite',
      `onsite/${onsite2.recordId}`,
      [MOB.delegate, MOB.r1, MOB.r2],
      'prevHash is the first record’s recordHash',
    ),
  ];
  const dev = v[1]!.fields.value as Record<string, unknown>;
  const rec = v[4]!.fields.value as Record<string, unknown>;
  const { recordHash: _h, ...recNoHash } = rec;
  const bad = [
    invalid('device: lastHash in upper case', 'invalid_record', 'hashes are 64 lowercase hex', 'device', deviceKey, {
      ...dev,
      lastHash: (dev.lastHash as string).toUpperCase(),
    }),
    invalid(
      'on-site record: without recordHash',
      'invalid_record',
      'the stored record carries its recordHash',
      'onsite',
      `onsite/${onsite2.recordId}`,
      recNoHash,
    ),
    invalid('on-site record: unknown action', 'invalid_record', 'action is one of the six codes', 'onsite', `onsite/${onsite2.recordId}`, {
      ...rec,
      action: 'arrest',
    }),
    await refused('record of a device never delegated', 'unknown_device', 'no device/<did> on the chain', 'mobile', [], MOB.r1),
    await refused(
      'record signed by another device',
      'bad_device_signature',
      "the record names device 4's did:key and carries device 5's signature",
      'mobile',
      [MOB.delegate],
      (() => {
        const good = signOnsite('mobile', onsite1, device);
        const forged = { ...good, signature: signOnsite('mobile', { ...onsite1, deviceDid: otherDevice.did }, otherDevice).signature };
        return { ...MOB.r1, body: encodeCanonical(signedOnsiteBody(forged)) };
      })(),
    ),
    await refused('record skipping a sequence number', 'sequence_gap', 'seq 2 without seq 1', 'mobile', [MOB.delegate], MOB.r2),
    await refused(
      'record signed after the revocation',
      'device_revoked',
      'signed at the revocation block time',
      'mobile',
      [MOB.delegate, MOB.revoke],
      onsiteTx({ ...onsite1, signedAtMs: 1_700_000_000_001 }),
    ),
    await refused(
      'record from the future',
      'signed_in_future',
      'signedAtMs 10 minutes after the block time (5 allowed)',
      'mobile',
      [MOB.delegate],
      onsiteTx({ ...onsite1, signedAtMs: 1_700_000_600_000 }),
    ),
    await refused(
      'device delegated twice',
      'already_delegated',
      'a device is delegated once',
      'mobile',
      [MOB.delegate],
      mobAction('delegate', 3),
    ),
  ];
  return { valid: v, invalid: bad };
}

// ---- political-legal collaboration (政法协同): the demo organs, vector keys (src/seed/collab-seed.ts) ----
const POLICE = 'did:alliance:police-bj-dc';
const PROCURATORATE = 'did:alliance:procuratorate-bj-dc';
const organSigner = (did: string, n: number) => createSigner(did, `${did}#key-1`, fromHex(vectorKey(n).privateKey));
const ORGANS: Record<string, { n: number; role: 'police' | 'procuratorate' }> = {
  [POLICE]: { n: 6, role: 'police' },
  [PROCURATORATE]: { n: 7, role: 'procuratorate' },
};
const EVIDENCE_SHA = toHex(sha256(utf8('courtbridge demo evidence: 东城分局 surveillance footage 2026-03-02')));
const TRANSFER_ID = 'YS-2023-DC-0001';
function statementTx(s: Statement, sender = s.signer): Tx {
  const o = ORGANS[s.signer]!;
  const signed = signStatement(organSigner(s.signer, o.n), s);
  return { type: txTypeOf(s.type), sender, id: statementId(s), body: encodeCanonical(signedStatementObject(signed)) };
}
const base = (signer: string, atMs: number) => ({ schema: 1 as const, signer, role: ORGANS[signer]!.role, atMs });
const transferStatement = (over: Partial<Statement> = {}): Statement =>
  ({
    type: 'transfer',
    ...base(POLICE, Date.UTC(2023, 10, 2, 3)),
    transferId: TRANSFER_ID,
    receiver: PROCURATORATE,
    caseRef: '京公东刑诉字〔2023〕0001号',
    evidence: [EVIDENCE_SHA],
    ...over,
  }) as Statement;
const COL = {
  share: statementTx({ type: 'evidence_share', ...base(POLICE, Date.UTC(2023, 10, 2, 2)), sha256: EVIDENCE_SHA, sharedWith: [] }),
  transfer: statementTx(transferStatement()),
  accept: statementTx({ type: 'transfer_accept', ...base(PROCURATORATE, Date.UTC(2023, 10, 3, 1)), transferId: TRANSFER_ID }),
  access: statementTx({
    type: 'evidence_access',
    ...base(PROCURATORATE, Date.UTC(2023, 10, 3, 2)),
    sha256: EVIDENCE_SHA,
    purpose: '审查起诉：核对监控录像',
  }),
  seal: collab.actionTx({ actionId: 'act-61', kind: 'seal', target: EVIDENCE_SHA, court: COURT, caseId: CASE, orderId: 'ORD-61' }),
};

async function collabCases() {
  const evKey = `evidence/${EVIDENCE_SHA}`;
  const trKey = `transfer/${TRANSFER_ID}`;
  const v = [
    await valid(
      'transfer (sent)',
      'collab',
      'transfer',
      trKey,
      [COL.share, COL.transfer],
      'after collab.transfer: the signed statement kept whole',
    ),
    await valid(
      'transfer (accepted)',
      'collab',
      'transfer',
      trKey,
      [COL.share, COL.transfer, COL.accept],
      "after collab.answer: the receiver's signed acceptance",
    ),
    await valid('evidence (registered)', 'collab', 'evidence', evKey, [COL.share], 'after collab.share by its owner'),
    await valid(
      'evidence (shared on acceptance, accessed, sealed)',
      'collab',
      'evidence',
      evKey,
      [COL.share, COL.transfer, COL.accept, COL.access, COL.seal],
      'the acceptance shared it with the receiver; one access logged; sealed by collab.seal act-61',
    ),
    await valid(
      'access',
      'collab',
      'access',
      `access/${EVIDENCE_SHA}/1`,
      [COL.share, COL.transfer, COL.accept, COL.access],
      'after collab.access: numbered from 1',
    ),
  ];
  const tr = v[1]!.fields.value as Record<string, unknown>;
  const ev = v[3]!.fields.value as Record<string, unknown>;
  const ac = v[4]!.fields.value as Record<string, unknown>;
  const bad = [
    invalid(
      'transfer: sent with an answer',
      'invalid_record',
      'an answer is present exactly when the status is not sent',
      'transfer',
      trKey,
      {
        ...tr,
        status: 'sent',
      },
    ),
    invalid('evidence: hash in upper case', 'invalid_record', 'sha256 is 64 lowercase hex', 'evidence', evKey, {
      ...ev,
      sha256: EVIDENCE_SHA.toUpperCase(),
    }),
    invalid('access: sequence 0', 'invalid_record', 'accesses are numbered from 1', 'access', `access/${EVIDENCE_SHA}/1`, {
      ...ac,
      seq: 0,
    }),
    invalid(
      'access: statement of another type',
      'invalid_record',
      'signed holds the evidence_access statement',
      'access',
      `access/${EVIDENCE_SHA}/1`,
      { ...ac, signed: ev.shared as object },
    ),
    await refused(
      'statement sent by another organ',
      'signer_mismatch',
      'the police statement submitted with the procuratorate as sender',
      'collab',
      [COL.share],
      statementTx(transferStatement(), PROCURATORATE),
    ),
    await refused(
      'transfer to itself',
      'self_transfer',
      'sender and receiver are the same organ',
      'collab',
      [COL.share],
      statementTx(transferStatement({ receiver: POLICE } as Partial<Statement>)),
    ),
    await refused('transfer of unregistered evidence', 'unknown_evidence', 'no evidence/<sha256> on the chain', 'collab', [], COL.transfer),
    await refused(
      'answer by another organ',
      'not_receiver',
      'only the receiver answers a transfer',
      'collab',
      [COL.share, COL.transfer],
      statementTx({ type: 'transfer_accept', ...base(POLICE, Date.UTC(2023, 10, 3, 1)), transferId: TRANSFER_ID }),
    ),
    await refused(
      'transfer answered twice',
      'already_answered',
      'a returned acceptance after the acceptance',
      'collab',
      [COL.share, COL.transfer, COL.accept],
      statementTx({
        type: 'transfer_return',
        ...base(PROCURATORATE, Date.UTC(2023, 10, 3, 5)),
        transferId: TRANSFER_ID,
        reason: '补充侦查',
      }),
    ),
    await refused(
      'access before sharing',
      'not_shared',
      'the procuratorate is not shared the evidence yet',
      'collab',
      [COL.share],
      COL.access,
    ),
    await refused(
      'access while sealed',
      'evidence_sealed',
      'a court seal stops every access until its release',
      'collab',
      [COL.share, COL.transfer, COL.accept, COL.seal],
      COL.access,
    ),
  ];
  return { valid: v, invalid: bad };
}

// ---- data ownership and trading (数据权属与交易): the demo dataset (src/seed/data-seed.ts) ----
const ASSET_ID = 'DA-2023-000001';
const DATA_BUYER = '91110105MA02KP8L4U';
const DATA_TERMS = {
  scope: ['research', 'commercial_analytics', 'model_training'],
  exclusivity: 'exclusive',
  territory: ['CN'],
  fromMs: Date.UTC(2024, 0, 1),
  untilMs: Date.UTC(2029, 0, 1),
  priceCents: '2000000',
  sublicensing: 'allowed',
};
const tradeLicence = {
  scope: ['commercial_analytics'],
  exclusivity: 'non_exclusive',
  territory: ['CN-BJ'],
  fromMs: Date.UTC(2024, 0, 1),
  untilMs: Date.UTC(2026, 0, 1),
  sublicensing: 'not_allowed',
};
const tradeTx = (tradeId: string, over: Record<string, unknown> = {}): Tx =>
  tx(DataTx.Trade, HOLDER, `trade-${tradeId}`, {
    type: 'data_trade_request',
    schema: 1,
    tradeId,
    assetId: ASSET_ID,
    seller: HOLDER,
    buyer: DATA_BUYER,
    licence: tradeLicence,
    priceCents: '2500000',
    ...over,
  });
const DAT = {
  register: tx(DataTx.Register, HOLDER, `asset-${ASSET_ID}`, {
    type: 'data_asset_register',
    schema: 1,
    assetId: ASSET_ID,
    owner: HOLDER,
    contentHash: toHex(sha256(utf8('courtbridge demo dataset: 张记小馆 footfall and sales 2019-2024'))),
    title: '张记小馆门店客流与销售数据集（2019-2024）',
    category: 'commercial',
    terms: DATA_TERMS,
  }),
  trade: tradeTx('DT-2023-000001'),
  freeze: data.actionTx({ actionId: 'act-71', kind: 'freeze', target: ASSET_ID, court: COURT, caseId: CASE, orderId: 'ORD-71' }),
};

async function dataCases() {
  const aKey = `asset/${ASSET_ID}`;
  const tKey = 'trade/DT-2023-000001';
  const v = [
    await valid('data asset (registered)', 'data', 'asset', aKey, [DAT.register], 'after data.asset.register'),
    await valid(
      'data asset (traded, preserved by a court)',
      'data',
      'asset',
      aKey,
      [DAT.register, DAT.trade, DAT.freeze],
      'the asset lists its trade; data.freeze act-71 wrote frozen',
    ),
    await valid('data trade', 'data', 'trade', tKey, [DAT.register, DAT.trade], 'a non-exclusive licence within the terms'),
  ];
  const asset = v[1]!.fields.value as Record<string, unknown>;
  const trade = v[2]!.fields.value as Record<string, unknown>;
  const bad = [
    invalid('data asset: unknown category', 'invalid_record', 'category is one of the eight codes', 'asset', aKey, {
      ...asset,
      category: 'retail',
    }),
    invalid('data trade: seller is the buyer', 'invalid_record', 'a party does not trade with itself', 'trade', tKey, {
      ...trade,
      buyer: HOLDER,
    }),
    invalid('data trade: licence ending before it starts', 'invalid_record', 'untilMs after fromMs', 'trade', tKey, {
      ...trade,
      licence: { ...tradeLicence, untilMs: tradeLicence.fromMs },
    }),
    await refused(
      'trade of a preserved asset',
      'asset_frozen',
      'a court preservation stops every trade',
      'data',
      [DAT.register, DAT.freeze],
      DAT.trade,
    ),
    await refused(
      'trade by someone neither owner nor licensee',
      'not_licensor',
      'the buyer sells without naming a licence it holds',
      'data',
      [DAT.register],
      tradeTx('DT-2023-000002', { seller: DATA_BUYER, buyer: CO_HOLDER_DATA }),
    ),
    await refused(
      'licence beyond the terms',
      'licence_out_of_terms',
      'a price of 1000000 cents below the terms’ 2000000',
      'data',
      [DAT.register],
      tradeTx('DT-2023-000002', { priceCents: '1000000' }),
    ),
    await refused(
      'exclusive licence over a granted one',
      'exclusive_conflict',
      'an exclusive licence overlapping the existing licence in use, territory and period',
      'data',
      [DAT.register, DAT.trade],
      tradeTx('DT-2023-000002', { buyer: CO_HOLDER_DATA, licence: { ...tradeLicence, exclusivity: 'exclusive' } }),
    ),
  ];
  return { valid: v, invalid: bad };
}
const CO_HOLDER_DATA = '91110101MA01HW3X7A';

// ---- market regulation: the equity change, lease and warehouse receipt, and the registrar's refusals ----
const CHANGE_NO = 'BG11010120230001';
const LEASE_NO = 'ZL11010120230001';
const RECEIPT_NO = 'CD-SHFE-2023-000123';
const transferTx = (changeNo: string, over: Record<string, unknown> = {}): Tx =>
  tx(MarketTx.EquityTransfer, MARKET_REGISTRAR, `chg-${changeNo}`, {
    type: 'equity_transfer',
    schema: 1,
    uscc: USCC,
    changeNo,
    fromKind: 'person',
    from: HOLDER,
    toKind: 'enterprise',
    to: CO_HOLDER,
    amountCents: '10000000',
    shareBp: 1000,
    ...over,
  });
const pledgeTx = (regNo: string, amountCents: string, id = `pledge-${regNo}`): Tx =>
  tx(MarketTx.EquityPledge, MARKET_REGISTRAR, id, {
    type: 'equity_pledge',
    schema: 1,
    uscc: USCC,
    holder: HOLDER,
    regNo,
    pledgeeKind: 'enterprise',
    pledgee: usccOf('91110000100000000'),
    amountCents,
  });
const receiptBody = {
  type: 'warehouse_receipt',
  schema: 1,
  receiptNo: RECEIPT_NO,
  holderKind: 'enterprise',
  holder: CO_HOLDER,
  metal: 'gold',
  weightGrams: 12_000,
  warehouse: '上海期货交易所指定交割仓库（外高桥）',
  pledges: [],
  seizures: [],
  registeredAtMs: CARD_APPROVED_MS,
};
const receiptPledge = (regNo: string) =>
  tx(MarketTx.ReceiptPledge, MARKET_REGISTRAR, `rp-${regNo}`, {
    type: 'receipt_pledge',
    schema: 1,
    receiptNo: RECEIPT_NO,
    regNo,
    pledgee: '中国工商银行上海分行',
    amountCents: '3000000',
  });
const MKT2 = {
  change: transferTx(CHANGE_NO),
  lease: tx(MarketTx.LeaseRegister, MARKET_REGISTRAR, `lease-${LEASE_NO}`, {
    type: 'financial_lease',
    schema: 1,
    regNo: LEASE_NO,
    lessor: usccOf('91310115MA1K3YJ12'),
    lesseeKind: 'enterprise',
    lessee: USCC,
    leasedObject: '数控机床 DMG MORI NLX2500 两台',
    termStartMs: Date.UTC(2023, 0, 1),
    termEndMs: Date.UTC(2026, 0, 1),
    registeredAtMs: Date.UTC(2022, 11, 20),
  }),
  receipt: tx(MarketTx.ReceiptRegister, MARKET_REGISTRAR, `rcpt-${RECEIPT_NO}`, receiptBody),
  receiptPledge: receiptPledge('ZY31000020230001'),
  revoke: tx(MarketTx.EnterpriseStatus, MARKET_REGISTRAR, `status-${USCC}`, {
    type: 'enterprise_status',
    schema: 1,
    uscc: USCC,
    status: 'revoked',
  }),
  pledge: pledgeTx('ZQ11010120230001', '30000000'),
};

async function marketCases() {
  const chKey = `equity_change/${USCC}/${CHANGE_NO}`;
  const v = [
    await valid(
      'equity change',
      'market',
      'equity_change',
      chKey,
      [MKT.enterprise, MKT2.change],
      'after market.equity.transfer: 10% of the stake moves to the enterprise holder',
    ),
    await valid('financial lease', 'market', 'financial_lease', `financial_lease/${LEASE_NO}`, [MKT2.lease], 'after market.lease.register'),
    await valid(
      'warehouse receipt (as registered)',
      'market',
      'warehouse_receipt',
      `warehouse_receipt/${RECEIPT_NO}`,
      [MKT2.receipt],
      'after market.receipt.register',
    ),
    await valid(
      'warehouse receipt (pledged)',
      'market',
      'warehouse_receipt',
      `warehouse_receipt/${RECEIPT_NO}`,
      [MKT2.receipt, MKT2.receiptPledge],
      'after market.receipt.pledge: one pledge, the block time',
    ),
  ];
  const change = v[0]!.fields.value as Record<string, unknown>;
  const lease = v[1]!.fields.value as Record<string, unknown>;
  const receipt = v[3]!.fields.value as Record<string, unknown>;
  const movableBody = JSON.parse(fromUtf8(MKT.movable.body)) as Record<string, unknown>;
  const bad = [
    invalid('equity change: share of 0', 'invalid_record', 'shareBp is 1..10000', 'equity_change', chKey, { ...change, shareBp: 0 }),
    invalid(
      'financial lease: lessor a personal hash',
      'invalid_record',
      'the lessor is an enterprise (USCC)',
      'financial_lease',
      `financial_lease/${LEASE_NO}`,
      {
        ...lease,
        lessor: HOLDER,
      },
    ),
    invalid(
      'warehouse receipt: unknown metal',
      'invalid_record',
      'metal is gold, silver, platinum or palladium',
      'warehouse_receipt',
      `warehouse_receipt/${RECEIPT_NO}`,
      {
        ...receipt,
        metal: 'copper',
      },
    ),
    await refused(
      'equity transfer of a revoked enterprise',
      'not_active',
      'the equity of an enterprise not active does not change',
      'market',
      [MKT.enterprise, MKT2.revoke],
      MKT2.change,
    ),
    await refused(
      'equity transfer above the stake',
      'invalid_transfer',
      '70000000 cents asked of a stake of 60000000',
      'market',
      [MKT.enterprise],
      transferTx(CHANGE_NO, { amountCents: '70000000', shareBp: 6000 }),
    ),
    await refused(
      'equity transfer of a frozen part',
      'equity_frozen',
      '50000000 of 60000000 asked; 20000000 frozen by a court',
      'market',
      [MKT.enterprise, MKT.freeze],
      transferTx(CHANGE_NO, { amountCents: '50000000', shareBp: 5000 }),
    ),
    await refused(
      'equity transfer of a pledged part',
      'equity_pledged',
      '40000000 of 60000000 asked; 30000000 pledged',
      'market',
      [MKT.enterprise, MKT2.pledge],
      transferTx(CHANGE_NO, { amountCents: '40000000', shareBp: 4000 }),
    ),
    await refused(
      'equity pledge registered twice',
      'already_pledged',
      'a pledge registration number once per stake',
      'market',
      [MKT.enterprise, MKT2.pledge],
      pledgeTx('ZQ11010120230001', '1000000', 'pledge-2'),
    ),
    await refused(
      'equity unpledge of an unknown pledge',
      'not_pledged',
      'the stake holds no pledge with this number',
      'market',
      [MKT.enterprise],
      tx(MarketTx.EquityUnpledge, MARKET_REGISTRAR, 'unpledge-1', {
        type: 'equity_unpledge',
        schema: 1,
        uscc: USCC,
        holder: HOLDER,
        regNo: 'ZQ11010120230001',
      }),
    ),
    await refused(
      'movable registered with a seizure',
      'invalid_encumbrance',
      'only a court order seizes',
      'market',
      [],
      tx(MarketTx.MovableRegister, MARKET_REGISTRAR, MKT.movable.id, {
        ...movableBody,
        seizures: [{ orderId: 'ORD-32', caseId: CASE, court: COURT, sinceMs: CARD_APPROVED_MS }],
      }),
    ),
    await refused(
      'mortgage on a seized movable',
      'asset_seized',
      'a seized movable takes no new mortgage',
      'market',
      [MKT.movable, MKT.seize],
      tx(MarketTx.MovableMortgage, MARKET_REGISTRAR, 'mtg-2', {
        type: 'movable_mortgage',
        schema: 1,
        regNo: MOVABLE_NO,
        mortgageNo: 'DYQ1101012023002',
        mortgagee: '北京农商银行',
        amountCents: '5000000',
      }),
    ),
    await refused(
      'warehouse receipt registered pledged',
      'invalid_encumbrance',
      'a pledge is registered by market.receipt.pledge',
      'market',
      [],
      tx(MarketTx.ReceiptRegister, MARKET_REGISTRAR, `rcpt-${RECEIPT_NO}`, {
        ...receiptBody,
        pledges: [{ regNo: 'ZY31000020230001', pledgee: '中国工商银行上海分行', amountCents: '3000000', registeredAtMs: CARD_APPROVED_MS }],
      }),
    ),
    await refused(
      'second pledge of a receipt',
      'already_pledged',
      'a receipt holds one pledge',
      'market',
      [MKT2.receipt, MKT2.receiptPledge],
      receiptPledge('ZY31000020230002'),
    ),
  ];
  return { valid: v, invalid: bad };
}

async function build() {
  const accountKey = `account/${ACCOUNT_NO}`;
  const titleKey = `title/${TITLE_NO}`;
  const deduct = finance.actionTx({
    actionId: 'act-11',
    kind: 'deduct',
    target: ACCOUNT_NO,
    amount: '2000000',
    court: COURT,
    caseId: CASE,
    orderId: 'ORD-1',
  });
  const custodyNo = courtCustodyAccountNo(COURT);
  const validCases = [
    await valid('account (as opened)', 'finance', 'account', accountKey, [TX.accountOpen], 'test/vectors/records.json "account"'),
    await valid('account (frozen by a court)', 'finance', 'account', accountKey, [TX.accountOpen, TX.freeze], 'after finance.freeze act-1'),
    await valid(
      'court custody account (after a deduction)',
      'finance',
      'account',
      `account/${custodyNo}`,
      [TX.accountOpen, TX.freeze, deduct],
      'made by the first finance.deduct of the court; its account number holds a "/"',
    ),
    await valid('title (seized)', 'property', 'title', titleKey, [TX.titleRegister, TX.seize], 'after property.seize act-3'),
    await valid(
      'dishonest listing',
      'credit',
      'dishonest',
      `dishonest/${HOLDER}`,
      [TX.list],
      'test/vectors/records.json "dishonest_listing"',
    ),
    await valid('consumption restriction', 'credit', 'restriction', `restriction/${HOLDER}`, [TX.restrict], 'after credit.restrict act-4'),
    await valid('trademark (frozen)', 'ip', 'trademark', TRADEMARK, [TX.trademarkRegister, TX.ipFreeze], 'after ip.freeze act-5'),
    await valid('case', 'judicial', 'case', `case/${CASE}`, [TX.caseFile], 'after case.file'),
    await valid('enforcement order', 'judicial', 'order', 'order/ORD-1', [TX.caseFile, TX.orderIssue], 'after order.issue'),
  ];
  const moreValid = [
    await valid(
      'loan approval (as decided)',
      'finance',
      'loan_approval',
      `loan_approval/${APPROVAL_NO}`,
      [FIN.approve],
      'after finance.loan.approve',
    ),
    await valid(
      'loan approval (backing a loan)',
      'finance',
      'loan_approval',
      `loan_approval/${APPROVAL_NO}`,
      [FIN.approve, FIN.loan],
      'finance.loan.register adds loanNo to its approval',
    ),
    await valid('loan (performing)', 'finance', 'loan', `loan/${LOAN_NO}`, [FIN.approve, FIN.loan], 'after finance.loan.register'),
    await valid(
      'loan (in default)',
      'finance',
      'loan',
      `loan/${LOAN_NO}`,
      [FIN.approve, FIN.loan, FIN.loanDefault],
      'after finance.loan.status',
    ),
    await valid('credit card (approved)', 'finance', 'card', `card/${CARD_NO}`, [FIN.cardApprove], 'after finance.card.approve'),
    await valid(
      'credit card (charged, repaid, in default)',
      'finance',
      'card',
      `card/${CARD_NO}`,
      [FIN.cardApprove, FIN.cardCharge, FIN.cardRepay, FIN.cardDefault],
      "the demo debtor's card: 122 days past due when the bank marks the default",
    ),
    await valid('enterprise', 'market', 'enterprise', `enterprise/${USCC}`, [MKT.enterprise], 'after market.enterprise.register'),
    await valid(
      'shareholder register',
      'market',
      'shareholder_register',
      `shareholder_register/${USCC}`,
      [MKT.enterprise],
      'written with the enterprise: its holders, sorted',
    ),
    await valid(
      'equity stake (frozen by a court)',
      'market',
      'equity',
      `equity/${USCC}/${HOLDER}`,
      [MKT.enterprise, MKT.freeze],
      'after market.freeze act-31 (target `<uscc>/<holder>`)',
    ),
    await valid(
      'equity stake of an enterprise holder',
      'market',
      'equity',
      `equity/${USCC}/${CO_HOLDER}`,
      [MKT.enterprise],
      'holderKind enterprise: the holder is a USCC',
    ),
    await valid(
      'movable (mortgaged, seized)',
      'market',
      'movable',
      `movable/${MOVABLE_NO}`,
      [MKT.movable, MKT.seize],
      'after market.seize act-32',
    ),
    await valid('lawyer licence (as registered)', 'lawyer', 'lawyer', `lawyer/${LICENCE_NO}`, [LAW.register], 'after lawyer.register'),
    await valid(
      'lawyer licence (suspended)',
      'lawyer',
      'lawyer',
      `lawyer/${LICENCE_NO}`,
      [LAW.register, LAW.suspend],
      'after lawyer.suspend act-21',
    ),
  ];

  // Consistency with test/vectors/records.json (pinned earlier; the partner SDK's vectors).
  const old = buildRecordVectors();
  for (const [name, oldName] of [
    ['account (as opened)', 'account'],
    ['dishonest listing', 'dishonest_listing'],
  ] as const) {
    const mine = validCases.find((c) => c.name === name)!;
    const theirs = old.records.find((r) => r.name === oldName)!;
    if (fromUtf8(Buffer.from(mine.bytes, 'hex')) !== theirs.canonical || mine.hash !== theirs.sha256)
      throw new Error(`${name} differs from test/vectors/records.json ${oldName}`);
  }

  const account = validCases[0]!.fields.value as Record<string, unknown>;
  const { frozenCents: _f, ...accountNoFrozen } = account;
  const title = validCases[3]!.fields.value as Record<string, unknown>;
  const trademark = validCases[6]!.fields.value as Record<string, unknown>;
  const listing = validCases[4]!.fields.value as Record<string, unknown>;
  const invalidCases = [
    invalid('missing field', 'invalid_record', 'an account without frozenCents', 'account', accountKey, accountNoFrozen),
    invalid(
      'money as a number',
      'invalid_record',
      'balanceCents is the JSON number 12000000, not the string "12000000"',
      'account',
      accountKey,
      {
        ...account,
        balanceCents: 12000000,
      },
    ),
    invalid('money with a leading zero', 'invalid_record', 'cents are written without leading zeros ("012000000")', 'account', accountKey, {
      ...account,
      balanceCents: '012000000',
    }),
    invalid('money in yuan', 'invalid_record', 'a decimal point: amounts are integer cents ("120000.00")', 'account', accountKey, {
      ...account,
      balanceCents: '120000.00',
    }),
    invalid('personal id in clear', 'invalid_record', 'holder is the ID card number itself, not its keyed hash', 'account', accountKey, {
      ...account,
      holder: '110101199003077777',
    }),
    invalid(
      'personal hash in upper case',
      'invalid_record',
      'a keyed hash is 64 lowercase hex digits',
      'dishonest',
      `dishonest/${HOLDER}`,
      {
        ...listing,
        person: HOLDER.toUpperCase(),
      },
    ),
    invalid(
      'wrong value type',
      'invalid_record',
      'the value at a dishonest/ key says "type":"account"',
      'dishonest',
      `dishonest/${HOLDER}`,
      {
        ...listing,
        type: 'account',
      },
    ),
    invalid('wrong schema', 'invalid_record', 'schema 2 is not a schema this reader knows', 'dishonest', `dishonest/${HOLDER}`, {
      ...listing,
      schema: 2,
    }),
    invalid('unknown field', 'invalid_record', 'a field the record type does not have is refused, not ignored', 'account', accountKey, {
      ...account,
      branch: '朝阳支行',
    }),
    invalid('currency other than CNY', 'invalid_record', 'accounts are in CNY', 'account', accountKey, { ...account, currency: 'USD' }),
    invalid('shares do not sum to 10000', 'invalid_record', 'owner shares are basis points summing to 10000', 'title', titleKey, {
      ...title,
      owners: [{ owner: HOLDER, shareBp: 6000 }],
    }),
    invalid('trademark without Nice class', 'invalid_record', 'a trademark names at least one Nice class', 'trademark', TRADEMARK, {
      ...trademark,
      niceClasses: [],
    }),
    invalid(
      'not canonical: whitespace',
      'non_canonical_json',
      'the listing pretty-printed; only the canonical bytes are a record value',
      'dishonest',
      `dishonest/${HOLDER}`,
      JSON.stringify(JSON.parse(fromUtf8(encodeCanonical(listing))), null, 2),
    ),
    invalid(
      'not canonical: key order',
      'non_canonical_json',
      'keys not sorted (type first)',
      'dishonest',
      `dishonest/${HOLDER}`,
      JSON.stringify({ type: 'dishonest_listing', ...listing }),
    ),
  ];

  const byName = (n: string) => moreValid.find((c) => c.name === n)!.fields.value as Record<string, unknown>;
  const approval = byName('loan approval (backing a loan)');
  const loan = byName('loan (performing)');
  const cardRec = byName('credit card (charged, repaid, in default)');
  const ent = byName('enterprise');
  const stake = byName('equity stake (frozen by a court)');
  const movable = byName('movable (mortgaged, seized)');
  const lawyerRec = byName('lawyer licence (suspended)');
  const approvalKey = `loan_approval/${APPROVAL_NO}`;
  const stakeKey = `equity/${USCC}/${HOLDER}`;
  const { approvalNo: _a, ...loanWithoutApproval } = loan;
  const moreInvalid = [
    invalid('loan: approval number with a slash', 'invalid_record', 'approvalNo is [0-9A-Za-z-]{6,40}', 'loan', `loan/${LOAN_NO}`, {
      ...loan,
      approvalNo: 'AP/0042',
    }),
    invalid('loan: unknown status', 'invalid_record', 'status is performing, default or settled', 'loan', `loan/${LOAN_NO}`, {
      ...loan,
      status: 'overdue',
    }),
    invalid('loan approval: term of 0 months', 'invalid_record', 'termMonths is 1..600', 'loan_approval', approvalKey, {
      ...approval,
      termMonths: 0,
    }),
    invalid(
      'loan approval: rate above 1000%',
      'invalid_record',
      'rateBp is 0..100000 basis points (435 = 4.35%)',
      'loan_approval',
      approvalKey,
      {
        ...approval,
        rateBp: 100001,
      },
    ),
    invalid('card: number too short', 'invalid_record', 'cardNo is 13 to 19 digits', 'card', `card/${CARD_NO}`, {
      ...cardRec,
      cardNo: '436742001122',
    }),
    invalid('card: repayments as a number', 'invalid_record', 'repaidCents is cents as a decimal string', 'card', `card/${CARD_NO}`, {
      ...cardRec,
      repaidCents: 300000,
    }),
    invalid('enterprise: unknown status', 'invalid_record', 'status is active, revoked or cancelled', 'enterprise', `enterprise/${USCC}`, {
      ...ent,
      status: 'closed',
    }),
    invalid(
      'equity: USCC check character wrong',
      'invalid_record',
      'the 18th character of a unified social credit code is its GB 32100 check character',
      'equity',
      stakeKey,
      { ...stake, uscc: '91110101MA01HW3X7B' },
    ),
    invalid(
      'equity: frozen is not the sum of the freezes',
      'invalid_record',
      'frozenCents equals the sum of freezes[].amountCents',
      'equity',
      stakeKey,
      {
        ...stake,
        frozenCents: '0',
      },
    ),
    invalid(
      'equity: a person holder given as a USCC',
      'invalid_record',
      'holderKind person: holder is a personal hash',
      'equity',
      stakeKey,
      { ...stake, holder: CO_HOLDER },
    ),
    invalid('movable: two seizures', 'invalid_record', 'a movable holds at most one seizure', 'movable', `movable/${MOVABLE_NO}`, {
      ...movable,
      seizures: [...(movable.seizures as object[]), ...(movable.seizures as object[])],
    }),
    invalid('lawyer: licence number of 16 digits', 'invalid_record', 'licenceNo is 17 digits', 'lawyer', `lawyer/${LICENCE_NO}`, {
      ...lawyerRec,
      licenceNo: '1110120191012345',
    }),
    await refused(
      'loan without an approval',
      'no_approval',
      'finance.loan.register of a loan naming no approval',
      'finance',
      [],
      tx('finance.loan.register', BANK, `loan-${LOAN_NO}`, loanWithoutApproval),
    ),
    await refused(
      'loan above its approval',
      'over_approval',
      'a principal of 60000000 cents on an approval of 50000000',
      'finance',
      [FIN.approve],
      tx('finance.loan.register', BANK, `loan-${LOAN_NO}`, { ...loanBody, principalCents: '60000000', outstandingCents: '60000000' }),
    ),
    await refused(
      'second loan on one approval',
      'approval_used',
      'an approval backs one loan',
      'finance',
      [FIN.approve, FIN.loan],
      tx('finance.loan.register', BANK, 'loan-LN0000000043', { ...loanBody, loanNo: 'LN0000000043' }),
    ),
    await refused(
      'card charge above the limit',
      'over_limit',
      '1280000 owed + 4000000 charged exceeds the 5000000 limit',
      'finance',
      [FIN.cardApprove, FIN.cardCharge],
      tx('finance.card.charge', 'did:alliance:bank-ccb', `charge-${CARD_NO}-2`, {
        ...card,
        type: 'card_charge',
        amountCents: '4000000',
        atMs: Date.UTC(2023, 0, 20),
      }),
    ),
    await refused(
      'enterprise shares not summing to 10000',
      'shares_not_summing',
      'shareholders of 6000 + 3000 basis points',
      'market',
      [],
      tx('market.enterprise.register', MARKET_REGISTRAR, `ent-${USCC}`, {
        ...enterpriseBody,
        shareholders: [enterpriseBody.shareholders[0]!, { ...enterpriseBody.shareholders[1]!, shareBp: 3000 }],
      }),
    ),
    await refused(
      'second freeze by one order',
      'already_frozen',
      'an order freezes a stake once',
      'market',
      [MKT.enterprise, MKT.freeze],
      market.actionTx({
        actionId: 'act-33',
        kind: 'freeze',
        target: `${USCC}/${HOLDER}`,
        amount: '1000000',
        court: COURT,
        caseId: CASE,
        orderId: 'ORD-31',
      }),
    ),
    await refused(
      'movable seized twice',
      'already_seized',
      'a second seizure waits for the release',
      'market',
      [MKT.movable, MKT.seize],
      market.actionTx({
        actionId: 'act-34',
        kind: 'seize',
        target: MOVABLE_NO,
        court: COURT,
        caseId: CASE,
        orderId: 'ORD-34',
      }),
    ),
    await refused(
      'reinstating an active licence',
      'not_suspended',
      'reinstate takes a suspended licence',
      'lawyer',
      [LAW.register],
      LAW.reinstate,
    ),
  ];

  const more = [await bankruptcyCases(), await mobileCases(), await collabCases(), await dataCases(), await marketCases()];

  return {
    structure: 'record',
    title: 'A record in a chain state: canonical JSON value, state key, SMT key and leaf hashes',
    spec: 'docs/spec/records.md',
    tag: null,
    layout: 'record',
    keys: {},
    note:
      'Each valid record was written by running `writtenBy` (one block each, block times 1700000000000, ...+1, ...) on a fresh ' +
      'dev ledger of `chain`. `hash` = SHA-256(bytes), the SMT value hash; `keyHash` = SHA-256(utf8(key)); `leafHash` = ' +
      "SHA-256(0x00 ‖ keyHash ‖ hash). Personal hashes are keyed with test/vectors/records.json's salt.",
    valid: [...validCases, ...moreValid, ...more.flatMap((m) => m.valid)],
    invalid: [...invalidCases, ...moreInvalid, ...more.flatMap((m) => m.invalid)],
  };
}

const out = new URL('./record.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(await build(), null, 2)}\n`);
console.log('wrote test/vectors/spec/record.json');
