/**
 * adapters/mobile/main.ts as a real process beside the judicial adapter's (as an operator starts
 * them, configured by CB_* only): it announces itself, serves the device intake next to its
 * ledger, commits a record the seeded demo device signs (its offline queue flushed over NATS),
 * refuses one of a device never delegated with the contract's reason, and drains on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judicial } from '../../adapters/judicial/definition.js';
import { mobile } from '../../adapters/mobile/definition.js';
import { contractsOf, type DevLedgerDefinition } from '../../adapters/sdk/definition.js';
import { fetchLightBlock } from '../../adapters/sdk/judicial-trust.js';
import { announceSubject } from '../../src/bus/subjects.js';
import { headerHash } from '../../src/chain/header.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { writeKeyFile } from '../../src/identity/keystore.js';
import { deviceSignerOf } from '../../src/mobile/device-key.js';
import { submitOnsite } from '../../src/mobile/intake-client.js';
import { OfflineQueue } from '../../src/mobile/offline-queue.js';
import { demoDeviceKey } from '../../src/seed/mobile-seed.js';
import { loadSeed, seedChain } from '../../src/seed/seed.js';
import { allianceFixture, FixtureDids, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { eventually } from '../helpers/eventually.js';

let nats: NatsServerHandle;
let nc: NatsConnection;
let a: AllianceFixture;
let dir: string;
const children: ChildProcess[] = [];

async function prepare(chain: string, def: DevLedgerDefinition): Promise<void> {
  await writeKeyFile(join(dir, `${chain}.key.json`), {
    did: FixtureDids.adapter(chain),
    kid: `${FixtureDids.adapter(chain)}#key-1`,
    privateKey: a.privateKeys.get(FixtureDids.adapter(chain))!,
  });
  const l = DevLedger.open({ chainId: chain, contracts: contractsOf(def), dataDir: join(dir, `${chain}-data`) });
  await loadSeed(l, seedChain(chain as 'judicial' | 'mobile', { records: 10, seed: 'mobile-main' }));
  l.close();
}

function spawnMain(
  chain: string,
  extraEnv: Record<string, string>,
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', `adapters/${chain}/main.ts`], {
    cwd: process.cwd(),
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      CB_NATS_URL: nats.url,
      CB_KEY_FILE: join(dir, `${chain}.key.json`),
      CB_GENESIS_FILE: join(dir, 'genesis.json'),
      CB_GENESIS_HASH: toHex(a.loaded.hash),
      CB_DATA_DIR: join(dir, `${chain}-data`),
      CB_REPLICA_ID: `${chain}-proc`,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out.slice(-3_000), exited };
}

async function announced(chain: string, p: { exited: Promise<number | null>; output: () => string }): Promise<void> {
  const sub = nc.subscribe(announceSubject(chain), { max: 1 });
  const first = (async () => {
    for await (const _ of sub) return;
  })();
  await Promise.race([first, p.exited.then((code) => Promise.reject(new Error(`${chain} exited early (${code}): ${p.output()}`)))]);
}

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  a = allianceFixture({ chains: ['judicial', 'mobile'] });
  dir = mkdtempSync(join(tmpdir(), 'cb-mobile-main-'));
  writeFileSync(join(dir, 'genesis.json'), a.genesisBytes);
  await prepare('judicial', judicial);
  await prepare('mobile', mobile);
}, 60_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await nc?.close();
  await nats?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('adapters/mobile/main.ts as a real process', () => {
  it('serves the intake: the demo device’s queued record is committed, a stranger’s refused; drains on SIGTERM', async () => {
    const j = spawnMain('judicial', {});
    await announced('judicial', j);
    const lb = await fetchLightBlock(nc, 'judicial', 0, Date.now() + 5_000);
    const m = spawnMain('mobile', {
      CB_JUDICIAL_HEIGHT: String(lb.signedHeader.header.height),
      CB_JUDICIAL_HASH: toHex(headerHash(lb.signedHeader.header)),
    });
    await announced('mobile', m);

    const queue = OfflineQueue.open(join(dir, 'demo-device', 'queue.log'), deviceSignerOf(demoDeviceKey()));
    const r = queue.capture(
      { caseId: '(2026)京0101执1号', place: '北京市东城区某街1号', action: 'serve', mediaHashes: [toHex(sha256(utf8('notice.pdf')))] },
      Date.now(),
    );
    // The intake starts right after the adapter announces itself: until it subscribes the record
    // stays queued (no responders), as on any device whose chain is not reachable yet.
    await eventually(async () => expect((await queue.flush((x) => submitOnsite(nc, 'mobile', x, 10_000))).pending).toBe(0), {
      timeoutMs: 10_000,
    });
    expect(queue.delivered()).toEqual([expect.objectContaining({ recordId: r.recordId, outcome: 'committed' })]);
    expect(queue.refused()).toEqual([]);
    // The same record again (a reply lost): one tx, answered already committed.
    await expect(submitOnsite(nc, 'mobile', r, 10_000)).resolves.toMatchObject({ outcome: 'already_committed' });
    queue.close();

    const stranger = OfflineQueue.open(join(dir, 'stranger', 'queue.log'), deviceSignerOf(sha256(utf8('never delegated'))));
    stranger.capture({ caseId: '(2026)京0101执1号', place: '某处', action: 'search', mediaHashes: [toHex(sha256(utf8('x')))] }, Date.now());
    const refused = await stranger.flush((x) => submitOnsite(nc, 'mobile', x, 10_000));
    expect(refused.refused).toEqual([expect.objectContaining({ reason: 'unknown_device', code: 'PERMISSION_DENIED' })]);
    stranger.close();

    m.child.kill('SIGTERM');
    expect(await m.exited, m.output()).toBe(0);
    j.child.kill('SIGTERM');
    expect(await j.exited, j.output()).toBe(0);
  }, 90_000);
});
