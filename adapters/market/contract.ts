/**
 * Market regulation registrar contracts (the registrar's txs; the court actions are actions.ts).
 *
 * Rules, each refusal with its reason:
 * - `market.enterprise.register` writes the enterprise (the alliance's enterprise record), its
 *   register of members and one stake per founding shareholder:
 *   shares summing to 10,000 bp (`shares_not_summing`) and contributions to the registered capital
 *   (`capital_mismatch`), no shareholder twice (`invalid_record`), a USCC registered once
 *   (`record_exists`). Personal ids only as keyed hashes (`invalid_record` otherwise).
 * - `market.equity.transfer` (股权变更) moves contribution and share from one holder to another of
 *   an active enterprise (`not_active`): never a frozen part (`equity_frozen`), never a pledged part
 *   (`equity_pledged`), never more than the stake or to the same holder (`invalid_transfer`), never
 *   leaving contribution without share or share without contribution (`share_mismatch`); after it
 *   the enterprise's stakes are re-read and must still sum to 10,000 bp and to its capital. The
 *   change is recorded under `equity_change/<USCC>/<changeNo>` (`record_exists` when reused).
 * - `market.equity.pledge` (股权出质) pledges only a free part (`insufficient_equity`; the same
 *   registration number twice is `already_pledged`); `market.equity.unpledge` lifts it (`not_pledged`).
 * - Movables register without seizures (`invalid_encumbrance`: only a court order seizes) and take
 *   no new mortgage while seized (`asset_seized`); leases need a term that ends after it starts
 *   (`invalid_dates`); receipts register unpledged and unseized and take one pledge (`already_pledged`,
 *   `asset_seized`).
 */
import type { ContractHandler, StateView, StateWrite } from '../../src/chain/ledger/contract.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { ErrorCode } from '../../src/errors.js';
import { centsString, mustRecord, parseCents, readRecord, readTyped, refuse } from '../sdk/record.js';
import type { Enterprise } from '../notary/enterprise-schema.js';
import {
  enterpriseKey,
  equityChangeKey,
  equityKey,
  leaseKey,
  loadEnterprise,
  loadRegister,
  loadStake,
  movableKey,
  receiptKey,
  writeChange,
  writeEnterprise,
  writeLease,
  writeMovable,
  writeReceipt,
  writeRegister,
  writeStake,
} from './keys.js';
import {
  freeCents,
  MarketTx,
  readEnterpriseRegister,
  readEnterpriseStatus,
  readEquityPledgeBody,
  readEquityStake,
  readEquityTransfer,
  readEquityUnpledge,
  readFinancialLease,
  readMovable,
  readMovableMortgage,
  readReceiptPledgeBody,
  readWarehouseReceipt,
  type EquityStake,
} from './schema.js';

const byHolder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The enterprise's stakes must still make up the whole enterprise: 10,000 bp and its registered capital. */
function checkWhole(uscc: string, e: Enterprise, stakes: readonly EquityStake[]): void {
  const bp = stakes.reduce((s, x) => s + x.shareBp, 0);
  if (bp !== 10_000)
    throw refuse('shares_not_summing', `enterprise ${uscc}: shares sum to ${bp} basis points, not 10000`, ErrorCode.InvalidArgument);
  const capital = stakes.reduce((s, x) => s + BigInt(x.subscribedCents), 0n);
  if (capital !== BigInt(e.registeredCapitalCents))
    throw refuse(
      'capital_mismatch',
      `enterprise ${uscc}: contributions sum to ${capital} cents, the registered capital is ${e.registeredCapitalCents}`,
      ErrorCode.InvalidArgument,
    );
}

function register(tx: Tx, state: StateView): StateWrite[] {
  const b = readTyped(tx.body, 'enterprise_register', 'enterprise_register', 1, readEnterpriseRegister);
  if (state.get(enterpriseKey(b.uscc)) !== undefined)
    throw refuse('record_exists', `enterprise ${b.uscc} already exists`, ErrorCode.AlreadyExists);
  const holders = b.shareholders.map((s) => s.holder);
  if (new Set(holders).size !== holders.length)
    throw refuse('invalid_record', `enterprise ${b.uscc}: a shareholder is listed twice`, ErrorCode.InvalidArgument);
  if (holders.includes(b.uscc)) throw refuse('invalid_record', `enterprise ${b.uscc} cannot hold itself`, ErrorCode.InvalidArgument);
  const stakes: EquityStake[] = b.shareholders.map((s) => ({
    type: 'equity',
    schema: 1,
    uscc: b.uscc,
    holderKind: s.holderKind,
    holder: s.holder,
    subscribedCents: s.subscribedCents,
    shareBp: s.shareBp,
    frozenCents: '0',
    freezes: [],
    pledgedCents: '0',
    pledges: [],
  }));
  const e: Enterprise = {
    type: 'enterprise',
    schema: 1,
    name: b.name,
    legalRepresentativeHash: b.legalRepresentativeHash,
    registeredCapitalCents: b.registeredCapitalCents,
    equityFrozenCents: '0',
    status: 'active',
  };
  checkWhole(b.uscc, e, stakes);
  return [
    writeEnterprise(b.uscc, e),
    writeRegister({ type: 'shareholder_register', schema: 1, uscc: b.uscc, holders: [...holders].sort(byHolder) }),
    ...stakes.map(writeStake),
  ];
}

function transfer(tx: Tx, state: StateView, timeMs: number): StateWrite[] {
  const b = readTyped(tx.body, 'equity_transfer', 'equity_transfer', 1, readEquityTransfer);
  const e = loadEnterprise(state, b.uscc);
  if (e.status !== 'active') throw refuse('not_active', `enterprise ${b.uscc} is ${e.status}: its equity does not change`);
  const members = loadRegister(state, b.uscc);
  if (state.get(equityChangeKey(b.uscc, b.changeNo)) !== undefined)
    throw refuse('record_exists', `equity change ${b.changeNo} of ${b.uscc} already exists`, ErrorCode.AlreadyExists);
  if (b.from === b.to) throw refuse('invalid_transfer', 'a transfer to the same holder changes nothing', ErrorCode.InvalidArgument);
  const from = loadStake(state, b.uscc, b.from);
  if (from.holderKind !== b.fromKind)
    throw refuse('invalid_transfer', `holder ${b.from} is not a ${b.fromKind}`, ErrorCode.InvalidArgument);
  const amount = parseCents(b.amountCents, 'amountCents');
  if (amount === 0n) throw refuse('invalid_amount', 'a transfer of 0 cents moves nothing', ErrorCode.InvalidArgument);
  const subscribed = BigInt(from.subscribedCents);
  if (amount > subscribed || b.shareBp > from.shareBp)
    throw refuse(
      'invalid_transfer',
      `stake ${b.uscc}/${b.from} holds ${subscribed} cents and ${from.shareBp} bp; ${amount} cents and ${b.shareBp} bp asked`,
      ErrorCode.InvalidArgument,
    );
  if (amount > subscribed - BigInt(from.frozenCents))
    throw refuse('equity_frozen', `stake ${b.uscc}/${b.from}: ${from.frozenCents} cents are frozen by a court and cannot be transferred`);
  if (amount > freeCents(from))
    throw refuse('equity_pledged', `stake ${b.uscc}/${b.from}: ${from.pledgedCents} cents are pledged and cannot be transferred`);
  const leftCents = subscribed - amount;
  const leftBp = from.shareBp - b.shareBp;
  if ((leftCents === 0n) !== (leftBp === 0))
    throw refuse(
      'share_mismatch',
      `stake ${b.uscc}/${b.from} would keep ${leftCents} cents and ${leftBp} bp: contribution and share leave together`,
      ErrorCode.InvalidArgument,
    );
  const existing = readRecord(state, equityKey(b.uscc, b.to), 'equity', 1, readEquityStake);
  if (existing !== undefined && existing.holderKind !== b.toKind)
    throw refuse('invalid_transfer', `holder ${b.to} is not a ${b.toKind}`, ErrorCode.InvalidArgument);
  if (b.to === b.uscc) throw refuse('invalid_transfer', `enterprise ${b.uscc} cannot hold itself`, ErrorCode.InvalidArgument);
  const to: EquityStake = existing
    ? { ...existing, subscribedCents: (BigInt(existing.subscribedCents) + amount).toString(), shareBp: existing.shareBp + b.shareBp }
    : {
        type: 'equity',
        schema: 1,
        uscc: b.uscc,
        holderKind: b.toKind,
        holder: b.to,
        subscribedCents: amount.toString(),
        shareBp: b.shareBp,
        frozenCents: '0',
        freezes: [],
        pledgedCents: '0',
        pledges: [],
      };
  const gone = leftCents === 0n;
  const newFrom: EquityStake = { ...from, subscribedCents: centsString(leftCents), shareBp: leftBp };
  const holders = [...new Set([...members.holders.filter((h) => !(gone && h === b.from)), b.to])].sort(byHolder);
  // Re-read every stake as it will be: the enterprise must still be whole after the change.
  const after = holders.map((h) => (h === b.to ? to : h === b.from ? newFrom : loadStake(state, b.uscc, h)));
  checkWhole(b.uscc, e, after);
  return [
    gone ? { key: equityKey(b.uscc, b.from), value: null } : writeStake(newFrom),
    writeStake(to),
    writeRegister({ ...members, holders }),
    writeChange({
      type: 'equity_change',
      schema: 1,
      uscc: b.uscc,
      changeNo: b.changeNo,
      fromKind: b.fromKind,
      from: b.from,
      toKind: b.toKind,
      to: b.to,
      amountCents: amount.toString(),
      shareBp: b.shareBp,
      atMs: timeMs,
    }),
  ];
}

function pledge(tx: Tx, state: StateView, timeMs: number): StateWrite[] {
  const b = readTyped(tx.body, 'equity_pledge', 'equity_pledge', 1, readEquityPledgeBody);
  const s = loadStake(state, b.uscc, b.holder);
  if (s.pledges.some((p) => p.regNo === b.regNo)) throw refuse('already_pledged', `pledge ${b.regNo} is already registered`);
  const amount = parseCents(b.amountCents, 'amountCents');
  if (amount === 0n) throw refuse('invalid_amount', 'a pledge of 0 cents pledges nothing', ErrorCode.InvalidArgument);
  if (amount > freeCents(s))
    throw refuse('insufficient_equity', `stake ${b.uscc}/${b.holder}: ${amount} cents asked, ${freeCents(s)} neither frozen nor pledged`);
  const p = { regNo: b.regNo, pledgeeKind: b.pledgeeKind, pledgee: b.pledgee, amountCents: amount.toString(), registeredAtMs: timeMs };
  return [writeStake({ ...s, pledgedCents: (BigInt(s.pledgedCents) + amount).toString(), pledges: [...s.pledges, p] })];
}

function unpledge(tx: Tx, state: StateView): StateWrite[] {
  const b = readTyped(tx.body, 'equity_unpledge', 'equity_unpledge', 1, readEquityUnpledge);
  const s = loadStake(state, b.uscc, b.holder);
  const p = s.pledges.find((x) => x.regNo === b.regNo);
  if (p === undefined) throw refuse('not_pledged', `stake ${b.uscc}/${b.holder} has no pledge ${b.regNo}`);
  return [
    writeStake({
      ...s,
      pledgedCents: centsString(BigInt(s.pledgedCents) - BigInt(p.amountCents)),
      pledges: s.pledges.filter((x) => x !== p),
    }),
  ];
}

/** Enterprises, stakes, equity changes and pledges, as the registrar (登记机关) registers them. */
export const marketEquityContract: ContractHandler = {
  types: [MarketTx.EnterpriseRegister, MarketTx.EnterpriseStatus, MarketTx.EquityTransfer, MarketTx.EquityPledge, MarketTx.EquityUnpledge],
  apply(tx: Tx, state: StateView, ctx): StateWrite[] {
    switch (tx.type) {
      case MarketTx.EnterpriseRegister:
        return register(tx, state);
      case MarketTx.EnterpriseStatus: {
        const b = readTyped(tx.body, 'enterprise_status', 'enterprise_status', 1, readEnterpriseStatus);
        const e = loadEnterprise(state, b.uscc);
        if (e.status === 'cancelled') throw refuse('invalid_transition', `enterprise ${b.uscc} is cancelled`);
        return [writeEnterprise(b.uscc, { ...e, status: b.status })];
      }
      case MarketTx.EquityTransfer:
        return transfer(tx, state, ctx.timeMs);
      case MarketTx.EquityPledge:
        return pledge(tx, state, ctx.timeMs);
      case MarketTx.EquityUnpledge:
        return unpledge(tx, state);
      default:
        throw refuse('unknown_tx_type', `market equity registry does not handle ${tx.type}`, ErrorCode.InvalidArgument);
    }
  },
};

/** Movable mortgages, financial leases and warehouse receipts, as their registrars register them. */
export const marketCollateralContract: ContractHandler = {
  types: [MarketTx.MovableRegister, MarketTx.MovableMortgage, MarketTx.LeaseRegister, MarketTx.ReceiptRegister, MarketTx.ReceiptPledge],
  apply(tx: Tx, state: StateView, ctx): StateWrite[] {
    switch (tx.type) {
      case MarketTx.MovableRegister: {
        const m = readTyped(tx.body, 'movable', 'movable', 1, readMovable);
        if (state.get(movableKey(m.regNo)) !== undefined)
          throw refuse('record_exists', `movable ${m.regNo} already exists`, ErrorCode.AlreadyExists);
        if (m.seizures.length > 0)
          throw refuse('invalid_encumbrance', 'a seizure is only made by a court order', ErrorCode.InvalidArgument);
        return [writeMovable(m)];
      }
      case MarketTx.MovableMortgage: {
        const b = readTyped(tx.body, 'movable_mortgage', 'movable_mortgage', 1, readMovableMortgage);
        const m = mustRecord(state, movableKey(b.regNo), 'movable', 1, readMovable);
        if (m.seizures.length > 0) throw refuse('asset_seized', `movable ${m.regNo} is seized (case ${m.seizures[0]!.caseId})`);
        if (m.mortgages.some((x) => x.mortgageNo === b.mortgageNo))
          throw refuse('record_exists', `mortgage ${b.mortgageNo} already exists`, ErrorCode.AlreadyExists);
        const mortgage = { mortgageNo: b.mortgageNo, mortgagee: b.mortgagee, amountCents: b.amountCents, registeredAtMs: ctx.timeMs };
        return [writeMovable({ ...m, mortgages: [...m.mortgages, mortgage] })];
      }
      case MarketTx.LeaseRegister: {
        const l = readTyped(tx.body, 'financial_lease', 'financial_lease', 1, readFinancialLease);
        if (state.get(leaseKey(l.regNo)) !== undefined)
          throw refuse('record_exists', `lease ${l.regNo} already exists`, ErrorCode.AlreadyExists);
        if (l.termEndMs <= l.termStartMs)
          throw refuse('invalid_dates', `lease ${l.regNo}: the term ends before it starts`, ErrorCode.InvalidArgument);
        return [writeLease(l)];
      }
      case MarketTx.ReceiptRegister: {
        const r = readTyped(tx.body, 'warehouse_receipt', 'warehouse_receipt', 1, readWarehouseReceipt);
        if (state.get(receiptKey(r.receiptNo)) !== undefined)
          throw refuse('record_exists', `receipt ${r.receiptNo} already exists`, ErrorCode.AlreadyExists);
        if (r.seizures.length > 0)
          throw refuse('invalid_encumbrance', 'a seizure is only made by a court order', ErrorCode.InvalidArgument);
        if (r.pledges.length > 0)
          throw refuse('invalid_encumbrance', 'a pledge is registered by market.receipt.pledge', ErrorCode.InvalidArgument);
        return [writeReceipt(r)];
      }
      case MarketTx.ReceiptPledge: {
        const b = readTyped(tx.body, 'receipt_pledge', 'receipt_pledge', 1, readReceiptPledgeBody);
        const r = mustRecord(state, receiptKey(b.receiptNo), 'warehouse_receipt', 1, readWarehouseReceipt);
        if (r.seizures.length > 0) throw refuse('asset_seized', `receipt ${r.receiptNo} is seized (case ${r.seizures[0]!.caseId})`);
        if (r.pledges.length > 0) throw refuse('already_pledged', `receipt ${r.receiptNo} is already pledged (${r.pledges[0]!.regNo})`);
        const p = { regNo: b.regNo, pledgee: b.pledgee, amountCents: b.amountCents, registeredAtMs: ctx.timeMs };
        return [writeReceipt({ ...r, pledges: [p] })];
      }
      default:
        throw refuse('unknown_tx_type', `market collateral registry does not handle ${tx.type}`, ErrorCode.InvalidArgument);
    }
  },
};
