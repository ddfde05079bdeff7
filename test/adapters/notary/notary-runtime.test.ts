/**
 * The adapter runtime serving a `notary` chain (the enterprise registry in a record database)
 * over a real nats-server, with a real judicial chain, 2 of its 3 notaries running as record
 * notaries on the database file, and real signatures: a court's freeze sent twice with one
 * action id freezes once, and its one EXECUTED result carries `ActionResult.notary` whose
 * notarizations verify under the registry entry's policy over the target at the version written.
 * Then `adapters/notary/main.ts` as a real process on the same database (configured by `CB_*`)
 * answers a notarized query and drains on SIGTERM with exit code 0.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judicial as judicialDefinition } from '../../../adapters/judicial/definition.js';
import { enterprise } from '../../../adapters/notary/definition.js';
import { decodeEnterprise, enterpriseKey } from '../../../adapters/notary/enterprise-registry.js';
import { DEMO_ENTERPRISES, seedEnterprises } from '../../../adapters/notary/enterprise-seed.js';
import { RecordDbBackend } from '../../../adapters/notary/record-db-backend.js';
import { DevLedgerBackend } from '../../../adapters/sdk/dev-ledger-backend.js';
import { type AdapterHandle, startAdapter } from '../../../adapters/sdk/runtime.js';
import { toHex } from '../../../src/encoding/bytes.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import { notaryPolicyOf } from '../../../src/verify/notary.js';
import { type NotarizedRecord, verifyNotarizedRecord } from '../../../src/verify/notary-record.js';
import { request } from '../../../src/bus/request.js';
import { querySubject } from '../../../src/bus/subjects.js';
import { writeKeyFile } from '../../../src/identity/keystore.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import { actionHandled, forwardedActionRequest, publishActionRequest, readActionResults } from '../../helpers/action-traffic.js';
import {
  type AllianceFixture,
  allianceFixture,
  FixtureDids,
  fixtureNotaryDid,
  issueJudicialOrder,
  mintOrderJwt,
} from '../../helpers/alliance-fixture.js';
import { EnterpriseNotaries } from '../../helpers/enterprise-notaries.js';
import { eventually } from '../../helpers/eventually.js';
import { spawnMain } from '../../helpers/main-process.js';
import { startJudicialAdapter } from '../../helpers/judicial-adapter.js';
import { type NatsServerHandle, startNatsServer } from '../../helpers/nats-server.js';

const CHAIN = 'enterprise';
const FIRST = DEMO_ENTERPRISES[0]!;
const KEY = enterpriseKey(FIRST.code);
const ORDER: JudicialOrder = {
  orderId: 'o-enterprise-1',
  court: FixtureDids.court,
  caseId: '(2026) Jing 01 Zhi 7',
  chain: CHAIN,
  actionId: 'act-enterprise-1',
  kind: 'freeze',
  target: FIRST.code,
  amount: '250000',
};

let nats: NatsServerHandle;
let nc: NatsConnection;
let a: AllianceFixture;
let dir: string;
let judicial: DevLedgerBackend;
let backend: RecordDbBackend;
let enterpriseHandle: AdapterHandle;
let trust: { chainId: string; height: number; headerHashHex: string };
let child: ChildProcess | undefined;
const handles: AdapterHandle[] = [];
let notaries: EnterpriseNotaries;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  a = allianceFixture({ chains: ['judicial', CHAIN], notaryChains: { [CHAIN]: { notaries: 3, threshold: 2 } } });
  judicial = new DevLedgerBackend({
    definition: judicialDefinition,
    blockIntervalMs: 20,
    heartbeatMs: 60_000,
    seed: async (l) => {
      await issueJudicialOrder(l, ORDER, { nowMs: Date.now() });
    },
  });
  const judicialAdapter = await startJudicialAdapter({ servers: nats.url, fx: a, backend: judicial, replicaId: 'j1' });
  handles.push(judicialAdapter.handle);
  trust = judicialAdapter.trust;

  dir = mkdtempSync(join(tmpdir(), 'cb-notary-runtime-'));
  const file = join(dir, 'records.jsonl');
  backend = new RecordDbBackend({ definition: enterprise, file });
  await backend.start();
  seedEnterprises(backend.db);
  notaries = new EnterpriseNotaries(nc);
  for (const i of [1, 2]) await notaries.start(i, a.signers.get(fixtureNotaryDid(CHAIN, i))!, file);
  enterpriseHandle = await startAdapter({
    servers: nats.url,
    signer: a.adapter(CHAIN),
    authority: a.authority,
    backend,
    definition: enterprise,
    replicaId: 'e1',
    judicialTrust: trust,
    actions: { ackWaitMs: 5_000, maxDeliver: 5 },
  });
  handles.push(enterpriseHandle);
}, 30_000);

afterAll(async () => {
  if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const h of handles.reverse()) await h.drain().catch(() => undefined);
  await notaries?.stopAll();
  await nc?.close();
  await nats?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('runtime, notary chain', () => {
  it('freezes once for one action id sent twice; the result is notarized by 2 of 3 notaries over the version written', async () => {
    const jwt = mintOrderJwt(a, ORDER, { nowMs: Date.now() });
    const req = forwardedActionRequest(judicial.ledger, ORDER, jwt, { recordType: 'enterprise', key: KEY });
    await publishActionRequest(nc, a.gateway, CHAIN, req);
    const second = await publishActionRequest(nc, a.gateway, CHAIN, { ...req, acceptedAtMs: Date.now() });
    await eventually(() => actionHandled(nc, CHAIN, second), { timeoutMs: 20_000, intervalMs: 150, what: 'both deliveries handled' });

    const results = (await readActionResults(nc, a.authority, CHAIN, FixtureDids.adapter(CHAIN))).filter(
      (r) => r.actionId === ORDER.actionId,
    );
    expect(results.map((r) => r.status)).toEqual(['ACTION_STATUS_EXECUTED']);
    const r = results[0]!;
    const value = new Uint8Array(r.record!.value);
    expect(decodeEnterprise(value).equityFrozenCents).toBe('250000');
    expect(decodeEnterprise(backend.db.get(KEY)!).equityFrozenCents).toBe('250000');

    const ev = r.notary!;
    expect(ev.version).toBe(2);
    expect(r.header?.height).toBe(2);
    const record: NotarizedRecord = {
      chainId: CHAIN,
      recordType: 'enterprise',
      key: KEY,
      result: { kind: 'record', value },
      version: ev.version,
      timeMs: ev.timeMs,
    };
    const policy = notaryPolicyOf(a.authority.chainAt(CHAIN, Date.now())!)!;
    const sigs = ev.notarizations.map((s) => ({ notaryDid: s.notaryDid, kid: s.kid, signature: new Uint8Array(s.signature) }));
    const verdict = verifyNotarizedRecord(record, sigs, policy, a.authority, Date.now());
    expect(verdict.kind).toBe('met');
    expect(verdict.counted.length).toBeGreaterThanOrEqual(2);
  }, 30_000);
});

describe('adapters/notary/main.ts as a real process', () => {
  it('becomes the database writer, answers a notarized query and drains on SIGTERM with exit code 0', async () => {
    // One writer per database: the in-process adapter hands over.
    await enterpriseHandle.drain();
    writeFileSync(join(dir, 'genesis.json'), a.genesisBytes);
    const did = FixtureDids.adapter(CHAIN);
    await writeKeyFile(join(dir, 'adapter.key.json'), { did, kid: `${did}#key-1`, privateKey: a.privateKeys.get(did)! });
    const main = spawnMain('adapters/notary/main.ts', {
      CB_NATS_URL: nats.url,
      CB_KEY_FILE: join(dir, 'adapter.key.json'),
      CB_GENESIS_FILE: join(dir, 'genesis.json'),
      CB_GENESIS_HASH: toHex(a.loaded.hash),
      CB_DATA_DIR: dir,
      CB_JUDICIAL_HEIGHT: String(trust.height),
      CB_JUDICIAL_HASH: trust.headerHashHex,
      CB_REPLICA_ID: 'main-1',
    });
    const { proc, exited } = main;
    child = proc;
    const answer = await eventually(
      async () => {
        if (proc.exitCode !== null) throw new Error(`main.ts exited: ${main.tail()}`);
        const deadlineMs = Date.now() + 3_000;
        const body = encodeMessage('QueryRequest', { requestId: 'm', chainId: CHAIN, recordType: 'enterprise', key: KEY, deadlineMs });
        try {
          return decodeMessage('QueryResponse', (await request(nc, querySubject(CHAIN), body, { deadlineMs })).data);
        } catch {
          return false;
        }
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'a notarized answer from main.ts' },
    );
    expect(decodeEnterprise(new Uint8Array(answer.record!.value)).equityFrozenCents).toBe('250000');
    expect(answer.notary!.notarizations.length).toBeGreaterThanOrEqual(2);
    proc.kill('SIGTERM');
    expect(await exited, main.tail()).toBe(0);
  }, 60_000);
});
