/**
 * `courtbridge mobile` in-process against a real nats-server and a real dev ledger running the
 * mobile contract behind its intake: init names the device DID; capture signs and queues (offline);
 * flush to a port nobody listens on keeps everything (exit 3); flush to the intake delivers (exit 0);
 * a record signed after the device's revocation is refused device_revoked and kept (exit 1).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mobile } from '../../adapters/mobile/definition.js';
import { startMobileIntake, type MobileIntake } from '../../adapters/mobile/intake-server.js';
import { contractsOf } from '../../adapters/sdk/definition.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex } from '../../src/encoding/bytes.js';
import { action } from '../adapters/contracts/harness.js';
import { runCli, type CliRun } from '../helpers/cli-in-process.js';
import { freePort, startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';

let nats: NatsServerHandle;
let nc: NatsConnection;
let ledger: DevLedger;
let intake: MobileIntake;
let dir: string;
let timer: NodeJS.Timeout;

const run = (argv: string[]): Promise<CliRun> => runCli(argv, dir);

/** A loopback port nobody listens on (taken, then released). */
const deadPort = freePort;

async function order(kind: string, target: string): Promise<void> {
  const p = ledger.submit(mobile.actionTx(action(kind, target)));
  ledger.produceBlock();
  await p;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cb-cli-mobile-'));
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  ledger = DevLedger.open({ chainId: 'mobile', contracts: contractsOf(mobile), clock: Date.now });
  // Blocks as the adapter's backend makes them: whenever txs wait.
  timer = setInterval(() => ledger.produceBlock(), 20);
  intake = startMobileIntake({ nc, ledger });
});
afterAll(async () => {
  clearInterval(timer);
  await intake?.stop();
  await nc?.close();
  await nats?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('courtbridge mobile', () => {
  it('init, capture offline, flush offline (kept), flush online (delivered), revoked (refused, kept)', async () => {
    const init = await run(['mobile', 'init', '--dir', 'device', '--json']);
    expect(init.code, init.err).toBe(0);
    const did = (JSON.parse(init.out) as { did: string }).did;
    expect(did).toMatch(/^did:key:z/);
    await order('delegate', did);

    writeFileSync(join(dir, 'photo1.jpg'), 'not really a jpeg');
    const cap = await run([
      'mobile',
      'capture',
      '--dir',
      'device',
      '--case',
      '(2026)京0101执1号',
      '--place',
      '北京市东城区某街1号',
      '--action',
      'seal',
      '--media',
      'photo1.jpg',
      '--json',
    ]);
    expect(cap.code, cap.err).toBe(0);
    const rec = JSON.parse(cap.out) as { recordId: string; mediaHashes: string[]; signedAtMs: number };
    expect(rec.mediaHashes).toEqual([toHex(sha256(new TextEncoder().encode('not really a jpeg')))]);

    const off = await run(['mobile', 'flush', '--dir', 'device', '--nats', `nats://127.0.0.1:${await deadPort()}`, '--json']);
    expect(off.code).toBe(3);
    expect(JSON.parse(off.out)).toMatchObject({ pending: 1 });

    const on = await run(['mobile', 'flush', '--dir', 'device', '--nats', nats.url, '--json']);
    expect(on.code, on.out + on.err).toBe(0);
    expect(JSON.parse(on.out)).toMatchObject({ delivered: [{ recordId: rec.recordId, outcome: 'committed' }], pending: 0 });
    expect(ledger.get(`onsite/${rec.recordId}`)).toBeDefined();

    await order('revoke', did);
    await new Promise((r) => setTimeout(r, 5));
    const late = await run([
      'mobile',
      'capture',
      '--dir',
      'device',
      '--case',
      '(2026)京0101执1号',
      '--place',
      '同上',
      '--action',
      'search',
      '--media-hash',
      '00'.repeat(32),
    ]);
    expect(late.code, late.err).toBe(0);
    const refused = await run(['mobile', 'flush', '--dir', 'device', '--nats', nats.url]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('device_revoked');
    const status = await run(['mobile', 'status', '--dir', 'device', '--json']);
    expect(JSON.parse(status.out)).toMatchObject({ pending: [], refused: [{ reason: 'device_revoked' }] });
  }, 60_000);

  it('usage errors: an unknown action code, no media', async () => {
    const bad = await run([
      'mobile',
      'capture',
      '--dir',
      'device',
      '--case',
      'c',
      '--place',
      'p',
      '--action',
      'burn',
      '--media-hash',
      '00'.repeat(32),
    ]);
    expect(bad.code).toBe(2);
    const none = await run(['mobile', 'capture', '--dir', 'device', '--case', 'c', '--place', 'p', '--action', 'seal']);
    expect(none.code).toBe(2);
  });
});
