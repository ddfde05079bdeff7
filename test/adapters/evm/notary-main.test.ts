/**
 * The notary process: its configuration (defaults, environment, flags, refusals naming the field
 * and source, the optional Clique sealer set), and `node --import tsx adapters/evm/notary-main.ts` against a real hardhat node and
 * nats-server: it publishes a signed block, journals it in its data dir, serves its metrics and
 * exits 0 on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type KV, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNotaryConfig } from '../../../adapters/evm/notary-config.js';
import { EvmRpc } from '../../../adapters/evm/rpc.js';
import { decodeNotarization, notaryKey, notaryKv } from '../../../src/bus/notary-kv.js';
import { type HardhatNodeHandle, startHardhatNode } from '../../../src/devtools/hardhat-node.js';
import { freePort, type NatsServerHandle, startNatsServer } from '../../../src/devtools/nats-server.js';
import { writeKeyFile } from '../../../src/identity/keystore.js';
import { vectorKey } from '../../identity/fixture.js';
import { refusal } from '../../helpers/refusal.js';

const REQUIRED = {
  CB_EVM_RPC_URL: 'http://127.0.0.1:8545',
  CB_CHAIN_ID: 'land-evm',
  CB_NOTARY_DEPTH: '6',
  CB_KEY_FILE: '/keys/notary.json',
  CB_DATA_DIR: '/var/lib/notary',
};

describe('loadNotaryConfig', () => {
  it('reads the environment over the defaults and flags over the environment', () => {
    const c = loadNotaryConfig({ env: REQUIRED, argv: ['--depth', '12', '--start-height', '100'] });
    expect(c).toMatchObject({
      rpcUrl: 'http://127.0.0.1:8545',
      chainId: 'land-evm',
      depth: 12,
      startHeight: 100,
      natsServers: ['nats://127.0.0.1:4222'],
      pollMs: 1_000,
    });
  });

  it('refuses a missing or bad value, naming the field and where it came from', () => {
    const { CB_NOTARY_DEPTH: _depth, ...noDepth } = REQUIRED;
    expect(refusal(() => loadNotaryConfig({ env: noDepth })).message).toMatch(/^depth: required; set CB_NOTARY_DEPTH/);
    expect(refusal(() => loadNotaryConfig({ env: { ...REQUIRED, CB_NOTARY_DEPTH: 'six' } })).message).toMatch(/^CB_NOTARY_DEPTH: "six"/);
    expect(refusal(() => loadNotaryConfig({ env: REQUIRED, argv: ['--rpc-url', 'ftp://x'] })).message).toMatch(/^--rpc-url:/);
    expect(refusal(() => loadNotaryConfig({ env: REQUIRED, argv: ['--depht', '3'] })).reason).toBe('invalid_config');
  });

  it('reads a Clique sealer set from CB_EVM_SEALERS or --evm-sealers (lower-cased), off when unset, refused when not addresses', () => {
    const a = '0xE0a2Bd4258D2768837BAa26A28fE71Dc079f84c7';
    const b = '0x8b24eb4e6aae906058242d83e51fb077370c4720';
    expect(loadNotaryConfig({ env: REQUIRED }).evmSealers).toBeUndefined();
    expect(loadNotaryConfig({ env: { ...REQUIRED, CB_EVM_SEALERS: `${a}, ${b}` } }).evmSealers).toEqual([a.toLowerCase(), b]);
    expect(loadNotaryConfig({ env: { ...REQUIRED, CB_EVM_SEALERS: a }, argv: ['--evm-sealers', b] }).evmSealers).toEqual([b]);
    expect(refusal(() => loadNotaryConfig({ env: { ...REQUIRED, CB_EVM_SEALERS: `${a},0x1234` } })).message).toMatch(
      /^CB_EVM_SEALERS: .* is not a list of Ethereum addresses/,
    );
  });
});

describe('notary-main', () => {
  let node: HardhatNodeHandle;
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let kv: KV;
  let dir: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    [node, nats] = await Promise.all([startHardhatNode(), startNatsServer()]);
    nc = await connect({ servers: nats.url });
    kv = await notaryKv(nc.jetstream());
    dir = mkdtempSync(join(tmpdir(), 'courtbridge-notary-main-'));
    await writeKeyFile(join(dir, 'notary.key.json'), {
      did: 'did:alliance:notary-a',
      kid: 'did:alliance:notary-a#key-1',
      privateKey: vectorKey(80),
    });
  });

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await nc?.close();
    await Promise.all([node?.stop(), nats?.stop()]);
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('signs a block past its depth, serves metrics, and exits 0 on SIGTERM', async () => {
    const rpc = new EvmRpc(node.url);
    for (let i = 0; i < 5; i++) await rpc.request('evm_mine', []);
    const metricsPort = await freePort();
    const proc = spawn(process.execPath, ['--import', 'tsx', 'adapters/evm/notary-main.ts', '--poll-ms', '50'], {
      cwd: process.cwd(),
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        CB_EVM_RPC_URL: node.url,
        CB_CHAIN_ID: 'main-evm',
        CB_NOTARY_DEPTH: '2',
        CB_NOTARY_START_HEIGHT: '1',
        CB_KEY_FILE: join(dir, 'notary.key.json'),
        CB_NATS_URL: nats.url,
        CB_DATA_DIR: join(dir, 'data'),
        CB_METRICS_PORT: String(metricsPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));

    const key = notaryKey('main-evm', 3, 'did:alliance:notary-a');
    const deadline = Date.now() + 30_000;
    let entry = await kv.get(key);
    while (entry === null) {
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`no notarization of block 3: ${out.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
      entry = await kv.get(key);
    }
    const n = decodeNotarization(entry.value);
    expect(n.block.height).toBe(3);
    expect(`0x${Buffer.from(n.block.blockHash).toString('hex')}`).toBe((await rpc.getBlockByNumber(3n))!['hash']);
    expect(readFileSync(join(dir, 'data', 'notary-journal.jsonl'), 'utf8')).toContain('"height":3');
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/courtbridge_notary_signed_total\{chain="main-evm"\} [1-9]/);

    proc.kill('SIGTERM');
    expect(await exited, out.slice(-2000)).toBe(0);
  });
});
