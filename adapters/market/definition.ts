/**
 * The market regulation adapter (市场监管): enterprises, equity stakes and changes, equity pledges,
 * movable mortgages, financial leases and precious-metal warehouse receipts; a court may freeze and
 * unfreeze equity, seize and release movables.
 * @example
 * const ledger = DevLedger.open({ chainId: market.chainId, contracts: contractsOf(market) });
 * await ledger.submit(market.actionTx({ actionId, kind: 'freeze', target: `${uscc}/${holderHash}`, amount: '500000', court, caseId, orderId }));
 */
import { buildActionTx, checkAction, type DevLedgerDefinition } from '../sdk/definition.js';
import { marketActionContract, stakeKeyOf } from './actions.js';
import { marketCollateralContract, marketEquityContract } from './contract.js';
import { movableKey } from './keys.js';
import { MARKET_ACTIONS, MARKET_CHAIN_ID, MARKET_RECORD_TYPES } from './schema.js';

export const market: DevLedgerDefinition = {
  chainId: MARKET_CHAIN_ID,
  description: 'Market regulation: enterprises, equity stakes (freezes, pledges), movable mortgages, financial leases, warehouse receipts',
  version: '1.0.0',
  recordTypes: MARKET_RECORD_TYPES,
  actions: MARKET_ACTIONS,
  // Enforcement finds a debtor's stakes by holder (src/workflows/enforcement/asset-profiles.ts `equityProfile`).
  assetIndex: 'holder',
  contracts: [marketEquityContract, marketCollateralContract, marketActionContract],
  actionTx: (action) => buildActionTx(market, action),
  actionResultKey: (action) => {
    const spec = checkAction(market, action);
    return spec.targetRecordType === 'equity' ? stakeKeyOf(action.target) : movableKey(action.target);
  },
};
