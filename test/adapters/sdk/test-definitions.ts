/**
 * A small definition for the SDK tests: `<chain>` accounts with one action, `freeze`, that counts
 * how many times it was applied (so "applied twice" is visible in the state). The judicial chain
 * in the SDK tests is the real one (adapters/judicial), orders issued by its `order.issue` tx.
 */
import type { ContractHandler, StateView } from '../../../src/chain/ledger/contract.js';
import type { Tx } from '../../../src/chain/ledger/transaction.js';
import { fromUtf8, utf8 } from '../../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../../src/errors.js';
import { buildActionTx, decodeActionTx, type ActionInput, type DevLedgerDefinition } from '../../../adapters/sdk/definition.js';

export interface TestAccount {
  holder: string;
  freezes: number;
  frozenCents: string;
}

export function readAccount(bytes: Uint8Array | undefined): TestAccount | undefined {
  return bytes === undefined ? undefined : (JSON.parse(fromUtf8(bytes)) as TestAccount);
}

export function accountsTestDefinition(chainId: string): DevLedgerDefinition {
  const def: DevLedgerDefinition = {
    chainId,
    description: 'test accounts',
    version: 'test',
    recordTypes: [{ name: 'account', keyPrefix: 'account/', description: 'accounts', indexes: ['holder'] }],
    actions: [{ kind: 'freeze', txType: 'test.freeze', description: 'freeze an amount', amount: 'required', targetRecordType: 'account' }],
    contracts: [],
    actionTx: (a: ActionInput) => buildActionTx(def, a),
    actionResultKey: (a: ActionInput) => `account/${a.target}`,
  };
  const put: ContractHandler = {
    types: ['test.put'],
    apply: (tx: Tx) => {
      const a = JSON.parse(fromUtf8(tx.body)) as { id: string; holder: string };
      const value: TestAccount = { holder: a.holder, freezes: 0, frozenCents: '0' };
      return [{ key: `account/${a.id}`, value: utf8(JSON.stringify(value)), index: [{ name: 'holder', value: a.holder }] }];
    },
  };
  const freeze: ContractHandler = {
    types: ['test.freeze'],
    apply: (tx: Tx, state: StateView) => {
      const action = decodeActionTx(def, tx);
      const key = `account/${action.target}`;
      const acc = readAccount(state.get(key));
      if (acc === undefined) throw new CourtbridgeError(ErrorCode.NotFound, 'unknown_record', `${key} does not exist`);
      const next: TestAccount = {
        ...acc,
        freezes: acc.freezes + 1,
        frozenCents: (BigInt(acc.frozenCents) + BigInt(action.amount ?? '0')).toString(),
      };
      return [{ key, value: utf8(JSON.stringify(next)), index: [{ name: 'holder', value: acc.holder }] }];
    },
  };
  (def.contracts as ContractHandler[]).push(put, freeze);
  return def;
}
