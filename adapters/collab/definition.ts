/**
 * The collab adapter (政法协同): case transfers between courts and political-legal organs, evidence
 * shared by hash with every access logged; a court may seal an evidence item and release it.
 * Organs write through the chain's intake (intake-server.ts), courts order through the verified-order path.
 */
import { buildActionTx, checkAction, type DevLedgerDefinition } from '../sdk/definition.js';
import { collabContract, evidenceKey } from './contract.js';
import { COLLAB_ACTIONS, COLLAB_CHAIN_ID, COLLAB_RECORD_TYPES } from './schema.js';

export const collab: DevLedgerDefinition = {
  chainId: COLLAB_CHAIN_ID,
  description:
    'Case transfers between courts, procuratorates, public security and justice administration; evidence shared by hash, every access logged',
  version: '1.0.0',
  recordTypes: COLLAB_RECORD_TYPES,
  actions: COLLAB_ACTIONS,
  contracts: [collabContract],
  actionTx: (action) => buildActionTx(collab, action),
  actionResultKey: (action) => {
    checkAction(collab, action);
    return evidenceKey(action.target);
  },
};
