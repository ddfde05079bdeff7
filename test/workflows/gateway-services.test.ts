/**
 * EvidenceService as the gateway node serves it by default (src/node/gateway-node.ts with
 * src/workflows/gateway/evidence-module.ts), and MediationService forwarded to the workflow service:
 * real gRPC on 127.0.0.1, a real nats-server (harness), the judicial chain behind its write door
 * (adapters/judicial/tx-server.ts). Anchor -> VerifyEvidence with the membership ProofBundle;
 * a changed byte -> NOT_ANCHORED with the absence ProofBundle; RecordService records the service
 * and its receipt; defects are refused with their reason.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeKeyFile } from '../../src/identity/keystore.js';
import { cli } from '../cli/cli-helpers.js';
import * as grpc from '@grpc/grpc-js';
import { Client as ReflectionClient } from 'grpc-reflection-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { sha256, signingInput } from '../../src/crypto/hash.js';
import { toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { signJwtNative } from '../../src/identity/jwt.js';
import type { Signer } from '../../src/identity/signer.js';
import { REASON_TRAILER } from '../../src/wire/reason-trailer.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { startGatewayNode } from '../../src/node/gateway-node.js';
import { loadGatewayProto } from '../../src/wire/gateway-proto.js';
import { DevJudicialLedger } from '../../src/devtools/in-process-ports.js';
import { encodeAnchorBatch } from '../../src/judicial/anchor-batch.js';
import {
  signEvidenceBatch,
  signEvidenceBatches,
  signEvidenceClaim as signBatchOfOne,
  singleClaimOf,
} from '../../src/workflows/evidence.js';
const signEvidenceClaim = (...a: Parameters<typeof signBatchOfOne>) => singleClaimOf(signBatchOfOne(...a));
import * as secp from '@noble/secp256k1';
import {
  receiptBytes,
  recipientBindingOf,
  SERVICE_RECEIPT_TAG,
  ServiceRegistry,
  serviceIdOf,
  signReceipt,
  signService,
} from '../../src/workflows/service-of-process.js';
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

  it('AnchorEvidenceBatch anchors a signed batch: one receipt with the batch record proof; earlier anchors listed; each hash verifies', async () => {
    const items = Array.from({ length: 300 }, (_, i) => ({
      contentHash: sha256(utf8(`gateway batch ${i}`)),
      metadata: [{ name: 'case_id', value: 'G-1' }],
    }));
    const first = await call(
      'AnchorEvidenceBatch',
      { batch: encodeAnchorBatch(signEvidenceBatch(fx.court, items.slice(0, 10), Date.now())) },
      fx.court,
    );
    expect(first.alreadyAnchored).toEqual([]);
    const parts = signEvidenceBatches(fx.court, items, Date.now(), { maxBytes: 4_000 });
    expect(parts.length).toBeGreaterThan(1);
    const rs = await Promise.all(parts.map((p) => call('AnchorEvidenceBatch', { batch: encodeAnchorBatch(p) }, fx.court)));
    expect(rs[0]!.alreadyAnchored).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((rs[0]!.bundle as { record?: { key?: string } }).record?.key).toBe(`anchor-batch/${rs[0]!.batchId}`);
    const v = await call('VerifyEvidence', { contentHash: items[150]!.contentHash }, fx.agency);
    expect(v.status).toBe('ANCHOR_STATUS_ANCHORED');
    const a = (v.anchors as { bundle?: unknown; batchBundle?: unknown }[])[0]!;
    expect(a.bundle).toBeDefined();
    expect(a.batchBundle).toBeDefined();
  }, 30_000);

  it('a batch at the limits crosses the real nats-server (default max_payload 1 MiB): 10,000 leaves; 690 KB of metadata', async () => {
    const wide = signEvidenceBatch(
      fx.court,
      Array.from({ length: 10_000 }, (_, i) => ({ contentHash: sha256(utf8(`wide ${i}`)), metadata: [] })),
      Date.now(),
    );
    expect((await call('AnchorEvidenceBatch', { batch: encodeAnchorBatch(wide) }, fx.court)).alreadyAnchored).toEqual([]);
    const heavy = signEvidenceBatch(
      fx.court,
      Array.from({ length: 171 }, (_, i) => ({
        contentHash: sha256(utf8(`heavy ${i}`)),
        metadata: [{ name: 'note', value: `${i}`.padEnd(4000, '.') }],
      })),
      Date.now(),
    );
    const bytes = encodeAnchorBatch(heavy);
    expect(bytes.length).toBeGreaterThan(690_000);
    expect(bytes.length).toBeLessThanOrEqual(700_000);
    expect((await call('AnchorEvidenceBatch', { batch: bytes }, fx.court)).alreadyAnchored).toEqual([]);
  }, 60_000);

  it('AnchorEvidenceBatch refuses an oversized batch with RESOURCE_EXHAUSTED naming the limit and how to split; a forged one with its reason', async () => {
    const big = signEvidenceBatch(
      fx.court,
      Array.from({ length: 10_001 }, (_, i) => ({ contentHash: sha256(utf8(`too big ${i}`)), metadata: [] })),
      Date.now(),
    );
    const err = await call('AnchorEvidenceBatch', { batch: encodeAnchorBatch(big) }, fx.court).catch(
      (e: unknown) => e as { code: number; details: string },
    );
    expect(err).toMatchObject({ code: 8 });
    expect((err as { details: string }).details).toMatch(/at most 10000 leaves and 700000 bytes.*split/);
    const b = signEvidenceBatch(
      fx.court,
      [0, 1, 2].map((i) => ({ contentHash: sha256(utf8(`forged gw ${i}`)), metadata: [] })),
      Date.now(),
    );
    expect(
      await reasonOf(
        call('AnchorEvidenceBatch', { batch: encodeAnchorBatch({ ...b, hashes: [b.hashes[1]!, b.hashes[0]!, b.hashes[2]!] }) }, fx.court),
      ),
    ).toBe('anchor_path_invalid');
    const other = signEvidenceBatch(
      fixedSigner(9),
      [0, 1, 2].map((i) => ({ contentHash: sha256(utf8(`forged gw ${i}`)), metadata: [] })),
      Date.now(),
    );
    expect(
      await reasonOf(
        call(
          'AnchorEvidenceBatch',
          { batch: encodeAnchorBatch({ ...other, claim: { ...other.claim, submitterDid: fx.court.did, kid: fx.court.kid } }) },
          fx.court,
        ),
      ),
    ).toBe('submitter_signature_invalid');
    expect(await reasonOf(call('AnchorEvidenceBatch', { batch: encodeAnchorBatch(b).slice(0, 50) }, fx.court))).toBe('claim_malformed');
    expect(await reasonOf(call('AnchorEvidenceBatch', { batch: encodeAnchorBatch(b) }, fx.agency))).toBe('out_of_role');
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
      recipientBinding: recipientBindingOf(documentHash, recipient.did),
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

  describe('receipts over gRPC and served documents by file hash', () => {
    const documentHash = sha256(utf8('判决书 S-1'));
    const recipient = fixedSigner(21);
    const stranger = fixedSigner(22);
    let serviceId = '';
    const codeOf = async (p: Promise<unknown>): Promise<{ code: number; reason: string }> => {
      try {
        await p;
      } catch (e) {
        const err = e as { code: number; metadata: grpc.Metadata };
        return { code: err.code, reason: String(err.metadata.get(REASON_TRAILER)[0] ?? '') };
      }
      throw new Error('expected a refusal');
    };
    const receiptReq = (r: ReturnType<typeof signReceipt>): object => ({
      serviceId: r.serviceId,
      recipientDid: r.recipientDid,
      kid: r.kid,
      signedAtMs: r.signedAtMs,
      signature: r.signature,
    });

    beforeAll(async () => {
      const { service, signature } = signService(fx.court, {
        caseId: 'S-1',
        documentHash,
        recipientIdHash: sha256(utf8('recipient')),
        channel: 'postal',
        servedAtMs: Date.now(),
        receiptHash: new Uint8Array(32),
        recipientBinding: recipientBindingOf(documentHash, recipient.did),
      });
      await call('RecordService', { service: { ...service, channel: 'SERVICE_CHANNEL_POSTAL' }, signature }, fx.court);
      serviceId = serviceIdOf(service);
    }, 30_000);

    it('FindServiceByDocument: the service with its proof bundle, not yet received; a changed byte finds none (proof of absence)', async () => {
      const r = await call('FindServiceByDocument', { documentHash }, fx.court);
      const services = r.services as Record<string, unknown>[];
      expect(services).toHaveLength(1);
      expect(services[0]!.serviceId).toBe(serviceId);
      expect(services[0]!.receipt ?? null).toBeNull();
      const anchor = services[0]!.anchor as { anchorId: string; bundle: { record: { key: string } } };
      expect(anchor.anchorId).toBe(`service/${serviceId}`);
      expect(anchor.bundle.record.key).toBe(`service/${serviceId}`);
      expect((r.index as { record: { key: string } }).record.key).toBe(`served-document/${toHex(documentHash)}`);
      const altered = documentHash.slice();
      altered[0]! ^= 1;
      const none = await call('FindServiceByDocument', { documentHash: altered }, fx.court);
      expect(none.services).toEqual([]);
      expect((none.index as { absence: { key: string } }).absence.key).toBe(`served-document/${toHex(altered)}`);
      expect(await codeOf(call('FindServiceByDocument', { documentHash: documentHash.slice(0, 31) }, fx.court))).toEqual({
        code: grpc.status.INVALID_ARGUMENT,
        reason: 'hash_malformed',
      });
    });

    it('RecordServiceReceipt refuses forgeries with their reason and status', async () => {
      const now = Date.now();
      // A stranger with a valid DID signs a receipt of someone else's service.
      expect(await codeOf(call('RecordServiceReceipt', receiptReq(signReceipt(stranger, serviceId, documentHash, now)), fx.court))).toEqual(
        {
          code: grpc.status.PERMISSION_DENIED,
          reason: 'receipt_not_recipient',
        },
      );
      // The recipient's signature over another document's hash.
      const other = sha256(utf8('another document'));
      expect(await codeOf(call('RecordServiceReceipt', receiptReq(signReceipt(recipient, serviceId, other, now)), fx.court))).toEqual({
        code: grpc.status.UNAUTHENTICATED,
        reason: 'receipt_signature_invalid',
      });
      // A signature bit flipped.
      const good = signReceipt(recipient, serviceId, documentHash, now);
      const flipped = { ...good, signature: good.signature.map((b, i) => (i === 5 ? b ^ 1 : b)) };
      expect((await codeOf(call('RecordServiceReceipt', receiptReq(flipped), fx.court))).reason).toBe('receipt_signature_invalid');
      // A service the chain never recorded.
      const unknown = toHex(sha256(utf8('no such service')));
      expect(await codeOf(call('RecordServiceReceipt', receiptReq(signReceipt(recipient, unknown, documentHash, now)), fx.court))).toEqual({
        code: grpc.status.NOT_FOUND,
        reason: 'unknown_service',
      });
      expect((await codeOf(call('RecordServiceReceipt', { ...receiptReq(good), serviceId: 'nope' }, fx.court))).reason).toBe(
        'service_malformed',
      );
      // Nothing above reached the chain.
      const still = await call('FindServiceByDocument', { documentHash }, fx.court);
      expect((still.services as Record<string, unknown>[])[0]!.receipt ?? null).toBeNull();
    });

    it("RecordServiceReceipt records the recipient's receipt once; a replay changes nothing; the lookup shows it", async () => {
      const good = signReceipt(recipient, serviceId, documentHash, Date.now());
      const r = await call('RecordServiceReceipt', receiptReq(good), fx.court);
      const receipt = r.receipt as { kid: string; receivedAtMs: string; signature: Uint8Array };
      expect(r.serviceId).toBe(serviceId);
      expect(receipt.kid).toBe(recipient.kid);
      expect(Buffer.from(receipt.signature)).toEqual(Buffer.from(good.signature));
      expect((r.anchor as { bundle: { record: { key: string } } }).bundle.record.key).toBe(`service/${serviceId}`);
      const replay = await call('RecordServiceReceipt', receiptReq({ ...good, signedAtMs: good.signedAtMs + 5 }), fx.court);
      expect((replay.receipt as { receivedAtMs: string }).receivedAtMs).toBe(receipt.receivedAtMs);
      const found = await call('FindServiceByDocument', { documentHash }, fx.court);
      expect(((found.services as Record<string, unknown>[])[0]!.receipt as { kid: string }).kid).toBe(recipient.kid);
      // Another valid signature of the recipient (fresh nonce) over the same receipt: a second receipt, refused.
      const again = secp.sign(
        signingInput(SERVICE_RECEIPT_TAG, receiptBytes(serviceId, documentHash)).bytes('secp256k1'),
        sha256(utf8('courtbridge vector key 21')),
        { prehash: true, lowS: true, extraEntropy: true },
      );
      expect(Buffer.from(again)).not.toEqual(Buffer.from(good.signature));
      expect(await codeOf(call('RecordServiceReceipt', receiptReq({ ...good, signature: again }), fx.court))).toEqual({
        code: grpc.status.FAILED_PRECONDITION,
        reason: 'already_received',
      });
      // The chain itself refuses a second receipt of a received service.
      await expect(
        judicial.submit('service.receipt', `service-receipt-2:${serviceId}`, {
          type: 'service_receipt',
          schema: 1,
          serviceId,
          signer: stranger.kid,
          signature: toBase64url(signReceipt(stranger, serviceId, documentHash, Date.now()).signature),
        }),
      ).rejects.toMatchObject({ reason: 'already_received' });
    });

    it('courtbridge evidence receipt --relay-as: a member relays the receipt of the recipient to the gateway', async () => {
      const content = utf8('送达回证 S-1 relayed by the CLI');
      const hash = sha256(content);
      const { service, signature } = signService(fx.court, {
        caseId: 'S-1',
        documentHash: hash,
        recipientIdHash: sha256(utf8('recipient')),
        channel: 'electronic',
        servedAtMs: Date.now(),
        receiptHash: new Uint8Array(32),
        recipientBinding: recipientBindingOf(hash, recipient.did),
      });
      await call('RecordService', { service: { ...service, channel: 'SERVICE_CHANNEL_ELECTRONIC' }, signature }, fx.court);
      const id = serviceIdOf(service);
      const dir = mkdtempSync(join(tmpdir(), 'cb-relay-'));
      try {
        writeFileSync(join(dir, 'summons.pdf'), content);
        await writeKeyFile(join(dir, 'court.key'), { did: fx.court.did, kid: fx.court.kid, privateKey: fx.privateKeys.get(fx.court.did)! });
        await writeKeyFile(join(dir, 'recipient.key'), {
          did: recipient.did,
          kid: recipient.kid,
          privateKey: sha256(utf8('courtbridge vector key 21')),
        });
        await writeKeyFile(join(dir, 'stranger.key'), {
          did: stranger.did,
          kid: stranger.kid,
          privateKey: sha256(utf8('courtbridge vector key 22')),
        });
        const gwArgs = ['--gateway', gw.address, '--gateway-did', FixtureDids.gateway];
        const receipt = (as: string) =>
          cli([
            'evidence',
            'receipt',
            join(dir, 'summons.pdf'),
            '--service',
            id,
            '--as',
            join(dir, as),
            '--relay-as',
            join(dir, 'court.key'),
            ...gwArgs,
          ]);
        const refused = await receipt('stranger.key');
        expect(refused.code).toBe(5);
        expect(refused.stderr).toContain('receipt_not_recipient');
        const r = await receipt('recipient.key');
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(`已签收 received: 送达 ${id}，签收人 ${recipient.did}`);
        const found = await call('FindServiceByDocument', { documentHash: hash }, fx.court);
        expect(((found.services as Record<string, unknown>[])[0]!.receipt as { kid: string }).kid).toBe(recipient.kid);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  });
});
