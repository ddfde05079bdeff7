/**
 * Credit-card contract (card-schema.ts). Rules, in the order they are checked (each refusal names its reason):
 * - `finance.card.approve` opens a card once (`record_exists`) with a limit above 0 (`invalid_amount`).
 * - Every later tx names a card that exists (`unknown_record`) and is dated no earlier than the
 *   card's latest event (`invalid_dates`); amounts are above 0 (`invalid_amount`).
 * - `finance.card.limit` changes the limit; not on a card in default (`card_in_default`), not
 *   below the balance owed (`limit_below_balance`).
 * - `finance.card.charge` adds to the balance owed; not on a card in default (`card_in_default`),
 *   never over the limit (`over_limit`). A charge on a clear card starts the payment period: due
 *   `CARD_GRACE_DAYS` later.
 * - `finance.card.repay` lowers the balance owed, never more than is owed (`overpayment`); paid in
 *   full, nothing is due any more (a default stays on the record: it happened).
 * - `finance.card.default` marks the card in default with the days it is past due; refused once
 *   in default (`invalid_transition`) and while nothing is past due by at least a day (`not_overdue`).
 */
import type { ContractHandler, StateView, StateWrite } from '../../src/chain/ledger/contract.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { ErrorCode } from '../../src/errors.js';
import { recordKey } from '../sdk/definition.js';
import { centsString, mustRecord, parseCents, readTyped, recordWrite, refuse } from '../sdk/record.js';
import {
  CARD_GRACE_DAYS,
  CARD_REPAYMENTS_KEPT,
  type Card,
  CardTx,
  DAY_MS,
  readCard,
  readCardAmount,
  readCardApprove,
  readCardDefault,
  readCardLimit,
} from './card-schema.js';

export const cardKey = (cardNo: string): string => recordKey('card', cardNo);

function writeCard(c: Card): StateWrite {
  return recordWrite(cardKey(c.cardNo), c, [{ name: 'holder', value: c.holder }]);
}

/** The card of a later tx, checked to exist and that `atMs` does not go back in its history. */
function loadCard(state: StateView, cardNo: string, atMs: number): Card {
  const c = mustRecord(state, cardKey(cardNo), 'card', 1, readCard);
  if (atMs < c.updatedAtMs)
    throw refuse(
      'invalid_dates',
      `card ${cardNo}: an event at ${atMs} is dated before its latest one (${c.updatedAtMs})`,
      ErrorCode.InvalidArgument,
    );
  return c;
}

function positive(amountCents: string, what: string): bigint {
  const amount = parseCents(amountCents, 'amountCents');
  if (amount === 0n) throw refuse('invalid_amount', `${what} of 0 cents`, ErrorCode.InvalidArgument);
  return amount;
}

function notInDefault(c: Card, what: string): void {
  if (c.status === 'default') throw refuse('card_in_default', `card ${c.cardNo} is in default: no ${what}`);
}

export const financeCardContract: ContractHandler = {
  types: [CardTx.Approve, CardTx.Limit, CardTx.Charge, CardTx.Repay, CardTx.Default],
  apply(tx: Tx, state: StateView): StateWrite[] {
    switch (tx.type) {
      case CardTx.Approve: {
        const b = readTyped(tx.body, 'card_approve', 'card_approve', 1, readCardApprove);
        if (state.get(cardKey(b.cardNo)) !== undefined)
          throw refuse('record_exists', `card ${b.cardNo} already exists`, ErrorCode.AlreadyExists);
        positive(b.limitCents, 'a credit limit');
        return [
          writeCard({
            type: 'card',
            schema: 1,
            cardNo: b.cardNo,
            holder: b.holder,
            bank: b.bank,
            approval: { approvedAtMs: b.approvedAtMs, limitCents: b.limitCents },
            balanceCents: '0',
            dueAtMs: 0,
            repaidCents: '0',
            repayments: [],
            status: 'normal',
            overdueDays: 0,
            updatedAtMs: b.approvedAtMs,
          }),
        ];
      }
      case CardTx.Limit: {
        const b = readTyped(tx.body, 'card_limit', 'card_limit', 1, readCardLimit);
        const c = loadCard(state, b.cardNo, b.atMs);
        const limit = positive(b.limitCents, 'a credit limit');
        notInDefault(c, 'limit change');
        if (limit < BigInt(c.balanceCents))
          throw refuse('limit_below_balance', `card ${c.cardNo}: a limit of ${limit} cents is below the ${c.balanceCents} owed`);
        return [writeCard({ ...c, approval: { ...c.approval, limitCents: b.limitCents }, updatedAtMs: b.atMs })];
      }
      case CardTx.Charge: {
        const b = readTyped(tx.body, 'card_charge', 'card_charge', 1, readCardAmount('card_charge'));
        const c = loadCard(state, b.cardNo, b.atMs);
        const amount = positive(b.amountCents, 'a charge');
        notInDefault(c, 'charge');
        const owed = BigInt(c.balanceCents) + amount;
        if (owed > BigInt(c.approval.limitCents))
          throw refuse('over_limit', `card ${c.cardNo}: ${owed} cents owed would exceed the limit of ${c.approval.limitCents}`);
        const dueAtMs = c.dueAtMs === 0 ? b.atMs + CARD_GRACE_DAYS * DAY_MS : c.dueAtMs;
        return [writeCard({ ...c, balanceCents: owed.toString(), dueAtMs, updatedAtMs: b.atMs })];
      }
      case CardTx.Repay: {
        const b = readTyped(tx.body, 'card_repay', 'card_repay', 1, readCardAmount('card_repay'));
        const c = loadCard(state, b.cardNo, b.atMs);
        const amount = positive(b.amountCents, 'a repayment');
        if (amount > BigInt(c.balanceCents))
          throw refuse('overpayment', `card ${c.cardNo}: repaying ${amount} cents, ${c.balanceCents} owed`);
        const owed = BigInt(c.balanceCents) - amount;
        const repayments = [...c.repayments, { amountCents: b.amountCents, atMs: b.atMs }].slice(-CARD_REPAYMENTS_KEPT);
        return [
          writeCard({
            ...c,
            balanceCents: centsString(owed, 'balanceCents'),
            dueAtMs: owed === 0n ? 0 : c.dueAtMs,
            repaidCents: (BigInt(c.repaidCents) + amount).toString(),
            repayments,
            updatedAtMs: b.atMs,
          }),
        ];
      }
      case CardTx.Default: {
        const b = readTyped(tx.body, 'card_default', 'card_default', 1, readCardDefault);
        const c = loadCard(state, b.cardNo, b.atMs);
        if (c.status === 'default') throw refuse('invalid_transition', `card ${c.cardNo} is already in default`);
        const overdueDays = c.dueAtMs === 0 ? 0 : Math.floor((b.atMs - c.dueAtMs) / DAY_MS);
        if (BigInt(c.balanceCents) === 0n || overdueDays < 1) {
          const due = c.dueAtMs === 0 ? 'nothing is due' : `payment is due ${new Date(c.dueAtMs).toISOString()}`;
          throw refuse('not_overdue', `card ${c.cardNo}: nothing is past due by a day at ${new Date(b.atMs).toISOString()} (${due})`);
        }
        return [writeCard({ ...c, status: 'default', overdueDays, updatedAtMs: b.atMs })];
      }
      default:
        throw refuse('unknown_tx_type', `the card contract does not handle ${tx.type}`, ErrorCode.InvalidArgument);
    }
  },
};
