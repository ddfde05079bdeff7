/**
 * The demo's equity-freeze story on the market regulation chain (市场监管, adapters/market): the
 * court finds the debtor's equity stake through the gateway (Investigate by the keyed id hash, every
 * item proven), reads the enterprise it is in, orders a freeze of part of the contribution (filed on
 * the judicial chain, then SubmitAction), and reads the stake back, proven, with the court's freeze
 * on it. A second order for more than is left free is refused by the chain (`insufficient_equity`).
 * Every bundle is re-verified here from its bytes alone.
 */
import { ENTERPRISE_RECORD } from '../../adapters/notary/enterprise-schema.js';
import { MARKET_CHAIN_ID } from '../../adapters/market/schema.js';
import { fromUtf8 } from '../encoding/bytes.js';
import type { JudicialOrder } from '../judicial/order.js';
import { DEMO_CAST } from '../seed/demo-cast.js';
import { verifyProofBundle } from '../verify/proof-bundle-verify.js';
import type { MessageOutput } from '../wire/messages.js';
import { yuan } from '../workflows/display.js';
import { courtDeskOf, fileDemoCase, giveCourtOrder, type CourtStepOptions } from './court-order.js';

/** What happened on the market chain (the demo test checks it). */
export interface EquityStepSummary {
  /** The stake Investigate found for the debtor (`equity/<USCC>/<holder hash>`), and its proof's verdict. */
  found: { key: string; subscribedCents: string; shareBp: number; verdict: string };
  enterprise: { name: string; verdict: string };
  freeze: { status: string; frozenCents: string; verdict: string };
  overFreeze: { status: string; reason: string };
}

interface Stake {
  uscc: string;
  subscribedCents: string;
  shareBp: number;
  frozenCents: string;
  pledgedCents: string;
  freezes: { caseId: string; orderId: string; amountCents: string }[];
}

const percent = (bp: number): string => `${(bp / 100).toFixed(2)}%`;

export async function runEquityStep(o: CourtStepOptions): Promise<EquityStepSummary> {
  const { c, detail } = o;
  const cast = DEMO_CAST;
  const offline = async (b: MessageOutput<'ProofBundle'>): Promise<string> =>
    (await verifyProofBundle(b, { atMs: Date.now(), authority: o.authority })).verdict;
  const query = c.client('QueryService');
  const ask = async (recordType: string, key: string): Promise<MessageOutput<'ProofBundle'>> =>
    (await c.unary(query, 'query', { query: { chainId: MARKET_CHAIN_ID, recordType, key, height: { latest: {} } } })).bundle!;
  const stakeOf = (b: MessageOutput<'ProofBundle'>): Stake => JSON.parse(fromUtf8(new Uint8Array(b.record!.value))) as Stake;

  // 1. Investigate by the keyed id hash: the market chain answers for equity (a property right).
  const inv = await c.unary(c.client('InvestigationService'), 'investigate', {
    ownerIdHash: Buffer.from(cast.debtor.idHash, 'hex'),
    domains: ['ASSET_DOMAIN_PROPERTY'],
  });
  const item = (inv.items ?? []).find((i) => i.bundle?.record?.chainId === MARKET_CHAIN_ID && i.bundle.record.key.startsWith('equity/'));
  if (item === undefined) throw new Error('the market chain did not report the debtor’s equity stake');
  const foundBundle = item.bundle!;
  const key = foundBundle.record!.key;
  const stake = stakeOf(foundBundle);
  const foundVerdict = await offline(foundBundle);
  const ent = await ask(ENTERPRISE_RECORD.name, `enterprise/${stake.uscc}`);
  const enterprise = JSON.parse(fromUtf8(new Uint8Array(ent.record!.value))) as { name: string; registeredCapitalCents: string };
  const entVerdict = await offline(ent);
  detail(
    `网关查得被执行人${cast.debtor.nameZh}的股权 / the debtor's equity stake: ${enterprise.name}（统一社会信用代码 ${stake.uscc}，注册资本 ${yuan(enterprise.registeredCapitalCents)}）`,
  );
  detail(
    `  认缴出资 ${yuan(stake.subscribedCents)}，持股 ${percent(stake.shareBp)}，已冻结 ${yuan(stake.frozenCents)}，已出质 ${yuan(stake.pledgedCents)}；市场监管链高度 ${foundBundle.stateHeight}，离线复核 / verified offline: ${foundVerdict}（企业登记 / enterprise record: ${entVerdict}）`,
  );

  // 2. The freeze order: a case and an order on the judicial chain, then SubmitAction.
  const stamp = Date.now().toString(36).toUpperCase();
  const caseId = `(2026) 京0101执 EQUITY-${stamp}`;
  const desk = courtDeskOf(o);
  await fileDemoCase(desk, caseId, {
    kind: 'enforcement',
    cause: '股权冻结（借款合同纠纷执行）',
    parties: [
      { role: 'applicant', party: cast.creditor.idHash },
      { role: 'respondent', party: cast.debtor.idHash },
    ],
  });
  const legalBasis = '《民事诉讼法》第二百四十九条；《最高人民法院关于人民法院强制执行股权若干问题的规定》第六条';
  const target = key.slice('equity/'.length);
  const orderOf = (n: string, amount: string): JudicialOrder => ({
    orderId: `DEMO-EQUITY-${n}-${stamp}`,
    court: o.court.did,
    caseId,
    chain: MARKET_CHAIN_ID,
    actionId: `demo-equity-${n.toLowerCase()}-${stamp}`,
    kind: 'freeze',
    target,
    amount,
  });
  const submit = async (order: JudicialOrder): Promise<{ status: string; reason: string }> => {
    const { status, reason } = await giveCourtOrder(desk, order, legalBasis, { recordType: 'equity', key });
    return { status, reason };
  };
  // Half of the free contribution: what the debt needs, no more.
  const free = BigInt(stake.subscribedCents) - BigInt(stake.frozenCents) - BigInt(stake.pledgedCents);
  const freeze = orderOf('FREEZE', (free / 2n).toString());
  detail(
    `法院股权冻结令 / equity freeze order ${freeze.orderId}: 冻结出资额 ${yuan(freeze.amount!)}，已写入司法链并经网关提交 / filed on the judicial chain, submitted through the gateway`,
  );
  const done = await submit(freeze);

  // 3. The stake read back through the gateway, proven, with the court's freeze on it.
  const after = await ask('equity', key);
  const now = stakeOf(after);
  const afterVerdict = await offline(after);
  const mine = now.freezes.find((f) => f.orderId === freeze.orderId);
  detail(
    `执行结果 / ${done.status.replace('ACTION_STATUS_', '').toLowerCase()}: 股权已冻结 ${yuan(now.frozenCents)}（案号 ${mine?.caseId ?? '-'}）；市场监管链高度 ${after.stateHeight} 证明，离线复核 / verified offline: ${afterVerdict}`,
  );

  // 4. More than is left free: the chain refuses it, with its reason.
  const left = BigInt(now.subscribedCents) - BigInt(now.frozenCents) - BigInt(now.pledgedCents);
  const over = await submit(orderOf('OVER', (left + 1n).toString()));
  detail(
    `再下一道冻结令 ${yuan(left + 1n)}（仅余 ${yuan(left)} 可冻结）/ an over-freeze order: ${over.status === 'ACTION_STATUS_REJECTED' ? '被市场监管链拒绝 / rejected by the chain' : over.status}，原因 / reason ${over.reason}`,
  );
  return {
    found: { key, subscribedCents: stake.subscribedCents, shareBp: stake.shareBp, verdict: foundVerdict },
    enterprise: { name: enterprise.name, verdict: entVerdict },
    freeze: { status: done.status, frozenCents: now.frozenCents, verdict: afterVerdict },
    overFreeze: over,
  };
}
