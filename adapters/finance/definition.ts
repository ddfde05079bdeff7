/**
 * The finance adapter: bank accounts and loans; a court may freeze, deduct, release, and pay out
 * of its custody account (disburse).
 * @example
 * const ledger = DevLedger.open({ chainId: finance.chainId, contracts: contractsOf(finance) });
 * await ledger.submit(finance.actionTx({ actionId, kind: 'freeze', target: accountNo, amount: '500000', court, caseId, orderId }));
 */
import { buildActionTx, checkAction, type DevLedgerDefinition } from '../sdk/definition.js';
import { accountKey, financeActionContract, financeRegistryContract } from './contract.js';
import { FINANCE_ACTIONS, FINANCE_CHAIN_ID, FINANCE_RECORD_TYPES } from './schema.js';

export const finance: DevLedgerDefinition = {
  chainId: FINANCE_CHAIN_ID,
  description: 'Bank accounts (holder hash, balance, frozen amount, court freezes) and loan contracts',
  version: '1.0.0',
  recordTypes: FINANCE_RECORD_TYPES,
  actions: FINANCE_ACTIONS,
  assetIndex: 'holder',
  contracts: [financeRegistryContract, financeActionContract],
  actionTx: (action) => buildActionTx(finance, action),
  actionResultKey: (action) => {
    checkAction(finance, action);
    return accountKey(action.target);
  },
};
