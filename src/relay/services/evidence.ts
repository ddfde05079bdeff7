/**
 * EvidenceService handlers (proto/courtbridge/v1/evidence.proto) over the evidence contract
 * (src/workflows/evidence.ts). Input is checked here, where it enters (STYLE.md 8).
 * Not yet: the `bundle`/`absence` ProofBundle fields (the receipt's proof travels in-process).
 */
import type * as grpc from '@grpc/grpc-js';
import type { EvidenceServiceHandlers } from '../../generated/courtbridge/v1/EvidenceService.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { checkItem, evidenceLeafHash, type EvidenceRegistry, type AnchorEntry } from '../../workflows/evidence.js';
import { statusOf } from '../auth/grpc-status.js';

export interface EvidenceServiceOptions {
  registry: EvidenceRegistry;
}

const STATUS = { anchored: 'ANCHOR_STATUS_ANCHORED', pending: 'ANCHOR_STATUS_PENDING', not_anchored: 'ANCHOR_STATUS_NOT_ANCHORED' } as const;

const bytesOf = (v: unknown, title: string): Uint8Array => {
  if (v instanceof Uint8Array) return new Uint8Array(v);
  throw new CourtbridgeError(ErrorCode.InvalidArgument, 'field_missing', `${title}: expected bytes`);
};

function claimOut(e: AnchorEntry): { contentHash: Uint8Array; metadata: { name: string; value: string }[]; submitterDid: string; kid: string; signedAtMs: number } {
  return { contentHash: e.claim.contentHash, metadata: e.claim.metadata, submitterDid: e.claim.submitterDid, kid: e.claim.kid, signedAtMs: e.claim.signedAtMs };
}

export function evidenceServiceHandlers(o: EvidenceServiceOptions): Partial<EvidenceServiceHandlers> {
  const unary =
    <Q, R>(fn: (req: Q) => Promise<R>) =>
    (call: grpc.ServerUnaryCall<Q, R>, cb: grpc.sendUnaryData<R>): void => {
      fn(call.request).then((r) => cb(null, r), (e: unknown) => cb(statusOf(e), null));
    };
  return {
    AnchorEvidence: unary(async (req) => {
      const c = req.claim;
      if (!c) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'field_missing', 'claim: required');
      // The gRPC claim is a batch of one (src/workflows/evidence.ts): root = its leaf hash, no path.
      const claim = { contentHash: bytesOf(c.contentHash, 'claim.content_hash'), metadata: (c.metadata ?? []).map((m) => ({ name: m.name ?? '', value: m.value ?? '' })), submitterDid: c.submitterDid ?? '', kid: c.kid ?? '', signedAtMs: Number(c.signedAtMs ?? 0) };
      checkItem(claim, 'claim');
      const entry: AnchorEntry = { claim, batch: { size: 1, root: evidenceLeafHash(claim), index: 0, path: [] }, signature: bytesOf(req.signature, 'signature') };
      const r = await o.registry.anchor(entry);
      return { anchorId: r.anchorId, claim: claimOut(r.entry), signature: r.entry.signature, status: STATUS.anchored };
    }),
    VerifyEvidence: unary(async (req) => {
      const hash = bytesOf(req.contentHash, 'content_hash');
      if (hash.length !== 32) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'hash_malformed', 'content_hash: expected 32 bytes (sha256)');
      const v = await o.registry.verifyHash(hash);
      return { status: STATUS[v.status], anchors: v.anchors.map((a) => ({ anchorId: `anchor/${Buffer.from(hash).toString('hex')}`, claim: claimOut(a), signature: a.signature, status: STATUS.anchored })) };
    }),
  };
}
