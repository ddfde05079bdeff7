/**
 * Bench process: the adapter side of an EVM chain. A hardhat node (its own process group,
 * src/devtools/hardhat-node.ts), the BankLedger contract deployed on it with one account opened
 * and credited, the SDK's query server over an EvmBackend (each query: the block, its header and
 * `eth_getProof` from the node, verified before it is served), plus the raw echo responder the
 * ceiling measures against (bench-echo.ts). argv: natsUrl.
 * Prints `ready <rpcUrl> <contract> <hardhatPid>` once serving; SIGTERM stops all of it.
 */
import { randomBytes } from 'node:crypto';
import { BANK_EVM_LAYOUTS } from '../../adapters/evm/bank-schema.js';
import { bank } from '../../adapters/evm/definition.js';
import { deployDevBankChain } from '../../adapters/evm/dev-chain.js';
import { EvmBackend } from '../../adapters/evm/evm-backend.js';
import { evmKeyOf } from '../../adapters/evm/evm-key.js';
import { EvmRpc } from '../../adapters/evm/rpc.js';
import { startQueryServer } from '../../adapters/sdk/query-server.js';
import { connectBus } from '../../src/bus/connection.js';
import { provisionCourtbridge } from '../../src/bus/jetstream.js';
import { startHardhatNode } from '../../src/devtools/hardhat-node.js';
import { silentLogger } from '../../src/log.js';
import { EVM_BENCH_ACCOUNT } from '../evm-bench-chain.js';
import { serveBenchEcho } from './bench-echo.js';

const [node, bus] = await Promise.all([startHardhatNode(), connectBus({ servers: process.argv[2]!, name: 'bench-evm-adapter' })]);
await provisionCourtbridge(bus.nc);
const key = evmKeyOf(randomBytes(32));
const { contract } = await deployDevBankChain(new EvmRpc(node.url), key.address);
await contract.openAccount(EVM_BENCH_ACCOUNT);
await contract.credit(EVM_BENCH_ACCOUNT, 4_200_00n);
const backend = new EvmBackend({
  definition: bank,
  layouts: BANK_EVM_LAYOUTS,
  rpcUrl: node.url,
  contract: contract.address,
  key,
  confirmations: 0,
});
await backend.start();
const server = startQueryServer({ nc: bus.nc, backend, definition: bank, now: Date.now, logger: silentLogger() });
serveBenchEcho(bus.nc);
await bus.nc.flush();
process.stdout.write(`ready ${node.url} ${contract.address} ${node.pid}\n`);
process.on('SIGTERM', () => {
  void (async () => {
    await server.drain();
    await backend.close();
    await bus.close();
    await node.stop();
    process.exit(0);
  })();
});
