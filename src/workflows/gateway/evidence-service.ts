/**
 * EvidenceService handlers (proto/courtbridge/v1/evidence.proto) over the evidence contract
 * (src/workflows/evidence.ts) and the service-of-process contract
 * (src/workflows/service-of-process.ts). Input is checked here, where it enters (STYLE.md 8).
 * Replies carry their proof as a ProofBundle (membership `bundle`, or `absence` for a hash never
 * anchored) with the gateway's receipt, packed like the query path's answers
 * (evidence-lookup.ts `evidenceBundle`); the receipt names the caller the guard authenticated, so a party re-checks them offline.
 */
import { randomUUID } from 'node:crypto';
import type { EvidenceServiceHandlers } from '../../generated/courtbridge/v1/EvidenceService.js';
import type { ProofBundle } from '../../generated/courtbridge/v1/ProofBundle.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import {
  checkItem,
  evidenceLeafHash,
  type AnchorBatch,
  type AnchoredEvidence,
  type EvidenceRegistry,
  type EvidenceVerdict,
} from '../evidence.js';
import { decodeAnchorBatch, MAX_BATCH_BYTES, MAX_BATCH_LEAVES } from '../../judicial/anchor-batch.js';
import type { AnchorEvidenceBatchRequest__Output } from '../../generated/courtbridge/v1/AnchorEvidenceBatchRequest.js';
import type { ProvenRecord } from '../ports.js';
import type { ServiceChannelName, ServiceOfProcess, ServiceRegistry } from '../service-of-process.js';
import { serviceRecordOut } from './service-record-out.js';
import { judicialRecordBundle, SERVED_DOCUMENT_RECORD_TYPE, SERVICE_RECORD_TYPE } from './service-lookup.js';
import type { RecordServiceReceiptRequest__Output } from '../../generated/courtbridge/v1/RecordServiceReceiptRequest.js';
import type { FindServiceByDocumentRequest__Output } from '../../generated/courtbridge/v1/FindServiceByDocumentRequest.js';
import type { AnchorEvidenceRequest__Output } from '../../generated/courtbridge/v1/AnchorEvidenceRequest.js';
import type { RecordServiceRequest__Output } from '../../generated/courtbridge/v1/RecordServiceRequest.js';
import type { VerifyEvidenceRequest__Output } from '../../generated/courtbridge/v1/VerifyEvidenceRequest.js';
import { unary } from '../../relay/host/handlers.js';
import { BATCH_RECORD_TYPE, evidenceBundle } from './evidence-lookup.js';
import type { ReceiptIssuer } from '../../relay/receipts/receipt-issuer.js';
import type { HashSuite } from '../../crypto/hash-suite.js';

export interface EvidenceServiceOptions {
  registry: EvidenceRegistry;
  /** Service of process (RecordService). */
  services: ServiceRegistry;
  /** The gateway's receipts; without them replies carry no ProofBundle. */
  receipts?: ReceiptIssuer;
  /** The judicial chain's hash suite (its registry entry's, read per reply); SHA-256 unless told. */
  hashSuite?: () => HashSuite;
}

const STATUS = {
  anchored: 'ANCHOR_STATUS_ANCHORED',
  pending: 'ANCHOR_STATUS_PENDING',
  not_anchored: 'ANCHOR_STATUS_NOT_ANCHORED',
} as const;
const CHANNEL: Record<string, ServiceChannelName> = {
  SERVICE_CHANNEL_ELECTRONIC: 'electronic',
  SERVICE_CHANNEL_POSTAL: 'postal',
  SERVICE_CHANNEL_IN_PERSON: 'in_person',
  SERVICE_CHANNEL_PUBLICATION: 'publication',
};

const bytesOf = (v: unknown, title: string): Uint8Array => {
  if (v instanceof Uint8Array) return new Uint8Array(v);
  throw new CourtbridgeError(ErrorCode.InvalidArgument, 'field_missing', `${title}: expected bytes`);
};

/** The claim message of one anchored leaf (proto EvidenceClaim). */
const claimOut = (a: AnchoredEvidence) => ({
  contentHash: a.contentHash,
  metadata: a.metadata,
  submitterDid: a.claim.submitterDid,
  kid: a.claim.kid,
  signedAtMs: a.claim.signedAtMs,
});

/**
 * The batch of one an AnchorEvidence request stands for (root = its leaf hash), its item checked.
 * @throws CourtbridgeError INVALID_ARGUMENT `field_missing` | `hash_malformed` | `metadata_*` | `claim_malformed` (also a signature not 64 bytes)
 */
export function batchOfAnchorEvidence(req: AnchorEvidenceRequest__Output): AnchorBatch {
  const c = req.claim;
  if (!c) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'field_missing', 'claim: required');
  const item = {
    contentHash: bytesOf(c.contentHash, 'claim.content_hash'),
    metadata: (c.metadata ?? []).map((m) => ({ name: m.name ?? '', value: m.value ?? '' })),
  };
  checkItem(item, 'claim');
  const signature = bytesOf(req.signature, 'signature');
  // Refused here, as the batch path's decoder does: past this point a wrong length is a bug.
  if (signature.length !== 64) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'claim_malformed', 'signature: expected 64 bytes');
  return {
    claim: {
      submitterDid: c.submitterDid ?? '',
      kid: c.kid ?? '',
      signedAtMs: Number(c.signedAtMs ?? 0),
      size: 1,
      root: evidenceLeafHash(item),
    },
    signature,
    metadata: [item.metadata],
    hashes: [item.contentHash],
    metaIndex: Uint32Array.of(0),
  };
}

/**
 * The signed batch of an AnchorEvidenceBatch request's bytes.
 * @throws CourtbridgeError RESOURCE_EXHAUSTED `batch_too_large` | INVALID_ARGUMENT `claim_malformed`
 */
export function batchOfAnchorEvidenceBatch(bytes: Uint8Array): AnchorBatch {
  if (bytes.length > MAX_BATCH_BYTES)
    throw new CourtbridgeError(
      ErrorCode.ResourceExhausted,
      'batch_too_large',
      `batch: ${bytes.length} bytes, at most ${MAX_BATCH_BYTES} (and ${MAX_BATCH_LEAVES} leaves) per signed batch; split the items into several signed batches`,
    );
  try {
    return decodeAnchorBatch(bytes);
  } catch (e) {
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'claim_malformed', `batch: ${(e as Error).message}`);
  }
}

/**
 * The service and signature a RecordService request carries.
 * @throws CourtbridgeError INVALID_ARGUMENT `field_missing` | `service_malformed` (no known channel)
 */
export function serviceOfRecordServiceRequest(req: RecordServiceRequest__Output): { service: ServiceOfProcess; signature: Uint8Array } {
  const s = req.service;
  if (!s) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'field_missing', 'service: required');
  const channel = CHANNEL[String(s.channel)];
  if (channel === undefined) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'service_malformed', 'service.channel: required');
  const service: ServiceOfProcess = {
    caseId: s.caseId ?? '',
    documentHash: bytesOf(s.documentHash, 'service.document_hash'),
    recipientIdHash: bytesOf(s.recipientIdHash, 'service.recipient_id_hash'),
    channel,
    servedAtMs: Number(s.servedAtMs ?? 0),
    receiptHash: bytesOf(s.receiptHash, 'service.receipt_hash'),
    serverDid: s.serverDid ?? '',
    kid: s.kid ?? '',
    recipientBinding: bytesOf(s.recipientBinding, 'service.recipient_binding'),
  };
  return { service, signature: bytesOf(req.signature, 'signature') };
}

export function evidenceServiceHandlers(o: EvidenceServiceOptions): Partial<EvidenceServiceHandlers> {
  const pack = async (r: ProvenRecord | undefined, requesterDid: string): Promise<ProofBundle | undefined> =>
    r === undefined || o.receipts === undefined
      ? undefined
      : ((await evidenceBundle(r, o.receipts, randomUUID(), requesterDid, [], o.hashSuite?.() ?? 'sha256')) as ProofBundle);
  const packAs = async (r: ProvenRecord, recordType: string, requesterDid: string): Promise<ProofBundle | undefined> =>
    o.receipts === undefined
      ? undefined
      : ((await judicialRecordBundle(
          r,
          recordType,
          o.receipts,
          randomUUID(),
          requesterDid,
          [],
          o.hashSuite?.() ?? 'sha256',
        )) as ProofBundle);
  const anchorOut = async (v: EvidenceVerdict, requesterDid: string) => {
    const a = v.anchor!;
    const bundle = await pack(v.bundle, requesterDid);
    const batchBundle = v.batchBundle === undefined ? undefined : await packAs(v.batchBundle, BATCH_RECORD_TYPE, requesterDid);
    return {
      anchorId: `anchor/${Buffer.from(a.contentHash).toString('hex')}`,
      claim: claimOut(a),
      signature: a.signature,
      status: STATUS.anchored,
      ...(bundle === undefined ? {} : { bundle }),
      ...(batchBundle === undefined ? {} : { batchBundle }),
    };
  };
  return {
    AnchorEvidence: unary(async (req: AnchorEvidenceRequest__Output, ctx) => {
      const batch = batchOfAnchorEvidence(req);
      await o.registry.anchor(batch);
      // The standing anchor (this one, or an earlier anchoring of the same bytes) with both proofs.
      const v = await o.registry.verifyHash(batch.hashes[0]!);
      return anchorOut(v, ctx.caller.did);
    }),
    AnchorEvidenceBatch: unary(async (req: AnchorEvidenceBatchRequest__Output, ctx) => {
      const batch = batchOfAnchorEvidenceBatch(bytesOf(req.batch, 'batch'));
      const r = await o.registry.anchor(batch);
      const bundle = await packAs(r.bundle, BATCH_RECORD_TYPE, ctx.caller.did);
      const alreadyAnchored: number[] = [];
      r.outcomes.forEach((x, i) => {
        if (x === 'already_anchored') alreadyAnchored.push(i);
      });
      return {
        batchId: r.batchId,
        height: r.height,
        timeMs: r.timeMs,
        alreadyAnchored,
        ...(bundle === undefined ? {} : { bundle }),
      };
    }),
    VerifyEvidence: unary(async (req: VerifyEvidenceRequest__Output, ctx) => {
      const hash = bytesOf(req.contentHash, 'content_hash');
      if (hash.length !== 32)
        throw new CourtbridgeError(ErrorCode.InvalidArgument, 'hash_malformed', 'content_hash: expected 32 bytes (sha256)');
      const v = await o.registry.verifyHash(hash);
      if (v.status !== 'anchored') {
        const bundle = await pack(v.bundle, ctx.caller.did);
        return {
          status: STATUS[v.status],
          anchors: [],
          ...(v.status === 'not_anchored' && bundle !== undefined ? { absence: bundle } : {}),
        };
      }
      return { status: STATUS.anchored, anchors: [await anchorOut(v, ctx.caller.did)] };
    }),
    RecordService: unary(async (req: RecordServiceRequest__Output, ctx) => {
      const { service, signature } = serviceOfRecordServiceRequest(req);
      const s = req.service!;
      const r = await o.services.recordService(service, signature);
      const bundle = await pack(r.record, ctx.caller.did);
      const anchor = {
        anchorId: `service/${r.serviceId}`,
        claim: {
          contentHash: service.documentHash,
          metadata: [{ name: 'kind', value: 'served_document' }],
          submitterDid: service.serverDid,
          kid: service.kid,
          signedAtMs: service.servedAtMs,
        },
        signature,
        status: STATUS.anchored,
        ...(bundle === undefined ? {} : { bundle }),
      };
      return { service: s, anchor, serviceId: r.serviceId };
    }),
    RecordServiceReceipt: unary(async (req: RecordServiceReceiptRequest__Output, ctx) => {
      const r = await o.services.recordReceipt({
        serviceId: req.serviceId ?? '',
        recipientDid: req.recipientDid ?? '',
        kid: req.kid ?? '',
        signedAtMs: Number(req.signedAtMs ?? 0),
        signature: bytesOf(req.signature, 'signature'),
      });
      return serviceRecordOut(r.record, await packAs(r.record, SERVICE_RECORD_TYPE, ctx.caller.did));
    }),
    FindServiceByDocument: unary(async (req: FindServiceByDocumentRequest__Output, ctx) => {
      const found = await o.services.findByDocument(bytesOf(req.documentHash, 'document_hash'));
      const services = [];
      for (const s of found.services)
        services.push(serviceRecordOut(s.record, await packAs(s.record, SERVICE_RECORD_TYPE, ctx.caller.did)));
      const index = await packAs(found.index, SERVED_DOCUMENT_RECORD_TYPE, ctx.caller.did);
      return { services, ...(index === undefined ? {} : { index }) };
    }),
  };
}
