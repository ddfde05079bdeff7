/**
 * The record notary process: its configuration (defaults, environment, flags, file, refusals
 * naming the field and source), and `node --import tsx adapters/notary/notary-record-main.ts`
 * against a real nats-server and database file: it signs a record it read and exits 0 on SIGTERM.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnterprise, enterpriseKey } from '../../../adapters/notary/enterprise-registry.js';
import { DEMO_ENTERPRISES, seedEnterprises } from '../../../adapters/notary/enterprise-seed.js';
import { RecordDb } from '../../../adapters/notary/record-db.js';
import { loadRecordNotaryConfig } from '../../../adapters/notary/record-notary-config.js';
import { request } from '../../../src/bus/request.js';
import { notarizeSubject } from '../../../src/bus/subjects.js';
import { writeKeyFile } from '../../../src/identity/keystore.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import type { MessageOutput } from '../../../src/wire/messages.js';
import { allianceFixture, fixtureNotaryDid } from '../../helpers/alliance-fixture.js';
import { type NatsServerHandle, startNatsServer } from '../../helpers/nats-server.js';
import { refusal } from '../../helpers/refusal.js';
import { spawnMain } from '../../helpers/main-process.js';

const REQUIRED = { CB_NOTARY_DB_FILE: '/srv/enterprise/records.jsonl', CB_KEY_FILE: '/keys/notary.json' };

describe('loadRecordNotaryConfig', () => {
  it('reads defaults, environment, then flags, and a config file below them', () => {
    const c = loadRecordNotaryConfig({ env: REQUIRED });
    expect(c).toEqual({
      dbFile: REQUIRED.CB_NOTARY_DB_FILE,
      keyFile: REQUIRED.CB_KEY_FILE,
      natsServers: ['nats://127.0.0.1:4222'],
      maxSkewMs: 30_000,
    });
    const dir = mkdtempSync(join(tmpdir(), 'cb-record-notary-config-'));
    try {
      const file = join(dir, 'notary.json');
      writeFileSync(file, JSON.stringify({ natsServers: ['nats://a:4222', 'nats://b:4222'], maxSkewMs: 5_000 }));
      const f = loadRecordNotaryConfig({ env: { ...REQUIRED, CB_CONFIG: file }, argv: ['--max-skew-ms', '9000'] });
      expect(f.natsServers).toEqual(['nats://a:4222', 'nats://b:4222']);
      expect(f.maxSkewMs).toBe(9_000);
      writeFileSync(file, JSON.stringify({ maxSkew: 5_000 }));
      expect(refusal(() => loadRecordNotaryConfig({ env: { ...REQUIRED, CB_CONFIG: file } })).message).toMatch(/maxSkew: unknown field/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a missing or bad value naming the field and its source', () => {
    expect(refusal(() => loadRecordNotaryConfig({ env: { CB_KEY_FILE: '/k' } })).message).toMatch(
      /^dbFile: required; set CB_NOTARY_DB_FILE/,
    );
    expect(refusal(() => loadRecordNotaryConfig({ env: { ...REQUIRED, CB_NOTARY_MAX_SKEW_MS: 'soon' } })).message).toMatch(
      /^CB_NOTARY_MAX_SKEW_MS: "soon"/,
    );
    expect(refusal(() => loadRecordNotaryConfig({ env: REQUIRED, argv: ['--db', 'x'] })).reason).toBe('invalid_config');
  });
});

describe('notary-record-main', () => {
  const CHAIN = 'enterprise';
  const fixture = allianceFixture({ chains: [CHAIN], notaryChains: { [CHAIN]: { notaries: 3, threshold: 2 } } });
  const did = fixtureNotaryDid(CHAIN, 2);
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let dir: string;
  let dbFile: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    dir = mkdtempSync(join(tmpdir(), 'cb-record-notary-main-'));
    dbFile = join(dir, 'records.jsonl');
    const db = RecordDb.open(dbFile);
    seedEnterprises(db);
    db.close();
    await writeKeyFile(join(dir, 'notary.key.json'), { did, kid: `${did}#key-1`, privateKey: fixture.privateKeys.get(did)! });
  });

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await nc?.close();
    await nats?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('signs a record it read and exits 0 on SIGTERM', async () => {
    const main = spawnMain('adapters/notary/notary-record-main.ts', {
      CB_NATS_URL: nats.url,
      CB_NOTARY_DB_FILE: dbFile,
      CB_KEY_FILE: join(dir, 'notary.key.json'),
    });
    const { proc, exited } = main;
    child = proc;
    const first = DEMO_ENTERPRISES[0]!;
    const body = encodeMessage('NotarizeRecordRequest', {
      requestId: 'm1',
      chainId: CHAIN,
      recordType: 'enterprise',
      key: enterpriseKey(first.code),
      version: 1,
      timeMs: Date.now(),
    });
    const deadline = Date.now() + 30_000;
    let answer: MessageOutput<'NotarizeRecordResponse'> | undefined;
    while (answer === undefined) {
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`the notary never answered: ${main.tail()}`);
      try {
        const reply = await request(nc, notarizeSubject(CHAIN, did), body, { deadlineMs: Date.now() + 2_000 });
        answer = decodeMessage('NotarizeRecordResponse', reply.data);
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    expect(answer.signature?.notaryDid).toBe(did);
    expect(decodeEnterprise(new Uint8Array(answer.record!.value))).toEqual(first.record);
    proc.kill('SIGTERM');
    expect(await exited, main.tail()).toBe(0);
  }, 60_000);
});
