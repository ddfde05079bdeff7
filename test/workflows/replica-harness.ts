/**
 * What the workflow-service process tests share: the e2e world (a real nats-server, the five
 * domain adapters, a gateway, the judicial chain's write door), a workflows config file, real
 * `courtbridge workflows start` child processes in their own process groups (killed with real
 * signals), and a record of every tx committed on every chain while the test ran.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsConnection } from 'nats';
import type { NatsClientAuth } from '../../src/bus/connection.js';
import { startJudicialTxServer, type JudicialTxServer, type JudicialTxServerOptions } from '../../adapters/judicial/tx-server.js';
import { ensureKv } from '../../src/bus/jetstream.js';
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';
import { courtBearer } from '../../src/client/court-bearer.js';
import { connectGateway, type GatewayConnection } from '../../src/client/gateway-client.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { systemClock } from '../../src/workflows/clock.js';
import { DEFAULT_TARGETS, financeProfile, ipProfile, propertyProfile } from '../../src/workflows/enforcement/asset-profiles.js';
import { EnforcementEngine } from '../../src/workflows/enforcement/engine.js';
import { GatewayInvestigator, GatewayOrderer } from '../../src/workflows/network/gateway-ports.js';
import { NatsJudicialLedger } from '../../src/workflows/network/nats-judicial-ledger.js';
import { KvWorkflowStore } from '../../src/workflows/store/kv-store.js';
import { writeAllianceFiles } from '../cli/cli-helpers.js';
import { type AllianceFixture, FixtureDids } from '../helpers/alliance-fixture.js';
import type { NatsServerHandle } from '../helpers/nats-server.js';
import { E2E_CHAINS, startE2e, type E2e, type E2eChain } from '../relay/e2e/e2e-setup.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'courtbridge.mjs');

export interface Replica {
  id: string;
  child: ChildProcess;
  /** Its --json log lines, parsed. */
  lines: Record<string, unknown>[];
  stderr: string;
  exited: Promise<number | null>;
}

export interface ReplicaWorld {
  e2e: E2e;
  gw: RunningGateway;
  nc: NatsConnection;
  configFile: string;
  /** Every tx id committed on each chain since the world started. */
  committed: Record<E2eChain, string[]>;
  /** Start a replica; `onLine` hears each log line as it arrives (a test may kill it right there). */
  startReplica(id: string, onLine?: (line: Record<string, unknown>, r: Replica) => void): Replica;
  stop(): Promise<void>;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll `probe` until it returns a value; the message (or its thunk, read at timeout) names what was awaited. */
export async function until<T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 25,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await probe();
    if (v !== undefined) return v;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
}

/** Signal a replica's whole process group (tsx runs the service in a grandchild). */
export function killGroup(r: Replica, signal: NodeJS.Signals): void {
  try {
    process.kill(-r.child.pid!, signal);
  } catch {
    // already gone
  }
}

/** The judicial chain's write door on `nc`, in front of `ledger`. */
export function startDoor(
  nc: NatsConnection,
  ledger: JudicialTxServerOptions['ledger'],
  authority: JudicialTxServerOptions['authority'],
): JudicialTxServer {
  return startJudicialTxServer({ nc, ledger, authority, replay: new MemoryReplayGuard({ windowMs: 120_000 }), now: Date.now });
}

/**
 * Write `dir`/workflows.json for a service on `natsUrl` behind the gateway at `gatewayAddress`,
 * the fixture's keys and genesis written beside it. `extra` is merged over the base; a key set to
 * undefined in it is left out, so the service's default applies.
 */
export async function writeWorkflowsConfig(o: {
  fx: AllianceFixture;
  dir: string;
  natsUrl: string;
  natsAuth?: NatsClientAuth;
  gatewayAddress: string;
  extra?: Record<string, unknown>;
}): Promise<string> {
  const files = await writeAllianceFiles(o.fx, o.dir);
  const configFile = join(o.dir, 'workflows.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      natsServers: [o.natsUrl],
      ...(o.natsAuth === undefined ? {} : { natsAuth: o.natsAuth }),
      courtKeyFile: files.keyFile(FixtureDids.court),
      ledgerKeyFile: files.keyFile(FixtureDids.gateway),
      gatewayAddress: o.gatewayAddress,
      gatewayDid: FixtureDids.gateway,
      genesisFile: files.genesis,
      genesisHash: files.genesisHash,
      tickIntervalMs: 150,
      leaseTtlMs: 2_000,
      ...o.extra,
    }),
  );
  return configFile;
}

/** Start `courtbridge workflows start` on `configFile` in its own process group; `onLine` hears each log line as it arrives. */
export function spawnReplica(configFile: string, id: string, onLine?: (line: Record<string, unknown>, r: Replica) => void): Replica {
  const child = spawn(process.execPath, [BIN, 'workflows', 'start', '--config', configFile, '--replica-id', id, '--json'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const r: Replica = { id, child, lines: [], stderr: '', exited: new Promise((res) => child.once('exit', (c) => res(c))) };
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl = buf.indexOf('\n');
    while (nl >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (line.startsWith('{')) {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        r.lines.push(parsed);
        onLine?.(parsed, r);
      }
      nl = buf.indexOf('\n');
    }
  });
  child.stderr!.on('data', (d: Buffer) => (r.stderr += d.toString()));
  return r;
}

/** The e2e world with a workflows config on the given buckets; `extra` as in writeWorkflowsConfig. */
export async function startReplicaWorld(o: {
  stateBucket: string;
  leaseBucket: string;
  extra?: Record<string, unknown>;
  /** Run on this cluster (the caller stops it), every component with `jetstreamReplicas`. */
  cluster?: { urls: string[]; nodes: NatsServerHandle[]; jetstreamReplicas: number };
}): Promise<ReplicaWorld> {
  const cursor = (o.extra?.filings as { cursorBucket?: string } | undefined)?.cursorBucket;
  const e2e = await startE2e({
    workflowsBuckets: { state: o.stateBucket, lease: o.leaseBucket, ...(cursor === undefined ? {} : { cursor }) },
    ...(o.cluster === undefined ? {} : { cluster: o.cluster, jetstreamReplicas: o.cluster.jetstreamReplicas }),
  });
  const replicas: Replica[] = [];
  const unsubscribe: (() => void)[] = [];
  let door: JudicialTxServer | undefined;
  let nc: NatsConnection | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'cb-wf-world-'));
  const stop = async (): Promise<void> => {
    for (const r of replicas) killGroup(r, 'SIGKILL');
    await Promise.all(replicas.map((r) => r.exited));
    for (const u of unsubscribe) u();
    await door?.stop();
    await nc?.close();
    await e2e.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const gw = await e2e.startGateway(o.cluster === undefined ? {} : { jetstreamReplicas: o.cluster.jetstreamReplicas });
    // The harness plays the judicial door and the court's desk on one connection: the operator's.
    nc = await e2e.connectAs('operator');
    door = startDoor(nc, e2e.backends.judicial.ledger, e2e.fx.authority);
    const committed = Object.fromEntries(E2E_CHAINS.map((c) => [c, [] as string[]])) as Record<E2eChain, string[]>;
    for (const chain of E2E_CHAINS)
      unsubscribe.push(
        e2e.backends[chain].ledger.onBlock((b) => {
          for (const tx of b.txs) committed[chain].push(tx.id);
        }),
      );
    const configFile = await writeWorkflowsConfig({
      fx: e2e.fx,
      dir,
      natsUrl: e2e.nats.url,
      ...(o.cluster === undefined ? { natsAuth: e2e.natsAuth('workflows') } : {}),
      gatewayAddress: gw.address,
      extra: {
        policy: { legalBasis: '《民事诉讼法》第二百四十九条', maxOrderCents: '10000000000', orderLifetimeMs: 600_000 },
        stateBucket: o.stateBucket,
        leaseBucket: o.leaseBucket,
        ...(o.cluster === undefined ? {} : { natsServers: o.cluster.urls, jetstreamReplicas: o.cluster.jetstreamReplicas }),
        ...o.extra,
      },
    });
    const startReplica = (id: string, onLine?: (line: Record<string, unknown>, r: Replica) => void): Replica => {
      const r = spawnReplica(configFile, id, onLine);
      replicas.push(r);
      return r;
    };
    return { e2e, gw, nc, configFile, committed, startReplica, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * The court's desk in a test: an engine on the replicas' state bucket, through the world's
 * gateway, that registers cases and reads the state the replicas share. The caller closes `client`.
 */
export async function openCourtDesk(w: ReplicaWorld, stateBucket: string): Promise<{ client: GatewayConnection; desk: EnforcementEngine }> {
  const client = connectGateway({
    address: w.gw.address,
    bearer: courtBearer({ caller: w.e2e.fx.court, gatewayDid: FixtureDids.gateway, now: Date.now }),
    timeoutMs: 20_000,
  });
  const ledger = new NatsJudicialLedger({ nc: w.nc, signer: w.e2e.fx.gateway, now: Date.now });
  const desk = new EnforcementEngine({
    ledger,
    investigator: new GatewayInvestigator(client, [financeProfile, propertyProfile, ipProfile]),
    orderer: new GatewayOrderer({ gateway: client, judicial: ledger }),
    store: new KvWorkflowStore(await ensureKv(w.nc.jetstream(), stateBucket)),
    clock: systemClock,
    court: w.e2e.fx.court,
    authority: w.e2e.fx.authority,
    policy: { maxOrderCents: 10_000_000_000n, legalBasis: '《民事诉讼法》第二百四十九条', orderLifetimeMs: 600_000 },
    targets: DEFAULT_TARGETS,
    orderAudience: (chain) => FixtureDids.adapter(chain),
  });
  return { client, desk };
}

/** Wait for a replica's `started` line. */
export async function replicaStarted(r: Replica): Promise<void> {
  await until(
    () => `${r.id} to start (stderr: ${r.stderr})`,
    async () => (r.lines.some((l) => l.event === 'started') ? true : undefined),
    60_000,
    50,
  );
}
