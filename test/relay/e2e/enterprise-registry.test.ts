/**
 * The enterprise registry (a `notary` chain) end to end, every part real: a nats-server, the
 * enterprise adapter (RecordDbBackend over a seeded database file, the database's one writer),
 * record notaries each reading the same file read-only and signing what THEY read, the judicial
 * chain's adapter for the court's orders, and a gateway composed from config with the alliance's
 * catalog and the registry naming the chain's two-of-three notaries. A court queries an enterprise
 * (member) and an unknown code (absent) and gets bundles valid at VerifyBundle and offline; with
 * one notary running the query is refused naming the missing quorum; a freeze order executes once,
 * its result carrying 2 of 3 notarizations, and its effect is proven by a later notarized query.
 * A notary whose copy of the database was tampered signs what its copy says, which counts for
 * nothing: the two honest notaries still answer, and it with one honest notary cannot.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judicial as judicialDefinition } from '../../../adapters/judicial/definition.js';
import { enterprise } from '../../../adapters/notary/definition.js';
import { ENTERPRISE_RECORD } from '../../../adapters/notary/enterprise-schema.js';
import { decodeEnterprise, enterpriseKey } from '../../../adapters/notary/enterprise-registry.js';
import { DEMO_ENTERPRISES, seedEnterprises } from '../../../adapters/notary/enterprise-seed.js';
import { RecordDb } from '../../../adapters/notary/record-db.js';
import { RecordDbBackend } from '../../../adapters/notary/record-db-backend.js';
import { DevLedgerBackend } from '../../../adapters/sdk/dev-ledger-backend.js';
import { type AdapterHandle, startAdapter } from '../../../adapters/sdk/runtime.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import { silentLogger } from '../../../src/log.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { notaryPolicyOf } from '../../../src/verify/notary.js';
import { type NotarizedRecord, verifyNotarizedRecord } from '../../../src/verify/notary-record.js';
import { verifyProofBundleBytes } from '../../../src/verify/proof-bundle-verify.js';
import { encodeMessage } from '../../../src/wire/codec.js';
import type { MessageInput } from '../../../src/wire/messages.js';
import {
  type AllianceFixture,
  allianceFixture,
  FixtureDids,
  fixtureNotaryDid,
  issueJudicialOrder,
  mintOrderJwt,
} from '../../helpers/alliance-fixture.js';
import { EnterpriseNotaries } from '../../helpers/enterprise-notaries.js';
import { startJudicialAdapter } from '../../helpers/judicial-adapter.js';
import { type NatsServerHandle, startNatsServer } from '../../helpers/nats-server.js';
import { type CourtCaller, courtCaller, failure, startE2eGateway, submitActionOf, submitUntilExecuted } from './e2e-setup.js';

type Obj = Record<string, unknown>;

const CHAIN = enterprise.chainId;
const TYPE = ENTERPRISE_RECORD.name;
const [FIRST, SECOND] = [DEMO_ENTERPRISES[0]!, DEMO_ENTERPRISES[1]!];
/** A well-formed unified social credit code nobody registered. */
const UNKNOWN_CODE = '91110000MA00000001';

let nats: NatsServerHandle;
let fx: AllianceFixture;
let nc: NatsConnection;
let dir: string;
let dbFile: string;
let judicialBackend: DevLedgerBackend;
let gw: RunningGateway;
const adapters: AdapterHandle[] = [];
/** The running notaries, by their index in the registry's set (1..3). */
let notaries: EnterpriseNotaries;
let court: CourtCaller;

/** Notary `i` of the chain, reading `file` (the honest database unless told). */
const startNotary = (i: number, file = dbFile): Promise<void> => notaries.start(i, fx.signers.get(fixtureNotaryDid(CHAIN, i))!, file);

const call = (service: string, method: string, req: object): Promise<Obj> => court.call(service, method, req);

const query = async (code: string): Promise<Obj> =>
  (await call('QueryService', 'Query', { query: { chainId: CHAIN, recordType: TYPE, key: enterpriseKey(code), height: { latest: {} } } }))
    .bundle as Obj;

const bytesOf = (bundle: Obj): Uint8Array => encodeMessage('ProofBundle', bundle as MessageInput<'ProofBundle'>);
const offline = (bundle: Obj) => verifyProofBundleBytes(bytesOf(bundle), { atMs: Date.now(), authority: fx.authority });
const signersOf = (bundle: Obj): string[] => ((bundle.notary as Obj).notarizations as Obj[]).map((n) => String(n.notaryDid)).sort();
const enterpriseOf = (bundle: Obj) => decodeEnterprise(new Uint8Array((bundle.record as Obj).value as Uint8Array));

/** The bundle is valid at the gateway's VerifyBundle and offline, every check passed or not applicable. */
async function expectValid(bundle: Obj): Promise<void> {
  expect(bundle.trustBasis).toBe('TRUST_BASIS_NOTARIZED_RECORD');
  expect((await call('VerificationService', 'VerifyBundle', { bundle })).verdict).toBe('VERDICT_VALID');
  const off = await offline(bundle);
  expect(off.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
  expect(off.verdict).toBe('valid');
  expect(off.checks.find((c) => c.name === 'header_quorum')?.outcome).toBe('passed');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cb-enterprise-e2e-'));
  dbFile = join(dir, 'records.jsonl');
  nats = await startNatsServer();
  judicialBackend = new DevLedgerBackend({ definition: judicialDefinition, blockIntervalMs: 20, heartbeatMs: 60_000 });
  await judicialBackend.start();
  fx = allianceFixture({
    chains: ['judicial', CHAIN],
    anchors: { judicial: judicialBackend.ledger.latest() },
    notaryChains: { [CHAIN]: { notaries: 3, threshold: 2 } },
  });
  nc = await connect({ servers: nats.url });
  notaries = new EnterpriseNotaries(nc);
  const judicialAdapter = await startJudicialAdapter({ servers: nats.url, fx, backend: judicialBackend, announceIntervalMs: 500 });
  adapters.push(judicialAdapter.handle);
  // The registry's database, seeded by its writer, then handed to the adapter's backend.
  const seeding = RecordDb.open(dbFile);
  seedEnterprises(seeding);
  seeding.close();
  adapters.push(
    await startAdapter({
      servers: nats.url,
      signer: fx.adapter(CHAIN),
      authority: fx.authority,
      backend: new RecordDbBackend({ definition: enterprise, file: dbFile }),
      definition: enterprise,
      replicaId: 'enterprise-1',
      announceIntervalMs: 500,
      logger: silentLogger(),
      judicialTrust: judicialAdapter.trust,
      actions: { ackWaitMs: 10_000, maxDeliver: 5 },
    }),
  );
  gw = await startE2eGateway(fx, nats.url, ['judicial', CHAIN]);
  court = courtCaller(fx, gw.address);
  // One notary only, for now: below the threshold of two.
  await startNotary(1);
}, 60_000);

afterAll(async () => {
  court?.close();
  await notaries?.stopAll();
  await gw?.shutdown().catch(() => undefined);
  for (const a of adapters.reverse()) await a.drain().catch(() => undefined);
  await nc?.close();
  await nats?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe('the enterprise registry behind the gateway', () => {
  it('with one notary of the two needed, a query is refused UNAVAILABLE notary_quorum_unavailable, naming the count', async () => {
    const list = await call('ChainService', 'ListChains', {});
    expect((list.chains as Obj[]).find((c) => c.chainId === CHAIN)).toMatchObject({ trustBasis: 'TRUST_BASIS_NOTARIZED_RECORD' });
    const f = await failure(query(FIRST.code));
    expect({ code: f.code, reason: f.reason }).toEqual({ code: grpc.status.UNAVAILABLE, reason: 'notary_quorum_unavailable' });
    expect(f.details).toContain('1 of 3 notaries');
    // The second notary brings the quorum.
    await startNotary(2);
  }, 30_000);

  it("a court's query of a registered enterprise: the record 2 of 3 notaries read and signed; valid at VerifyBundle and offline", async () => {
    const b = await query(FIRST.code);
    expect(b.result).toBe('record');
    expect(enterpriseOf(b)).toEqual(FIRST.record);
    expect(signersOf(b)).toEqual([fixtureNotaryDid(CHAIN, 1), fixtureNotaryDid(CHAIN, 2)]);
    expect(b.stateHeight).toBe(1);
    expect(b.proof).toBeNull();
    expect(b.signedHeader).toBeNull();
    await expectValid(b);
  }, 30_000);

  it('an unknown code: its absence at the database version, notarized; valid at VerifyBundle and offline', async () => {
    const b = await query(UNKNOWN_CODE);
    expect(b.result).toBe('absence');
    expect(signersOf(b)).toHaveLength(2);
    await expectValid(b);
  }, 30_000);
});

describe("a court's equity freeze on the enterprise registry", () => {
  const order: JudicialOrder = {
    orderId: 'enterprise-order-1',
    court: FixtureDids.court,
    caseId: '(2026) Jing 0108 Zhi 21',
    chain: CHAIN,
    actionId: 'enterprise-freeze-1',
    kind: 'freeze',
    target: FIRST.code,
    amount: '300000',
  };
  const submit = (jwt: string): Obj => submitActionOf(order, { recordType: TYPE, key: enterpriseKey(FIRST.code) }, jwt);

  it('executes once, its result notarized by 2 of 3 notaries; a later notarized query proves the frozen equity; a resubmission is the same action', async () => {
    await issueJudicialOrder(judicialBackend.ledger, order, { nowMs: Date.now() });
    const jwt = mintOrderJwt(fx, order, { nowMs: Date.now() });
    const { first, result } = await submitUntilExecuted(court, submit(jwt), 30_000);
    const value = new Uint8Array(result.record!.value);
    expect(decodeEnterprise(value).equityFrozenCents).toBe(order.amount);
    // The result's evidence: the target at the version the freeze wrote, signed by the registry notaries.
    const ev = result.notary!;
    expect(result.header).toMatchObject({ chainId: CHAIN, height: ev.version });
    const stated: NotarizedRecord = {
      chainId: CHAIN,
      recordType: TYPE,
      key: enterpriseKey(FIRST.code),
      result: { kind: 'record', value },
      version: ev.version,
      timeMs: ev.timeMs,
    };
    const sigs = ev.notarizations.map((s) => ({ notaryDid: s.notaryDid, kid: s.kid, signature: new Uint8Array(s.signature) }));
    const policy = notaryPolicyOf(fx.authority.chainAt(CHAIN, Date.now())!)!;
    expect(verifyNotarizedRecord(stated, sigs, policy, fx.authority, ev.timeMs).kind).toBe('met');

    // A later query proves it: 300,000 cents of the equity frozen, at the version the freeze wrote.
    const later = await query(FIRST.code);
    expect(enterpriseOf(later).equityFrozenCents).toBe(order.amount);
    expect(later.stateHeight).toBe(ev.version);
    await expectValid(later);

    // The same action again: the same action, executed once.
    const again = await call('ActionService', 'SubmitAction', submit(jwt));
    expect(again.submittedAtMs).toBe(first.submittedAtMs);
    expect((await call('ActionService', 'GetAction', { actionId: order.actionId })).status).toBe('ACTION_STATUS_EXECUTED');
    await new Promise((r) => setTimeout(r, 500));
    const after = await query(FIRST.code);
    expect(enterpriseOf(after).equityFrozenCents).toBe(order.amount);
    expect(after.stateHeight).toBe(ev.version);
    // Asked as of the version before the freeze, the registry's notaries vouch for what it held then.
    const before = (
      await call('QueryService', 'Query', {
        query: { chainId: CHAIN, recordType: TYPE, key: enterpriseKey(FIRST.code), height: { at: ev.version - 1 } },
      })
    ).bundle as Obj;
    expect(before.stateHeight).toBe(ev.version - 1);
    expect(enterpriseOf(before).equityFrozenCents).toBe('0');
    await expectValid(before);
  }, 60_000);
});

describe('a notary whose copy of the database was tampered', () => {
  const tamperedCapital = '99900000000';

  beforeAll(async () => {
    // The same log, its seeding batch rewritten: SECOND's registered capital inflated at version 1.
    const forged = join(dir, 'forged-seed.jsonl');
    const w = RecordDb.open(forged);
    seedEnterprises(
      w,
      DEMO_ENTERPRISES.map((e) => (e === SECOND ? { ...e, record: { ...e.record, registeredCapitalCents: tamperedCapital } } : e)),
    );
    w.close();
    const honest = readFileSync(dbFile, 'utf8').split('\n');
    const tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, [readFileSync(forged, 'utf8').trimEnd(), ...honest.slice(1)].join('\n'));
    await startNotary(3, tampered);
  });

  it('does not count: the answer is what the two honest notaries read, valid offline', async () => {
    const b = await query(SECOND.code);
    expect(enterpriseOf(b).registeredCapitalCents).toBe(SECOND.record.registeredCapitalCents);
    expect(signersOf(b)).toEqual([fixtureNotaryDid(CHAIN, 1), fixtureNotaryDid(CHAIN, 2)]);
    await expectValid(b);
  }, 30_000);

  it('with only it and one honest notary running, the query is refused UNAVAILABLE notary_quorum_unavailable', async () => {
    await notaries.stop(2);
    const f = await failure(query(SECOND.code));
    expect({ code: f.code, reason: f.reason }).toEqual({ code: grpc.status.UNAVAILABLE, reason: 'notary_quorum_unavailable' });
    expect(f.details).toContain('1 of 3 notaries');
    // A record the tampering did not touch is still read alike by both: answered.
    expect(signersOf(await query(FIRST.code))).toEqual([fixtureNotaryDid(CHAIN, 1), fixtureNotaryDid(CHAIN, 3)]);
  }, 30_000);
});
