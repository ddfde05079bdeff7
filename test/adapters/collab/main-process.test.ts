/**
 * `adapters/collab/main.ts` as a real child process (CB_* environment, the pinned genesis, its key
 * file): beside the adapter it serves the chain's intake, checked against the registry it loaded
 * (an organ's statement committed, a non-organ's refused), and drains on SIGTERM with exit code 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { submitStatement } from '../../../adapters/collab/intake-server.js';
import type { Statement } from '../../../adapters/collab/schema.js';
import { signStatement } from '../../../adapters/collab/statement.js';
import { judicial } from '../../../adapters/judicial/definition.js';
import { DevLedgerBackend } from '../../../adapters/sdk/dev-ledger-backend.js';
import { startAdapter, type AdapterHandle } from '../../../adapters/sdk/runtime.js';
import { fetchLightBlock } from '../../../adapters/sdk/judicial-trust.js';
import { headerHash } from '../../../src/chain/header.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { writeKeyFile } from '../../../src/identity/keystore.js';
import { allianceFixture, FixtureDids } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';

const PROC = 'did:alliance:procuratorate-proc';
const fx = allianceFixture({ chains: ['judicial', 'collab'], extraMembers: [{ did: PROC, roles: ['procuratorate'], chains: ['collab'] }] });

let nats: NatsServerHandle;
let nc: NatsConnection;
let dir: string;
let judicialAdapter: AdapterHandle;
let child: ChildProcess | undefined;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  dir = mkdtempSync(join(tmpdir(), 'cb-collab-main-'));
  // The judicial adapter runs first: the collab adapter fetches its trusted judicial header from it.
  judicialAdapter = await startAdapter({
    servers: nats.url,
    signer: fx.adapter('judicial'),
    authority: fx.authority,
    backend: new DevLedgerBackend({ definition: judicial, blockIntervalMs: 20, heartbeatMs: 400 }),
    definition: judicial,
    replicaId: 'judicial-1',
  });
}, 60_000);

afterAll(async () => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  await judicialAdapter?.drain().catch(() => undefined);
  await nc?.close();
  await nats?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('adapters/collab/main.ts', () => {
  it('serves the intake beside the adapter, with the registry it loaded, and drains on SIGTERM', async () => {
    const did = FixtureDids.adapter('collab');
    writeFileSync(join(dir, 'genesis.json'), fx.genesisBytes);
    await writeKeyFile(join(dir, 'collab.key.json'), { did, kid: `${did}#key-1`, privateKey: fx.privateKeys.get(did)! });
    const head = (await eventually(() => fetchLightBlock(nc, 'judicial', 0, Date.now() + 2_000), { timeoutMs: 10_000 })).signedHeader
      .header;
    let out = '';
    child = spawn(process.execPath, ['--import', 'tsx', 'adapters/collab/main.ts'], {
      cwd: process.cwd(),
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        CB_NATS_URL: nats.url,
        CB_KEY_FILE: join(dir, 'collab.key.json'),
        CB_GENESIS_FILE: join(dir, 'genesis.json'),
        CB_GENESIS_HASH: toHex(fx.loaded.hash),
        CB_DATA_DIR: join(dir, 'collab-data'),
        CB_REPLICA_ID: 'collab-proc',
        CB_JUDICIAL_HEIGHT: String(head.height),
        CB_JUDICIAL_HASH: toHex(headerHash(head)),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));

    const statement = (signer: string, role: string): Statement =>
      ({
        type: 'evidence_share',
        schema: 1,
        signer,
        role,
        atMs: Date.now(),
        sha256: toHex(sha256(utf8(`main-process ${signer} ${Date.now()}`))),
        sharedWith: [],
      }) as Statement;
    const send = (as: string, role: string) =>
      submitStatement(nc, 'collab', fx.signers.get(as)!, signStatement(fx.signers.get(as)!, statement(as, role)), {
        nowMs: Date.now(),
        timeoutMs: 3_000,
      });
    // Until the process serves its intake (no responders before), then committed.
    const committed = await eventually(() => send(PROC, 'procuratorate'), {
      timeoutMs: 45_000,
      what: 'the collab process serving its intake',
    });
    expect(committed.outcome).toBe('committed');
    await expect(send(FixtureDids.agency, 'procuratorate')).rejects.toMatchObject({ reason: 'out_of_role' });

    child.kill('SIGTERM');
    expect(await exited, out).toBe(0);
  }, 90_000);
});
