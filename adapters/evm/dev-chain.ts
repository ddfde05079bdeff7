/**
 * A bank chain for development and tests: on a node with unlocked funded accounts (a hardhat
 * node, src/devtools/hardhat-node.ts), deploy BankLedger from the node's first account (its
 * owner), make the adapter's address an operator, and fund that address for gas, so that an
 * adapter with its own key (evm-key.ts) can execute orders. A production chain's owner does the
 * same with its own tools: `setOperator(adapterAddress, true)` and a funded adapter account.
 */
import { BankLedgerContract } from './bank-ledger.js';
import type { EvmRpc } from './rpc.js';

export interface DevBankChain {
  /** The deployed contract, driven from the owner account. */
  contract: BankLedgerContract;
  /** The owner (deployer) account. */
  owner: string;
}

/** 10 ether: gas for many thousands of orders on a test chain. */
const DEV_FUNDING_WEI = 10n ** 19n;

/**
 * Deploy BankLedger, authorise `adapterAddress` as an operator and fund it with `fundingWei`.
 * @example
 * const { contract } = await deployDevBankChain(new EvmRpc(node.url), key.address);
 */
export async function deployDevBankChain(rpc: EvmRpc, adapterAddress: string, fundingWei = DEV_FUNDING_WEI): Promise<DevBankChain> {
  const [owner] = await rpc.accounts();
  if (owner === undefined) throw new TypeError(`the node at ${rpc.url} has no unlocked account to deploy from (a test chain has)`);
  const { contract } = await BankLedgerContract.deploy(rpc, owner);
  await contract.setOperator(adapterAddress, true);
  if (fundingWei > 0n) await rpc.sendAndConfirm({ from: owner, to: adapterAddress, value: fundingWei });
  return { contract, owner };
}
