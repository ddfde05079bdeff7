/**
 * The demo's running system: a private nats-server (or `NATS_URL`), a throwaway alliance, the
 * seeded chains, one adapter process per chain and the gateway. Each adapter is a real child
 * process (`adapters/<chain>/main.ts`), logging JSON to `<dir>/logs/<chain>.log`. Beside the
 * dev-ledger chains runs the bank consortium's EVM chain (bank-chain.ts): a hardhat node, its
 * adapter (`adapters/evm/main.ts`) and two of its three notaries (`adapters/evm/notary-main.ts`),
 * whose signatures make its blocks final; and the enterprise registry, a database whose records
 * two of its three notaries read and sign (`adapters/notary/main.ts`, `notary-record-main.ts`).
 * Once the gateway is up, `startWorkflows` starts the enforcement contract service
 * (`courtbridge workflows start`, workflow-replicas.ts) as two replica processes, logged the same way.
 *
 * Nothing outlives the demo process, however it ends: every child carries the die-with-parent
 * preload (it exits when its stdin, a pipe from the demo, ends), the nats-server and the hardhat
 * node have guards of their own, and an orphan watchdog SIGKILLs all of them and removes the
 * working directory (the alliance's keys, ledgers, logs) if the demo dies without stopping them.
 */
import type { HashSuite } from '../crypto/hash-suite.js';
import type { SignatureSuite } from '../crypto/signature-suite.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DevLedger } from '../chain/ledger/ledger.js';
import { headerHash } from '../chain/header.js';
import { fromHex, toHex } from '../encoding/bytes.js';
import { bankruptcy } from '../../adapters/bankruptcy/definition.js';
import { BANK_CHAIN_ID } from '../../adapters/evm/bank-schema.js';
import { type DemoBankChain, startDemoBankChain } from './bank-chain.js';
import { ENTERPRISE_CHAIN_ID } from '../../adapters/notary/enterprise-schema.js';
import { DEMO_ENTERPRISES, seedEnterprises } from '../../adapters/notary/enterprise-seed.js';
import { RecordDb } from '../../adapters/notary/record-db.js';
import { createDevAlliance, type DevAlliance, type DevChainAnchor } from '../devtools/dev-alliance.js';
import { ALLIANCE_CATALOG } from '../../adapters/catalog.js';
import { startNatsServer, type NatsServerHandle } from '../devtools/nats-server.js';
import { startOrphanWatchdog } from '../devtools/orphan-watchdog.js';
import { resetDemoNats } from './reset-demo-nats.js';
import { contractsOf, type DevLedgerDefinition } from '../../adapters/sdk/definition.js';
import { judicial } from '../../adapters/judicial/definition.js';
import { ip } from '../../adapters/ip/definition.js';
import { property } from '../../adapters/property/definition.js';
import { credit } from '../../adapters/credit/definition.js';
import { finance } from '../../adapters/finance/definition.js';
import { lawyer } from '../../adapters/examples/lawyer/definition.js';
import { market } from '../../adapters/market/definition.js';
import { loadSeed, seedChain, type SeedChainId } from '../seed/seed.js';
import { demoCreditorAccountTxs } from './demo-creditors.js';
import { DEMO_WORKFLOW_BUCKETS, DEMO_WORKFLOW_REPLICAS, writeDemoWorkflowsConfig } from './workflow-replicas.js';
import { writeBusSecurity, type BusSecurity } from '../bus/bus-security-files.js';
import type { NatsClientAuth } from '../bus/connection.js';
import { busUserOf } from '../bus/permissions.js';
import { loadGenesis } from '../identity/genesis.js';
import { registryStateFromGenesis } from '../identity/registry.js';

export const DEMO_CHAINS: readonly { id: SeedChainId; def: DevLedgerDefinition; main: string }[] = [
  { id: 'judicial', def: judicial, main: 'adapters/judicial/main.ts' },
  { id: 'ip', def: ip, main: 'adapters/ip/main.ts' },
  { id: 'property', def: property, main: 'adapters/property/main.ts' },
  { id: 'credit', def: credit, main: 'adapters/credit/main.ts' },
  { id: 'finance', def: finance, main: 'adapters/finance/main.ts' },
  { id: 'lawyer', def: lawyer, main: 'adapters/examples/lawyer/main.ts' },
  { id: 'market', def: market, main: 'adapters/market/main.ts' },
  { id: 'bankruptcy', def: bankruptcy, main: 'adapters/bankruptcy/main.ts' },
];

/** The EVM chain's id, its notaries (two of three must sign) and how deep they wait. */
export const DEMO_EVM_CHAIN = BANK_CHAIN_ID;
/** The registry kept in a database, vouched for record by record by two of its three notaries. */
export const DEMO_NOTARY_CHAIN = ENTERPRISE_CHAIN_ID;
const NOTARIES = { named: 3, threshold: 2, running: 2, depth: 2 } as const;

export interface DemoStack {
  dir: string;
  bank: DemoBankChain;
  natsUrl: string;
  alliance: DevAlliance;
  /**
   * The credentials of bus participant `user` (`gateway-gateway`, `workflows`, `operator`, ...) on
   * the demo's private NATS, secured from the registry as `courtbridge nats-config` does it;
   * undefined on a NATS of the user's own (`NATS_URL`), which the demo does not configure.
   */
  natsAuth(user: string): NatsClientAuth | undefined;
  /** The seed file of the operator (everything, for the CLI lines run by hand after the demo). */
  operatorSeed: string | undefined;
  /** The seeded head of every chain: what the gateway and the adapters pin as trusted. */
  anchors: Map<string, SeededAnchor>;
  adapters: Map<string, ChildProcess>;
  /**
   * Start the enforcement contract service (`courtbridge workflows start`) as `replicas` child
   * processes against the running gateway; resolves when each says it started.
   */
  startWorkflows(gateway: { address: string; did: string }): Promise<WorkflowReplica[]>;
  stop(): Promise<void>;
}

/** One running replica of the workflow service. */
export interface WorkflowReplica {
  id: string;
  child: ChildProcess;
  log: string;
}

export type Progress = (msg: string) => void;

/** Seed every chain's dev ledger in `<dir>/chains/<chain>` (deterministic data, `records` per chain). */
export type SeededAnchor = DevChainAnchor & { hashHex: string };

export async function seedChains(
  dir: string,
  records: number,
  progress: Progress,
  /** Chains hashed with another suite than SHA-256 (their registry entries say so), e.g. `{ judicial: 'sm3' }`. */
  hashSuites: Readonly<Record<string, HashSuite>> = {},
  /**
   * Chains whose validators sign with another suite than secp256k1, e.g. `{ judicial: 'sm2' }`:
   * their keys are made so on first start (the validator keys file records it) and their entries say so.
   */
  signatureSuites: Readonly<Record<string, SignatureSuite>> = {},
): Promise<Map<string, SeededAnchor>> {
  const anchors = new Map<string, SeededAnchor>();
  for (const c of DEMO_CHAINS) {
    const suite = hashSuites[c.id] ?? 'sha256';
    const signatureSuite = signatureSuites[c.id] ?? 'secp256k1';
    const ledger = DevLedger.open({
      chainId: c.id,
      contracts: contractsOf(c.def),
      dataDir: join(dir, 'chains', c.id),
      hashSuite: suite,
      signatureSuite,
    });
    if (ledger.height === 1) {
      await loadSeed(ledger, seedChain(c.id, { records, seed: 'courtbridge-demo' }));
      // The judgment creditors outside the cast have their accounts too (demo-creditors.ts).
      if (c.id === 'finance') await loadSeed(ledger, demoCreditorAccountTxs());
    }
    const h = ledger.latest().signedHeader.header;
    progress(`${c.id.padEnd(10)} ${ledger.height} 个区块 / blocks，状态根 / state root ${toHex(h.stateRoot)}`);
    anchors.set(c.id, {
      displayName: ALLIANCE_CATALOG[c.id]?.displayName ?? c.id,
      height: h.height,
      headerHash: headerHash(h, suite),
      hashHex: toHex(headerHash(h, suite)),
      validatorsHash: h.validatorsHash,
      ...(suite === 'sha256' ? {} : { hashSuite: suite }),
      ...(signatureSuite === 'secp256k1' ? {} : { signatureSuite }),
    });
    ledger.close();
  }
  return anchors;
}

type StackParts = {
  dir: string;
  natsUrl: string;
  alliance: DevAlliance;
  trust: { height: number; hashHex: string };
  /** Each process's own bus seed (`CB_NATS_NKEY_FILE`), when the bus is secured. */
  natsEnv: (user: string) => Record<string, string>;
};

/** A child process running `main` with `env` (and `args`), logging to `<dir>/logs/<name>.log`. */
function spawnLogged(
  root: string,
  dir: string,
  name: string,
  main: string,
  env: Record<string, string>,
  args: readonly string[] = [],
): ChildProcess {
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const log = createWriteStream(join(dir, 'logs', `${name}.log`));
  const guard = pathToFileURL(resolve(root, 'src/devtools/die-with-parent.ts')).href;
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', guard, resolve(root, main), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    // stdin: the pipe the die-with-parent guard watches; never written, never closed while we live.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin?.on('error', () => {});
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/** What every adapter process is told: NATS, its key, the pinned genesis, its replica id, the judicial trust. */
function adapterEnv(stack: StackParts, chain: string): Record<string, string> {
  return {
    CB_NATS_URL: stack.natsUrl,
    ...stack.natsEnv(busUserOf('adapter', stack.alliance.dids[`adapter:${chain}`]!)),
    CB_KEY_FILE: stack.alliance.keyFiles[`adapter:${chain}`]!,
    CB_GENESIS_FILE: stack.alliance.genesisFile,
    CB_GENESIS_HASH: stack.alliance.genesisHashHex,
    CB_REPLICA_ID: `${chain}-1`,
    CB_JUDICIAL_HEIGHT: String(stack.trust.height),
    CB_JUDICIAL_HASH: stack.trust.hashHex,
  };
}

function spawnAdapter(root: string, stack: StackParts, c: (typeof DEMO_CHAINS)[number]): ChildProcess {
  return spawnLogged(root, stack.dir, c.id, c.main, { ...adapterEnv(stack, c.id), CB_DATA_DIR: join(stack.dir, 'chains', c.id) });
}

/** The EVM chain's adapter and its running notaries. */
function spawnBankChain(root: string, stack: StackParts, bank: DemoBankChain): Map<string, ChildProcess> {
  const out = new Map<string, ChildProcess>();
  out.set(
    DEMO_EVM_CHAIN,
    spawnLogged(root, stack.dir, DEMO_EVM_CHAIN, 'adapters/evm/main.ts', {
      ...adapterEnv(stack, DEMO_EVM_CHAIN),
      CB_EVM_RPC_URL: bank.node.url,
      CB_EVM_CONTRACT: bank.contract,
      CB_EVM_KEY_FILE: bank.keyFile,
      CB_EVM_CONFIRMATIONS: String(NOTARIES.depth),
    }),
  );
  for (let i = 1; i <= NOTARIES.running; i++) {
    out.set(
      `${DEMO_EVM_CHAIN}-notary-${i}`,
      spawnLogged(root, stack.dir, `${DEMO_EVM_CHAIN}-notary-${i}`, 'adapters/evm/notary-main.ts', {
        CB_NATS_URL: stack.natsUrl,
        ...stack.natsEnv(busUserOf('notary', stack.alliance.dids[`notary:${DEMO_EVM_CHAIN}:${i}`]!)),
        CB_EVM_RPC_URL: bank.node.url,
        CB_CHAIN_ID: DEMO_EVM_CHAIN,
        CB_NOTARY_DEPTH: String(NOTARIES.depth),
        CB_KEY_FILE: stack.alliance.keyFiles[`notary:${DEMO_EVM_CHAIN}:${i}`]!,
        CB_DATA_DIR: join(stack.dir, 'notaries', String(i)),
      }),
    );
  }
  return out;
}

/** The enterprise registry's database, seeded (its adapter writes it; its notaries read it). */
function seedEnterpriseRegistry(dir: string): string {
  const dataDir = join(dir, 'chains', DEMO_NOTARY_CHAIN);
  mkdirSync(dataDir, { recursive: true });
  const db = RecordDb.open(join(dataDir, 'records.jsonl'));
  try {
    if (db.version() === 0) seedEnterprises(db);
  } finally {
    db.close();
  }
  return dataDir;
}

/** The enterprise registry's adapter and its running notaries. */
function spawnEnterpriseRegistry(root: string, stack: StackParts, dataDir: string): Map<string, ChildProcess> {
  const out = new Map<string, ChildProcess>();
  out.set(
    DEMO_NOTARY_CHAIN,
    spawnLogged(root, stack.dir, DEMO_NOTARY_CHAIN, 'adapters/notary/main.ts', {
      ...adapterEnv(stack, DEMO_NOTARY_CHAIN),
      CB_DATA_DIR: dataDir,
    }),
  );
  for (let i = 1; i <= NOTARIES.running; i++) {
    out.set(
      `${DEMO_NOTARY_CHAIN}-notary-${i}`,
      spawnLogged(root, stack.dir, `${DEMO_NOTARY_CHAIN}-notary-${i}`, 'adapters/notary/notary-record-main.ts', {
        CB_NATS_URL: stack.natsUrl,
        ...stack.natsEnv(busUserOf('notary', stack.alliance.dids[`notary:${DEMO_NOTARY_CHAIN}:${i}`]!)),
        CB_KEY_FILE: stack.alliance.keyFiles[`notary:${DEMO_NOTARY_CHAIN}:${i}`]!,
        // Here the notaries read the writer's file; an agency reads its own replica of it.
        CB_NOTARY_DB_FILE: join(dataDir, 'records.jsonl'),
      }),
    );
  }
  return out;
}

/** Resolves on the replica's `started` log line; rejects if it exits first or takes a minute. */
function untilStarted(r: WorkflowReplica): Promise<WorkflowReplica> {
  return new Promise((res, rej) => {
    let buf = '';
    const t = setTimeout(() => done(new Error(`workflow replica ${r.id} did not start within 60 s (log: ${r.log})`)), 60_000);
    const onData = (d: Buffer): void => {
      buf += d.toString();
      if (buf.includes('"event":"started"')) done();
    };
    const onExit = (code: number | null): void =>
      done(new Error(`workflow replica ${r.id} exited (${code}) before it started (log: ${r.log})`));
    function done(e?: Error): void {
      clearTimeout(t);
      r.child.stdout?.off('data', onData);
      r.child.off('exit', onExit);
      if (e) rej(e);
      else res(r);
    }
    r.child.stdout?.on('data', onData);
    r.child.once('exit', onExit);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    child.stdin?.destroy();
    return;
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(t);
  child.stdin?.destroy();
}

/** Start NATS, make the alliance, seed the chains and start one adapter process per chain. */
export async function startDemoStack(opts: {
  root: string;
  dir: string;
  records: number;
  nowMs: number;
  progress: Progress;
  /** Chains on the national cryptography suite (SM3 headers and trees), e.g. `{ judicial: 'sm3' }`; SHA-256 otherwise. */
  hashSuites?: Readonly<Record<string, HashSuite>>;
  /** Chains whose validators sign with SM2, e.g. `{ judicial: 'sm2' }`; secp256k1 otherwise. */
  signatureSuites?: Readonly<Record<string, SignatureSuite>>;
  /** The suite of every member's key (courts, gateway, admins, agency, adapters, notaries); secp256k1 unless told. */
  memberKeySuite?: SignatureSuite;
}): Promise<DemoStack> {
  const { root, dir, progress } = opts;
  // The grace period lets the children's own guards go first (the hardhat node's removes its temp dir).
  const watchdog = startOrphanWatchdog({ dirs: [dir], graceMs: 3000 });
  let nats: NatsServerHandle | undefined;
  let natsUrl = process.env['NATS_URL'];
  if (natsUrl) {
    progress(`使用已有的 NATS / using NATS at ${natsUrl} (NATS_URL)`);
    const chains = [...DEMO_CHAINS.map((c) => c.id), DEMO_EVM_CHAIN, DEMO_NOTARY_CHAIN];
    const deleted = await resetDemoNats(natsUrl, chains);
    progress(
      deleted.length === 0
        ? '其上没有以前演示留下的流或 KV 桶 / no streams or KV buckets of an earlier demo run on it'
        : `已删除以前演示留下的流和 KV 桶（只删演示自己的） / deleted what an earlier demo run left on it (only the demo's own): ${deleted.join(', ')}`,
    );
  }
  // Seeded first: the genesis admits every chain with its seeded head as the trust anchor.
  const anchors = await seedChains(dir, opts.records, progress, opts.hashSuites, opts.signatureSuites);
  const bank = await startDemoBankChain(join(dir, 'bank'));
  progress(
    `${DEMO_EVM_CHAIN.padEnd(10)} hardhat 节点 / node ${bank.node.url}，BankLedger 合约 ${bank.contract}，区块 / block ${bank.anchor.height}（EVM；${NOTARIES.named} 名公证人中 ${NOTARIES.threshold} 名签名即为最终 / final when ${NOTARIES.threshold} of ${NOTARIES.named} notaries sign）`,
  );
  if (opts.memberKeySuite === 'sm2')
    progress(
      `${''.padEnd(10)} EVM 链仍按以太坊规则（keccak 哈希、secp256k1 交易签名），数据库登记簿按记录哈希 SHA-256；其公证人的签名用其 SM2 成员密钥 / the EVM chain keeps Ethereum's rules (keccak, secp256k1 transactions) and the database registry SHA-256 record hashes; their notaries sign with their SM2 member keys`,
    );
  const enterpriseDir = seedEnterpriseRegistry(dir);
  progress(
    `${DEMO_NOTARY_CHAIN.padEnd(10)} 数据库登记簿，${DEMO_ENTERPRISES.length} 家企业（${NOTARIES.named} 名公证人中 ${NOTARIES.threshold} 名读取并签名即为最终 / a database registry; final when ${NOTARIES.threshold} of ${NOTARIES.named} notaries read and sign a record）`,
  );
  const evmAnchors = new Map<string, DevChainAnchor>([
    ...anchors,
    [
      DEMO_NOTARY_CHAIN,
      {
        displayName: ALLIANCE_CATALOG[DEMO_NOTARY_CHAIN]?.displayName ?? DEMO_NOTARY_CHAIN,
        // A database has no headers: the anchor is nominal.
        height: 1,
        headerHash: new Uint8Array(32),
        validatorsHash: new Uint8Array(32),
        notary: { notaries: NOTARIES.named, threshold: NOTARIES.threshold },
      },
    ],
    [
      DEMO_EVM_CHAIN,
      {
        displayName: ALLIANCE_CATALOG[DEMO_EVM_CHAIN]?.displayName ?? DEMO_EVM_CHAIN,
        height: bank.anchor.height,
        headerHash: bank.anchor.headerHash,
        validatorsHash: new Uint8Array(32),
        evm: { contract: fromHex(bank.contract.slice(2).toLowerCase()), notaries: NOTARIES.named, threshold: NOTARIES.threshold },
      },
    ],
  ]);
  const alliance = await createDevAlliance(
    join(dir, 'alliance'),
    [...DEMO_CHAINS.map((c) => c.id), DEMO_EVM_CHAIN, DEMO_NOTARY_CHAIN],
    opts.nowMs,
    evmAnchors,
    opts.memberKeySuite === undefined ? {} : { suite: opts.memberKeySuite },
  );
  progress(`联盟创世文件 / alliance genesis ${alliance.genesisFile}`);
  progress(`固定哈希 / pinned sha256 ${alliance.genesisHashHex}`);
  // The private NATS starts once the registry exists: its users and permissions come from it.
  let bus: BusSecurity | undefined;
  if (!natsUrl) {
    const state = registryStateFromGenesis(loadGenesis(alliance.genesisBytes, alliance.genesisHashHex));
    bus = writeBusSecurity({
      state,
      atMs: opts.nowMs,
      outDir: join(dir, 'nats'),
      workflowsBuckets: {
        state: DEMO_WORKFLOW_BUCKETS.state,
        lease: DEMO_WORKFLOW_BUCKETS.lease,
        replay: DEMO_WORKFLOW_BUCKETS.replay,
        cursor: DEMO_WORKFLOW_BUCKETS.filingsCursor,
      },
    });
    nats = await startNatsServer({ extraArgs: ['-c', bus.configFile] });
    natsUrl = nats.url;
    progress(`私有 nats-server（JetStream） / private nats-server with JetStream: ${natsUrl}`);
    progress(
      `总线按注册表授权：${bus.participants.length} 个 nkey 用户，各有最小权限 / bus secured from the registry: ${bus.participants.length} nkey users, least privilege (${bus.configFile})`,
    );
  }
  const natsEnv = (user: string): Record<string, string> => (bus === undefined ? {} : { CB_NATS_NKEY_FILE: bus.seedFile(user) });
  const url = natsUrl;
  const trust = anchors.get('judicial')!;
  const adapters = new Map<string, ChildProcess>();
  const parts: StackParts = { dir, natsUrl: url, alliance, trust, natsEnv };
  for (const c of DEMO_CHAINS) adapters.set(c.id, spawnAdapter(root, parts, c));
  for (const [name, child] of spawnBankChain(root, parts, bank)) adapters.set(name, child);
  for (const [name, child] of spawnEnterpriseRegistry(root, parts, enterpriseDir)) adapters.set(name, child);
  watchdog.watch([bank.node.pid, ...[...adapters.values()].flatMap((c) => (c.pid === undefined ? [] : [c.pid]))]);
  progress(`已启动 ${adapters.size} 个适配器与公证人进程 / adapter and notary processes started（日志 / logs: ${join(dir, 'logs')}）`);
  return {
    dir,
    bank,
    natsUrl: url,
    alliance,
    natsAuth: (user) => bus?.auth(user),
    operatorSeed: bus?.seedFile('operator'),
    anchors,
    adapters,
    async startWorkflows(gateway) {
      const wfAuth = bus?.auth('workflows');
      const configFile = writeDemoWorkflowsConfig({
        alliance,
        natsUrl: url,
        gateway,
        ...(wfAuth === undefined ? {} : { natsAuth: wfAuth }),
      });
      const started: Promise<WorkflowReplica>[] = [];
      for (let i = 1; i <= DEMO_WORKFLOW_REPLICAS; i++) {
        const id = `wf-${i}`;
        const child = spawnLogged(root, dir, `workflows-${id}`, 'bin/courtbridge.mjs', {}, [
          'workflows',
          'start',
          '--config',
          configFile,
          '--replica-id',
          id,
          '--json',
        ]);
        adapters.set(`workflows-${id}`, child);
        if (child.pid !== undefined) watchdog.watch([child.pid]);
        started.push(untilStarted({ id, child, log: join(dir, 'logs', `workflows-${id}.log`) }));
      }
      return Promise.all(started);
    },
    async stop() {
      await Promise.all([...adapters.values()].map(stopChild));
      await bank.stop();
      // A subject the secured bus refused is a gap in the generated permissions: say so, never hide it.
      const refused = (nats?.logs() ?? '').split('\n').filter((l) => / (Publish|Subscription) Violation /.test(l));
      if (refused.length > 0)
        progress(
          `警告：总线拒绝了 ${refused.length} 次收发 / warning: the bus refused ${refused.length} subject(s):\n${refused.slice(0, 10).join('\n')}`,
        );
      await nats?.stop();
      watchdog.stop();
    },
  };
}
