/**
 * The demo's running system: a private nats-server (or `NATS_URL`), a throwaway alliance, the
 * seeded chains, one adapter process per chain and the gateway. Each adapter is a real child
 * process (`adapters/<chain>/main.ts`), logging JSON to `<dir>/logs/<chain>.log`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DevLedger } from '../chain/ledger/ledger.js';
import { headerHash } from '../chain/header.js';
import { toHex } from '../encoding/bytes.js';
import { createDevAlliance, type DevAlliance, type DevChainAnchor } from '../devtools/dev-alliance.js';
import { ALLIANCE_CATALOG } from '../../adapters/catalog.js';
import { startNatsServer, type NatsServerHandle } from '../devtools/nats-server.js';
import { contractsOf, type DevLedgerDefinition } from '../../adapters/sdk/definition.js';
import { judicial } from '../../adapters/judicial/definition.js';
import { ip } from '../../adapters/ip/definition.js';
import { property } from '../../adapters/property/definition.js';
import { credit } from '../../adapters/credit/definition.js';
import { finance } from '../../adapters/finance/definition.js';
import { lawyer } from '../../adapters/examples/lawyer/definition.js';
import { loadSeed, seedChain, type SeedChainId } from '../seed/seed.js';

export const DEMO_CHAINS: readonly { id: SeedChainId; def: DevLedgerDefinition; main: string }[] = [
  { id: 'judicial', def: judicial, main: 'adapters/judicial/main.ts' },
  { id: 'ip', def: ip, main: 'adapters/ip/main.ts' },
  { id: 'property', def: property, main: 'adapters/property/main.ts' },
  { id: 'credit', def: credit, main: 'adapters/credit/main.ts' },
  { id: 'finance', def: finance, main: 'adapters/finance/main.ts' },
  { id: 'lawyer', def: lawyer, main: 'adapters/examples/lawyer/main.ts' },
];

export interface DemoStack {
  dir: string;
  natsUrl: string;
  alliance: DevAlliance;
  /** The seeded head of every chain: what the gateway and the adapters pin as trusted. */
  anchors: Map<string, SeededAnchor>;
  adapters: Map<string, ChildProcess>;
  stop(): Promise<void>;
}

export type Progress = (msg: string) => void;

/** Seed every chain's dev ledger in `<dir>/chains/<chain>` (deterministic data, `records` per chain). */
export type SeededAnchor = DevChainAnchor & { hashHex: string };

export async function seedChains(dir: string, records: number, progress: Progress): Promise<Map<string, SeededAnchor>> {
  const anchors = new Map<string, SeededAnchor>();
  for (const c of DEMO_CHAINS) {
    const ledger = DevLedger.open({ chainId: c.id, contracts: contractsOf(c.def), dataDir: join(dir, 'chains', c.id) });
    if (ledger.height === 1) await loadSeed(ledger, seedChain(c.id, { records, seed: 'courtbridge-demo' }));
    const h = ledger.latest().signedHeader.header;
    progress(`${c.id.padEnd(9)} ${String(ledger.height).padStart(3)} blocks, state root ${toHex(h.stateRoot).slice(0, 16)}...`);
    anchors.set(c.id, {
      displayName: ALLIANCE_CATALOG[c.id]?.displayName ?? c.id,
      height: h.height,
      headerHash: headerHash(h),
      hashHex: toHex(headerHash(h)),
      validatorsHash: h.validatorsHash,
    });
    ledger.close();
  }
  return anchors;
}

function spawnAdapter(
  root: string,
  stack: { dir: string; natsUrl: string; alliance: DevAlliance; trust: { height: number; hashHex: string } },
  c: (typeof DEMO_CHAINS)[number],
): ChildProcess {
  mkdirSync(join(stack.dir, 'logs'), { recursive: true });
  const log = createWriteStream(join(stack.dir, 'logs', `${c.id}.log`));
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, c.main)], {
    cwd: root,
    env: {
      ...process.env,
      CB_NATS_URL: stack.natsUrl,
      CB_KEY_FILE: stack.alliance.keyFiles[`adapter:${c.id}`]!,
      CB_GENESIS_FILE: stack.alliance.genesisFile,
      CB_GENESIS_HASH: stack.alliance.genesisHashHex,
      CB_DATA_DIR: join(stack.dir, 'chains', c.id),
      CB_REPLICA_ID: `${c.id}-1`,
      CB_JUDICIAL_HEIGHT: String(stack.trust.height),
      CB_JUDICIAL_HASH: stack.trust.hashHex,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(t);
}

/** Start NATS, make the alliance, seed the chains and start one adapter process per chain. */
export async function startDemoStack(opts: {
  root: string;
  dir: string;
  records: number;
  nowMs: number;
  progress: Progress;
}): Promise<DemoStack> {
  const { root, dir, progress } = opts;
  let nats: NatsServerHandle | undefined;
  let natsUrl = process.env['NATS_URL'];
  if (natsUrl) {
    progress(`using NATS at ${natsUrl} (NATS_URL)`);
  } else {
    nats = await startNatsServer();
    natsUrl = nats.url;
    progress(`private nats-server with JetStream on ${natsUrl}`);
  }
  // Seeded first: the genesis admits every chain with its seeded head as the trust anchor.
  const anchors = await seedChains(dir, opts.records, progress);
  const alliance = await createDevAlliance(
    join(dir, 'alliance'),
    DEMO_CHAINS.map((c) => c.id),
    opts.nowMs,
    anchors,
  );
  progress(`alliance genesis ${alliance.genesisFile} pinned as sha256 ${alliance.genesisHashHex.slice(0, 16)}...`);
  const trust = anchors.get('judicial')!;
  const adapters = new Map<string, ChildProcess>();
  for (const c of DEMO_CHAINS) adapters.set(c.id, spawnAdapter(root, { dir, natsUrl, alliance, trust }, c));
  progress(`started ${adapters.size} adapter processes (logs in ${join(dir, 'logs')})`);
  return {
    dir,
    natsUrl,
    alliance,
    anchors,
    adapters,
    async stop() {
      await Promise.all([...adapters.values()].map(stopChild));
      await nats?.stop();
    },
  };
}
