/**
 * Keeps the README's "Running on a cluster / 集群部署" section true. Its `sh` lines run here, in
 * bash, each as the README writes it, from a scratch directory laid out as the section says (the
 * clone's `adapters/` and `node_modules/` linked in, `deploy/cluster/` copied from the clone with
 * every port of the files and the lines rewritten to a free one; `genesis.json`, `gateway.key` and
 * `finance.key.json`, `judicial.key.json` of a throwaway alliance admitting the judicial and finance
 * chains; both chains seeded in `data/`). Each line ends in `&`: it runs until stopped, in its own process
 * group, and dies with the test (an orphan watchdog SIGKILLs it and removes the directory).
 * Then the claims: every stream and bucket is kept three times; with the node leading the action
 * stream killed the gateway still answers (a verified query, and the action list, read from
 * JetStream); with two of three nodes gone what needs JetStream answers UNAVAILABLE, and with one
 * back nothing written before is lost.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderReplayBucket } from '../../adapters/sdk/runtime.js';
import { Streams } from '../../src/bus/subjects.js';
import { courtBearer } from '../../src/client/court-bearer.js';
import { connectGateway, type GatewayConnection } from '../../src/client/gateway-client.js';
import { createDevAlliance, type DevAlliance, type DevChainAnchor } from '../../src/devtools/dev-alliance.js';
import { freePort } from '../../src/devtools/nats-server.js';
import { startOrphanWatchdog, type OrphanWatchdog } from '../../src/devtools/orphan-watchdog.js';
import { toHex } from '../../src/encoding/bytes.js';
import { readKeyFile } from '../../src/identity/keystore.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { seedLedger, WORLD_CHAINS } from '../faults/cluster-world.js';
import { sleep, until } from '../workflows/replica-harness.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const HEADING = '## Running on a cluster / 集群部署';

/** The section: from its heading to the next `## `. */
function clusterSection(): string {
  const md = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = md.indexOf(HEADING);
  if (start < 0) throw new Error(`README.md has no "${HEADING}" section`);
  const end = md.indexOf('\n## ', start + HEADING.length);
  return md.slice(start, end < 0 ? undefined : end);
}

/** The command lines of the section's `sh` blocks (comment-only and blank lines left out). */
function shLines(markdown: string): string[] {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((b) =>
    b[1]!
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
}

/** A line left running: its process (group leader) and its output so far. */
interface Running {
  line: string;
  child: ChildProcess;
  out: () => string;
}

const SECTION = clusterSection();
const LINES = shLines(SECTION);
/** The node config files the section names, in order. */
const NODE_FILES = [...new Set([...SECTION.matchAll(/deploy\/cluster\/(n\d)\.conf/g)].map((m) => m[1]!))];

let scratch: string;
let watchdog: OrphanWatchdog;
let alliance: DevAlliance;
/** The README's ports and the free ones they were rewritten to. */
const ports = new Map<number, number>();
const running: Running[] = [];
let nc: NatsConnection;
let gateway: GatewayConnection;
/** Node name (n1..n3) to the running line that started it. */
const nodes = new Map<string, Running>();

/** `text` with every documented port (the README's and the files') replaced by its free one. */
const rewritePorts = (text: string): string =>
  text
    .replace(/127\.0\.0\.1:(\d{4,5})/g, (_, p: string) => `127.0.0.1:${ports.get(Number(p)) ?? p}`)
    .replace(/("metricsPort":\s*)(\d+)/g, (_, k: string, p: string) => `${k}${ports.get(Number(p)) ?? p}`);

function startLine(line: string, env: Record<string, string>): Running {
  const command = rewritePorts(line.replace(/\s*&$/, ''));
  // `env` runs the line's leading VAR=value words as the line means them, after bash's expansion.
  const child = spawn('bash', ['-c', `exec env ${command}`], { cwd: scratch, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  if (child.pid !== undefined) watchdog.watch([child.pid]);
  const r = { line, child, out: () => out };
  running.push(r);
  return r;
}

async function killGroup(r: Running): Promise<void> {
  if (r.child.exitCode !== null || r.child.signalCode !== null) return;
  const exited = new Promise<void>((res) => r.child.once('exit', () => res()));
  try {
    process.kill(-r.child.pid!, 'SIGKILL');
  } catch {
    // gone
  }
  await exited;
}

/** The grpc status of a failed call (OK when it answered). */
const statusOf = (p: Promise<unknown>): Promise<number> =>
  p.then(
    () => grpc.status.OK,
    (e: grpc.ServiceError) => e.code,
  );

const queryAccount = (): Promise<unknown> =>
  gateway.unary(gateway.client('QueryService'), 'query', {
    query: { chainId: 'finance', recordType: 'account', key: DEMO_CAST.debtor.accounts[0].key, height: { latest: {} } },
  });
const listActions = (): Promise<unknown> => gateway.unary(gateway.client('ActionService'), 'listActions', { chainId: 'finance' });

beforeAll(async () => {
  expect(NODE_FILES, 'the section names the three node config files').toEqual(['n1', 'n2', 'n3']);
  scratch = mkdtempSync(join(tmpdir(), 'cb-readme-cluster-'));
  watchdog = startOrphanWatchdog({ dirs: [scratch], graceMs: 2_000 });
  const documented = [
    SECTION,
    ...readdirSync(join(ROOT, 'deploy/cluster')).map((f) => readFileSync(join(ROOT, 'deploy/cluster', f), 'utf8')),
  ].join('\n');
  for (const m of documented.matchAll(/127\.0\.0\.1:(\d{4,5})|"metricsPort":\s*(\d+)/g)) {
    const p = Number(m[1] ?? m[2]);
    if (!ports.has(p)) ports.set(p, await freePort());
  }
  mkdirSync(join(scratch, 'deploy', 'cluster'), { recursive: true });
  for (const f of readdirSync(join(ROOT, 'deploy/cluster')))
    writeFileSync(join(scratch, 'deploy/cluster', f), rewritePorts(readFileSync(join(ROOT, 'deploy/cluster', f), 'utf8')));
  symlinkSync(join(ROOT, 'adapters'), join(scratch, 'adapters'));
  symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'));
  const anchors = new Map<string, DevChainAnchor>();
  for (const c of WORLD_CHAINS) anchors.set(c.id, await seedLedger(join(scratch, 'data', c.id), c));
  alliance = await createDevAlliance(
    join(scratch, 'alliance'),
    WORLD_CHAINS.map((c) => c.id),
    Date.now(),
    anchors,
  );
  copyFileSync(alliance.genesisFile, join(scratch, 'genesis.json'));
  copyFileSync(alliance.keyFiles.gateway!, join(scratch, 'gateway.key'));
  copyFileSync(alliance.keyFiles['adapter:finance']!, join(scratch, 'finance.key.json'));
  copyFileSync(alliance.keyFiles['adapter:judicial']!, join(scratch, 'judicial.key.json'));
  const judicial = anchors.get('judicial')!;
  const env = {
    PATH: `${join(ROOT, 'bin')}:${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? '',
    GENESIS_HASH: alliance.genesisHashHex,
    CB_JUDICIAL_HEIGHT: String(judicial.height),
    CB_JUDICIAL_HASH: toHex(judicial.headerHash),
  };
  for (const line of LINES) {
    expect(line, 'every line of the section runs in the background').toMatch(/&$/);
    const r = startLine(line, env);
    const node = /deploy\/cluster\/(n\d)\.conf/.exec(line)?.[1];
    if (node !== undefined) nodes.set(node, r);
    // The gateway creates the streams once the nodes have a JetStream leader; the adapter binds to them after.
    if (line.includes('gateway start'))
      await until(
        () => `the gateway to start: ${r.out()}`,
        async () => {
          if (r.child.exitCode !== null) throw new Error(`the gateway exited (${r.child.exitCode}): ${r.out()}`);
          return /listening on/.test(r.out()) ? true : undefined;
        },
        90_000,
        100,
      );
  }
  expect([...nodes.keys()]).toEqual(['n1', 'n2', 'n3']);
  const gatewayAddress = rewritePorts(JSON.parse(readFileSync(join(ROOT, 'deploy/cluster/gateway.json'), 'utf8')).listen as string);
  const natsUrls = (JSON.parse(readFileSync(join(scratch, 'deploy/cluster/gateway.json'), 'utf8')).natsServers as string[]).map(String);
  nc = await connect({ servers: natsUrls });
  gateway = connectGateway({
    address: gatewayAddress,
    bearer: courtBearer({ caller: await readKeyFile(alliance.keyFiles.court!), gatewayDid: alliance.dids.gateway!, now: Date.now }),
    timeoutMs: 10_000,
  });
  // Up: the finance adapter answers through the gateway with a verified record.
  await until(
    () => `a verified query through the gateway (outputs: ${running.map((r) => r.out().slice(-500)).join('\n---\n')})`,
    async () => ((await statusOf(queryAccount())) === grpc.status.OK ? true : undefined),
    90_000,
    250,
  );
}, 240_000);

afterAll(async () => {
  gateway?.close();
  await nc?.close().catch(() => undefined);
  for (const r of running) await killGroup(r);
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  watchdog?.stop();
});

describe(`README "${HEADING}"`, () => {
  it('every stream and bucket is kept on three nodes; with the node leading the action stream killed, the gateway still answers', async () => {
    const jsm = await nc.jetstreamManager();
    // The finance adapter's order-replay bucket exists once its action side is up (it follows the judicial chain first).
    await until(
      `bucket ${orderReplayBucket('finance')}`,
      () => jsm.streams.info(`KV_${orderReplayBucket('finance')}`).catch(() => undefined),
      60_000,
      250,
    );
    const streams: string[] = [];
    for await (const s of jsm.streams.list()) streams.push(`${s.config.name} R${s.config.num_replicas}`);
    for (const name of Object.values(Streams).map((s) => s.name)) expect(streams).toContain(`${name} R3`);
    // Every stream, the buckets' (KV_*) included: the claim is "every stream and bucket".
    expect
      .soft(
        streams.filter((s) => !s.endsWith(' R3')),
        `streams and buckets: ${streams.join(', ')}`,
      )
      .toEqual([]);
    const leader = (await jsm.streams.info(Streams.actions.name)).cluster?.leader;
    const node = nodes.get(String(leader));
    expect(node, `the action stream's leader ${leader} is one of the README's nodes`).toBeDefined();
    await killGroup(node!);
    for (const [what, call] of [
      ['a verified query', queryAccount],
      ['the action list (JetStream)', listActions],
    ] as const)
      await until(
        `${what} answered with a node down`,
        async () => ((await statusOf(call())) === grpc.status.OK ? true : undefined),
        60_000,
        250,
      );
    nodes.delete(String(leader));
  }, 120_000);

  it('two of three nodes gone: what needs JetStream answers UNAVAILABLE; one back, it answers again and nothing written before is lost', async () => {
    // The previous test's failover may still be settling: go on once JetStream and the stream answer.
    const jsm = await until('JetStream answering', () => nc.jetstreamManager().catch(() => undefined), 30_000, 250);
    const before = await until(
      'the header stream readable before the kill',
      async () => (await jsm.streams.info(Streams.headers.name).catch(() => undefined))?.state.messages,
      30_000,
      250,
    );
    const [name, second] = [...nodes.entries()][0]!;
    await killGroup(second);
    await sleep(1_000);
    // No quorum: the action list (read from JetStream) cannot be served, and says so as UNAVAILABLE.
    expect.soft(grpc.status[await statusOf(listActions())]).toBe(grpc.status[grpc.status.UNAVAILABLE]);
    const back = startLine(`nats-server -c deploy/cluster/${name}.conf &`, { PATH: process.env.PATH ?? '' });
    nodes.set(name, back);
    await until(
      'the action list answered again with two nodes',
      async () => ((await statusOf(listActions())) === grpc.status.OK ? true : undefined),
      60_000,
      250,
    );
    const after = await until(
      'the header stream readable again',
      async () => (await jsm.streams.info(Streams.headers.name).catch(() => undefined))?.state.messages,
      30_000,
      250,
    );
    expect(after).toBeGreaterThanOrEqual(before);
  }, 120_000);
});
