/**
 * Property registry contracts. Rules: a title is registered once with its owners'
 * shares summing to 10,000 bp and no seizure; `seize` adds a seizure and refuses a title already
 * under seizure (`already_seized`: waiting seizures, 轮候查封, are not modelled, the second court
 * must wait for the release); `release` lifts only the seizure of the same case (`not_seized`).
 */
import type { ContractHandler, StateView, StateWrite } from '../../src/chain/ledger/contract.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { ErrorCode } from '../../src/errors.js';
import { decodeActionTx, recordKey } from '../sdk/definition.js';
import { mustRecord, readTyped, recordWrite, refuse } from '../sdk/record.js';
import { PROPERTY_ACTIONS, PROPERTY_CHAIN_ID, PropertyTx, readTitle, type Title } from './schema.js';

const def = { chainId: PROPERTY_CHAIN_ID, actions: PROPERTY_ACTIONS };

export const titleKey = (titleNo: string): string => recordKey('title', titleNo);

function writeTitle(t: Title): StateWrite {
  return recordWrite(
    titleKey(t.titleNo),
    t,
    t.owners.map((o) => ({ name: 'owner', value: o.owner })),
  );
}

export const propertyContract: ContractHandler = {
  types: [PropertyTx.Register, PropertyTx.Seize, PropertyTx.Release],
  apply(tx: Tx, state: StateView, ctx): StateWrite[] {
    if (tx.type === PropertyTx.Register) {
      const t = readTyped(tx.body, 'title', 'title', 1, readTitle);
      if (state.get(titleKey(t.titleNo)) !== undefined)
        throw refuse('record_exists', `title ${t.titleNo} already exists`, ErrorCode.AlreadyExists);
      if (t.encumbrances.some((e) => e.kind === 'seizure'))
        throw refuse('invalid_encumbrance', 'a seizure is only made by a court order', ErrorCode.InvalidArgument);
      return [writeTitle(t)];
    }
    const action = decodeActionTx(def, tx);
    const t = mustRecord(state, titleKey(action.target), 'title', 1, readTitle);
    const seizure = t.encumbrances.find((e) => e.kind === 'seizure');
    if (action.kind === 'seize') {
      if (seizure) throw refuse('already_seized', `title ${t.titleNo} is already seized (case ${seizure.caseId})`);
      const s = { kind: 'seizure' as const, orderId: action.orderId, caseId: action.caseId, court: action.court, sinceMs: ctx.timeMs };
      return [writeTitle({ ...t, encumbrances: [...t.encumbrances, s] })];
    }
    if (!seizure || seizure.caseId !== action.caseId)
      throw refuse('not_seized', `title ${t.titleNo} holds no seizure of case ${action.caseId}`);
    return [writeTitle({ ...t, encumbrances: t.encumbrances.filter((e) => e !== seizure) })];
  },
};
