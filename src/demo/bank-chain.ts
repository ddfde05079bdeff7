/**
 * The demo's EVM partner chain: a private hardhat node running the bank consortium's BankLedger
 * contract (adapters/evm), side by side with the dev-ledger chains. The adapter gets an Ethereum
 * key of its own (a 0600 file) made an operator of the contract; the demo debtor's account is
 * opened and credited; the node mines a block a second so that the notaries, who sign only past
 * their depth, see blocks become final. Accounts are keyed by a hash of the account number: the
 * number itself is never on the chain.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deployDevBankChain } from '../../adapters/evm/dev-chain.js';
import { writeEvmKeyFile } from '../../adapters/evm/evm-key.js';
import { EvmRpc } from '../../adapters/evm/rpc.js';
import { sha256 } from '../crypto/hash.js';
import { fromHex, toHex, utf8 } from '../encoding/bytes.js';
import { type HardhatNodeHandle, startHardhatNode } from '../devtools/hardhat-node.js';

/** The debtor's account at the consortium bank, and one never opened. */
export const DEMO_BANK_ACCOUNTS = {
  debtor: { accountNo: '6217 0000 1234 5678', balanceCents: 1_200_000_00n },
  unopened: { accountNo: '6217 0000 9999 0000' },
} as const;

/** The bytes32 id of an account number (what the contract and the record key use). */
export const bankAccountId = (accountNo: string): string => toHex(sha256(utf8(`courtbridge-demo bank account ${accountNo}`)));

export interface DemoBankChain {
  node: HardhatNodeHandle;
  /** 0x + 40 hex. */
  contract: string;
  /** The adapter's Ethereum key file. */
  keyFile: string;
  /** Where the alliance's trust in the chain starts: its latest block when the genesis is made. */
  anchor: { height: number; headerHash: Uint8Array };
  stop(): Promise<void>;
}

export async function startDemoBankChain(dir: string): Promise<DemoBankChain> {
  const node = await startHardhatNode();
  try {
    const rpc = new EvmRpc(node.url);
    mkdirSync(join(dir, 'keys'), { recursive: true, mode: 0o700 });
    const keyFile = join(dir, 'keys', 'bank-adapter-evm.key');
    const key = await writeEvmKeyFile(keyFile, randomBytes(32));
    const { contract } = await deployDevBankChain(rpc, key.address);
    const debtor = fromHex(bankAccountId(DEMO_BANK_ACCOUNTS.debtor.accountNo));
    await contract.openAccount(debtor);
    await contract.credit(debtor, DEMO_BANK_ACCOUNTS.debtor.balanceCents);
    // A block a second, as a consortium chain produces them: notaries sign past their depth.
    await rpc.request('evm_setIntervalMining', [1_000]);
    const head = await rpc.getBlockByNumber('latest');
    if (head === null) throw new Error('the hardhat node has no latest block');
    return {
      node,
      contract: contract.address,
      keyFile,
      anchor: { height: Number(BigInt(head['number'] as string)), headerHash: fromHex((head['hash'] as string).slice(2)) },
      stop: () => node.stop(),
    };
  } catch (e) {
    await node.stop();
    throw e;
  }
}
