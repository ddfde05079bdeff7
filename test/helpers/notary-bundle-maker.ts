/**
 * Answers of a `notary` chain made by hand, as its notaries and a gateway make them and as a
 * forger would: a record (or its absence) at a database version and time, signed by whichever
 * signers the caller names over whichever statement it names, and a bundle with a JWT receipt
 * signed by whoever the caller says. Real signatures throughout; the verifier under test decides.
 */
import { sha256 } from '../../src/crypto/hash.js';
import type { Signer } from '../../src/identity/signer.js';
import { JwtReceipts } from '../../src/relay/receipts/jwt-receipts.js';
import type { ReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import type { NotarySignature } from '../../src/verify/notary.js';
import { type NotarizedRecord, notarizedRecordLayout, notarizedRecordSigningInput } from '../../src/verify/notary-record.js';
import { receiptDigest } from '../../src/verify/receipt-layout.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../src/wire/messages.js';

/** One notary's signature over `record`. */
export function notarizeRecord(signer: Signer, record: NotarizedRecord): NotarySignature {
  return { notaryDid: signer.did, kid: signer.kid, signature: signer.sign(notarizedRecordSigningInput(record)) };
}

export interface MakeNotaryBundleOptions {
  /** What the bundle states (and, unless `signed` says otherwise, what the notaries signed). */
  record: NotarizedRecord;
  notarizations: readonly NotarySignature[];
  receiptSigner: ReceiptSigner;
  nowMs: number;
  /** The version asked; 0 (latest) unless told. */
  askedVersion?: number;
  requesterDid?: string;
}

/** A decoded notary bundle, receipt included (a JWT over the receipt digest, as the gateway's query-notary.ts commits). */
export async function makeNotaryBundle(o: MakeNotaryBundleOptions): Promise<MessageOutput<'ProofBundle'>> {
  const r = o.record;
  const asked = o.askedVersion ?? 0;
  const requestId = `req-${r.version}-${r.key}`;
  const requesterDid = o.requesterDid ?? 'did:alliance:court-bj-01';
  const input: MessageInput<'ProofBundle'> = {
    request: { chainId: r.chainId, recordType: r.recordType, key: r.key, height: asked === 0 ? { latest: {} } : { at: asked } },
    requestId,
    requesterDid,
    ...(r.result.kind === 'record'
      ? { record: { chainId: r.chainId, key: r.key, value: r.result.value, recordType: r.recordType } }
      : { absence: { chainId: r.chainId, key: r.key, recordType: r.recordType } }),
    notary: { version: r.version, timeMs: r.timeMs, notarizations: [...o.notarizations] },
    stateHeight: r.version,
    stateTimeMs: r.timeMs,
    trustBasis: 'TRUST_BASIS_NOTARIZED_RECORD',
  };
  const digest = receiptDigest({
    requestId,
    requesterDid,
    query: { chainId: r.chainId, recordType: r.recordType, key: r.key, height: asked },
    header: { chainId: r.chainId, height: r.version, hash: sha256(notarizedRecordLayout(r)) },
    result: r.result,
    proof: undefined,
    stateTimeMs: r.timeMs,
    trustBasis: 5,
    attestations: o.notarizations.map((n) => ({ attesterDid: n.notaryDid, kid: n.kid, signature: n.signature })),
  });
  const jwt = await new JwtReceipts({ signer: o.receiptSigner, now: () => o.nowMs }).issue(digest, requesterDid, requestId);
  return decodeMessage('ProofBundle', encodeMessage('ProofBundle', { ...input, receipt: { jwt } }));
}
