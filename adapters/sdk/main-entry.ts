/**
 * The shared entry of every `adapters/<chain>/main.ts`: parses configuration ONCE, at the edge,
 * from the environment into an `AdapterConfig` (STYLE.md 9), starts the adapter on the dev
 * ledger and drains it on SIGTERM/SIGINT.
 *
 * Environment:
 *   CB_NATS_URL            NATS URL(s), comma-separated (default nats://127.0.0.1:4222)
 *   CB_KEY_FILE            the adapter's DID key file (mode 600, src/identity/keystore.ts)
 *   CB_GENESIS_FILE        the alliance genesis JSON; CB_GENESIS_HASH its pinned sha256 (hex)
 *   CB_DATA_DIR            the dev ledger's data directory
 *   CB_REPLICA_ID          this replica's id (default host-pid)
 *   CB_JUDICIAL_HEIGHT, CB_JUDICIAL_HASH   trusted judicial header (chains with actions)
 */
import { readFileSync } from 'node:fs';
import { createLogger } from '../../src/log.js';
import { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import { loadGenesis } from '../../src/identity/genesis.js';
import { registryStateFromGenesis } from '../../src/identity/registry.js';
import { readKeyFile } from '../../src/identity/keystore.js';
import type { AdapterDefinition } from './definition.js';
import { DevLedgerBackend } from './dev-ledger-backend.js';
import { drainOnSignals, startAdapter, type AdapterConfig } from './runtime.js';

function need(env: NodeJS.ProcessEnv, name: string): string {
  const v = env[name];
  if (v === undefined || v === '') throw new Error(`${name}: required (see adapters/sdk/README.md)`);
  return v;
}

export async function runAdapterMain(definition: AdapterDefinition, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const logger = createLogger({ component: `adapter-${definition.chainId}` });
  const genesis = loadGenesis(readFileSync(need(env, 'CB_GENESIS_FILE')), need(env, 'CB_GENESIS_HASH'));
  const state = registryStateFromGenesis(genesis);
  const config: AdapterConfig = {
    servers: (env['CB_NATS_URL'] ?? 'nats://127.0.0.1:4222').split(','),
    signer: await readKeyFile(need(env, 'CB_KEY_FILE')),
    authority: new AllianceAuthority(() => state),
    backend: new DevLedgerBackend({ definition, dataDir: need(env, 'CB_DATA_DIR') }),
    definition,
    logger,
  };
  if (env['CB_REPLICA_ID']) config.replicaId = env['CB_REPLICA_ID'];
  if (definition.actions.length > 0) {
    config.judicialTrust = { chainId: env['CB_JUDICIAL_CHAIN'] ?? 'judicial', height: Number(need(env, 'CB_JUDICIAL_HEIGHT')), headerHashHex: need(env, 'CB_JUDICIAL_HASH') };
  }
  const handle = await startAdapter(config);
  drainOnSignals(handle, logger);
}
