/**
 * The collab chain (政法协同) end to end on the secured bus, through the real gateway (gRPC over
 * loopback): the police (as its bus user `organ-<org>`) transfers a case with its evidence through the
 * chain's intake, the procuratorate accepts it; a court queries the transfer and gets a bundle that
 * verifies offline, whose statements re-verify against the registry; a court's `seal` of the evidence
 * executes once with its proven effect (the procuratorate's access is then refused). The organs'
 * gateway rights: they query the chains their grant names and nothing needing another role.
 */
import * as grpc from '@grpc/grpc-js';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollabIntake, submitStatement, type CollabIntake } from '../../../adapters/collab/intake-server.js';
import { checkRecordStatements } from '../../../adapters/collab/record-check.js';
import { readEvidence, readTransfer, type Statement } from '../../../adapters/collab/schema.js';
import { checkStatementSignature, signStatement } from '../../../adapters/collab/statement.js';
import { busUserOf } from '../../../src/bus/permissions.js';
import { MemoryReplayGuard } from '../../../src/bus/replay-guard.js';
import { readTyped } from '../../../src/chain/ledger/record.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import type { Signer } from '../../../src/identity/signer.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { COLLAB_DEMO } from '../../../src/seed/collab-seed.js';
import { verifyBundle } from '../../../src/verify/bundle-verify.js';
import { FixtureDids, issueJudicialOrder, mintOrderJwt } from '../../helpers/alliance-fixture.js';
import {
  authToken,
  type CourtCaller,
  courtCaller,
  type E2e,
  failure,
  serviceClient,
  startE2e,
  submitActionOf,
  submitUntilExecuted,
} from './e2e-setup.js';

type Obj = Record<string, unknown>;
const POLICE = 'did:alliance:police-bj-dc-e2e';
const PROC = 'did:alliance:procuratorate-bj-dc-e2e';
const JUSTICE_FIN = 'did:alliance:justice-finance-only';
const EVIDENCE = toHex(sha256(utf8('e2e evidence: 东城分局 interview recording')));
const TRANSFER = 'YS-E2E-0001';

let e2e: E2e;
let gw: RunningGateway;
let court: CourtCaller;
let intake: CollabIntake;
const clients: grpc.Client[] = [];

const q = (chainId: string, recordType: string, key: string): Obj => ({ chainId, recordType, key, height: { latest: {} } });
const signer = (did: string): Signer => e2e.fx.signers.get(did)!;

/** A unary call as `as` (its own bearer token) through the gateway. */
function callAs(as: Signer, service: string, method: string, req: object): Promise<Obj> {
  const c = serviceClient(service, gw.address);
  clients.push(c);
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${authToken(as, FixtureDids.gateway)}`);
  return new Promise((resolve, reject) =>
    c[method]!.call(c, req, md, { deadline: Date.now() + 20_000 }, (e: grpc.ServiceError | null, r?: Obj) =>
      e === null ? resolve(r ?? {}) : reject(e),
    ),
  );
}

/** An organ's signed statement, sent from its own bus user. */
async function say(did: string, nc: NatsConnection, body: Record<string, unknown>) {
  const role = did === POLICE ? 'police' : 'procuratorate';
  const s = { schema: 1, signer: did, role, atMs: Date.now(), ...body } as Statement;
  return submitStatement(nc, 'collab', signer(did), signStatement(signer(did), s), { nowMs: Date.now() });
}

let policeNc: NatsConnection;
let procNc: NatsConnection;

beforeAll(async () => {
  e2e = await startE2e({
    chains: ['collab'],
    records: 5,
    extraMembers: [
      { did: POLICE, roles: ['police'], chains: ['collab'] },
      { did: PROC, roles: ['procuratorate'], chains: ['collab'] },
      { did: JUSTICE_FIN, roles: ['justice'], chains: ['finance'] },
    ],
  });
  // The intake runs beside the chain, on the collab adapter's connection (as adapters/collab/main.ts does).
  intake = startCollabIntake({
    nc: e2e.adapters.collab.bus.nc,
    ledger: e2e.backends.collab.ledger,
    authority: e2e.fx.authority,
    replay: new MemoryReplayGuard({ windowMs: 120_000 }),
    now: Date.now,
  });
  gw = await e2e.startGateway();
  court = courtCaller(e2e.fx, gw.address);
  policeNc = await e2e.connectAs(busUserOf('organ', POLICE));
  procNc = await e2e.connectAs(busUserOf('organ', PROC));
  await say(POLICE, policeNc, { type: 'evidence_share', sha256: EVIDENCE, sharedWith: [] });
  await say(POLICE, policeNc, {
    type: 'transfer',
    transferId: TRANSFER,
    receiver: PROC,
    caseRef: '京公东刑诉字〔2026〕0200号',
    evidence: [EVIDENCE],
  });
  await say(PROC, procNc, { type: 'transfer_accept', transferId: TRANSFER });
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  court?.close();
  await intake?.stop();
  await e2e?.stop();
});

describe('collab: a transfer between organs, read by a court with proof', () => {
  it("the court's bundle of the accepted transfer verifies offline, and both organs' signatures re-verify from the registry", async () => {
    const r = await court.call('QueryService', 'Query', { query: q('collab', 'transfer', `transfer/${TRANSFER}`) });
    const bundle = r.bundle as Obj;
    expect(bundle.result).toBe('record');
    expect(verifyBundle(bundle as never, { atMs: Date.now(), authority: e2e.fx.authority }).verdict).toBe('valid');
    const value = (bundle.record as Obj).value as Uint8Array;
    const t = readTyped(value, 'transfer', 'transfer', 1, readTransfer);
    expect(t).toMatchObject({ sender: POLICE, senderRole: 'police', receiver: PROC, status: 'accepted', evidence: [EVIDENCE] });
    expect(checkStatementSignature(t.sent, e2e.fx.authority)).toMatchObject({ ok: true, did: POLICE });
    // What a verifier runs on the proven value: every statement signed by the key held then, saying what the record says.
    expect(checkRecordStatements(value, e2e.fx.authority)).toMatchObject({
      ok: true,
      signers: [
        { did: POLICE, type: 'transfer' },
        { did: PROC, type: 'transfer_accept' },
      ],
    });
    // A bundle whose record was changed does not verify.
    const forged = { ...bundle, record: { ...(bundle.record as Obj), value: utf8(new TextDecoder().decode(value).replace(PROC, POLICE)) } };
    expect(verifyBundle(forged as never, { atMs: Date.now(), authority: e2e.fx.authority }).verdict).not.toBe('valid');
    // The seeded demo transfer is there too, proven.
    const demo = await court.call('QueryService', 'Query', {
      query: q('collab', 'transfer', `transfer/${COLLAB_DEMO.transfer.transferId}`),
    });
    expect((demo.bundle as Obj).result).toBe('record');
  });

  it("a court's seal of the evidence executes once, with its proven effect: access refused until released", async () => {
    const order: JudicialOrder = {
      orderId: 'collab-seal-1',
      court: FixtureDids.court,
      caseId: '(2026)京0101民初1234号',
      chain: 'collab',
      actionId: 'collab-seal-1',
      kind: 'seal',
      target: EVIDENCE,
      amount: '',
    };
    await issueJudicialOrder(e2e.backends.judicial.ledger, order, { nowMs: Date.now() });
    const jwt = mintOrderJwt(e2e.fx, order, { nowMs: Date.now() });
    const submit = submitActionOf(order, { recordType: 'evidence', key: `evidence/${EVIDENCE}` }, jwt);
    const { first, result } = await submitUntilExecuted(court, submit, 30_000);
    expect(result.status).toBe('ACTION_STATUS_EXECUTED');
    expect(result.proof).not.toBeNull();
    expect(result.header?.chainId).toBe('collab');
    // Exactly once: the same order again answers the same action, and the chain holds one seal tx.
    const again = await court.call('ActionService', 'SubmitAction', submit);
    expect(again.submittedAtMs).toBe(first.submittedAtMs);
    expect(e2e.backends.collab.ledger.hasTx(order.actionId)).toBe(true);
    expect((await court.call('ActionService', 'GetAction', { actionId: order.actionId })).status).toBe('ACTION_STATUS_EXECUTED');
    // The effect, proven: the evidence carries the court's seal.
    const r = await court.call('QueryService', 'Query', { query: q('collab', 'evidence', `evidence/${EVIDENCE}`) });
    expect(verifyBundle(r.bundle as never, { atMs: Date.now(), authority: e2e.fx.authority }).verdict).toBe('valid');
    const ev = readTyped(((r.bundle as Obj).record as Obj).value as Uint8Array, 'evidence', 'evidence', 1, readEvidence);
    expect(ev.seal).toMatchObject({ court: FixtureDids.court, caseId: order.caseId, orderId: order.orderId });
    expect(ev.sharedWith).toEqual([PROC]);
    await expect(say(PROC, procNc, { type: 'evidence_access', sha256: EVIDENCE, purpose: '审查起诉 review' })).rejects.toMatchObject({
      reason: 'evidence_sealed',
    });
  }, 60_000);

  it('a seal ordered by a non-court is refused at the gateway; so is an order for another target', async () => {
    const order: JudicialOrder = {
      orderId: 'collab-seal-2',
      court: FixtureDids.court,
      caseId: '(2026)京0101民初1235号',
      chain: 'collab',
      actionId: 'collab-seal-2',
      kind: 'seal',
      target: COLLAB_DEMO.evidence.sha256,
      amount: '',
    };
    await issueJudicialOrder(e2e.backends.judicial.ledger, order, { nowMs: Date.now() });
    const submit = submitActionOf(
      order,
      { recordType: 'evidence', key: `evidence/${COLLAB_DEMO.evidence.sha256}` },
      mintOrderJwt(e2e.fx, order, { nowMs: Date.now() }),
    );
    const byOrgan = await failure(callAs(signer(PROC), 'ActionService', 'SubmitAction', submit));
    expect(byOrgan.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(byOrgan.reason).toBe('out_of_role');
    const other = await failure(
      court.call('ActionService', 'SubmitAction', { ...submit, target: { recordType: 'evidence', key: `evidence/${EVIDENCE}` } }),
    );
    expect(other).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, reason: 'order_mismatch' });
    expect(e2e.backends.collab.ledger.hasTx(order.actionId)).toBe(false);
  });
});

describe("the organs' rights at the gateway (policy.ts, query row rule)", () => {
  it('an organ queries the collab chain it is granted and verifies the bundle', async () => {
    const r = await callAs(signer(PROC), 'QueryService', 'Query', { query: q('collab', 'transfer', `transfer/${TRANSFER}`) });
    expect((r.bundle as Obj).requesterDid).toBe(PROC);
    expect(verifyBundle(r.bundle as never, { atMs: Date.now(), authority: e2e.fx.authority }).verdict).toBe('valid');
    const v = await callAs(signer(PROC), 'VerificationService', 'VerifyBundle', { bundle: r.bundle });
    expect(v.verdict).toBe('VERDICT_VALID');
    // Shown to people decoded from the proven bytes, zh-CN first.
    const shown = v.provenRecord as Obj;
    expect(shown.shown).toBe('PROVEN_SHOWN_RECORD');
    expect((shown.typeLabel as Obj).zhCn).toBe('案件移送');
    expect((shown.fields as Obj[]).find((f) => f.path === 'senderRole')!.text).toBe('公安机关 (police)');
    expect((shown.fields as Obj[]).length).toBeGreaterThan(5);
    expect(shown.undecoded ?? null).toBeNull();
  });

  it('an organ is refused outside its rights: another chain, an organ of another chain, orders, investigations, evidence anchoring', async () => {
    const judicial = await failure(callAs(signer(PROC), 'QueryService', 'Query', { query: q('judicial', 'order', 'order/collab-seal-1') }));
    expect(judicial).toMatchObject({ code: grpc.status.PERMISSION_DENIED, reason: 'chain_not_granted' });
    expect(judicial.details).toContain('collab');
    const batch = await callAs(signer(PROC), 'QueryService', 'QueryBatch', { queries: [q('judicial', 'order', 'order/collab-seal-1')] });
    expect(((batch.items as Obj[])[0]!.failure as Obj).reason).toBe('chain_not_granted');
    const fin = await failure(
      callAs(signer(JUSTICE_FIN), 'QueryService', 'Query', { query: q('collab', 'transfer', `transfer/${TRANSFER}`) }),
    );
    expect(fin).toMatchObject({ code: grpc.status.PERMISSION_DENIED, reason: 'chain_not_granted' });
    const inv = await failure(callAs(signer(POLICE), 'InvestigationService', 'Investigate', {}));
    expect(inv).toMatchObject({ code: grpc.status.PERMISSION_DENIED, reason: 'out_of_role' });
    const anchor = await failure(callAs(signer(POLICE), 'EvidenceService', 'AnchorEvidence', {}));
    expect(anchor).toMatchObject({ code: grpc.status.PERMISSION_DENIED, reason: 'out_of_role' });
    expect(anchor.details).toContain('police');
  });
});
