/**
 * The enforcement contract's audit details: Chinese first, English after " / ", money in 元 with
 * two decimals, Beijing time, every id whole (a released action's id is never shortened).
 */
import { describe, expect, it } from 'vitest';
import {
  actionExecutedText,
  deductionPlannedText,
  distributionPlannedText,
  enforcementPlannedText,
  enforcementResumedText,
  enforcementTerminatedText,
  obligationOverdueText,
} from '../../src/workflows/enforcement/audit-text.js';

const zhOf = (t: string): string => t.slice(0, t.indexOf(' / '));
const enOf = (t: string): string => t.slice(t.indexOf(' / ') + 3);

describe('enforcement audit details', () => {
  it('say it in Chinese first, then in English, with money in 元 and time in Beijing time', () => {
    const t = obligationOverdueText(['1', '2'], Date.UTC(2026, 11, 5, 16, 0, 0), 800_000_000n);
    expect(zhOf(t)).toBe('义务 1、2 已于 2026-12-06 00:00:00 北京时间 逾期，尚欠 8,000,000.00 元');
    expect(enOf(t)).toBe('obligation(s) 1, 2 overdue at 2026-12-06 00:00:00 北京时间; 8,000,000.00 元 outstanding');
    expect(zhOf(enforcementPlannedText(3, 665_500_000n, 800_000_000n, 'shortfall'))).toBe(
      '计划执行措施 3 项，可覆盖 6,655,000.00 元，执行标的 8,000,000.00 元（财产不足）；信用惩戒：纳入失信被执行人名单并限制高消费',
    );
  });

  it('name a released action by its whole id', () => {
    const id = 'act-0123456789abcdef0123456789abcdef01234567';
    const t = actionExecutedText({
      chainId: 'finance',
      target: 'account/6222020200112345678',
      kind: 'unfreeze',
      releases: id,
      amountCents: '',
      coversCents: '0',
      orderId: 'ord-1',
      legalBasis: '《民事诉讼法》第二百四十九条',
    });
    expect(zhOf(t)).toContain(`解除措施 ${id}；`);
    expect(enOf(t)).toContain(`released ${id};`);
    expect(t).not.toContain('…');
  });

  it('keep the rules the action passed in the English half, where tools read them', () => {
    const t = actionExecutedText({
      chainId: 'finance',
      target: 'account/6222020200112345678',
      kind: 'freeze',
      amountCents: '12000000',
      coversCents: '12000000',
      orderId: 'ord-2',
      legalBasis: 'basis',
      rules: { passed: ['legal_basis_recorded', 'within_debt'], coveredCents: 12000000n, debtCents: 800000000n },
    });
    expect(zhOf(t)).toBe(
      'finance account/6222020200112345678：冻结 120,000.00 元（计入 120,000.00 元）；执行令 ord-2；依据 basis；已累计覆盖 120,000.00 元，执行标的 8,000,000.00 元',
    );
    expect(enOf(t)).toContain('rules passed: legal_basis_recorded,within_debt;');
  });

  it('give the period for voluntary payment in the largest whole unit', () => {
    expect(zhOf(deductionPlannedText(3 * 86_400_000, 2))).toContain('（3 天）');
    expect(enOf(deductionPlannedText(3_600_000, 1))).toContain('(1 hour after freezing)');
    expect(enOf(deductionPlannedText(1_500, 1))).toContain('(1500 ms after freezing)');
  });

  it('state the distribution: the rule, the rank order, every share, the held ones marked', () => {
    const t = distributionPlannedText({
      rule: '按受偿顺位分配',
      rankOrder: ['secured', 'preferential', 'ordinary'],
      availableCents: 15_500_000n,
      verdict: 'shortfall',
      shares: [
        { obligationId: 'A', rank: 'secured', amountCents: '9000000', held: false },
        { obligationId: 'B', rank: 'ordinary', amountCents: '6500000', held: true },
      ],
    });
    expect(zhOf(t)).toBe(
      '执行款专户可分配 155,000.00 元；分配规则：按受偿顺位分配，顺位 担保债权 > 优先债权 > 普通债权；义务 A（担保债权）90,000.00 元；义务 B（普通债权）65,000.00 元（未指定收款账户，留存专户）（不足清偿）',
    );
    expect(enOf(t)).toBe(
      '155,000.00 元 in custody to distribute by rank (secured > preferential > ordinary), pro rata within a rank, largest remainder: obligation A (secured) 90,000.00 元; obligation B (ordinary) 65,000.00 元 (no payee account named: held in custody) (shortfall)',
    );
  });

  it('name the obligation a payment pays and the running total paid out', () => {
    const t = actionExecutedText({
      chainId: 'finance',
      target: 'account/6225880112233445',
      kind: 'disburse',
      pays: 'A',
      amountCents: '9000000',
      coversCents: '9000000',
      orderId: 'ord-3',
      legalBasis: 'basis',
      rules: { passed: ['payee_named', 'within_custody'], coveredCents: 9000000n, debtCents: 20000000n },
    });
    expect(zhOf(t)).toBe(
      'finance account/6225880112233445：发放执行款 90,000.00 元，清偿义务 A；执行令 ord-3；依据 basis；已累计发放 90,000.00 元，执行标的 200,000.00 元',
    );
    expect(enOf(t)).toBe(
      'finance account/6225880112233445: disburse 90,000.00 元 paid toward obligation A; order ord-3; basis: basis; rules passed: payee_named,within_custody; paid out 90,000.00 元 of 200,000.00 元',
    );
  });

  it('say 终结本次执行 and 恢复执行 the way a clerk writes them, with the next check in Beijing time', () => {
    const t = enforcementTerminatedText('enf-M-1', 2, 784_500_000n, Date.UTC(2027, 5, 3, 16, 0, 0));
    expect(zhOf(t)).toBe(
      '执行案件 enf-M-1 经查无可供执行的财产，终结本次执行程序（第 2 次），尚欠 7,845,000.00 元；失信名单和限制高消费等措施继续有效；将于 2027-06-04 00:00:00 北京时间 前再次查询财产，合作链报告新财产时立即查询',
    );
    expect(enOf(t)).toContain('terminated for lack of assets (round 2)');
    const found = enforcementResumedText('enf-M-1', 1, { reason: 'assets_found', items: 2, total: 4_000_000n, requestedBy: 'finance' });
    expect(zhOf(found)).toBe(
      '执行案件 enf-M-1 恢复执行（第 1 次终结后）：经 finance 链报告后查询发现新财产 2 项，价值 40,000.00 元，仅对新财产采取措施',
    );
    expect(enOf(found)).toContain('re-investigation requested by chain finance found 2 new asset(s) worth 40,000.00 元');
    expect(zhOf(enforcementResumedText('enf-M-1', 1, { reason: 'assets_found', items: 1, total: 100n }))).toContain(
      '定期查询发现新财产 1 项',
    );
    expect(zhOf(enforcementResumedText('enf-M-1', 1, { reason: 'performed', items: 0, total: 0n }))).toBe(
      '执行案件 enf-M-1 恢复执行：债务已履行，解除全部措施后结案',
    );
  });
});
