/**
 * The bank consortium's EVM chain as its adapter serves it: the chain id, its one record type
 * (`bank_account`) and the court actions its contract executes (bank-schema.ts). It is an
 * `AdapterDefinition`, not a `DevLedgerDefinition`: the contract is BankLedger.sol on the chain
 * itself, so there are no dev ledger contracts, action txs or result keys here; the backend
 * (evm-backend.ts) turns an action into the contract's order call and proves the target account.
 */
import type { AdapterDefinition } from '../sdk/definition.js';
import { BANK_ACTIONS, BANK_CHAIN_ID, BANK_RECORD_TYPES } from './bank-schema.js';

export const bank: AdapterDefinition = {
  chainId: BANK_CHAIN_ID,
  description: "A bank consortium's EVM ledger (BankLedger.sol): accounts proven by eth_getProof, final by the chain's notaries",
  version: '0.1.0',
  recordTypes: BANK_RECORD_TYPES,
  actions: BANK_ACTIONS,
};
