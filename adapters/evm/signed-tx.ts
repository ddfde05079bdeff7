/**
 * A contract call as a transaction the adapter signs itself (its own key, never the node's) and
 * sends raw: built and signed by @ethereumjs/tx (which signs with noble), EIP-1559 on a chain with
 * a base fee, legacy otherwise. The chain id (EIP-155 replay protection) is the node's
 * `eth_chainId`; the nonce its `pending` transaction count; the gas its estimate with a margin.
 */
import { createCustomCommon, Mainnet } from '@ethereumjs/common';
import { createFeeMarket1559Tx, createLegacyTx } from '@ethereumjs/tx';
import { createAddressFromString } from '@ethereumjs/util';
import { fromHex } from '../../src/encoding/bytes.js';
import type { EvmKey } from './evm-key.js';
import type { EvmRpc } from './rpc.js';

export interface ContractCall {
  /** The contract, 0x + 40 hex. */
  to: string;
  /** ABI-encoded call data, 0x-hex. */
  data: string;
  /** `eth_estimateGas`'s answer for it. */
  gas: bigint;
}

/** Gas limit = estimate + 20 %: an estimate is taken on the state before, the tx runs on the state after. */
const withMargin = (gas: bigint): bigint => gas + gas / 5n;

/** Sign `call` with `key` for the node's chain `chainId` and send it; the transaction hash. */
export async function sendSignedCall(rpc: EvmRpc, key: EvmKey, chainId: bigint, call: ContractCall): Promise<string> {
  const common = createCustomCommon({ chainId: Number(chainId) }, Mainnet);
  const nonce = await rpc.transactionCount(key.address, 'pending');
  const latest = await rpc.getBlockByNumber('latest');
  const baseFee = typeof latest?.['baseFeePerGas'] === 'string' ? BigInt(latest['baseFeePerGas']) : undefined;
  const fields = {
    nonce,
    gasLimit: withMargin(call.gas),
    to: createAddressFromString(call.to),
    data: fromHex(call.data.slice(2)),
    value: 0n,
  };
  if (baseFee === undefined) {
    const tx = createLegacyTx({ ...fields, gasPrice: await rpc.gasPrice() }, { common }).sign(key.privateKey);
    return rpc.sendRawTransaction(tx.serialize());
  }
  const tip = await rpc.maxPriorityFeePerGas();
  // Twice the base fee: still included when the base fee rises for a few full blocks.
  const tx = createFeeMarket1559Tx({ ...fields, chainId, maxPriorityFeePerGas: tip, maxFeePerGas: 2n * baseFee + tip }, { common }).sign(
    key.privateKey,
  );
  return rpc.sendRawTransaction(tx.serialize());
}
