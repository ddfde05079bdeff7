/**
 * The record notary (adapters/notary/record-notary.ts) over a real nats-server and real database
 * files: it signs what it read itself, at the version asked (its signature verifies under its
 * registry key); it refuses a skewed time, a version its copy has not reached (until the file
 * grows), another chain, an unknown record type or a key of another type, each with its reason.
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
import { type RecordNotary, startRecordNotary } from '../../../adapters/notary/record-notary.js';
import { request } from '../../../src/bus/request.js';
import { notarizeSubject } from '../../../src/bus/subjects.js';
import { silentLogger } from '../../../src/log.js';
import { type NotarizedRecord, verifyNotarizedRecord } from '../../../src/verify/notary-record.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../../src/wire/messages.js';
import { allianceFixture, fixtureNotaryDid } from '../../helpers/alliance-fixture.js';
import { type NatsServerHandle, startNatsServer } from '../../helpers/nats-server.js';
import { asyncRefusal } from '../../helpers/refusal.js';

const CHAIN = 'enterprise';
const fixture = allianceFixture({ chains: [CHAIN], notaryChains: { [CHAIN]: { notaries: 3, threshold: 2 } } });
const NOTARY = fixtureNotaryDid(CHAIN, 1);
const FIRST = DEMO_ENTERPRISES[0]!;
const KEY = enterpriseKey(FIRST.code);

let nats: NatsServerHandle;
let nc: NatsConnection;
let dir: string;
let writer: RecordDb;
let reader: RecordDb;
let notary: RecordNotary;

async function notarize(req: Partial<MessageInput<'NotarizeRecordRequest'>>): Promise<MessageOutput<'NotarizeRecordResponse'>> {
  const body = encodeMessage('NotarizeRecordRequest', {
    requestId: 'n1',
    chainId: CHAIN,
    recordType: 'enterprise',
    key: KEY,
    version: writer.version(),
    timeMs: Date.now(),
    ...req,
  });
  const reply = await request(nc, notarizeSubject(CHAIN, NOTARY), body, { deadlineMs: Date.now() + 5_000 });
  return decodeMessage('NotarizeRecordResponse', reply.data);
}

/** The statement the response says the notary read, and whether its signature verifies under its registry key. */
function signedStatement(res: MessageOutput<'NotarizeRecordResponse'>, key = KEY): { record: NotarizedRecord; valid: boolean } {
  const record: NotarizedRecord = {
    chainId: CHAIN,
    recordType: 'enterprise',
    key,
    result: res.record ? { kind: 'record', value: new Uint8Array(res.record.value) } : { kind: 'absence' },
    version: res.version,
    timeMs: res.timeMs,
  };
  const sig = res.signature!;
  const verdict = verifyNotarizedRecord(
    record,
    [{ notaryDid: sig.notaryDid, kid: sig.kid, signature: new Uint8Array(sig.signature) }],
    { threshold: 1, notaries: [NOTARY] },
    fixture.authority,
    Date.now(),
  );
  return { record, valid: verdict.kind === 'met' };
}

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  dir = mkdtempSync(join(tmpdir(), 'cb-record-notary-'));
  const file = join(dir, 'records.jsonl');
  writer = RecordDb.open(file);
  seedEnterprises(writer);
  reader = RecordDb.open(file, { readOnly: true });
  notary = startRecordNotary({
    nc,
    chainId: CHAIN,
    recordTypes: enterprise.recordTypes,
    db: reader,
    signer: fixture.signers.get(NOTARY)!,
    logger: silentLogger(),
  });
  await nc.flush();
});

afterAll(async () => {
  await notary?.drain();
  await nc?.close();
  reader?.close();
  writer?.close();
  await nats?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('record notary', () => {
  it('signs the record it read at the version asked', async () => {
    const res = await notarize({ version: 1 });
    expect(res.requestId).toBe('n1');
    expect(res.version).toBe(1);
    expect(decodeEnterprise(new Uint8Array(res.record!.value))).toEqual(FIRST.record);
    expect(res.signature!.notaryDid).toBe(NOTARY);
    expect(signedStatement(res).valid).toBe(true);
  });

  it('signs an absence for a key not registered', async () => {
    const key = enterpriseKey('91110000000000000X');
    const res = await notarize({ key });
    expect(res.absence?.key).toBe(key);
    expect(res.record).toBeFalsy();
    expect(signedStatement(res, key).valid).toBe(true);
  });

  it('reads as of the version asked, not the latest', async () => {
    const v2 = writer.put([{ key: KEY, value: encodeEnterprise({ ...FIRST.record, equityFrozenCents: '5000' }) }]);
    const old = await notarize({ version: v2 - 1 });
    const now = await notarize({ version: v2 });
    expect(decodeEnterprise(new Uint8Array(old.record!.value)).equityFrozenCents).toBe('0');
    expect(decodeEnterprise(new Uint8Array(now.record!.value)).equityFrozenCents).toBe('5000');
    expect(signedStatement(old).valid && signedStatement(now).valid).toBe(true);
  });

  it('a signature over another statement (a changed value) does not verify', async () => {
    const res = await notarize({});
    const { record } = signedStatement(res);
    const sig = res.signature!;
    const forged: NotarizedRecord = {
      ...record,
      result: { kind: 'record', value: encodeEnterprise({ ...FIRST.record, status: 'cancelled' }) },
    };
    const verdict = verifyNotarizedRecord(
      forged,
      [{ notaryDid: sig.notaryDid, kid: sig.kid, signature: new Uint8Array(sig.signature) }],
      { threshold: 1, notaries: [NOTARY] },
      fixture.authority,
      Date.now(),
    );
    expect(verdict.kind).toBe('not_met');
    expect(verdict.ignored[0]?.reason).toBe('bad_notary_signature');
  });

  it('refuses a time further than its allowed skew from its clock', async () => {
    expect(await asyncRefusal(notarize({ timeMs: Date.now() - 60_000 }))).toEqual({
      reason: 'notary_clock_skew',
      code: 'FAILED_PRECONDITION',
    });
    expect((await asyncRefusal(notarize({ timeMs: Date.now() + 45_000 }))).reason).toBe('notary_clock_skew');
  });

  it('refuses a version its copy has not reached, and serves it once the file has it', async () => {
    const next = writer.version() + 1;
    expect(await asyncRefusal(notarize({ version: next }))).toEqual({ reason: 'notary_version_unknown', code: 'NOT_FOUND' });
    writer.put([{ key: KEY, value: encodeEnterprise({ ...FIRST.record, equityFrozenCents: '7000' }) }]);
    const res = await notarize({ version: next });
    expect(decodeEnterprise(new Uint8Array(res.record!.value)).equityFrozenCents).toBe('7000');
  });

  it('refuses another chain, an unknown record type and a key of another type', async () => {
    expect(await asyncRefusal(notarize({ chainId: 'finance' }))).toEqual({ reason: 'wrong_chain', code: 'INVALID_ARGUMENT' });
    expect((await asyncRefusal(notarize({ recordType: 'account' }))).reason).toBe('unknown_record_type');
    expect((await asyncRefusal(notarize({ key: 'applied/a-1' }))).reason).toBe('key_not_of_record_type');
  });
});
