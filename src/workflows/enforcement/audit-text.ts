/**
 * The enforcement contract's audit details as a court clerk reads them: zh-CN first, then the
 * same in English after " / ". Money in 元 with two decimals, times in Beijing time, ids whole.
 * The text is part of the signed audit entry, so it is written once here and never re-derived.
 */
import { beijingTime, yuan } from '../display.js';

const bilingual = (zh: string, en: string): string => `${zh} / ${en}`;

/** What an order did, in a clerk's words. */
const ACTION_KIND_ZH: Readonly<Record<string, string>> = {
  freeze: '冻结',
  unfreeze: '解除冻结',
  seize: '查封',
  release: '解除',
  deduct: '扣划',
  disburse: '发放执行款',
  list: '纳入失信被执行人名单',
  delist: '移出失信被执行人名单',
  restrict: '限制高消费',
  unrestrict: '解除限制高消费',
};

export const actionKindZh = (kind: string): string => ACTION_KIND_ZH[kind] ?? kind;

export const agreementRegisteredText = (obligations: number, totalCents: bigint | string): string =>
  bilingual(
    `登记法院确认的调解协议：${obligations} 项义务，合计 ${yuan(totalCents)}`,
    `court-confirmed agreement with ${obligations} obligation(s), total ${yuan(totalCents)}`,
  );

const INSTRUMENT_ZH = { judgment: '判决', ruling: '裁定' } as const;

export const instrumentRegisteredText = (kind: 'judgment' | 'ruling', obligations: number, totalCents: bigint | string): string =>
  bilingual(
    `登记已生效的${INSTRUMENT_ZH[kind]}：${obligations} 项义务，合计 ${yuan(totalCents)}`,
    `effective ${kind} with ${obligations} obligation(s), total ${yuan(totalCents)}`,
  );

export const mediationRegisteredText = (parties: number, deadlineMs: number): string =>
  bilingual(
    `登记调解案件：当事人 ${parties} 方，应于 ${beijingTime(deadlineMs)} 前达成协议`,
    `mediation registered: ${parties} parties, agreement due by ${beijingTime(deadlineMs)}`,
  );

export const mediationFailedText = (reason: 'withdrawn' | 'deadline', atMs: number): string =>
  reason === 'withdrawn'
    ? bilingual(`当事人于 ${beijingTime(atMs)} 撤回调解，调解不成`, `a party withdrew at ${beijingTime(atMs)}; mediation failed`)
    : bilingual(`至 ${beijingTime(atMs)} 未达成调解协议，调解不成`, `no agreement by ${beijingTime(atMs)}; mediation failed`);

export const trialFiledText = (trialCaseId: string, mediationCaseId: string): string =>
  bilingual(
    `诉讼案件 ${trialCaseId} 已立案，附调解记录 case/${mediationCaseId}`,
    `trial case ${trialCaseId} filed with the mediation record case/${mediationCaseId}`,
  );

export const performanceReportedText = (obligationId: string, amount: bigint | string, outstanding: bigint | string): string =>
  bilingual(
    `义务 ${obligationId} 已履行 ${yuan(amount)}，尚欠 ${yuan(outstanding)}`,
    `obligation ${obligationId}: ${yuan(amount)} performed, ${yuan(outstanding)} outstanding`,
  );

export const agreementPerformedText = (): string => bilingual('全部义务已履行，无需执行', 'every obligation performed; nothing to enforce');

export const obligationOverdueText = (ids: readonly string[], atMs: number, debt: bigint | string): string =>
  bilingual(
    `义务 ${ids.join('、')} 已于 ${beijingTime(atMs)} 逾期，尚欠 ${yuan(debt)}`,
    `obligation(s) ${ids.join(', ')} overdue at ${beijingTime(atMs)}; ${yuan(debt)} outstanding`,
  );

export const enforcementFiledText = (caseId: string, debt: bigint | string): string =>
  bilingual(`执行案件 ${caseId} 已立案，执行标的 ${yuan(debt)}`, `enforcement case ${caseId} filed for ${yuan(debt)}`);

export const assetsInvestigatedText = (o: {
  items: number;
  total: bigint | string;
  chains: number;
  unavailable: readonly string[];
  completeness: 'complete' | 'partial';
}): string =>
  bilingual(
    `在 ${o.chains} 条链上查得财产 ${o.items} 项，价值 ${yuan(o.total)}${o.unavailable.length ? `；未答复的链：${o.unavailable.join('、')}` : ''}（${o.completeness === 'complete' ? '查询完整' : '查询不完整'}）`,
    `${o.items} asset(s) worth ${yuan(o.total)} found across ${o.chains} chain(s)${o.unavailable.length ? `; unavailable: ${o.unavailable.join(', ')}` : ''} (${o.completeness})`,
  );

export const enforcementPlannedText = (
  orders: number,
  covered: bigint | string,
  debt: bigint | string,
  verdict: 'covered' | 'shortfall',
): string =>
  bilingual(
    `计划执行措施 ${orders} 项，可覆盖 ${yuan(covered)}，执行标的 ${yuan(debt)}（${verdict === 'covered' ? '足额' : '财产不足'}）${verdict === 'shortfall' ? '；信用惩戒：纳入失信被执行人名单并限制高消费' : ''}`,
    `${orders} asset order(s) covering ${yuan(covered)} of ${yuan(debt)} (${verdict})${verdict === 'shortfall' ? '; credit punishment: list and restrict' : ''}`,
  );

/** A period as a person says it: the largest whole unit (天, 小时, 分钟, 秒), or milliseconds below a second. */
function period(ms: number): { zh: string; en: string } {
  const units: [number, string, string][] = [
    [86_400_000, '天', 'day'],
    [3_600_000, '小时', 'hour'],
    [60_000, '分钟', 'minute'],
    [1_000, '秒', 'second'],
  ];
  for (const [size, zh, en] of units) {
    if (ms >= size && ms % size === 0) return { zh: `${ms / size} ${zh}`, en: `${ms / size} ${en}${ms === size ? '' : 's'}` };
  }
  return { zh: `${ms} 毫秒`, en: `${ms} ms` };
}

export const deductionPlannedText = (afterMs: number, deductions: number): string =>
  bilingual(
    `冻结后的自愿履行期（${period(afterMs).zh}）已过；计划将冻结款项扣划至法院执行款专户 ${deductions} 笔`,
    `period for voluntary payment (${period(afterMs).en} after freezing) passed; ${deductions} deduction(s) of frozen funds to the court's custody account`,
  );

const RANK_ZH = { secured: '担保债权', preferential: '优先债权', ordinary: '普通债权' } as const;
type Rank = keyof typeof RANK_ZH;

/** The distribution of deducted funds: the rule, the rank order, each share (held = no payee account named). */
export const distributionPlannedText = (o: {
  rule: string;
  rankOrder: readonly Rank[];
  availableCents: bigint | string;
  verdict: 'paid_in_full' | 'shortfall';
  shares: readonly { obligationId: string; rank: Rank; amountCents: string; held: boolean }[];
}): string => {
  const zhShares = o.shares.map(
    (x) => `义务 ${x.obligationId}（${RANK_ZH[x.rank]}）${yuan(x.amountCents)}${x.held ? '（未指定收款账户，留存专户）' : ''}`,
  );
  const enShares = o.shares.map(
    (x) => `obligation ${x.obligationId} (${x.rank}) ${yuan(x.amountCents)}${x.held ? ' (no payee account named: held in custody)' : ''}`,
  );
  return bilingual(
    `执行款专户可分配 ${yuan(o.availableCents)}；分配规则：${o.rule}，顺位 ${o.rankOrder.map((r) => RANK_ZH[r]).join(' > ')}；${zhShares.join('；') || '无'}（${o.verdict === 'paid_in_full' ? '全部清偿' : '不足清偿'}）`,
    `${yuan(o.availableCents)} in custody to distribute by rank (${o.rankOrder.join(' > ')}), pro rata within a rank, largest remainder: ${enShares.join('; ') || 'none'} (${o.verdict === 'paid_in_full' ? 'paid in full' : 'shortfall'})`,
  );
};

export const actionExecutedText = (o: {
  chainId: string;
  target: string;
  kind: string;
  /** The action this one releases, when it is a release. */
  releases?: string;
  /** The obligation a payment pays. */
  pays?: string;
  amountCents: string;
  coversCents: string;
  orderId: string;
  legalBasis: string;
  rules?: { passed: readonly string[]; coveredCents: string | bigint; debtCents: string | bigint };
}): string => {
  const amount = o.amountCents ? ` ${yuan(o.amountCents)}` : '';
  const zhWhat =
    o.releases !== undefined
      ? `解除措施 ${o.releases}`
      : o.pays !== undefined
        ? `${actionKindZh(o.kind)}${amount}，清偿义务 ${o.pays}`
        : `${actionKindZh(o.kind)}${amount}（计入 ${yuan(o.coversCents)}）`;
  const enWhat =
    o.releases !== undefined
      ? `released ${o.releases}`
      : o.pays !== undefined
        ? `${o.kind}${amount} paid toward obligation ${o.pays}`
        : `${o.kind}${amount} (covers ${yuan(o.coversCents)})`;
  // For a payment the running total is what the case paid out, not what its orders cover.
  const zhTotal = o.pays !== undefined ? '已累计发放' : '已累计覆盖';
  const enTotal = o.pays !== undefined ? 'paid out' : 'covered';
  const zhRules = o.rules ? `；${zhTotal} ${yuan(o.rules.coveredCents)}，执行标的 ${yuan(o.rules.debtCents)}` : '';
  const enRules = o.rules
    ? `; rules passed: ${o.rules.passed.join(',')}; ${enTotal} ${yuan(o.rules.coveredCents)} of ${yuan(o.rules.debtCents)}`
    : '';
  return bilingual(
    `${o.chainId} ${o.target}：${zhWhat}；执行令 ${o.orderId}；依据 ${o.legalBasis}${zhRules}`,
    `${o.chainId} ${o.target}: ${enWhat}; order ${o.orderId}; basis: ${o.legalBasis}${enRules}`,
  );
};

export const releasePlannedText = (releases: number): string =>
  bilingual(`债务已清偿；待解除措施 ${releases} 项`, `debt covered; ${releases} release(s) to order`);

export const enforcementClosedText = (): string =>
  bilingual('债务已清偿；全部冻结、查封和失信名单均已解除', 'debt covered; every freeze, seizure and listing released');

export const enforcementTerminatedText = (caseId: string, round: number, outstanding: bigint | string, nextCheckAtMs: number): string =>
  bilingual(
    `执行案件 ${caseId} 经查无可供执行的财产，终结本次执行程序（第 ${round} 次），尚欠 ${yuan(outstanding)}；失信名单和限制高消费等措施继续有效；将于 ${beijingTime(nextCheckAtMs)} 前再次查询财产，合作链报告新财产时立即查询`,
    `enforcement case ${caseId} terminated for lack of assets (round ${round}), ${yuan(outstanding)} outstanding; credit punishment and measures stay in force; assets are investigated again by ${beijingTime(nextCheckAtMs)}, and at once when a partner chain reports a new asset`,
  );

export const enforcementResumedText = (
  caseId: string,
  round: number,
  o: { reason: 'assets_found' | 'performed'; items: number; total: bigint | string; requestedBy?: string },
): string =>
  o.reason === 'performed'
    ? bilingual(
        `执行案件 ${caseId} 恢复执行：债务已履行，解除全部措施后结案`,
        `enforcement case ${caseId} resumed: the debt was performed; every measure is released, then the case closes`,
      )
    : bilingual(
        `执行案件 ${caseId} 恢复执行（第 ${round} 次终结后）：${o.requestedBy ? `经 ${o.requestedBy} 链报告后` : '定期'}查询发现新财产 ${o.items} 项，价值 ${yuan(o.total)}，仅对新财产采取措施`,
        `enforcement case ${caseId} resumed (after termination ${round}): the ${o.requestedBy ? `re-investigation requested by chain ${o.requestedBy}` : 'scheduled re-investigation'} found ${o.items} new asset(s) worth ${yuan(o.total)}; measures target the new assets only`,
      );
