/**
 * The shared entry of every `adapters/<chain>/main.ts`: reads the process configuration ONCE, at
 * the edge (adapter-config.ts: config file, `CB_*` environment, flags), builds the configured
 * backend (backend-factory.ts), starts the adapter and drains it on SIGTERM/SIGINT. The fields,
 * their variables and flags: adapters/sdk/README.md "Configuration".
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../src/errors.js';
import { createRegistry } from '../../src/metrics.js';
import { createLogger, type Logger } from '../../src/log.js';
import { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import { hashSuiteAt } from '../../src/identity/chain-entry.js';
import { AllianceRegistry } from '../../src/identity/alliance-registry.js';
import { MemoryRegistryStore } from '../../src/identity/registry-store.js';
import { readKeyFile } from '../../src/identity/keystore.js';
import type { AdapterDefinition } from './definition.js';
import { judicialTrustOf, loadAdapterConfig } from './adapter-config.js';
import { builtinBackends, type BackendFactory } from './backend-factory.js';
import { DevLedgerBackend } from './dev-ledger-backend.js';
import { drainOnSignals, startAdapter, type AdapterConfig, type AdapterHandle } from './runtime.js';
import type { Authority } from '../../src/identity/authority.js';
import { natsAuthFromEnv } from '../../src/bus/connection.js';

/** The adapter's bus credentials from `CB_NATS_NKEY_FILE` / `CB_NATS_CA_FILE` (none: an open bus). */
function natsAuthField(env: NodeJS.ProcessEnv): Pick<AdapterConfig, 'natsAuth'> {
  const auth = natsAuthFromEnv(env);
  return auth === undefined ? {} : { natsAuth: auth };
}

/** Serve `registry` at GET /metrics (what Prometheus scrapes); resolves once listening. */
export async function serveMetrics(registry: Registry, port: number, host = '127.0.0.1'): Promise<Server> {
  if (!Number.isSafeInteger(port) || port < 0 || port > 65_535) throw new TypeError(`port: expected a port number (0-65535), got ${port}`);
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

/** Serve `registry` at /metrics when `port` is configured (and say so), else nothing to serve. */
export async function serveMetricsIfConfigured(
  registry: Registry,
  port: number | undefined,
  host: string | undefined,
  logger: Logger,
): Promise<Server | undefined> {
  if (port === undefined) return undefined;
  const server = await serveMetrics(registry, port, host);
  logger.info({ port }, 'metrics served at /metrics');
  return server;
}

/** Stop serving metrics (once the counters are final); nothing when none were served. */
export function closeMetrics(server: Server | undefined): Promise<void> {
  return new Promise<void>((r) => (server ? server.close(() => r()) : r()));
}

/**
 * What a chain's entry may run beside its adapter (e.g. the judicial chain's write door). An
 * extension works on the dev ledger itself, so it needs the `dev-ledger` backend.
 */
export interface AdapterExtensionContext {
  handle: AdapterHandle;
  backend: DevLedgerBackend;
  authority: Authority;
}
export type AdapterExtension = (ctx: AdapterExtensionContext) => Promise<{ stop(): Promise<void> }>;

/** Where `runAdapterMain` reads its configuration and which backends it may build. */
export interface AdapterMainOptions {
  /** Command-line arguments after the script; `process.argv.slice(2)` unless told. */
  argv?: readonly string[];
  /** The backends `backend` may name; the built-in ones (the dev ledger) unless told. */
  backends?: BackendFactory;
  /** The backend when the configuration names none; `dev-ledger` unless told. */
  defaultBackend?: string;
}

/**
 * Start the adapter for `definition` configured by `env` and flags, and drain it on SIGTERM/SIGINT.
 * A start refused for a named reason (configuration, the registry's verdict on the adapter's DID)
 * ends the process with exit code 1 and that reason's one line on stderr, not a stack trace: a
 * person reads it and runs the command it names.
 */
export async function runAdapterMain(
  definition: AdapterDefinition,
  env: NodeJS.ProcessEnv = process.env,
  extension?: AdapterExtension,
  options: AdapterMainOptions = {},
): Promise<void> {
  try {
    await startAdapterMain(definition, env, extension, options);
  } catch (e) {
    if (!isCourtbridgeError(e)) throw e;
    process.stderr.write(`${startRefusalLine(definition.chainId, e)}\n`);
    process.exit(1);
  }
}

/** The one line a refused start prints: `适配器 X 未启动 adapter X not started: <message>`. */
export function startRefusalLine(chain: string, e: CourtbridgeError): string {
  return `适配器 ${chain} 未启动 adapter ${chain} not started [${e.reason}]: ${e.message.replace(/\s*\n\s*/g, ' ')}`;
}

async function startAdapterMain(
  definition: AdapterDefinition,
  env: NodeJS.ProcessEnv,
  extension: AdapterExtension | undefined,
  options: AdapterMainOptions,
): Promise<void> {
  const logger = createLogger({ component: `adapter-${definition.chainId}` });
  const factory = options.backends ?? builtinBackends();
  const settings = loadAdapterConfig({
    env,
    argv: options.argv ?? process.argv.slice(2),
    backends: factory.names(),
    requireJudicialTrust: definition.actions.length > 0,
    ...(options.defaultBackend === undefined ? {} : { defaultBackend: options.defaultBackend }),
  });
  // The registry starts at the pinned genesis and follows CB_REGISTRY once connected (runtime
  // `registry` option), so revocations reach the adapter without restart ("Alliance").
  const genesisBytes = new Uint8Array(readFileSync(settings.genesisFile));
  const registry = await AllianceRegistry.open(new MemoryRegistryStore(genesisBytes), settings.genesisHash, Date.now());
  // The chain's registry entry names the hash suite its ledger hashes headers and trees with.
  const hashSuite = hashSuiteAt(new AllianceAuthority(() => registry.state), definition.chainId, Date.now());
  const backend = factory.create({ definition, config: settings, hashSuite });
  if (extension !== undefined && !(backend instanceof DevLedgerBackend)) {
    const message = `backend: the ${definition.chainId} adapter runs beside its dev ledger; set backend to dev-ledger, not ${settings.backend}`;
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_config', message, {
      details: { field: 'backend' },
    });
  }
  const config: AdapterConfig = {
    servers: [...settings.natsServers],
    ...natsAuthField(env),
    signer: await readKeyFile(settings.keyFile),
    authority: new AllianceAuthority(() => registry.state),
    registry,
    backend,
    definition,
    logger,
    jetstreamReplicas: settings.jetstreamReplicas,
  };
  if (settings.replicaId !== undefined) config.replicaId = settings.replicaId;
  let metricsServer: Server | undefined;
  if (settings.metricsPort !== undefined) {
    config.metrics = createRegistry();
    metricsServer = await serveMetricsIfConfigured(config.metrics, settings.metricsPort, settings.metricsHost, logger);
  }
  const judicialTrust = judicialTrustOf(settings);
  if (definition.actions.length > 0 && judicialTrust !== undefined) config.judicialTrust = judicialTrust;
  // Signal handlers go in before the start: a SIGTERM while starting waits for it, then drains.
  const started = startAdapter(config).then(async (handle) => {
    const ext =
      extension === undefined ? undefined : await extension({ handle, backend: backend as DevLedgerBackend, authority: config.authority });
    return {
      ...handle,
      // Stop the extension, drain the adapter, then stop serving metrics (its counters are final by then).
      drain: async (): Promise<void> => {
        await ext?.stop();
        await handle.drain();
        await closeMetrics(metricsServer);
      },
    };
  });
  drainOnSignals(started, logger);
  try {
    await started;
  } catch (e) {
    await closeMetrics(metricsServer);
    throw e;
  }
}
