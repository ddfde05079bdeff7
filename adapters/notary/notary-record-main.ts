/**
 * Entry of a notary of the enterprise registry: `node --import tsx adapters/notary/notary-record-main.ts`
 * (configuration: record-notary-config.ts; README). Opens its copy of the database read-only,
 * connects to NATS with its DID key and answers notarize requests (record-notary.ts); on
 * SIGTERM/SIGINT drains, closes the database and exits 0.
 */
import { connectBus, natsAuthFromEnv } from '../../src/bus/connection.js';
import { readKeyFile } from '../../src/identity/keystore.js';
import { createLogger } from '../../src/log.js';
import { enterprise } from './definition.js';
import { RecordDb } from './record-db.js';
import { startRecordNotary } from './record-notary.js';
import { loadRecordNotaryConfig } from './record-notary-config.js';
import { stopOnSignals } from '../sdk/stop-on-signals.js';

async function runRecordNotaryMain(env: NodeJS.ProcessEnv, argv: readonly string[]): Promise<void> {
  const config = loadRecordNotaryConfig({ env, argv });
  const chainId = enterprise.chainId;
  const logger = createLogger({ component: `record-notary-${chainId}` });
  const signer = await readKeyFile(config.keyFile);
  const db = RecordDb.open(config.dbFile, { readOnly: true });
  const auth = natsAuthFromEnv(env);
  const bus = await connectBus({
    servers: [...config.natsServers],
    name: `record-notary-${chainId}`,
    logger,
    ...(auth === undefined ? {} : { auth }),
  });
  const notary = startRecordNotary({
    nc: bus.nc,
    chainId,
    recordTypes: enterprise.recordTypes,
    db,
    signer,
    maxSkewMs: config.maxSkewMs,
    logger,
  });
  await bus.nc.flush();
  logger.info({ notary: signer.did, db: config.dbFile, version: db.version() }, '登记簿公证人已启动 / record notary started');

  stopOnSignals(
    async () => {
      await notary.drain();
      await bus.drain();
      db.close();
    },
    logger,
    { stopping: 'stopping record notary', failed: 'stopping failed' },
  );
}

await runRecordNotaryMain(process.env, process.argv.slice(2));
