/**
 * IP contracts. Rules: a right is registered once, clear and without transfers; a
 * frozen right cannot be transferred (`asset_frozen`); `freeze` refuses a frozen right
 * (`already_frozen`); `release` refuses a right that is not frozen (`not_frozen`) or frozen by
 * another case (`held_by_other_case`).
 */
import type { ContractHandler, StateView, StateWrite } from '../../src/chain/ledger/contract.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { ErrorCode } from '../../src/errors.js';
import { decodeActionTx } from '../sdk/definition.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import { mustRecord, readTyped, recordWrite, refuse } from '../sdk/record.js';
import {
  IP_ACTIONS,
  IP_CHAIN_ID,
  IP_RIGHT_TYPES,
  IpTx,
  readIpRight,
  readIpTransferBody,
  type IpRight,
  type IpRightType,
} from './schema.js';

const def = { chainId: IP_CHAIN_ID, actions: IP_ACTIONS };

/** State key of a right: `<type>/<regNo>`. */
export const ipRightKey = (type: IpRightType, regNo: string): string => `${type}/${regNo}`;

/** Split `<type>/<regNo>`, or `invalid_target`. */
export function parseIpRightKey(key: string): { type: IpRightType; regNo: string } {
  const i = key.indexOf('/');
  const type = key.slice(0, i) as IpRightType;
  if (i < 0 || !IP_RIGHT_TYPES.includes(type))
    throw refuse('invalid_target', `${JSON.stringify(key)} is not <copyright|trademark|patent>/<regNo>`, ErrorCode.InvalidArgument);
  return { type, regNo: key.slice(i + 1) };
}

function load(state: StateView, key: string): IpRight {
  const { type } = parseIpRightKey(key);
  return mustRecord(state, key, type, 1, readIpRight(type));
}

function writeRight(r: IpRight): StateWrite {
  return recordWrite(ipRightKey(r.type, r.regNo), r, [{ name: 'owner', value: r.owner }]);
}

export const ipContract: ContractHandler = {
  types: [IpTx.Register, IpTx.Transfer, IpTx.Freeze, IpTx.Release],
  apply(tx: Tx, state: StateView, ctx): StateWrite[] {
    switch (tx.type) {
      case IpTx.Register: {
        const peek = decodeCanonicalObject(tx.body, 'ip.register body');
        const type = peek['type'] as IpRightType;
        if (!IP_RIGHT_TYPES.includes(type))
          throw refuse('invalid_record', `ip.register body.type: expected one of ${IP_RIGHT_TYPES.join(', ')}`, ErrorCode.InvalidArgument);
        const r = readTyped(tx.body, 'ip.register body', type, 1, readIpRight(type));
        if (state.get(ipRightKey(type, r.regNo)) !== undefined)
          throw refuse('record_exists', `${type} ${r.regNo} already exists`, ErrorCode.AlreadyExists);
        if (r.enforcement.status !== 'clear' || r.transfers.length > 0)
          throw refuse('invalid_record', 'a new right is registered clear and without transfers', ErrorCode.InvalidArgument);
        return [writeRight(r)];
      }
      case IpTx.Transfer: {
        const b = readTyped(tx.body, 'ip_transfer', 'ip_transfer', 1, readIpTransferBody);
        const r = load(state, b.right);
        if (r.enforcement.status === 'frozen')
          throw refuse('asset_frozen', `${b.right} is frozen by case ${r.enforcement.caseId}: it cannot be transferred`);
        if (r.status !== 'registered') throw refuse('invalid_transition', `${b.right} is ${r.status}`);
        if (b.to === r.owner) throw refuse('invalid_transition', `${b.right} already belongs to that owner`);
        return [writeRight({ ...r, owner: b.to, transfers: [...r.transfers, { from: r.owner, to: b.to, atMs: ctx.timeMs }] })];
      }
      default: {
        const action = decodeActionTx(def, tx);
        const r = load(state, action.target);
        if (action.kind === 'freeze') {
          if (r.enforcement.status === 'frozen')
            throw refuse('already_frozen', `${action.target} is already frozen (case ${r.enforcement.caseId})`);
          return [
            writeRight({
              ...r,
              enforcement: { status: 'frozen', orderId: action.orderId, caseId: action.caseId, court: action.court, sinceMs: ctx.timeMs },
            }),
          ];
        }
        if (r.enforcement.status !== 'frozen') throw refuse('not_frozen', `${action.target} is not frozen`);
        if (r.enforcement.caseId !== action.caseId)
          throw refuse('held_by_other_case', `${action.target} is frozen by case ${r.enforcement.caseId}, not ${action.caseId}`);
        return [writeRight({ ...r, enforcement: { status: 'clear' } })];
      }
    }
  },
};
