/**
 * The demo's step on the bankruptcy chain (破产, opinions art. 25): a creditors' meeting votes on an
 * art. 64 resolution. The seeded case has seven creditors whose claims they signed themselves with
 * their did:keys, reviewed by the administrator. The demo, as the bankruptcy platform, hands the
 * creditors' signed ballots to the chain's own intake (adapters/bankruptcy/intake.ts), where the
 * contract refuses what the law refuses; the court convenes the meeting (art. 62) and then closes it
 * through SubmitAction (each order filed on the judicial chain first, executed once), and anyone re-checks the tally from the
 * proven records, re-verifying every signature (adapters/bankruptcy/tally-check.ts).
 */
import type { NatsConnection } from 'nats';
import { ballotKey, caseKey, claimKey, meetingKey, meetingTarget } from '../../adapters/bankruptcy/contract.js';
import {
  BANKRUPTCY_CHAIN_ID,
  readBallot,
  readCase,
  readClaim,
  readMeeting,
  type Ballot,
  type BankruptcyCase,
  type Claim,
  type Meeting,
} from '../../adapters/bankruptcy/schema.js';
import { ballotSigningBytes, signAsCreditor } from '../../adapters/bankruptcy/signed-layout.js';
import { recheckTally } from '../../adapters/bankruptcy/tally-check.js';
import { readTyped, type Fields } from '../../adapters/sdk/record.js';
import { decodeIntakeReceipt } from '../bus/intake-reply.js';
import { errorFromReply } from '../bus/request.js';
import { chainIntakeSubject } from '../bus/subjects.js';
import { sha256 } from '../crypto/hash.js';
import { encodeCanonical } from '../encoding/canonical-json.js';
import { toHex, utf8 } from '../encoding/bytes.js';
import type { JudicialOrder } from '../judicial/order.js';
import { DEMO_BANKRUPTCY, DEMO_MOTION_HASH, type DemoCreditor } from '../seed/bankruptcy-seed.js';
import { verifyBundle } from '../verify/bundle-verify.js';
import type { MessageOutput } from '../wire/messages.js';
import { yuan } from '../workflows/display.js';
import { courtDeskOf, fileDemoCase, giveCourtOrder, type CourtStepOptions } from './court-order.js';

/** What happened at the meeting (the demo test checks it). */
export interface BankruptcyStepSummary {
  caseId: string;
  accepted: string[];
  /** Refused ballots: creditor's name and the contract's reason. */
  refused: { who: string; reason: string }[];
  convene: string;
  close: { status: string; again: string };
  tally: { outcome: string; present: number; yesCreditors: number; yesCents: string; totalCents: string };
  recheck: string;
  /** Offline verdicts of every bundle the court read (all `valid` expected). */
  verdicts: string[];
}

const REASON_ZH: Readonly<Record<string, string>> = {
  secured_no_vote: '有财产担保且未放弃优先受偿权，对第六十四条决议无表决权',
  exceeds_confirmed: '表决额超过管理人确认的部分（异议部分不得表决）',
  claim_unreviewed: '债权尚未经管理人审查，不得表决',
  already_voted: '重复投票',
  bad_signature: '签名与债权人的 did:key 不符（伪造）',
};
const SECURITY_ZH = { unsecured: '无担保', secured: '有担保', secured_waived: '有担保·放弃优先受偿' } as const;
const CLASS_ZH = { secured: '担保债权组', employee: '职工债权组', tax: '税款债权组', ordinary: '普通债权组' } as const;

/** A creditor's ballot, signed by its own key (or by `signer`'s, for the forgery). */
function ballotOf(c: DemoCreditor, choice: 'yes' | 'no', votingCents: string, signer: DemoCreditor = c): object {
  const fields = {
    caseId: DEMO_BANKRUPTCY.caseId,
    meetingId: DEMO_BANKRUPTCY.meetingId,
    creditor: c.did,
    motionHash: DEMO_MOTION_HASH,
    choice,
    votingCents,
    signedAtMs: Date.now(),
  };
  return {
    type: 'bankruptcy_ballot',
    schema: 1,
    ...fields,
    signature: signAsCreditor(ballotSigningBytes(BANKRUPTCY_CHAIN_ID, fields), signer.privateKey),
  };
}

export async function runBankruptcyStep(
  o: CourtStepOptions & {
    /** The bankruptcy platform's bus connection (hands ballots to the chain's intake). */
    platformNc: NatsConnection;
  },
): Promise<BankruptcyStepSummary> {
  const { c, detail } = o;
  const D = DEMO_BANKRUPTCY;
  const query = c.client('QueryService');
  const verdicts: string[] = [];
  const proven = async <T>(recordType: string, key: string, type: string, read: (f: Fields) => T): Promise<T> => {
    const b: MessageOutput<'ProofBundle'> = (
      await c.unary(query, 'query', { query: { chainId: BANKRUPTCY_CHAIN_ID, recordType, key, height: { latest: {} } } })
    ).bundle!;
    verdicts.push(verifyBundle(b, { atMs: Date.now(), authority: o.authority }).verdict);
    return readTyped(new Uint8Array(b.record!.value), key, type, 1, read);
  };
  const readAll = async () => {
    const bankruptcyCase = await proven<BankruptcyCase>('bankruptcy_case', caseKey(D.caseId), 'bankruptcy_case', readCase);
    const meeting = await proven<Meeting>('meeting', meetingKey(D.caseId, D.meetingId), 'creditors_meeting', readMeeting);
    const claims: Claim[] = [];
    for (const id of bankruptcyCase.claimIds) claims.push(await proven('claim', claimKey(D.caseId, id), 'bankruptcy_claim', readClaim));
    const ballots: Ballot[] = [];
    for (const v of meeting.voters)
      ballots.push(await proven('ballot', ballotKey(D.caseId, D.meetingId, v), 'bankruptcy_ballot', readBallot));
    return { chainId: BANKRUPTCY_CHAIN_ID, bankruptcyCase, claims, meeting, ballots };
  };

  const before = await readAll();
  detail(`${D.caseId} 债务人 ${D.debtorNameZh}（${before.bankruptcyCase.debtor}），管理人 ${before.bankruptcyCase.administrator}`);
  detail(`  ${D.meetingId}: ${D.motionZh}`);
  detail(`  议案哈希 / motion hash ${before.meeting.motionHash}`);
  for (const cl of before.claims) {
    const who = D.creditors.find((x) => x.did === cl.creditor)!;
    const review = cl.review ? `确认 ${yuan(cl.review.confirmedCents)}，异议 ${yuan(cl.review.disputedCents)}` : '尚未审查 / not reviewed';
    detail(
      `  债权 ${cl.claimId} ${who.nameZh}: 申报 ${yuan(cl.amountCents)}（${SECURITY_ZH[cl.security]}，${CLASS_ZH[cl.votingClass]}）; ${review}`,
    );
  }

  // The court's orders: the case once, then each order on the judicial chain, then SubmitAction (executed once).
  const stamp = Date.now().toString(36).toUpperCase();
  const desk = courtDeskOf(o);
  await fileDemoCase(desk, D.caseId, {
    kind: 'commercial',
    cause: '破产清算',
    // The debtor is a company: its code is public, hashed here only because the field takes a hash.
    parties: [{ role: 'respondent', party: toHex(sha256(utf8(`uscc ${D.debtor}`))) }],
  });
  const courtOrder = async (
    kind: 'convene_meeting' | 'close_meeting',
    legalBasis: string,
  ): Promise<{ orderId: string; legalBasis: string; status: string; again: string }> => {
    const order: JudicialOrder = {
      orderId: `DEMO-BK-${kind.toUpperCase()}-${stamp}`,
      court: o.court.did,
      caseId: D.caseId,
      chain: BANKRUPTCY_CHAIN_ID,
      actionId: `demo-bankruptcy-${kind}-${stamp}`,
      kind,
      target: meetingTarget(D.caseId, D.meetingId),
      amount: '',
    };
    const given = await giveCourtOrder(desk, order, legalBasis, { recordType: 'meeting', key: meetingKey(D.caseId, D.meetingId) });
    const again = await given.again();
    return { orderId: order.orderId, legalBasis, status: given.status, again };
  };
  const said = (s: string): string =>
    s === 'ACTION_STATUS_EXECUTED' ? '已执行 / executed' : s.replace('ACTION_STATUS_', '').toLowerCase();
  const convened = await courtOrder('convene_meeting', '《企业破产法》第六十二条');
  detail(
    `法院召集债权人会议 / convene_meeting ${convened.orderId}（${convened.legalBasis}）: ${said(convened.status)}；自此接受表决 / ballots are taken from now on`,
  );

  // Ballots, as the creditors signed them, handed to the chain's intake.
  const [bank, steel, parts, , , lessor, logistics] = D.creditors;
  const submit = async (b: object): Promise<{ ok: boolean; reason: string }> => {
    const msg = await o.platformNc.request(chainIntakeSubject(BANKRUPTCY_CHAIN_ID), encodeCanonical(b), { timeout: 15_000 });
    const err = errorFromReply(msg);
    if (err !== undefined) return { ok: false, reason: err.reason };
    return { ok: true, reason: decodeIntakeReceipt(msg.data).outcome };
  };
  const accepted: string[] = [];
  const refused: { who: string; reason: string }[] = [];
  const cast = async (who: DemoCreditor, b: object, label: string): Promise<void> => {
    const r = await submit(b);
    if (r.ok) {
      accepted.push(who.nameZh);
      detail(`  ✔ ${who.nameZh} ${label}: 已上链 / accepted`);
    } else {
      refused.push({ who: who.nameZh, reason: r.reason });
      detail(`  ✘ ${who.nameZh} ${label}: 拒绝 / refused ${r.reason}（${REASON_ZH[r.reason] ?? r.reason}）`);
    }
  };
  detail('债权人用各自的 did:key 签署表决票，破产平台提交到破产链 / creditors sign their ballots with their own did:keys:');
  await cast(steel!, ballotOf(steel!, 'yes', steel!.review!.confirmedCents), `同意 ${yuan(steel!.review!.confirmedCents)}`);
  await cast(lessor!, ballotOf(lessor!, 'yes', lessor!.review!.confirmedCents), `同意 ${yuan(lessor!.review!.confirmedCents)}`);
  await cast(parts!, ballotOf(parts!, 'no', parts!.amountCents), `反对 ${yuan(parts!.amountCents)}（含异议部分）`);
  await cast(parts!, ballotOf(parts!, 'no', parts!.review!.confirmedCents), `反对 ${yuan(parts!.review!.confirmedCents)}`);
  await cast(bank!, ballotOf(bank!, 'no', bank!.amountCents), `反对 ${yuan(bank!.amountCents)}`);
  await cast(logistics!, ballotOf(logistics!, 'no', logistics!.amountCents), `反对 ${yuan(logistics!.amountCents)}`);
  await cast(steel!, ballotOf(steel!, 'no', steel!.review!.confirmedCents), '再投一次 / votes again');
  await cast(logistics!, ballotOf(bank!, 'no', bank!.amountCents, logistics), '冒用担保银行的名义 / signs as the bank');

  const closed = await courtOrder('close_meeting', '《企业破产法》第六十四条');
  detail(
    `法院结束表决令 / close_meeting ${closed.orderId}（${closed.legalBasis}）: ${said(closed.status)}；再次提交同一命令 / the same request again: ${said(closed.again)}（只执行一次 / executed once）`,
  );

  // The proven tally and everyone's re-check.
  const after = await readAll();
  const tally = after.meeting.closed?.tally;
  const g = tally?.groups[0];
  const check = recheckTally(after);
  if (g !== undefined && tally !== undefined) {
    const half = BigInt(g.totalCents) / 2n;
    const halfRest = BigInt(g.totalCents) % 2n === 0n ? '' : ' + 0.5 分';
    detail(
      `计票（链上，已证明）/ tally (on chain, proven): 出席有表决权债权人 ${g.present} 人，同意 ${g.yesCreditors} 人；同意债权额 ${yuan(g.yesCents)}，反对 ${yuan(g.noCents)}；无财产担保债权总额 ${yuan(g.totalCents)}`,
    );
    detail(
      `  第六十四条：同意人数须过出席人数的半数（${g.yesCreditors} > ${g.present}/2: ${g.yesCreditors * 2 > g.present ? '是' : '否'}），且同意债权额须占无财产担保债权总额的二分之一以上（${yuan(g.yesCents)} ≥ ${yuan(half)}${halfRest}: ${BigInt(g.yesCents) * 2n >= BigInt(g.totalCents) ? '是' : '否'}）`,
    );
    detail(`  决议 / resolution: ${tally.outcome === 'passed' ? '通过 / passed' : '未通过 / failed'}`);
  }
  const diffs = check.differences.map((d) => `${d.field}: ${d.chain} ≠ ${d.recomputed}`).join('; ');
  detail(
    `独立复核（重新验证 ${after.claims.length} 份债权与 ${after.ballots.length} 张表决票的签名并按法定规则重算） / independent re-check: ${check.verdict === 'match' ? '一致 / match' : `${check.verdict} ${diffs}`}；证明包离线复核 / bundles verified offline: ${verdicts.every((v) => v === 'valid') ? `${verdicts.length} 份均有效 / all valid` : verdicts.join(',')}`,
  );
  return {
    caseId: D.caseId,
    accepted,
    refused,
    convene: convened.status,
    close: { status: closed.status, again: closed.again },
    tally: {
      outcome: tally?.outcome ?? 'none',
      present: g?.present ?? 0,
      yesCreditors: g?.yesCreditors ?? 0,
      yesCents: g?.yesCents ?? '0',
      totalCents: g?.totalCents ?? '0',
    },
    recheck: check.verdict,
    verdicts,
  };
}
