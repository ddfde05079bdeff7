/**
 * MediationService on a stock gateway node, answered by the workflow service as its own process:
 * a real nats-server, the judicial chain behind its write door, a gateway from config alone
 * (src/node/gateway-node.ts: MediationService forwarded over NATS), and a real
 * `courtbridge workflows start` child (its own process group, killed at the end). Every method
 * through the gateway over loopback gRPC; ListCases by status and page; WatchCase replays then
 * follows, its hash chain and signatures verifying; envelopes forged at the service are refused
 * with their reason; a non-court caller is refused at the gateway; the service's metrics; and,
 * the service killed, UNAVAILABLE `workflows_unavailable` at once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudicialTxServer } from '../../adapters/judicial/tx-server.js';
import { encodeEnvelope, privateKeySigner, sealEnvelope, type EnvelopeSigner } from '../../src/bus/envelope.js';
import { request } from '../../src/bus/request.js';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { signingInput, sha256, SignTag } from '../../src/crypto/hash.js';
import { verify } from '../../src/crypto/secp256k1.js';
import { equalBytes, toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import type { CourtbridgeError } from '../../src/errors.js';
import { signJwtNative } from '../../src/identity/jwt.js';
import type { Signer } from '../../src/identity/signer.js';
import { startGatewayNode } from '../../src/node/gateway-node.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { loadGatewayProto } from '../../src/wire/gateway-proto.js';
import { REASON_TRAILER } from '../../src/wire/reason-trailer.js';
import { DevJudicialLedger } from '../../src/devtools/in-process-ports.js';
import { auditEntrySignBytes, decodeAuditRecord, GENESIS_PREV_HASH } from '../../src/workflows/audit-log.js';
import { signAgreement, signReport } from '../../src/workflows/enforcement/agreement.js';
import { signInstrument } from '../../src/workflows/enforcement/instrument.js';
import { signMediation, signWithdrawal } from '../../src/workflows/enforcement/mediation-case.js';
import { MEDIATION_CALL_TYPE, MEDIATION_SUBJECT, encodeWireJson } from '../../src/workflows/mediation/mediation-wire.js';
import { allianceFixture, FixtureDids, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { killGroup, replicaStarted, spawnReplica, startDoor, until, writeWorkflowsConfig, type Replica } from './replica-harness.js';

const DEBTOR = sha256(utf8('mediation-forwarding debtor'));
const CREDITOR = sha256(utf8('mediation-forwarding creditor'));

type Unary = (
  req: object,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (e: (Error & { code: number; details: string; metadata: grpc.Metadata }) | null, r?: Record<string, unknown>) => void,
) => void;
type Stream = (req: object, md: grpc.Metadata, opts: grpc.CallOptions) => grpc.ClientReadableStream<Record<string, unknown>>;
type Refusal = { code: number; reason: string; details: string };

describe('MediationService on a stock gateway, answered by `courtbridge workflows start`', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let fx: AllianceFixture;
  let judicial: DevJudicialLedger;
  let door: JudicialTxServer;
  let gw: RunningGateway;
  let client: grpc.Client & Record<string, Unary>;
  let dir: string;
  /** The workflow service: one replica, in its own process group. */
  let service: Replica | undefined;
  const tag = Date.now().toString(36);
  const caseA = `FWD-A-${tag}`;
  const caseJ = `FWD-J-${tag}`;
  const caseM = `FWD-M-${tag}`;

  const admin = (): Signer => fx.signers.get(FixtureDids.admin1)!;
  const md = (as: Signer): grpc.Metadata => {
    const m = new grpc.Metadata();
    const token = signJwtNative(as, {
      audience: FixtureDids.gateway,
      purpose: 'auth',
      nowMs: Date.now(),
      lifetimeMs: 300_000,
      jti: toBase64url(randomBytes(12)),
    });
    m.set('authorization', `Bearer ${token}`);
    return m;
  };
  const call = (method: string, req: object, as: Signer = fx.court, timeoutMs = 20_000): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) =>
      client[method]!.call(client, req, md(as), { deadline: Date.now() + timeoutMs }, (e, r) =>
        e === null ? resolve(r ?? {}) : reject(e),
      ),
    );
  const refusal = async (p: Promise<unknown>): Promise<Refusal> => {
    try {
      await p;
    } catch (e) {
      const err = e as { code: number; details: string; metadata: grpc.Metadata };
      return { code: err.code, reason: String(err.metadata.get(REASON_TRAILER)[0] ?? ''), details: err.details };
    }
    throw new Error('expected a refusal');
  };
  const readAll = (method: string, req: object, as: Signer = fx.court): Promise<Record<string, unknown>[]> =>
    new Promise((resolve, reject) => {
      const out: Record<string, unknown>[] = [];
      const s = (client[method] as unknown as Stream).call(client, req, md(as), {
        deadline: Date.now() + 20_000,
      }) as grpc.ClientReadableStream<Record<string, unknown>>;
      s.on('data', (d: Record<string, unknown>) => out.push(d));
      s.on('error', reject);
      s.on('end', () => resolve(out));
    });
  /** A raw call to the workflow service, as a gateway (or a forger) would send it. */
  const raw = (wire: Uint8Array): Promise<unknown> => request(nc, MEDIATION_SUBJECT, wire, { deadlineMs: Date.now() + 5_000 });
  const sealed = (signer: EnvelopeSigner, body: object): Uint8Array =>
    encodeEnvelope(sealEnvelope(signer, MEDIATION_CALL_TYPE, encodeWireJson(body), Date.now()));
  const refusedAtService = async (wire: Uint8Array): Promise<CourtbridgeError> => {
    try {
      await raw(wire);
    } catch (e) {
      return e as CourtbridgeError;
    }
    throw new Error('expected the workflow service to refuse');
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    fx = allianceFixture();
    judicial = new DevJudicialLedger({ chainId: 'judicial', sender: fx.court.did });
    door = startDoor(nc, judicial.ledger, fx.authority);
    const config = loadGatewayConfig({
      overrides: {
        listen: '127.0.0.1:0',
        natsServers: [nats.url],
        genesisHash: toHex(sha256(fx.genesisBytes)),
        metricsPort: -1,
        logLevel: 'silent',
      },
    });
    // A stock gateway node: no engine given, so MediationService is forwarded.
    gw = await startGatewayNode(config, { signer: fx.gateway, genesisBytes: fx.genesisBytes, queryPath: 'off' });
    const Ctor = grpc.makeGenericClientConstructor(loadGatewayProto().services.MediationService, 'MediationService');
    client = new Ctor(gw.address, grpc.credentials.createInsecure()) as unknown as grpc.Client & Record<string, Unary>;

    dir = mkdtempSync(join(tmpdir(), 'cb-wf-forward-'));
    const configFile = await writeWorkflowsConfig({ fx, dir, natsUrl: nats.url, gatewayAddress: gw.address, extra: { metricsPort: 0 } });
    service = spawnReplica(configFile, 'wf-fwd');
    await replicaStarted(service);
  }, 120_000);

  afterAll(async () => {
    if (service !== undefined) {
      killGroup(service, 'SIGKILL');
      await service.exited;
    }
    client?.close();
    await gw?.shutdown();
    await door?.stop();
    judicial?.close();
    await nc?.close();
    await nats?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const obligation = (amount: string) => ({
    obligationId: '1',
    obligorIdHash: DEBTOR,
    obligeeIdHash: CREDITOR,
    amount,
    description: 'repay the loan',
    // Far off: nothing falls due while the test runs.
    dueAtMs: Date.now() + 3_600_000,
  });
  const parties = [
    { partyIdHash: DEBTOR, role: 'obligor' as const },
    { partyIdHash: CREDITOR, role: 'obligee' as const },
  ];
  const protoParties = [
    { partyIdHash: DEBTOR, role: 'PARTY_ROLE_OBLIGOR' },
    { partyIdHash: CREDITOR, role: 'PARTY_ROLE_OBLIGEE' },
  ];
  const report = (amount: string) =>
    signReport(fx.court, {
      caseId: caseA,
      obligationId: '1',
      performedAtMs: Date.now(),
      amount,
      evidenceHash: sha256(utf8(`transfer ${amount} ${Date.now()}`)),
    });

  it('serves every registration and read through the gateway, with the in-process errors', async () => {
    // RegisterMediation, then ReportWithdrawal: the mediation fails.
    const m = signMediation(fx.court, {
      caseId: caseM,
      cause: '借款合同纠纷',
      parties: [
        { partyIdHash: CREDITOR, role: 'applicant' },
        { partyIdHash: DEBTOR, role: 'respondent' },
      ],
      mediatorDid: fx.court.did,
      openedAtMs: Date.now() - 1_000,
      agreementDeadlineMs: Date.now() + 3_600_000,
    });
    const opened = await call('RegisterMediation', {
      mediation: {
        ...m.mediation,
        parties: [
          { partyIdHash: CREDITOR, role: 'MEDIATION_ROLE_APPLICANT' },
          { partyIdHash: DEBTOR, role: 'MEDIATION_ROLE_RESPONDENT' },
        ],
      },
      signature: m.signature,
    });
    expect(opened).toMatchObject({ caseId: caseM, status: 'MEDIATION_STATUS_MEDIATING' });
    const w = signWithdrawal(fx.court, { caseId: caseM, partyIdHash: DEBTOR, withdrawnAtMs: Date.now() });
    const withdrawn = await call('ReportWithdrawal', { withdrawal: w.withdrawal, signature: w.signature });
    expect(['MEDIATION_STATUS_FAILED', 'MEDIATION_STATUS_TRIAL_FILED']).toContain(withdrawn.status);
    expect(withdrawn.failureReason).toBe('withdrawn');

    // RegisterAgreement and RegisterJudgment.
    const a = signAgreement(fx.court, {
      caseId: caseA,
      documentHash: sha256(utf8(`agreement ${caseA}`)),
      parties,
      obligations: [obligation('100000')],
      confirmedAtMs: Date.now() - 1_000,
    });
    const agreementMsg = { ...a.agreement, parties: protoParties };
    const registered = await call('RegisterAgreement', { agreement: agreementMsg, signature: a.signature });
    expect(registered).toMatchObject({ status: 'CASE_STATUS_ACTIVE', agreement: { caseId: caseA, courtDid: fx.court.did } });
    const j = signInstrument(fx.court, {
      kind: 'judgment',
      caseId: caseJ,
      documentHash: sha256(utf8(`judgment ${caseJ}`)),
      parties,
      obligations: [obligation('50000')],
      effectiveAtMs: Date.now() - 1_000,
    });
    const judged = await call('RegisterJudgment', {
      instrument: { ...j.instrument, kind: 'INSTRUMENT_KIND_JUDGMENT', parties: protoParties },
      signature: j.signature,
    });
    expect(judged).toMatchObject({ status: 'CASE_STATUS_ACTIVE', agreement: { caseId: caseJ } });

    // ReportPerformance (partial) and GetCase.
    const r = report('40000');
    const performed = await call('ReportPerformance', { report: r.report, signature: r.signature });
    expect(performed).toMatchObject({ status: 'CASE_STATUS_ACTIVE', obligations: [{ obligationId: '1', performedAmount: '40000' }] });
    expect(await call('GetCase', { caseId: caseA })).toMatchObject({ obligations: [{ performedAmount: '40000' }] });

    // ExportAuditLog: the entries so far, linked, then the stream ends.
    const log = await readAll('ExportAuditLog', { caseId: caseA });
    expect(log.map((e) => e.event)).toEqual(['agreement_registered', 'performance_reported']);
    expect(equalBytes(log[1]!.prevHash as Uint8Array, log[0]!.entryHash as Uint8Array)).toBe(true);
    expect(await readAll('ExportAuditLog', { caseId: caseA, fromSequence: 2 })).toHaveLength(1);
    // Time bounds: entries at or after from_ms and before to_ms.
    const secondAt = Number(log[1]!.atMs);
    expect((await readAll('ExportAuditLog', { caseId: caseA, fromMs: secondAt })).map((e) => e.event)).toEqual(['performance_reported']);
    expect((await readAll('ExportAuditLog', { caseId: caseA, toMs: secondAt })).map((e) => e.event)).toEqual(['agreement_registered']);

    // The engine's own errors come back with their status, reason and message.
    expect(await refusal(call('GetCase', { caseId: `NOPE-${tag}` }))).toMatchObject({
      code: grpc.status.NOT_FOUND,
      reason: 'unknown_case',
      details: `unknown_case: no case NOPE-${tag}`,
    });
    const forged = new Uint8Array(a.signature);
    forged[5] = forged[5]! ^ 1;
    expect(await refusal(call('RegisterAgreement', { agreement: agreementMsg, signature: forged }))).toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
      reason: 'court_signature_invalid',
    });
    const again = await refusal(
      call('RegisterAgreement', { agreement: { ...agreementMsg, documentHash: sha256(utf8('another')) }, signature: a.signature }),
    );
    expect([grpc.status.UNAUTHENTICATED, grpc.status.ALREADY_EXISTS]).toContain(again.code);
  }, 60_000);

  it('ListCases: by status, a court its own cases, an admin every case, a page at a time', async () => {
    const active = (await call('ListCases', { statuses: ['CASE_STATUS_ACTIVE'] })).cases as { agreement: { caseId: string } }[];
    expect(active.map((c) => c.agreement.caseId)).toEqual([caseA, caseJ]);
    expect((await call('ListCases', { statuses: ['CASE_STATUS_ENFORCEMENT_FILED'] })).cases ?? []).toEqual([]);
    // Paged: one case a page, the token carries on, the last page has none.
    const first = await call('ListCases', { limit: 1 }, admin());
    expect((first.cases as { agreement: { caseId: string } }[]).map((c) => c.agreement.caseId)).toEqual([caseA]);
    expect(first.nextPageToken).not.toBe('');
    const second = await call('ListCases', { limit: 1, pageToken: first.nextPageToken }, admin());
    expect((second.cases as { agreement: { caseId: string } }[]).map((c) => c.agreement.caseId)).toEqual([caseJ]);
    // The mediation without agreement is no case: the page of the judgment is the last.
    expect(second.nextPageToken).toBe('');
    expect(await refusal(call('ListCases', { pageToken: 'not a token!' }))).toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      reason: 'page_token_invalid',
    });
    expect(await refusal(call('ListCases', { limit: 501 }))).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, reason: 'limit_invalid' });
  }, 30_000);

  it('WatchCase replays from a sequence, then follows live entries; the hash chain and signatures verify', async () => {
    const got: Record<string, unknown>[] = [];
    const s = (client.WatchCase as unknown as Stream).call(
      client,
      { caseId: caseA, fromSequence: 1 },
      md(fx.court),
      {},
    ) as grpc.ClientReadableStream<Record<string, unknown>>;
    const errors: unknown[] = [];
    s.on('data', (d: Record<string, unknown>) => got.push(d));
    s.on('error', (e) => errors.push(e));
    try {
      await until(
        () => `the replayed entries (got ${got.length})`,
        async () => (got.length >= 2 ? true : undefined),
        10_000,
        50,
      );
      // Live: the rest is performed; the contract writes the report, then marks the agreement performed.
      const r = report('60000');
      await call('ReportPerformance', { report: r.report, signature: r.signature });
      await until(
        () => `the live entries (got ${JSON.stringify(got.map((u) => (u.entry as { event: string }).event))}; errors ${String(errors)})`,
        async () => (got.some((u) => (u.entry as { event: string }).event === 'agreement_performed') ? true : undefined),
        20_000,
        50,
      );
    } finally {
      s.cancel();
    }
    const entries = got.map((u) => u.entry as Record<string, unknown>);
    expect(entries.map((e) => e.event)).toEqual([
      'agreement_registered',
      'performance_reported',
      'performance_reported',
      'agreement_performed',
    ]);
    expect(got.at(-1)!.status).toBe('CASE_STATUS_PERFORMED');
    let prev: Uint8Array = GENESIS_PREV_HASH;
    entries.forEach((e, i) => {
      const record = e.record as Uint8Array;
      expect(Number(e.sequence)).toBe(i + 1);
      // sha256(record) is the entry's hash, and it links to the previous entry's.
      expect(equalBytes(sha256(record), e.entryHash as Uint8Array)).toBe(true);
      expect(equalBytes(e.prevHash as Uint8Array, prev)).toBe(true);
      const decoded = decodeAuditRecord(record);
      expect(equalBytes(decoded.body.prevHash, prev)).toBe(true);
      expect(decoded.body.actorDid).toBe(fx.court.did);
      expect(verify(decoded.signature, signingInput(SignTag.AuditEntry, auditEntrySignBytes(decoded.body)), fx.court.publicKey)).toBe(true);
      prev = e.entryHash as Uint8Array;
    });

    // From a later sequence: only what follows it.
    const later: Record<string, unknown>[] = [];
    const s2 = (client.WatchCase as unknown as Stream).call(
      client,
      { caseId: caseA, fromSequence: 3 },
      md(admin()),
      {},
    ) as grpc.ClientReadableStream<Record<string, unknown>>;
    s2.on('data', (d: Record<string, unknown>) => later.push(d));
    s2.on('error', () => undefined);
    await until(
      () => 'entries from sequence 3',
      async () => (later.length >= 2 ? true : undefined),
      10_000,
      50,
    );
    s2.cancel();
    expect(later.map((u) => Number((u.entry as { sequence: string }).sequence))).toEqual([3, 4]);
    // A watch of no case, or of a case that does not exist, ends with its reason.
    const ended = (req: object): Promise<Refusal> =>
      new Promise((resolve) => {
        const w = (client.WatchCase as unknown as Stream).call(client, req, md(fx.court), {});
        w.on('data', () => undefined);
        w.on('error', (e: Error & { code: number; details: string; metadata: grpc.Metadata }) =>
          resolve({ code: e.code, reason: String(e.metadata.get(REASON_TRAILER)[0] ?? ''), details: e.details }),
        );
      });
    expect(await ended({})).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, reason: 'case_id_required' });
    expect(await ended({ caseId: `NOPE-${tag}` })).toMatchObject({ code: grpc.status.NOT_FOUND, reason: 'unknown_case' });
  }, 60_000);

  it('the workflow service refuses envelopes not signed by a gateway of its registry, naming why', async () => {
    const getCase = { method: 'getCase', args: [caseA] };
    // The gateway's own signature passes.
    await expect(raw(sealed(fx.gateway, getCase))).resolves.toBeDefined();
    // A key the registry does not know, whatever DID it claims.
    const stranger = privateKeySigner(FixtureDids.gateway, `${FixtureDids.gateway}#key-9`, randomBytes(32));
    expect(await refusedAtService(sealed(stranger, getCase))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'unknown_sender' });
    const impostor = privateKeySigner(FixtureDids.gateway, fx.gateway.kid, randomBytes(32));
    expect(await refusedAtService(sealed(impostor, getCase))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'tampered' });
    // A member of the alliance, but not a gateway.
    expect(await refusedAtService(sealed(fx.court, getCase))).toMatchObject({ code: 'PERMISSION_DENIED', reason: 'out_of_role' });
    // A body changed after signing.
    const wire = sealed(fx.gateway, getCase);
    const at = Buffer.from(wire).indexOf(caseA);
    const tampered = new Uint8Array(wire);
    tampered[at + caseA.length - 1] = tampered[at + caseA.length - 1]! ^ 1;
    expect(await refusedAtService(tampered)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'tampered' });
    // The same envelope twice: the copy is a replay.
    const once = sealed(fx.gateway, getCase);
    await raw(once);
    expect(await refusedAtService(once)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'replayed' });
    // An envelope too old.
    const stale = encodeEnvelope(sealEnvelope(fx.gateway, MEDIATION_CALL_TYPE, encodeWireJson(getCase), Date.now() - 120_000));
    expect(await refusedAtService(stale)).toMatchObject({ reason: 'stale' });
  }, 30_000);

  it('a caller that is not a court is refused at the gateway', async () => {
    expect(await refusal(call('ListCases', {}, fx.agency))).toMatchObject({ code: grpc.status.PERMISSION_DENIED });
    const a = signAgreement(fx.court, {
      caseId: `FWD-X-${tag}`,
      documentHash: sha256(utf8('x')),
      parties,
      obligations: [obligation('1')],
      confirmedAtMs: Date.now(),
    });
    expect(
      await refusal(call('RegisterAgreement', { agreement: { ...a.agreement, parties: protoParties }, signature: a.signature }, fx.agency)),
    ).toMatchObject({ code: grpc.status.PERMISSION_DENIED });
    const watch = await new Promise<{ code: number }>((resolve) => {
      const s = (client.WatchCase as unknown as Stream).call(
        client,
        { caseId: caseA },
        md(fx.agency),
        {},
      ) as grpc.ClientReadableStream<unknown>;
      s.on('data', () => undefined);
      s.on('error', (e) => resolve(e as never));
    });
    expect(watch.code).toBe(grpc.status.PERMISSION_DENIED);
  }, 30_000);

  it('the service counts its work on /metrics', async () => {
    const port = service!.lines.find((l) => l.event === 'started')?.metricsPort as number;
    expect(port).toBeGreaterThan(0);
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toMatch(/courtbridge_workflow_rpc_calls_total\{method="getCase",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/courtbridge_envelope_dropped_total\{reason="replayed",type="mediation.call"\} 1/);
    expect(text).toMatch(/courtbridge_workflow_steps_total\{kind="mark_performed"\} 1/);
    expect(text).toMatch(/courtbridge_workflow_leases_held [1-9]/);
  }, 30_000);

  it('with no workflow service running, every call is UNAVAILABLE at once, naming `courtbridge workflows start`', async () => {
    killGroup(service!, 'SIGTERM');
    expect(await service!.exited).toBe(0);
    const started = Date.now();
    const e = await refusal(call('GetCase', { caseId: caseA }));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(e).toMatchObject({ code: grpc.status.UNAVAILABLE, reason: 'workflows_unavailable' });
    expect(e.details).toMatch(/^workflows_unavailable: 没有运行中的工作流服务.*`courtbridge workflows start`/);
    const stream = await new Promise<{ code: number; metadata: grpc.Metadata }>((resolve) => {
      const s = (client.WatchCase as unknown as Stream).call(
        client,
        { caseId: caseA },
        md(fx.court),
        {},
      ) as grpc.ClientReadableStream<unknown>;
      s.on('data', () => undefined);
      s.on('error', (err) => resolve(err as never));
    });
    expect(stream.code).toBe(grpc.status.UNAVAILABLE);
    expect(stream.metadata.get(REASON_TRAILER)[0]).toBe('workflows_unavailable');
  }, 30_000);
});
