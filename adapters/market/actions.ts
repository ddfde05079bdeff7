/**
 * The court actions on the market chain (on the judicial order path the SDK runs: the adapter has
 * verified the order and its judicial record before this contract sees the tx).
 *
 * - `freeze` (股权冻结) targets a stake `<USCC>/<holder>` and freezes exactly `amount` cents of its
 *   subscribed contribution; 0 is `invalid_amount`, more than the stake's free part (neither frozen
 *   nor pledged) `insufficient_equity` (a stake fully frozen has none), the same order twice
 *   `already_frozen`.
 * - `unfreeze` (解除冻结) lifts every freeze of the order's case on the stake (`not_frozen` when the
 *   case holds none: another case's freeze stays).
 * - `seize` (查封) a movable: one seizure at a time (`already_seized`); `release` (解封) lifts only
 *   the seizure of the same case (`not_seized`).
 */
import type { ContractHandler, StateView, StateWrite } from '../../src/chain/ledger/contract.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { ErrorCode } from '../../src/errors.js';
import { decodeActionTx, type ActionInput } from '../sdk/definition.js';
import { centsString, mustRecord, parseCents, refuse } from '../sdk/record.js';
import { isPartyId, isUscc } from './uscc.js';
import { equityKey, loadEnterprise, movableKey, writeEnterprise, writeMovable, writeStake } from './keys.js';
import { freeCents, MARKET_ACTIONS, MARKET_CHAIN_ID, MarketTx, readEquityStake, readMovable, type EquityStake } from './schema.js';

const def = { chainId: MARKET_CHAIN_ID, actions: MARKET_ACTIONS };

/** The state key of a stake target `<USCC>/<holder>`, or `invalid_target`. */
export function stakeKeyOf(target: string): string {
  const [uscc, holder, ...rest] = target.split('/');
  if (uscc === undefined || holder === undefined || rest.length > 0 || !isUscc(uscc) || !isPartyId(holder))
    throw refuse(
      'invalid_target',
      `${JSON.stringify(target).slice(0, 120)} is not <unified social credit code>/<holder hash or USCC>`,
      ErrorCode.InvalidArgument,
    );
  return equityKey(uscc, holder);
}

/** The enterprise record carries the sum of its stakes' freezes (`equityFrozenCents`): moved by `delta`. */
function enterpriseFrozen(state: StateView, uscc: string, delta: bigint): StateWrite {
  const e = loadEnterprise(state, uscc);
  return writeEnterprise(uscc, { ...e, equityFrozenCents: centsString(BigInt(e.equityFrozenCents) + delta, 'equityFrozenCents') });
}

function freeze(state: StateView, s: EquityStake, action: ActionInput, timeMs: number): StateWrite[] {
  if (s.freezes.some((f) => f.orderId === action.orderId))
    throw refuse('already_frozen', `order ${action.orderId} already froze stake ${s.uscc}/${s.holder}`);
  const amount = parseCents(action.amount, 'amount');
  if (amount === 0n) throw refuse('invalid_amount', 'a freeze of 0 cents freezes nothing', ErrorCode.InvalidArgument);
  const free = freeCents(s);
  if (amount > free)
    throw refuse(
      'insufficient_equity',
      `stake ${s.uscc}/${s.holder}: ${amount} cents asked, ${free} free (subscribed ${s.subscribedCents}, frozen ${s.frozenCents}, pledged ${s.pledgedCents})`,
    );
  const entry = { orderId: action.orderId, caseId: action.caseId, court: action.court, amountCents: amount.toString(), sinceMs: timeMs };
  return [
    writeStake({ ...s, frozenCents: (BigInt(s.frozenCents) + amount).toString(), freezes: [...s.freezes, entry] }),
    enterpriseFrozen(state, s.uscc, amount),
  ];
}

function unfreeze(state: StateView, s: EquityStake, action: ActionInput): StateWrite[] {
  const mine = s.freezes.filter((f) => f.caseId === action.caseId);
  if (mine.length === 0) throw refuse('not_frozen', `stake ${s.uscc}/${s.holder} holds no freeze of case ${action.caseId}`);
  const lifted = mine.reduce((sum, f) => sum + BigInt(f.amountCents), 0n);
  return [
    writeStake({
      ...s,
      frozenCents: centsString(BigInt(s.frozenCents) - lifted),
      freezes: s.freezes.filter((f) => f.caseId !== action.caseId),
    }),
    enterpriseFrozen(state, s.uscc, -lifted),
  ];
}

function onMovable(state: StateView, action: ActionInput, timeMs: number): StateWrite[] {
  const m = mustRecord(state, movableKey(action.target), 'movable', 1, readMovable);
  const seizure = m.seizures[0];
  if (action.kind === 'seize') {
    if (seizure) throw refuse('already_seized', `movable ${m.regNo} is already seized (case ${seizure.caseId})`);
    const s = { orderId: action.orderId, caseId: action.caseId, court: action.court, sinceMs: timeMs };
    return [writeMovable({ ...m, seizures: [s] })];
  }
  if (!seizure || seizure.caseId !== action.caseId)
    throw refuse('not_seized', `movable ${m.regNo} holds no seizure of case ${action.caseId}`);
  return [writeMovable({ ...m, seizures: [] })];
}

export const marketActionContract: ContractHandler = {
  types: [MarketTx.Freeze, MarketTx.Unfreeze, MarketTx.Seize, MarketTx.Release],
  apply(tx: Tx, state: StateView, ctx): StateWrite[] {
    const action = decodeActionTx(def, tx);
    if (action.kind === 'seize' || action.kind === 'release') return onMovable(state, action, ctx.timeMs);
    const s = mustRecord(state, stakeKeyOf(action.target), 'equity', 1, readEquityStake);
    return action.kind === 'freeze' ? freeze(state, s, action, ctx.timeMs) : unfreeze(state, s, action);
  },
};
