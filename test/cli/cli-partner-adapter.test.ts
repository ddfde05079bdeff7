/**
 * A partner agency joins the documented way, every step a real process against live parts (a
 * private nats-server, a real gateway over loopback, the judicial chain's adapter in-process):
 *   - `adapter judicial-anchor` prints the judicial trust anchor from the gateway's light client;
 *   - `adapter start` without that anchor, or before the admins registered the partner, exits 1
 *     with one zh-CN-first line naming the command to run, no stack trace;
 *   - after `alliance register` and `alliance admit-chain`, `adapter start` catches up on the
 *     registry stream, starts, announces itself and drains on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractsOf } from '../../adapters/sdk/definition.js';
import { DevLedgerBackend } from '../../adapters/sdk/dev-ledger-backend.js';
import type { AdapterHandle } from '../../adapters/sdk/runtime.js';
import { credit } from '../../adapters/credit/definition.js';
import { judicial } from '../../adapters/judicial/definition.js';
import { announceSubject } from '../../src/bus/subjects.js';
import { headerHash } from '../../src/chain/header.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { sha256 } from '../../src/crypto/hash.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { toHex } from '../../src/encoding/bytes.js';
import { chainEntryToJson } from '../../src/identity/chain-entry.js';
import { writeKeyFile } from '../../src/identity/keystore.js';
import { startGatewayNode } from '../../src/node/gateway-node.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { allianceFixture, allianceKey, fixtureChainEntry, FixtureDids, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { eventually } from '../helpers/eventually.js';
import { startJudicialAdapter } from '../helpers/judicial-adapter.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { cli, ROOT, writeAllianceFiles } from './cli-helpers.js';

const PARTNER = 'did:alliance:credit-bureau';
const partnerKey = allianceKey(700);

let nats: NatsServerHandle;
let nc: NatsConnection;
let gw: RunningGateway;
let fx: AllianceFixture;
let dir: string;
let files: Awaited<ReturnType<typeof writeAllianceFiles>>;
let env: Record<string, string>;
let partnerKeyFile: string;
let judicialBackend: DevLedgerBackend;
let judicialAdapter: AdapterHandle | undefined;
let anchor: { height: string; hash: string };

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  dir = await mkdtemp(join(tmpdir(), 'courtbridge-cli-partner-'));
  // The judicial chain is admitted in the genesis (its anchor: the ledger's head); credit is not,
  // nor is any adapter of it.
  judicialBackend = new DevLedgerBackend({ definition: judicial, blockIntervalMs: 20 });
  await judicialBackend.start();
  fx = allianceFixture({ chains: ['judicial'], anchors: { judicial: judicialBackend.ledger.latest() } });
  files = await writeAllianceFiles(fx, dir);
  partnerKeyFile = join(dir, 'credit-bureau.key');
  await writeKeyFile(partnerKeyFile, { did: PARTNER, kid: `${PARTNER}#key-1`, privateKey: partnerKey });
  judicialAdapter = (await startJudicialAdapter({ servers: nats.url, fx, backend: judicialBackend, announceIntervalMs: 300 })).handle;
  const config = loadGatewayConfig({
    overrides: {
      listen: '127.0.0.1:0',
      natsServers: [nats.url],
      genesisHash: toHex(sha256(fx.genesisBytes)),
      metricsPort: -1,
      logLevel: 'silent',
      chains: ['judicial'],
    },
  });
  gw = await startGatewayNode(config, { signer: fx.gateway, genesisBytes: fx.genesisBytes });
  env = { COURTBRIDGE_GATEWAY: gw.address, COURTBRIDGE_GATEWAY_DID: FixtureDids.gateway };
}, 60_000);

afterAll(async () => {
  await gw?.shutdown();
  await judicialAdapter?.drain().catch(() => undefined);
  await nc?.close();
  await nats?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** `courtbridge adapter start --chain credit` as the partner; resolves when it announced or exited. */
async function startCredit(extra: string[]): Promise<{ first: string; stderr: string; stop(): Promise<number | null> }> {
  const announced = new Promise<void>((res) => {
    nc.subscribe(announceSubject('credit'), { max: 1, callback: () => res() });
  });
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'courtbridge.mjs'),
      'adapter',
      'start',
      '--chain',
      'credit',
      '--nats',
      nats.url,
      '--key',
      partnerKeyFile,
      '--genesis',
      files.genesis,
      '--genesis-hash',
      files.genesisHash,
      '--data-dir',
      join(dir, 'data', 'credit'),
      ...extra,
    ],
    { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', () => undefined);
  const exited = new Promise<number | null>((res) => child.once('exit', (c) => res(c)));
  // Kept timer: a watchdog on a real child process (fails the race with 'timeout' instead of hanging).
  const first = await Promise.race([
    announced.then(() => 'announced'),
    exited.then((c) => `exited ${c}`),
    new Promise<string>((r) => setTimeout(() => r('timeout'), 60_000)),
  ]);
  return {
    first,
    get stderr() {
      return stderr;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('a partner adapter joining after the genesis', () => {
  it("adapter judicial-anchor prints the judicial anchor the gateway's light client trusts", async () => {
    // The gateway's judicial light client becomes active once it has followed the judicial chain.
    const r = await eventually(
      async () => {
        const run = await cli(['adapter', 'judicial-anchor', '--as', files.keyFile(FixtureDids.court)], { env });
        expect(run.code, run.stderr).toBe(0);
        return run;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the judicial anchor printed' },
    );
    const height = /^CB_JUDICIAL_HEIGHT=(\d+)$/m.exec(r.stdout)?.[1];
    const hash = /^CB_JUDICIAL_HASH=([0-9a-f]{64})$/m.exec(r.stdout)?.[1];
    expect(height, r.stdout).toBeDefined();
    expect(r.stdout).toMatch(/^# 司法链可信锚点/);
    // The hash is the judicial ledger's own header at that height.
    const lb = judicialBackend.ledger.lightBlockAt(Number(height));
    expect(hash).toBe(toHex(headerHash(lb.signedHeader.header)));
    anchor = { height: height!, hash: hash! };
    // The light client may have followed another block since: the JSON form names its own height,
    // and its hash is the ledger's header at that height.
    const json = await cli(['adapter', 'judicial-anchor', '--as', files.keyFile(FixtureDids.court), '--json'], { env });
    const j = JSON.parse(json.stdout) as { chainId: string; height: number; headerHash: string };
    expect(j.chainId).toBe('judicial');
    expect(j.height).toBeGreaterThanOrEqual(Number(height));
    expect(j.headerHash).toBe(toHex(headerHash(judicialBackend.ledger.lightBlockAt(j.height).signedHeader.header)));
  }, 60_000);

  it('without the judicial anchor the adapter exits 1 with one line naming the command that prints it', async () => {
    const run = await startCredit([]);
    expect(run.first).toBe('exited 1');
    const lines = run.stderr.trim().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^适配器 credit 未启动 adapter credit not started \[invalid_config\]: judicialHeight: 必填/);
    expect(lines[0]).toContain('courtbridge adapter judicial-anchor');
  }, 90_000);

  it('before the admins registered it, the adapter exits 1 with one line naming the register command, no stack', async () => {
    const run = await startCredit(['--judicial-height', anchor.height, '--judicial-hash', anchor.hash]);
    expect(run.first).toBe('exited 1');
    const lines = run.stderr.trim().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^适配器 credit 未启动 adapter credit not started \[adapter_not_authorised\]: /);
    expect(lines[0]).toContain(`courtbridge alliance register --did ${PARTNER} --org ORG --role adapter --chain credit`);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 90_000);

  it('after alliance register and admit-chain it catches up, starts, announces and drains on SIGTERM', async () => {
    const admins = ['--admin-key', files.keyFile(FixtureDids.admin1), '--admin-key', files.keyFile(FixtureDids.admin2)];
    const reg = await cli(
      [
        'alliance',
        'register',
        '--did',
        PARTNER,
        '--org',
        'Credit bureau',
        '--role',
        'adapter',
        '--chain',
        'credit',
        '--public-key',
        toHex(publicKeyOf(partnerKey)),
        ...admins,
      ],
      { env },
    );
    expect(reg.code, reg.stderr).toBe(0);
    // The chain's entry: its anchor is the head of the ledger the partner's adapter will serve.
    const seeded = await cli(['seed', '--chain', 'credit', '--records', '10', '--seed', 'partner', '--data-dir', join(dir, 'data')]);
    expect(seeded.code, seeded.stderr).toBe(0);
    const ledger = DevLedger.open({ chainId: 'credit', contracts: contractsOf(credit), dataDir: join(dir, 'data', 'credit') });
    const entry = { ...fixtureChainEntry('credit', ledger.latest()), servers: [PARTNER] };
    ledger.close();
    const entryFile = join(dir, 'credit-entry.json');
    await writeFile(entryFile, JSON.stringify(chainEntryToJson(entry)));
    const admit = await cli(['alliance', 'admit-chain', '--entry', entryFile, ...admins], { env });
    expect(admit.code, admit.stderr).toBe(0);

    const run = await startCredit(['--judicial-height', anchor.height, '--judicial-hash', anchor.hash]);
    expect(run.first, run.stderr).toBe('announced');
    expect(await run.stop(), run.stderr).toBe(0);
  }, 120_000);
});
