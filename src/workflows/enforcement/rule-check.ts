/**
 * Rule checks for sensitive operations ("freeze, deduct pass a rule check before they
 * are ordered: amount caps, the order's legal basis recorded, no freeze beyond the debt"). Pure;
 * the result names every rule it checked, and is written into the audit entry of the order.
 */
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { CreditorRank } from './agreement.js';
import type { ActionRecordJson, CaseStateJson } from './case-state.js';

export type RuleName =
  | 'legal_basis_recorded'
  | 'asset_investigated'
  | 'within_amount_cap'
  | 'within_asset_value'
  | 'within_debt'
  | 'freeze_executed'
  | 'deduction_period_passed'
  | 'within_frozen'
  | 'within_outstanding'
  | 'payment_planned'
  | 'payee_named'
  | 'within_custody'
  | 'within_owed';

export type RuleRejection =
  | 'legal_basis_missing'
  | 'asset_not_investigated'
  | 'amount_cap_exceeded'
  | 'amount_exceeds_asset'
  | 'freeze_beyond_debt'
  | 'deduct_without_freeze'
  | 'deduct_too_early'
  | 'deduct_beyond_frozen'
  | 'deduct_beyond_debt'
  | 'payment_unplanned'
  | 'payee_not_named'
  | 'payment_beyond_custody'
  | 'payment_beyond_owed';

/**
 * The deduction rule ("automatic deduction"; Civil Procedure Law arts. 249-250: the court
 * may deduct deposits it has frozen when the debtor does not perform within the period the
 * enforcement notice sets): once EVERY planned finance freeze has executed and
 * `policy.deductAfterMs` (the period for voluntary payment after freezing) has passed since the
 * last of them while money is still owed, the contract deducts, freeze by freeze in plan order,
 * min(frozen amount, outstanding debt) into the court's custody account (finance `deduct`).
 * The deducted funds are then distributed to the creditors (`PAYMENT_RULE`); each passes
 * `checkDeduction` first.
 */
export const DEDUCTION_RULE = '自愿履行期届满后扣划冻结款项';

/**
 * The payment rule (art. 16 of the opinions): deducted funds in the court's custody are paid to
 * the creditors of the case by rank, pro rata within a rank (distribution.ts `DISTRIBUTION_RULE`),
 * each share a finance `disburse` order to the payee account the signed instrument names. A
 * payment counts as performance of its obligation (a `performance.report` by the court on the
 * judicial chain) once it executed; the case closes when the debt is paid out. Each payment
 * passes `checkPayment` first.
 */
export const PAYMENT_RULE = '扣划款项按顺位及比例发放申请执行人';

export interface EnforcementPolicy {
  /** Largest amount a single automatic order may freeze or seize, cents. */
  maxOrderCents: bigint;
  /** Statutory basis cited in every order. */
  legalBasis: string;
  /** Lifetime of an order credential, ms (at most an hour: DEFAULT_MAX_LIFETIME_MS.order). */
  orderLifetimeMs: number;
  /** The period for voluntary payment after freezing, ms; absent = no automatic deduction (`DEDUCTION_RULE`). */
  deductAfterMs?: number;
  /** Rank order of the distribution (distribution.ts); absent = `DEFAULT_RANK_ORDER`. */
  rankOrder?: readonly CreditorRank[];
  /** A terminated case (终结本次执行) is investigated again this often, ms; every 180 days unless told (termination.ts). */
  reinvestigateEveryMs?: number;
  /** After a re-investigation, a partner chain's asset report triggers the next one no sooner than this, ms (0 unless told). */
  assetReportMinIntervalMs?: number;
}

export interface RuleCheckEvidence {
  passed: RuleName[];
  /** Sum covered by this and earlier sensitive actions, cents, against the debt. */
  coveredCents: string;
  debtCents: string;
}

/** Steps that take assets: they pass the rule check. */
export const SENSITIVE_STEPS: ReadonlySet<string> = new Set(['freeze', 'seize']);

const refuse = (reason: RuleRejection, message: string): never => {
  throw new CourtbridgeError(ErrorCode.FailedPrecondition, reason, `rule check: ${message}`, { details: { rule: reason } });
};

/** @throws CourtbridgeError FAILED_PRECONDITION with a `RuleRejection` reason */
export function checkSensitiveAction(s: CaseStateJson, a: ActionRecordJson, policy: EnforcementPolicy): RuleCheckEvidence {
  const e = s.enforcement!;
  if (a.legalBasis.trim().length === 0) refuse('legal_basis_missing', `order ${a.orderId} cites no legal basis`);
  const item = e.investigation?.items.find((i) => i.chainId === a.chainId && i.target === a.target && i.bundle === a.basisBundle);
  if (!item) refuse('asset_not_investigated', `${a.chainId}/${a.target} was not found by the investigation with a proof`);
  const amount = a.amountCents === '' ? 0n : BigInt(a.amountCents);
  const covers = BigInt(a.coversCents);
  if (amount > policy.maxOrderCents || covers > policy.maxOrderCents)
    refuse('amount_cap_exceeded', `${covers} cents exceeds the cap of ${policy.maxOrderCents}`);
  if (amount > BigInt(item!.valueCents)) refuse('amount_exceeds_asset', `${amount} cents exceeds the asset's ${item!.valueCents}`);
  let total = 0n;
  for (const other of Object.values(s.actions)) if (SENSITIVE_STEPS.has(other.step)) total += BigInt(other.coversCents);
  if (!s.actions[a.actionId]) total += covers;
  if (total > BigInt(e.debtCents)) refuse('freeze_beyond_debt', `orders would cover ${total} cents of a ${e.debtCents} cent debt`);
  return {
    passed: ['legal_basis_recorded', 'asset_investigated', 'within_amount_cap', 'within_asset_value', 'within_debt'],
    coveredCents: total.toString(),
    debtCents: e.debtCents,
  };
}

/**
 * The rule check of a deduction (`DEDUCTION_RULE`).
 * @throws CourtbridgeError FAILED_PRECONDITION `legal_basis_missing` | `deduct_without_freeze` | `deduct_too_early` | `amount_cap_exceeded` | `deduct_beyond_frozen` | `deduct_beyond_debt`
 */
export function checkDeduction(
  s: CaseStateJson,
  a: ActionRecordJson,
  policy: EnforcementPolicy,
  outstandingCents: bigint,
  nowMs: number,
): RuleCheckEvidence {
  const e = s.enforcement!;
  if (a.legalBasis.trim().length === 0) refuse('legal_basis_missing', `order ${a.orderId} cites no legal basis`);
  const freeze = a.deducts === undefined ? undefined : s.actions[a.deducts];
  if (freeze?.step !== 'freeze' || freeze.status !== 'executed' || freeze.chainId !== a.chainId || freeze.target !== a.target)
    refuse('deduct_without_freeze', `${a.chainId}/${a.target} holds no executed freeze of this case`);
  if (e.deductAfterMs === undefined || nowMs < (freeze!.executedAtMs ?? Infinity) + e.deductAfterMs)
    refuse('deduct_too_early', 'the period for voluntary payment after freezing has not passed');
  const amount = BigInt(a.amountCents);
  if (amount > policy.maxOrderCents) refuse('amount_cap_exceeded', `${amount} cents exceeds the cap of ${policy.maxOrderCents}`);
  let deducted = 0n;
  for (const o of Object.values(s.actions))
    if (o.step === 'deduct' && o.deducts === a.deducts && o.actionId !== a.actionId && o.status === 'executed')
      deducted += BigInt(o.amountCents);
  if (amount + deducted > BigInt(freeze!.amountCents))
    refuse(
      'deduct_beyond_frozen',
      `${amount} cents exceeds what ${freeze!.orderId} froze (${freeze!.amountCents}, ${deducted} already deducted)`,
    );
  if (a.status === 'planned' && amount > outstandingCents)
    refuse('deduct_beyond_debt', `${amount} cents exceeds the ${outstandingCents} cents still owed`);
  return {
    passed: [
      'legal_basis_recorded',
      'freeze_executed',
      'deduction_period_passed',
      'within_amount_cap',
      'within_frozen',
      'within_outstanding',
    ],
    coveredCents: (deducted + amount).toString(),
    debtCents: e.debtCents,
  };
}

/**
 * The rule check of a payment (`PAYMENT_RULE`). `payees` maps each obligation id to the payee
 * account the signed instrument names (decoded from the court-signed bytes, never from the state).
 * @throws CourtbridgeError FAILED_PRECONDITION `legal_basis_missing` | `payment_unplanned` | `payee_not_named` |
 *   `amount_cap_exceeded` | `payment_beyond_custody` | `payment_beyond_owed`
 */
export function checkPayment(
  s: CaseStateJson,
  a: ActionRecordJson,
  policy: EnforcementPolicy,
  payees: ReadonlyMap<string, string | undefined>,
): RuleCheckEvidence {
  const e = s.enforcement!;
  if (a.legalBasis.trim().length === 0) refuse('legal_basis_missing', `order ${a.orderId} cites no legal basis`);
  const share = e.distribution?.shares.find((x) => x.actionId === a.actionId);
  if (
    a.step !== 'disburse' ||
    share === undefined ||
    share.obligationId !== a.pays ||
    share.amountCents !== a.amountCents ||
    share.chainId !== a.chainId
  )
    refuse('payment_unplanned', `order ${a.orderId} is not a share of the case's distribution`);
  const named = payees.get(a.pays!);
  if (named === undefined || named !== a.target || share!.payeeAccount !== a.target)
    refuse('payee_not_named', `${a.chainId}/${a.target} is not the payee account the instrument names for obligation ${a.pays}`);
  const amount = BigInt(a.amountCents);
  if (amount > policy.maxOrderCents) refuse('amount_cap_exceeded', `${amount} cents exceeds the cap of ${policy.maxOrderCents}`);
  // What the case deducted on this chain, minus what it paid or may have paid (an order under way).
  let deducted = 0n;
  let paid = 0n;
  for (const o of Object.values(s.actions)) {
    if (o.chainId !== a.chainId || o.actionId === a.actionId) continue;
    if (o.step === 'deduct' && o.status === 'executed') deducted += BigInt(o.amountCents);
    if (o.step === 'disburse' && o.status !== 'planned') paid += BigInt(o.amountCents);
  }
  if (amount + paid > deducted)
    refuse('payment_beyond_custody', `${amount} cents exceeds what the case deducted (${deducted}) minus what it paid (${paid})`);
  const ob = s.obligations.find((o) => o.obligationId === a.pays);
  const owed = ob === undefined ? 0n : BigInt(ob.amountCents) - BigInt(ob.performedCents);
  if (a.status === 'planned' && amount > owed)
    refuse('payment_beyond_owed', `${amount} cents exceeds the ${owed} cents obligation ${a.pays} is still owed`);
  return {
    passed: ['legal_basis_recorded', 'payment_planned', 'payee_named', 'within_amount_cap', 'within_custody', 'within_owed'],
    coveredCents: (paid + amount).toString(),
    debtCents: e.debtCents,
  };
}
