/**
 * Entry of a notary of an `evm` chain: `node --import tsx adapters/evm/notary-main.ts`
 * (configuration: notary-config.ts; README "Notaries"). Opens the journal in the data dir,
 * connects to NATS and the node, follows the chain (notary-follower.ts) and, on SIGTERM/SIGINT,
 * stops the follower, closes the journal, drains NATS and exits 0.
 * A conflict stops signing but not the process: it keeps logging and serving its metrics
 * (`courtbridge_notary_refusals_total`) until an operator acts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connectBus, natsAuthFromEnv } from '../../src/bus/connection.js';
import { notaryKv } from '../../src/bus/notary-kv.js';
import { readKeyFile } from '../../src/identity/keystore.js';
import { fromHex } from '../../src/encoding/bytes.js';
import { createLogger } from '../../src/log.js';
import { createRegistry } from '../../src/metrics.js';
import { closeMetrics, serveMetricsIfConfigured } from '../sdk/main-entry.js';
import { stopOnSignals } from '../sdk/stop-on-signals.js';
import { loadNotaryConfig } from './notary-config.js';
import { startNotaryFollower } from './notary-follower.js';
import { NOTARY_JOURNAL_FILE, NotaryJournal } from './notary-journal.js';
import { EvmRpc } from './rpc.js';

async function runNotaryMain(env: NodeJS.ProcessEnv, argv: readonly string[]): Promise<void> {
  const config = loadNotaryConfig({ env, argv });
  const logger = createLogger({ component: `notary-${config.chainId}` });
  const signer = await readKeyFile(config.keyFile);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const journal = NotaryJournal.open(join(config.dataDir, NOTARY_JOURNAL_FILE));
  const metrics = createRegistry();
  const auth = natsAuthFromEnv(env);
  const bus = await connectBus({
    servers: [...config.natsServers],
    name: `notary-${config.chainId}`,
    logger,
    metrics,
    ...(auth === undefined ? {} : { auth }),
  });
  const kv = await notaryKv(bus.nc.jetstream(), config.jetstreamReplicas, logger);
  const metricsServer = await serveMetricsIfConfigured(metrics, config.metricsPort, config.metricsHost, logger);
  const follower = startNotaryFollower({
    rpc: new EvmRpc(config.rpcUrl),
    chainId: config.chainId,
    depth: config.depth,
    signer,
    kv,
    journal,
    pollMs: config.pollMs,
    ...(config.startHeight === undefined ? {} : { startHeight: config.startHeight }),
    ...(config.evmSealers === undefined ? {} : { sealers: config.evmSealers.map((a) => fromHex(a.slice(2), 'evmSealers')) }),
    logger,
    metrics,
  });
  logger.info(
    { notary: signer.did, depth: config.depth, journal: journal.path, sealers: config.evmSealers ?? 'not checked' },
    '公证跟随器已启动 / notary follower started',
  );

  stopOnSignals(
    async () => {
      await follower.stop();
      journal.close();
      await bus.drain();
      await closeMetrics(metricsServer);
    },
    logger,
    { stopping: 'stopping notary', failed: 'stopping failed' },
  );
}

await runNotaryMain(process.env, process.argv.slice(2));
