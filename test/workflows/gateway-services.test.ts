/**
 * EvidenceService as the gateway node serves it by default (src/node/gateway-node.ts with
 * src/workflows/gateway/evidence-module.ts), and MediationService forwarded to the workflow service:
 * real gRPC on 127.0.0.1, a real nats-server (harness), the judicial chain behind its write door
 * (adapters/judicial/tx-server.ts). Anchor -> VerifyEvidence with the membership ProofBundle;
 * a changed byte -> NOT_ANCHORED with the absence ProofBundle; RecordService records the service
 * and its receipt; defects are refused with their reason.
 */
import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { Client as ReflectionClient } from 'grpc-reflection-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { signJwtNative } from '../../src/identity/jwt.js';
import type { Signer } from '../../src/identity/signer.js';
import { REASON_TRAILER } from '../../src/wire/reason-trailer.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { startGatewayNode } from '../../src/node/gateway-node.js';
import { loadGatewayProto } from '../../src/wire/gateway-proto.js';
import { DevJudicialLedger } from '../../src/devtools/in-process-ports.js';
import { signEvidenceClaim } from '../../src/workflows/evidence.js';
import { ServiceRegistry, serviceIdOf, signReceipt, signService } from '../../src/workflows/service-of-process.js';
import { startJudicialTxServer, type JudicialTxServer } from '../../adapters/judicial/tx-server.js';
import { serviceKey } from '../../src/judicial/record-keys.js';
import { allianceFixture, FixtureDids, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { didKeyAuthority, fixedSigner } from './fixtures/world.js';
import { systemClock } from '../../src/workflows/clock.js';
import type { Authority } from '../../src/identity/authority.js';

type Unary = (
  req: object,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (e: (Error & { code: number; metadata: grpc.Metadata }) | null, r?: Record<string, unknown>) => void,
) => void;

describe('EvidenceService served by the gateway (default wiring)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let fx: AllianceFixture;
  let judicial: DevJudicialLedger;
  let door: JudicialTxServer;
  let gw: RunningGateway;
  let client: grpc.Client & Record<string, Unary>;
  const token = (s: Signer): string =>
    signJwtNative(s, {
      audience: FixtureDids.gateway,
      purpose: 'auth',
      nowMs: Date.now(),
      lifetimeMs: 300_000,
      jti: toBase64url(randomBytes(12)),
    });
  const call = (method: string, req: object, as: Signer): Promise<Record<string, unknown>> => {
    const md = new grpc.Metadata();
    md.set('authorization', `Bearer ${token(as)}`);
    return new Promise((resolve, reject) =>
      client[method]!.call(client, req, md, { deadline: Date.now() + 20_000 }, (e, r) => (e === null ? resolve(r ?? {}) : reject(e))),
    );
  };
  const reasonOf = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
    } catch (e) {
      return String((e as { metadata: grpc.Metadata }).metadata.get(REASON_TRAILER)[0] ?? '');
    }
    throw new Error('expected a refusal');
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    fx = allianceFixture();
    judicial = new DevJudicialLedger({ chainId: 'judicial', sender: fx.court.did });
    door = startJudicialTxServer({
      nc,
      ledger: judicial.ledger,
      authority: fx.authority,
      replay: new MemoryReplayGuard({ windowMs: 120_000 }),
      now: Date.now,
    });
    await judicial.submit('case.file', 'case:S-1', {
      type: 'case_file',
      schema: 1,
      caseId: 'S-1',
      court: fx.court.did,
      kind: 'civil',
      cause: '借款合同纠纷',
      parties: [{ role: 'respondent', party: toHex(sha256(utf8('recipient'))) }],
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
    const Ctor = grpc.makeGenericClientConstructor(loadGatewayProto().services.EvidenceService, 'EvidenceService');
    client = new Ctor(gw.address, grpc.credentials.createInsecure()) as unknown as grpc.Client & Record<string, Unary>;
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await gw?.shutdown();
    await door?.stop();
    judicial?.close();
    await nc?.close();
    await nats?.stop();
  });

  it('a stock gateway (no enforcement engine) forwards MediationService to the workflow service: listed, and UNAVAILABLE at once with none running', async () => {
    expect(gw.services).toContain('EvidenceService');
    expect(gw.services).toContain('MediationService');
    const reflection = new ReflectionClient(gw.address, grpc.credentials.createInsecure());
    try {
      const listed = await reflection.listServices();
      expect(listed).toContain('courtbridge.v1.EvidenceService');
      expect(listed).toContain('courtbridge.v1.MediationService');
    } finally {
      (reflection.grpcClient as unknown as grpc.Client).close();
    }
    const Mediation = grpc.makeGenericClientConstructor(loadGatewayProto().services.MediationService, 'MediationService');
    const mediation = new Mediation(gw.address, grpc.credentials.createInsecure()) as unknown as grpc.Client & Record<string, Unary>;
    try {
      const md = new grpc.Metadata();
      md.set('authorization', `Bearer ${token(fx.court)}`);
      const started = Date.now();
      const e = await new Promise<{ code: number; details: string; metadata: grpc.Metadata }>((resolve, reject) =>
        mediation['GetCase']!.call(mediation, { caseId: 'S-1' }, md, { deadline: Date.now() + 5_000 }, (err) =>
          err === null ? reject(new Error('expected UNAVAILABLE')) : resolve(err as never),
        ),
      );
      // No workflow service subscribes: NATS says so at once, well before the deadline.
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(e.code).toBe(grpc.status.UNAVAILABLE);
      expect(e.metadata.get(REASON_TRAILER)[0]).toBe('workflows_unavailable');
      expect(e.details).toContain('courtbridge workflows start');
    } finally {
      mediation.close();
    }
  });

  it('anchors, verifies with the membership bundle, and answers a changed byte NOT_ANCHORED with the absence bundle', async () => {
    const file = utf8('民事调解书 (2024)京0101民初777号');
    const e = signEvidenceClaim(fx.court, sha256(file), [{ name: 'kind', value: 'case_file' }], Date.now());
    const r = await call('AnchorEvidence', { claim: e.claim, signature: e.signature }, fx.court);
    expect(r).toMatchObject({ anchorId: `anchor/${toHex(sha256(file))}`, status: 'ANCHOR_STATUS_ANCHORED' });
    expect((r.bundle as { record?: unknown }).record).toBeDefined();
    const v = await call('VerifyEvidence', { contentHash: sha256(file) }, fx.agency);
    expect(v.status).toBe('ANCHOR_STATUS_ANCHORED');
    expect((v.anchors as { claim: { submitterDid: string } }[])[0]!.claim.submitterDid).toBe(fx.court.did);
    const altered = file.slice();
    altered[3]! ^= 1;
    const n = await call('VerifyEvidence', { contentHash: sha256(altered) }, fx.agency);
    expect(n.status).toBe('ANCHOR_STATUS_NOT_ANCHORED');
    expect((n.absence as { absence?: unknown; receipt?: unknown }).absence).toBeDefined();
  }, 30_000);

  type Case = { name: string; req: () => object; as: () => Signer; reason: string };
  const good = () => signEvidenceClaim(fx.court, sha256(utf8(`adversarial ${Math.random()}`)), [], Date.now());
  const cases: Case[] = [
    {
      name: 'signature flipped',
      req: () => {
        const e = good();
        e.signature[4]! ^= 1;
        return { claim: e.claim, signature: e.signature };
      },
      as: () => fx.court,
      reason: 'submitter_signature_invalid',
    },
    {
      name: 'hash not 32 bytes',
      req: () => {
        const e = good();
        return { claim: { ...e.claim, contentHash: new Uint8Array(31) }, signature: e.signature };
      },
      as: () => fx.court,
      reason: 'hash_malformed',
    },
    {
      name: 'unknown submitter',
      req: () => {
        const e = signEvidenceClaim(fixedSigner(9), sha256(utf8('x')), [], Date.now());
        return { claim: { ...e.claim, submitterDid: 'did:alliance:nobody', kid: 'did:alliance:nobody#key-1' }, signature: e.signature };
      },
      as: () => fx.court,
      reason: 'submitter_signature_invalid',
    },
    {
      name: 'an agency may not anchor',
      req: () => {
        const e = good();
        return { claim: e.claim, signature: e.signature };
      },
      as: () => fx.agency,
      reason: 'out_of_role',
    },
  ];
  for (const c of cases) {
    it(`AnchorEvidence refuses: ${c.name}`, async () => {
      expect(await reasonOf(call('AnchorEvidence', c.req(), c.as()))).toBe(c.reason);
    });
  }

  it('RecordService records the court-signed service; the recipient signs its receipt once', async () => {
    const documentHash = sha256(utf8('传票 S-1'));
    const recipient = fixedSigner(11);
    const { service, signature } = signService(fx.court, {
      caseId: 'S-1',
      documentHash,
      recipientIdHash: sha256(utf8('recipient')),
      channel: 'electronic',
      servedAtMs: Date.now(),
      receiptHash: new Uint8Array(32),
    });
    const wire = { ...service, channel: 'SERVICE_CHANNEL_ELECTRONIC' };
    const bad = signature.slice();
    bad[2]! ^= 1;
    expect(await reasonOf(call('RecordService', { service: wire, signature: bad }, fx.court))).toBe('server_signature_invalid');
    const r = await call('RecordService', { service: wire, signature }, fx.court);
    const serviceId = serviceIdOf(service);
    expect((r.anchor as { anchorId: string }).anchorId).toBe(`service/${serviceId}`);
    // The receipt (library API, by the recipient's did:key): once, and only with its signature.
    // Recipients are citizens with throwaway did:key keys; courts are alliance members.
    const authority: Authority = {
      keyAt: (did, kid, t) => (did.startsWith('did:key:') ? didKeyAuthority.keyAt(did, kid, t) : fx.authority.keyAt(did, kid, t)),
      mayAct: (d, r, c, t) => fx.authority.mayAct(d, r, c, t),
    };
    const registry = new ServiceRegistry({ ledger: judicial, authority, clock: systemClock });
    const receipt = signReceipt(recipient, serviceId, documentHash, Date.now());
    const forged = { ...receipt, signature: receipt.signature.map((b, i) => (i === 1 ? b ^ 1 : b)) };
    await expect(registry.recordReceipt(forged)).rejects.toMatchObject({ reason: 'receipt_signature_invalid' });
    const done = await registry.recordReceipt(receipt);
    expect(JSON.parse(new TextDecoder().decode(done.record.value!))).toMatchObject({
      receipt: { status: 'received', signer: recipient.kid },
    });
    await expect(registry.recordReceipt({ ...receipt })).resolves.toMatchObject({ outcome: 'already_committed' });
    expect((await judicial.prove(serviceKey(serviceId))).value).not.toBeNull();
  }, 30_000);
});
