/**
 * The SDK's query server in front of a `notary` chain (the enterprise registry in a record
 * database), over a real nats-server, real files and real signatures: with 2 of its 3 notaries
 * reading the adapter's database, a record and an absence are answered with `QueryResponse.notary`
 * whose notarizations verify under the registry entry's policy (`verifyNotarizedRecord`), and the
 * `header` names the version and the hash of what was signed. A third notary whose database says
 * otherwise signs what IT read, which the collector does not count; with only one honest notary
 * left the query fails with `notary_quorum_unavailable`. Index and light-block requests are refused,
 * and so is notarizing an empty database (version 0, which gateways do not accept).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprise } from '../../../adapters/notary/definition.js';
import { decodeEnterprise, encodeEnterprise, enterpriseKey } from '../../../adapters/notary/enterprise-registry.js';
import { DEMO_ENTERPRISES, seedEnterprises } from '../../../adapters/notary/enterprise-seed.js';
import { RecordDb } from '../../../adapters/notary/record-db.js';
import { RecordDbBackend } from '../../../adapters/notary/record-db-backend.js';
import { type RecordNotary, startRecordNotary } from '../../../adapters/notary/record-notary.js';
import { NotaryCollector } from '../../../adapters/sdk/notary-collector.js';
import { type QueryServer, startQueryServer } from '../../../adapters/sdk/query-server.js';
import { request } from '../../../src/bus/request.js';
import { indexSubject, lightblockSubject, notarizeSubject, querySubject } from '../../../src/bus/subjects.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { equalBytes } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';
import { notaryPolicyOf } from '../../../src/verify/notary.js';
import { type NotarizedRecord, notarizedRecordLayout, verifyNotarizedRecord } from '../../../src/verify/notary-record.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../../src/wire/messages.js';
import { allianceFixture, fixtureNotaryDid } from '../../helpers/alliance-fixture.js';
import { type NatsServerHandle, startNatsServer } from '../../helpers/nats-server.js';

const CHAIN = 'enterprise';
const fixture = allianceFixture({ chains: [CHAIN], notaryChains: { [CHAIN]: { notaries: 3, threshold: 2 } } });
const policy = notaryPolicyOf(fixture.authority.chainAt(CHAIN, Date.now())!)!;
const FIRST = DEMO_ENTERPRISES[0]!;
const KEY = enterpriseKey(FIRST.code);
const ABSENT = enterpriseKey('91110000000000000X');

let nats: NatsServerHandle;
let nc: NatsConnection;
let dir: string;
let backend: RecordDbBackend;
let server: QueryServer;
const readers: RecordDb[] = [];
const notaries = new Map<string, RecordNotary>();

/** Notary `i` reading `file` read-only. */
function runNotary(i: number, file: string): void {
  const db = RecordDb.open(file, { readOnly: true });
  readers.push(db);
  const did = fixtureNotaryDid(CHAIN, i);
  notaries.set(
    did,
    startRecordNotary({
      nc,
      chainId: CHAIN,
      recordTypes: enterprise.recordTypes,
      db,
      signer: fixture.signers.get(did)!,
      logger: silentLogger(),
    }),
  );
}

async function query(req: Partial<MessageInput<'QueryRequest'>>): Promise<MessageOutput<'QueryResponse'>> {
  const deadlineMs = Date.now() + 3_000;
  const body = encodeMessage('QueryRequest', {
    requestId: 'q1',
    chainId: CHAIN,
    recordType: 'enterprise',
    key: KEY,
    height: 0,
    deadlineMs,
    ...req,
  });
  return decodeMessage('QueryResponse', (await request(nc, querySubject(CHAIN), body, { deadlineMs })).data);
}

async function refusal(p: Promise<unknown>): Promise<{ reason: string; code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isCourtbridgeError(e)) return { reason: e.reason, code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected an error reply');
}

/** What a gateway checks: the notarized statement rebuilt from the answer, its signatures counted under the entry's policy. */
function gatewayCheck(r: MessageOutput<'QueryResponse'>, key: string): { record: NotarizedRecord; counted: string[]; met: boolean } {
  const ev = r.notary!;
  const record: NotarizedRecord = {
    chainId: CHAIN,
    recordType: 'enterprise',
    key,
    result: r.record ? { kind: 'record', value: new Uint8Array(r.record.value) } : { kind: 'absence' },
    version: ev.version,
    timeMs: ev.timeMs,
  };
  const sigs = ev.notarizations.map((s) => ({ notaryDid: s.notaryDid, kid: s.kid, signature: new Uint8Array(s.signature) }));
  const verdict = verifyNotarizedRecord(record, sigs, policy, fixture.authority, Date.now());
  expect(r.header?.height).toBe(ev.version);
  expect(equalBytes(new Uint8Array(r.header!.headerHash), sha256(notarizedRecordLayout(record)))).toBe(true);
  expect(r.proof).toBeFalsy();
  return { record, counted: verdict.counted, met: verdict.kind === 'met' };
}

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  dir = mkdtempSync(join(tmpdir(), 'cb-notary-query-'));
  const file = join(dir, 'records.jsonl');
  backend = new RecordDbBackend({ definition: enterprise, file });
  await backend.start();
  seedEnterprises(backend.db);
  // Notary 3's database says otherwise: the first enterprise is cancelled there.
  const otherFile = join(dir, 'other.jsonl');
  const other = RecordDb.open(otherFile);
  seedEnterprises(other, [{ ...FIRST, record: { ...FIRST.record, status: 'cancelled' } }, ...DEMO_ENTERPRISES.slice(1)]);
  other.close();
  runNotary(1, file);
  runNotary(2, file);
  runNotary(3, otherFile);
  const collector = new NotaryCollector({ nc, chainId: CHAIN, authority: fixture.authority, now: Date.now, logger: silentLogger() });
  server = startQueryServer({ nc, backend, definition: enterprise, now: Date.now, logger: silentLogger(), notary: collector });
  await nc.flush();
});

afterAll(async () => {
  await server?.drain();
  for (const n of notaries.values()) await n.drain();
  await nc?.close();
  for (const r of readers) r.close();
  await backend?.close();
  await nats?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('query server, notary chain', () => {
  it('answers a record with notarizations of 2 of 3 notaries that verify under the entry’s policy', async () => {
    const r = await query({});
    expect(decodeEnterprise(new Uint8Array(r.record!.value))).toEqual(FIRST.record);
    const check = gatewayCheck(r, KEY);
    expect(check.met).toBe(true);
    expect(check.counted.length).toBeGreaterThanOrEqual(2);
    // The notary that read another record is never among them.
    expect(check.counted).not.toContain(fixtureNotaryDid(CHAIN, 3));
    expect(r.notary!.version).toBe(backend.db.version());
  });

  it('answers an absence the same way', async () => {
    const r = await query({ key: ABSENT });
    expect(r.absence?.key).toBe(ABSENT);
    const check = gatewayCheck(r, ABSENT);
    expect(check.met).toBe(true);
    expect(check.counted.length).toBeGreaterThanOrEqual(2);
  });

  it('reads at the version asked', async () => {
    const before = backend.db.version();
    backend.db.put([{ key: KEY, value: encodeEnterprise({ ...FIRST.record, equityFrozenCents: '100' }) }]);
    const old = await query({ height: before });
    expect(old.notary!.version).toBe(before);
    expect(decodeEnterprise(new Uint8Array(old.record!.value)).equityFrozenCents).toBe('0');
    expect(gatewayCheck(old, KEY).met).toBe(true);
    expect((await refusal(query({ height: backend.db.version() + 10 }))).reason).toBe('unknown_height');
  });

  it('the notary whose database says otherwise signs the other result, validly: only the collector’s comparison keeps it out', async () => {
    const did = fixtureNotaryDid(CHAIN, 3);
    const timeMs = Date.now();
    const body = encodeMessage('NotarizeRecordRequest', {
      requestId: 'n3',
      chainId: CHAIN,
      recordType: 'enterprise',
      key: KEY,
      version: 1,
      timeMs,
    });
    const res = decodeMessage(
      'NotarizeRecordResponse',
      (await request(nc, notarizeSubject(CHAIN, did), body, { deadlineMs: Date.now() + 3_000 })).data,
    );
    const value = new Uint8Array(res.record!.value);
    expect(decodeEnterprise(value).status).toBe('cancelled');
    const sig = res.signature!;
    const signed: NotarizedRecord = {
      chainId: CHAIN,
      recordType: 'enterprise',
      key: KEY,
      result: { kind: 'record', value },
      version: 1,
      timeMs,
    };
    const one = { threshold: 1, notaries: [did] };
    const sigs = [{ notaryDid: sig.notaryDid, kid: sig.kid, signature: new Uint8Array(sig.signature) }];
    expect(verifyNotarizedRecord(signed, sigs, one, fixture.authority, Date.now()).kind).toBe('met');
    const adapters = { ...signed, result: { kind: 'record' as const, value: backend.db.get(KEY, 1)! } };
    expect(verifyNotarizedRecord(adapters, sigs, one, fixture.authority, Date.now()).kind).toBe('not_met');
  });

  it('a gateway counts nothing for a notarization moved onto another value', async () => {
    const r = await query({});
    const forged = {
      ...r,
      record: { ...r.record!, value: Buffer.from(encodeEnterprise({ ...FIRST.record, equityFrozenCents: '0', status: 'cancelled' })) },
    };
    const ev = r.notary!;
    const record: NotarizedRecord = {
      chainId: CHAIN,
      recordType: 'enterprise',
      key: KEY,
      result: { kind: 'record', value: new Uint8Array(forged.record.value) },
      version: ev.version,
      timeMs: ev.timeMs,
    };
    const verdict = verifyNotarizedRecord(
      record,
      ev.notarizations.map((s) => ({ notaryDid: s.notaryDid, kid: s.kid, signature: new Uint8Array(s.signature) })),
      policy,
      fixture.authority,
      Date.now(),
    );
    expect(verdict.kind).toBe('not_met');
    expect(verdict.ignored.every((i) => i.reason === 'bad_notary_signature')).toBe(true);
  });

  it('refuses index and light-block requests for its kind', async () => {
    const idx = encodeMessage('IndexQueryRequest', {
      requestId: 'i',
      chainId: CHAIN,
      index: 'x',
      indexKey: 'y',
      recordType: 'enterprise',
      deadlineMs: Date.now() + 3_000,
    });
    expect(await refusal(request(nc, indexSubject(CHAIN), idx, { deadlineMs: Date.now() + 3_000 }))).toMatchObject({
      reason: 'unsupported_for_chain_kind',
      code: 'FAILED_PRECONDITION',
    });
    expect((await refusal(request(nc, lightblockSubject(CHAIN), new Uint8Array(0), { deadlineMs: Date.now() + 3_000 }))).reason).toBe(
      'unsupported_for_chain_kind',
    );
  });

  it('an empty database (version 0, nothing written) is not notarized: FAILED_PRECONDITION notary_database_empty', async () => {
    // Gateways and offline verifiers accept notarized versions from 1: a version-0 answer would be refused there.
    const collector = new NotaryCollector({ nc, chainId: CHAIN, authority: fixture.authority, now: Date.now, logger: silentLogger() });
    const r = await refusal(collector.collect('enterprise', { key: KEY, value: null, version: 0 }, Date.now() + 3_000, 'empty'));
    expect(r).toMatchObject({ reason: 'notary_database_empty', code: 'FAILED_PRECONDITION' });
    expect(r.message).toContain('version 0');
  });

  it('with one honest notary left, fails notary_quorum_unavailable naming how many signed alike', async () => {
    await notaries.get(fixtureNotaryDid(CHAIN, 2))!.drain();
    const r = await refusal(query({}));
    expect(r.reason).toBe('notary_quorum_unavailable');
    expect(r.code).toBe('UNAVAILABLE');
    expect(r.message).toMatch(/1 of 3 notaries/);
  });
});
