/**
 * Credit contracts. Rules: one listing and one restriction per person at a time
 * (`already_listed` / `already_restricted`); delisting or unrestricting a person who is not
 * there is refused (`not_listed` / `not_restricted`), and only the case that listed them lifts
 * it (`held_by_other_case`). Removal deletes the key, so its absence is provable again.
 */
import type { ContractHandler, StateView, StateWrite } from '../../src/chain/ledger/contract.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { ErrorCode } from '../../src/errors.js';
import { decodeActionTx, recordKey } from '../sdk/definition.js';
import { readRecord, typedItem, readTyped, recordWrite, refuse, type Fields } from '../sdk/record.js';
import { PERSONAL_HASH_PATTERN } from '../../src/privacy/keyed-hash.js';
import {
  CREDIT_ACTIONS,
  CREDIT_CHAIN_ID,
  CreditTx,
  RESTRICTED_CONSUMPTION,
  readListing,
  readRestriction,
  type ConsumptionRestriction,
  type DishonestListing,
} from './schema.js';

const def = { chainId: CREDIT_CHAIN_ID, actions: CREDIT_ACTIONS };

export const dishonestKey = (personHash: string): string => recordKey('dishonest', personHash);
export const restrictionKey = (personHash: string): string => recordKey('restriction', personHash);

const writeListing = (l: DishonestListing): StateWrite => recordWrite(dishonestKey(l.person), l, [{ name: 'court', value: l.court }]);
const writeRestriction = (r: ConsumptionRestriction): StateWrite =>
  recordWrite(restrictionKey(r.person), r, [{ name: 'court', value: r.court }]);

function readImport(f: Fields): { listings: DishonestListing[]; restrictions: ConsumptionRestriction[] } {
  return {
    listings: f.array('listings', typedItem('dishonest_listing', 1, readListing), { max: 10_000 }),
    restrictions: f.array('restrictions', typedItem('consumption_restriction', 1, readRestriction), { max: 10_000 }),
  };
}

export const creditContract: ContractHandler = {
  types: Object.values(CreditTx),
  apply(tx: Tx, state: StateView, ctx): StateWrite[] {
    if (tx.type === CreditTx.Import) {
      const b = readTyped(tx.body, 'credit_import', 'credit_import', 1, readImport);
      const writes = [...b.listings.map(writeListing), ...b.restrictions.map(writeRestriction)];
      const keys = new Set<string>();
      for (const w of writes) {
        if (keys.has(w.key) || state.get(w.key) !== undefined)
          throw refuse('record_exists', `${w.key} is already on the list`, ErrorCode.AlreadyExists);
        keys.add(w.key);
      }
      return writes;
    }
    const action = decodeActionTx(def, tx);
    if (!PERSONAL_HASH_PATTERN.test(action.target))
      throw refuse('invalid_target', 'credit actions target a person hash (64 lowercase hex)', ErrorCode.InvalidArgument);
    const person = action.target;
    const base = { person, court: action.court, caseId: action.caseId, orderId: action.orderId, sinceMs: ctx.timeMs };
    switch (action.kind) {
      case 'list': {
        const cur = readRecord(state, dishonestKey(person), 'dishonest_listing', 1, readListing);
        if (cur) throw refuse('already_listed', `the person is already listed (case ${cur.caseId})`);
        return [writeListing({ type: 'dishonest_listing', schema: 1, ...base, reason: 'court_order' })];
      }
      case 'restrict': {
        const cur = readRecord(state, restrictionKey(person), 'consumption_restriction', 1, readRestriction);
        if (cur) throw refuse('already_restricted', `the person is already restricted (case ${cur.caseId})`);
        return [writeRestriction({ type: 'consumption_restriction', schema: 1, ...base, scope: [...RESTRICTED_CONSUMPTION] })];
      }
      case 'delist': {
        const cur = readRecord(state, dishonestKey(person), 'dishonest_listing', 1, readListing);
        if (!cur) throw refuse('not_listed', 'the person is not on the dishonest list');
        if (cur.caseId !== action.caseId) throw refuse('held_by_other_case', `the listing belongs to case ${cur.caseId}`);
        return [{ key: dishonestKey(person), value: null }];
      }
      case 'unrestrict': {
        const cur = readRecord(state, restrictionKey(person), 'consumption_restriction', 1, readRestriction);
        if (!cur) throw refuse('not_restricted', 'the person is not restricted');
        if (cur.caseId !== action.caseId) throw refuse('held_by_other_case', `the restriction belongs to case ${cur.caseId}`);
        return [{ key: restrictionKey(person), value: null }];
      }
      default:
        throw refuse('unknown_action', `credit has no action ${action.kind}`, ErrorCode.InvalidArgument);
    }
  },
};
