/**
 * The finance adapter: bank accounts, loans and their approvals, credit cards; a court may freeze,
 * deduct, release, and pay out of its custody account (disburse). Cards and loans are debts, never
 * the target of an action.
 * @example
 * const ledger = DevLedger.open({ chainId: finance.chainId, contracts: contractsOf(finance) });
 * await ledger.submit(finance.actionTx({ actionId, kind: 'freeze', target: accountNo, amount: '500000', court, caseId, orderId }));
 */
import { buildActionTx, checkAction, type DevLedgerDefinition } from '../sdk/definition.js';
import { financeCardContract } from './card-contract.js';
import { accountKey, financeActionContract, financeRegistryContract } from './contract.js';
import { FINANCE_ACTIONS, FINANCE_CHAIN_ID, FINANCE_RECORD_TYPES } from './schema.js';

export const finance: DevLedgerDefinition = {
  chainId: FINANCE_CHAIN_ID,
  description: 'Bank accounts (holder hash, balance, frozen amount, court freezes), loan approvals and contracts, credit cards',
  // 1.1: credit cards and loan approvals; a loan is registered only on an approval.
  version: '1.1.0',
  recordTypes: FINANCE_RECORD_TYPES,
  actions: FINANCE_ACTIONS,
  assetIndex: 'holder',
  contracts: [financeRegistryContract, financeActionContract, financeCardContract],
  actionTx: (action) => buildActionTx(finance, action),
  actionResultKey: (action) => {
    checkAction(finance, action);
    return accountKey(action.target);
  },
};
