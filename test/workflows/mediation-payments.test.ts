/**
 * MediationService over real gRPC (a gateway node with the enforcement engine, a real
 * nats-server, the judicial chain behind its write door): a judgment's obligation names its
 * creditor's rank and payee account; an unknown rank or a malformed account is refused
 * INVALID_ARGUMENT `instrument_malformed` naming the field; GetCase shows the payments of the
 * distribution once the deducted funds were paid out.
 */
import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { startJudicialTxServer, type JudicialTxServer } from '../../adapters/judicial/tx-server.js';
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { sha256 } from '../../src/crypto/hash.js';
import { fromHex, toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { signJwtNative } from '../../src/identity/jwt.js';
import type { Signer } from '../../src/identity/signer.js';
import { startGatewayNode } from '../../src/node/gateway-node.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { loadGatewayProto } from '../../src/wire/gateway-proto.js';
import { REASON_TRAILER } from '../../src/wire/reason-trailer.js';
import { BackendInvestigator, BackendOrderer, DevJudicialLedger } from '../../src/devtools/in-process-ports.js';
import { ManualClock } from '../../src/workflows/clock.js';
import { DEFAULT_TARGETS, financeProfile, ipProfile, propertyProfile } from '../../src/workflows/enforcement/asset-profiles.js';
import { EnforcementEngine } from '../../src/workflows/enforcement/engine.js';
import { signInstrument } from '../../src/workflows/enforcement/instrument.js';
import { engineBackend } from '../../src/workflows/mediation/mediation-backend.js';
import { NatsJudicialLedger } from '../../src/workflows/network/nats-judicial-ledger.js';
import { startMediationResponder, type MediationResponder } from '../../src/workflows/service/mediation-responder.js';
import { silentLogger } from '../../src/log.js';
import { allianceFixture, FixtureDids, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { CREDITOR, DEBTOR, makeWorld, type World } from './fixtures/world.js';

type Unary = (
  req: object,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (e: (Error & { code: number; metadata: grpc.Metadata }) | null, r?: Record<string, unknown>) => void,
) => void;

describe('MediationService: creditor fields in, payments out (real gRPC)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let fx: AllianceFixture;
  let judicial: DevJudicialLedger;
  let door: JudicialTxServer;
  let w: World;
  let gw: RunningGateway;
  let engine: EnforcementEngine;
  let responder: MediationResponder | undefined;
  let clock: ManualClock;
  let client: grpc.Client & Record<string, Unary>;

  const token = (s: Signer): string =>
    signJwtNative(s, {
      audience: FixtureDids.gateway,
      purpose: 'auth',
      nowMs: Date.now(),
      lifetimeMs: 300_000,
      jti: toBase64url(randomBytes(12)),
    });
  const call = (method: string, req: object): Promise<Record<string, unknown>> => {
    const md = new grpc.Metadata();
    md.set('authorization', `Bearer ${token(fx.court)}`);
    return new Promise((resolve, reject) =>
      client[method]!.call(client, req, md, { deadline: Date.now() + 20_000 }, (e, r) => (e === null ? resolve(r ?? {}) : reject(e))),
    );
  };
  const refusal = async (p: Promise<unknown>): Promise<{ code: number; reason: string; message: string }> => {
    try {
      await p;
    } catch (e) {
      const err = e as Error & { code: number; metadata: grpc.Metadata; details: string };
      return { code: err.code, reason: String(err.metadata.get(REASON_TRAILER)[0] ?? ''), message: err.details };
    }
    throw new Error('expected a refusal');
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    fx = allianceFixture();
    w = await makeWorld();
    clock = new ManualClock(Date.now());
    judicial = new DevJudicialLedger({ chainId: 'judicial', sender: fx.court.did });
    door = startJudicialTxServer({
      nc,
      ledger: judicial.ledger,
      authority: fx.authority,
      replay: new MemoryReplayGuard({ windowMs: 120_000 }),
      now: Date.now,
    });
    const config = loadGatewayConfig({
      overrides: {
        listen: '127.0.0.1:0',
        natsServers: [nats.url],
        genesisHash: toHex(sha256(fx.genesisBytes)),
        metricsPort: -1,
        logLevel: 'silent',
      },
    });
    gw = await startGatewayNode(config, { signer: fx.gateway, genesisBytes: fx.genesisBytes, queryPath: 'off' });
    // The stock gateway forwards MediationService over NATS; the workflow service's responder answers over this engine.
    const ledger = new NatsJudicialLedger({ nc, signer: fx.gateway, now: Date.now });
    engine = new EnforcementEngine({
      ledger,
      investigator: new BackendInvestigator([
        { profile: financeProfile, backend: w.backends.finance },
        { profile: propertyProfile, backend: w.backends.property },
        { profile: ipProfile, backend: w.backends.ip },
      ]),
      orderer: new BackendOrderer(ledger, Object.values(w.backends)),
      store: w.store,
      clock,
      court: fx.court,
      authority: fx.authority,
      policy: { maxOrderCents: 10_000_000_000n, legalBasis: '《民事诉讼法》第二百四十九条', orderLifetimeMs: 600_000, deductAfterMs: 1000 },
      targets: DEFAULT_TARGETS,
      orderAudience: (chain) => FixtureDids.adapter(chain),
    });
    responder = startMediationResponder({
      nc,
      backend: engineBackend(engine),
      authority: fx.authority,
      replay: new MemoryReplayGuard({ windowMs: 120_000 }),
      now: Date.now,
      logger: silentLogger(),
    });
    const Ctor = grpc.makeGenericClientConstructor(loadGatewayProto().services.MediationService, 'MediationService');
    client = new Ctor(gw.address, grpc.credentials.createInsecure()) as unknown as grpc.Client & Record<string, Unary>;
  }, 90_000);

  afterAll(async () => {
    client?.close();
    await responder?.stop();
    await gw?.shutdown();
    await door?.stop();
    judicial?.close();
    await nc?.close();
    await w?.close();
    await nats?.stop();
  });

  const debtor = fromHex(DEBTOR.idHash);
  const creditor = fromHex(CREDITOR.idHash);
  const request = (caseId: string, ob: Record<string, unknown>) => {
    const effectiveAtMs = clock.now() - 1000;
    const dueAtMs = clock.now() + 1000;
    const { instrument, signature } = signInstrument(fx.court, {
      kind: 'judgment',
      caseId,
      documentHash: sha256(utf8(`judgment ${caseId}`)),
      parties: [
        { partyIdHash: debtor, role: 'obligor' },
        { partyIdHash: creditor, role: 'obligee' },
      ],
      obligations: [
        {
          obligationId: '1',
          obligorIdHash: debtor,
          obligeeIdHash: creditor,
          amount: '2000000',
          description: 'pay the judgment debt',
          dueAtMs,
          creditorRank: 'secured',
          payeeAccount: CREDITOR.account.accountNo,
        },
      ],
      effectiveAtMs,
    });
    return {
      instrument: {
        kind: 'INSTRUMENT_KIND_JUDGMENT',
        caseId,
        documentHash: Buffer.from(instrument.documentHash),
        parties: instrument.parties.map((p) => ({
          partyIdHash: Buffer.from(p.partyIdHash),
          role: p.role === 'obligor' ? 'PARTY_ROLE_OBLIGOR' : 'PARTY_ROLE_OBLIGEE',
        })),
        obligations: [
          {
            obligationId: '1',
            obligorIdHash: Buffer.from(debtor),
            obligeeIdHash: Buffer.from(creditor),
            amount: '2000000',
            description: 'pay the judgment debt',
            dueAtMs,
            creditorRank: 'CREDITOR_RANK_SECURED',
            payeeAccount: CREDITOR.account.accountNo,
            ...ob,
          },
        ],
        courtDid: instrument.courtDid,
        kid: instrument.kid,
        effectiveAtMs,
      },
      signature: Buffer.from(signature),
    };
  };

  it('refuses an unknown creditor rank and a malformed payee account, naming the field', async () => {
    const rank = await refusal(call('RegisterJudgment', request('G-bad-1', { creditorRank: 7 })));
    expect(rank).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, reason: 'instrument_malformed' });
    expect(rank.message).toContain('creditor_rank');
    const account = await refusal(call('RegisterJudgment', request('G-bad-2', { payeeAccount: 'court-custody/0011aabb' })));
    expect(account).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, reason: 'instrument_malformed' });
    expect(account.message).toContain('instrument.obligations[0].payeeAccount');
    // A signed rank changed on the way is a forgery.
    const forged = await refusal(call('RegisterJudgment', request('G-bad-3', { creditorRank: 'CREDITOR_RANK_PREFERENTIAL' })));
    expect(forged).toMatchObject({ code: grpc.status.UNAUTHENTICATED, reason: 'court_signature_invalid' });
    expect(await engine.caseIds()).toEqual([]);
  });

  it('GetCase lists the payments of the distribution: executed, to the named account, by rank', async () => {
    const registered = await call('RegisterJudgment', request('G-1', {}));
    expect(registered).toMatchObject({ status: 'CASE_STATUS_ACTIVE', payments: [] });
    clock.advance(1100);
    await engine.tick();
    clock.advance(1100);
    await engine.tick();
    const got = await call('GetCase', { caseId: 'G-1' });
    const s = await engine.getCase('G-1');
    const pay = Object.values(s.actions).find((a) => a.step === 'disburse')!;
    expect(got).toMatchObject({
      status: 'CASE_STATUS_PERFORMED',
      payments: [
        {
          obligationId: '1',
          creditorRank: 'CREDITOR_RANK_SECURED',
          amount: '2000000',
          payeeAccount: CREDITOR.account.accountNo,
          actionId: pay.actionId,
          status: 'PAYMENT_STATUS_EXECUTED',
        },
      ],
    });
  }, 60_000);
});
