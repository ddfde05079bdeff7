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
 *   CB_JUDICIAL_CHAIN      the judicial chain's id (default judicial)
 *   CB_METRICS_PORT        serve Prometheus metrics on http://CB_METRICS_HOST:port/metrics (off unless set)
 *   CB_METRICS_HOST        the metrics listen address (default 127.0.0.1)
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { createRegistry } from '../../src/metrics.js';
import { createLogger } from '../../src/log.js';
import { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import { AllianceRegistry } from '../../src/identity/alliance-registry.js';
import { MemoryRegistryStore } from '../../src/identity/registry-store.js';
import { readKeyFile } from '../../src/identity/keystore.js';
import type { AdapterDefinition } from './definition.js';
import { DevLedgerBackend } from './dev-ledger-backend.js';
import { drainOnSignals, startAdapter, type AdapterConfig, type AdapterHandle } from './runtime.js';
import type { Authority } from '../../src/identity/authority.js';

function need(env: NodeJS.ProcessEnv, name: string): string {
  const v = env[name];
  if (v === undefined || v === '') throw new Error(`${name}: required (see adapters/sdk/README.md)`);
  return v;
}

/** Serve `registry` at GET /metrics (what Prometheus scrapes); resolves once listening. */
export async function serveMetrics(registry: Registry, port: number, host = '127.0.0.1'): Promise<Server> {
  if (!Number.isSafeInteger(port) || port < 0 || port > 65_535) throw new TypeError(`CB_METRICS_PORT: expected a port number, got ${port}`);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

/** What a chain's entry may run beside its adapter (e.g. the judicial chain's write door). */
export interface AdapterExtensionContext {
  handle: AdapterHandle;
  backend: DevLedgerBackend;
  authority: Authority;
}
export type AdapterExtension = (ctx: AdapterExtensionContext) => Promise<{ stop(): Promise<void> }>;

/** Start the adapter for `definition` configured by `env`, and drain it on SIGTERM/SIGINT. */
export async function runAdapterMain(definition: AdapterDefinition, env: NodeJS.ProcessEnv = process.env, extension?: AdapterExtension): Promise<void> {
  const logger = createLogger({ component: `adapter-${definition.chainId}` });
  // The registry starts at the pinned genesis and follows CB_REGISTRY once connected (runtime
  // `registry` option), so revocations reach the adapter without restart ("Alliance").
  const genesisBytes = new Uint8Array(readFileSync(need(env, 'CB_GENESIS_FILE')));
  const registry = await AllianceRegistry.open(new MemoryRegistryStore(genesisBytes), need(env, 'CB_GENESIS_HASH'), Date.now());
  const config: AdapterConfig = {
    servers: (env['CB_NATS_URL'] ?? 'nats://127.0.0.1:4222').split(','),
    signer: await readKeyFile(need(env, 'CB_KEY_FILE')),
    authority: new AllianceAuthority(() => registry.state),
    registry,
    backend: new DevLedgerBackend({ definition, dataDir: need(env, 'CB_DATA_DIR') }),
    definition,
    logger,
  };
  if (env['CB_REPLICA_ID']) config.replicaId = env['CB_REPLICA_ID'];
  let metricsServer: Server | undefined;
  if (env['CB_METRICS_PORT']) {
    config.metrics = createRegistry();
    metricsServer = await serveMetrics(config.metrics, Number(env['CB_METRICS_PORT']), env['CB_METRICS_HOST'] ?? '127.0.0.1');
    logger.info({ port: Number(env['CB_METRICS_PORT']) }, 'metrics served at /metrics');
  }
  if (definition.actions.length > 0) {
    config.judicialTrust = { chainId: env['CB_JUDICIAL_CHAIN'] ?? 'judicial', height: Number(need(env, 'CB_JUDICIAL_HEIGHT')), headerHashHex: need(env, 'CB_JUDICIAL_HASH') };
  }
  // Signal handlers go in before the start: a SIGTERM while starting waits for it, then drains.
  const started = startAdapter(config).then(async (handle) => {
    const ext = extension === undefined ? undefined : await extension({ handle, backend: config.backend as DevLedgerBackend, authority: config.authority });
    return {
    ...handle,
    // Stop the extension, drain the adapter, then stop serving metrics (its counters are final by then).
    drain: async (): Promise<void> => {
      await ext?.stop();
      await handle.drain();
      await new Promise<void>((r) => (metricsServer ? metricsServer.close(() => r()) : r()));
    },
    };
  });
  drainOnSignals(started, logger);
  await started;
}
