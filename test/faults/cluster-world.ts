/**
 * The fault tests' world: a real 3-node JetStream cluster (src/devtools/nats-cluster.ts), a
 * throwaway alliance (src/devtools/dev-alliance.ts) admitting the judicial and finance chains at
 * their seeded heads, and every courtbridge part as a real child process in its own process group
 * (so `kill9` is a real SIGKILL of the whole group, as a crash): the judicial and finance adapters
 * (`adapters/<chain>/main.ts`, configured by `CB_*` variables as the demo passes them) and the
 * gateway (`courtbridge gateway start --config gateway.json`, `jetstreamReplicas: 3`, the three
 * node URLs). Every child carries the die-with-parent preload (src/devtools/die-with-parent.ts),
 * and an orphan watchdog SIGKILLs them and removes the directory (keys, ledgers) if the test
 * process dies without `stop()`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contractsOf } from '../../adapters/sdk/definition.js';
import { finance } from '../../adapters/finance/definition.js';
import { judicial } from '../../adapters/judicial/definition.js';
import { ALLIANCE_CATALOG } from '../../adapters/catalog.js';
import { headerHash } from '../../src/chain/header.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { createDevAlliance, type DevAlliance, type DevChainAnchor } from '../../src/devtools/dev-alliance.js';
import { startNatsCluster, type NatsClusterHandle } from '../../src/devtools/nats-cluster.js';
import { freePort } from '../../src/devtools/nats-server.js';
import { startOrphanWatchdog } from '../../src/devtools/orphan-watchdog.js';
import { toHex } from '../../src/encoding/bytes.js';
import { loadSeed, seedChain } from '../../src/seed/seed.js';
import { until } from '../workflows/replica-harness.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const GUARD = pathToFileURL(join(ROOT, 'src/devtools/die-with-parent.ts')).href;
const BIN = join(ROOT, 'bin', 'courtbridge.mjs');

/** The chains of the world: the judicial chain (orders live there) and finance (freezes run there). */
export const WORLD_CHAINS = [
  { id: 'judicial', def: judicial, main: 'adapters/judicial/main.ts' },
  { id: 'finance', def: finance, main: 'adapters/finance/main.ts' },
] as const;
export type WorldChain = (typeof WORLD_CHAINS)[number]['id'];

/** A courtbridge child process, killable and restartable with the same command, environment and port. */
export interface Part {
  readonly name: string;
  /** The running process (undefined while killed). */
  pid(): number | undefined;
  /** SIGKILL its whole process group, as a crash; resolves once it is gone. */
  kill9(): Promise<void>;
  /** Start it again (same command, config, data dir, port); resolves once it is up. */
  start(): Promise<void>;
  /** Its last output lines (stdout and stderr), for failure messages. */
  tail(): string;
}

export interface ClusterWorld {
  dir: string;
  cluster: NatsClusterHandle;
  alliance: DevAlliance;
  /** The gateway's gRPC address (fixed: a restarted gateway listens there again). */
  gatewayAddress: string;
  gateway: Part;
  adapters: Record<WorldChain, Part>;
  /** Where each adapter keeps its chain (open it with `openLedger` once the adapter is stopped). */
  dataDir(chain: WorldChain): string;
  openLedger(chain: WorldChain): DevLedger;
  stop(): Promise<void>;
}

/** How a part's node runs: extra V8/node flags, and a callback for each line it writes (a line cut across two reads comes as two). */
interface PartTaps {
  nodeFlags?: readonly string[];
  onLine?: (line: string) => void;
}

/** A child in its own process group with the die-with-parent pipe as stdin; `ready` matches the output line saying it is up. */
function part(
  name: string,
  args: readonly string[],
  env: Record<string, string>,
  ready: RegExp,
  onPid: (pid: number) => void,
  taps: PartTaps = {},
): Part {
  let child: ChildProcess | undefined;
  let lines: string[] = [];
  const tail = (): string => lines.slice(-40).join('\n');
  const alive = (): boolean => child !== undefined && child.exitCode === null && child.signalCode === null;
  return {
    name,
    pid: () => (alive() ? child?.pid : undefined),
    async kill9() {
      const c = child;
      if (c === undefined || !alive()) return;
      const exited = new Promise<void>((r) => c.once('exit', () => r()));
      try {
        process.kill(-c.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
      c.stdin?.destroy();
    },
    async start() {
      lines = [];
      const c = spawn(process.execPath, [...(taps.nodeFlags ?? []), '--import', 'tsx', '--import', GUARD, ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        // stdin: the pipe the die-with-parent guard watches; never written, never closed while we live.
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      });
      child = c;
      c.stdin?.on('error', () => {});
      let up = false;
      const onData = (d: Buffer): void => {
        for (const l of d.toString().split('\n')) {
          if (l.trim() === '') continue;
          lines.push(l.slice(0, 400));
          taps.onLine?.(l);
        }
        if (lines.length > 400) lines = lines.slice(-200);
        if (!up && ready.test(lines.join('\n'))) up = true;
      };
      c.stdout?.on('data', onData);
      c.stderr?.on('data', onData);
      if (c.pid !== undefined) onPid(c.pid);
      await until(
        () => `${name} to start (output: ${tail()})`,
        async () => {
          if (!alive()) throw new Error(`${name} exited (${c.exitCode ?? c.signalCode}) before it was up: ${tail()}`);
          return up ? true : undefined;
        },
        60_000,
        50,
      );
    },
    tail,
  };
}

/** Seed `chain`'s dev ledger in `dataDir` (the demo cast and a few records) and return its head as the trust anchor. */
export async function seedLedger(dataDir: string, c: (typeof WORLD_CHAINS)[number]): Promise<DevChainAnchor> {
  const ledger = DevLedger.open({ chainId: c.id, contracts: contractsOf(c.def), dataDir });
  try {
    await loadSeed(ledger, seedChain(c.id, { records: 5, seed: 'courtbridge-faults' }));
    const h = ledger.latest().signedHeader.header;
    return {
      displayName: ALLIANCE_CATALOG[c.id]?.displayName ?? c.id,
      height: h.height,
      headerHash: headerHash(h),
      validatorsHash: h.validatorsHash,
    };
  } finally {
    ledger.close();
  }
}

/**
 * Start the world: cluster, alliance, adapters, gateway; `gateway` overrides fields of the
 * gateway's config file (written as a JSON file, as an operator would).
 */
export async function startClusterWorld(o: { gateway?: Record<string, unknown>; gatewayTaps?: PartTaps } = {}): Promise<ClusterWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'cb-faults-'));
  const watchdog = startOrphanWatchdog({ dirs: [dir], graceMs: 2_000 });
  const parts: Part[] = [];
  let cluster: NatsClusterHandle | undefined;
  const stop = async (): Promise<void> => {
    for (const p of parts) await p.kill9();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
    watchdog.stop();
  };
  try {
    cluster = await startNatsCluster({ name: 'cb-faults' });
    watchdog.watch(cluster.nodes.flatMap((n) => (n.pid() === undefined ? [] : [n.pid()!])));
    const dataDir = (chain: WorldChain): string => join(dir, 'chains', chain);
    const anchors = new Map<string, DevChainAnchor>();
    for (const c of WORLD_CHAINS) anchors.set(c.id, await seedLedger(dataDir(c.id), c));
    const alliance = await createDevAlliance(
      join(dir, 'alliance'),
      WORLD_CHAINS.map((c) => c.id),
      Date.now(),
      anchors,
    );
    await cluster.ready();
    const urls = cluster.urls.join(',');
    const trust = anchors.get('judicial')!;
    const onPid = (pid: number): void => watchdog.watch([pid]);
    const adapters = {} as Record<WorldChain, Part>;
    for (const c of WORLD_CHAINS) {
      adapters[c.id] = part(
        `adapter ${c.id}`,
        [join(ROOT, c.main)],
        {
          CB_NATS_URL: urls,
          CB_JETSTREAM_REPLICAS: '3',
          CB_KEY_FILE: alliance.keyFiles[`adapter:${c.id}`]!,
          CB_GENESIS_FILE: alliance.genesisFile,
          CB_GENESIS_HASH: alliance.genesisHashHex,
          CB_REPLICA_ID: `${c.id}-1`,
          CB_JUDICIAL_HEIGHT: String(trust.height),
          CB_JUDICIAL_HASH: toHex(trust.headerHash),
          CB_DATA_DIR: dataDir(c.id),
        },
        // pino's startup line (runtime.ts logs `adapter started`).
        /adapter started/,
        onPid,
      );
      parts.push(adapters[c.id]);
    }
    const port = await freePort();
    const gatewayAddress = `127.0.0.1:${port}`;
    const configFile = join(dir, 'gateway.json');
    writeFileSync(
      configFile,
      JSON.stringify(
        {
          listen: gatewayAddress,
          natsServers: cluster.urls,
          jetstreamReplicas: 3,
          keyFile: alliance.keyFiles.gateway,
          genesisFile: alliance.genesisFile,
          genesisHash: alliance.genesisHashHex,
          chains: WORLD_CHAINS.map((c) => c.id),
          metricsPort: -1,
          logLevel: 'warn',
          // The streams of these tests are longer than an hour's default quota of one court.
          actionLimits: { perChain: { limit: 100_000, windowMs: 3_600_000 }, perCourt: { limit: 100_000, windowMs: 3_600_000 } },
          ...o.gateway,
        },
        null,
        2,
      ),
    );
    const gateway = part(
      'gateway',
      [BIN, 'gateway', 'start', '--config', configFile, '--json'],
      {},
      /"event":\s*"started"/,
      onPid,
      o.gatewayTaps,
    );
    parts.push(gateway);
    // The gateway first: it creates the streams and buckets with three replicas before the adapters bind to them.
    await gateway.start();
    await Promise.all(Object.values(adapters).map((a) => a.start()));
    return {
      dir,
      cluster,
      alliance,
      gatewayAddress,
      gateway,
      adapters,
      dataDir,
      openLedger: (chain) => {
        const c = WORLD_CHAINS.find((x) => x.id === chain)!;
        return DevLedger.open({ chainId: chain, contracts: contractsOf(c.def), dataDir: dataDir(chain) });
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
