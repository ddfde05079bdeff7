/**
 * Writes test/vectors/service.json: service of process (src/workflows/service-of-process.ts)
 * under fixed keys, so a court system or verifier in another language can match it byte for
 * byte: the recipient binding
 *   HMAC-SHA256(key = document_hash, utf8("courtbridge/v1/service-recipient") || 0x00 || utf8(recipient DID)),
 * the ServiceOfProcess deterministic protobuf (proto/courtbridge/v1/evidence.proto), the service
 * id (its sha256 hex), the court's signing input signingInput("courtbridge/v1/service-of-process",
 * protobuf) and signature, then the receipt bytes (string service_id || fixed32 document_hash),
 * the recipient's signing input signingInput("courtbridge/v1/service-receipt", receipt bytes) and
 * signature. Signatures are compact low-S RFC 6979, so deterministic.
 *
 * Run: npx tsx test/vectors/generate-service.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256, signingInput, SignTag } from '../../src/crypto/hash.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { didKeyKid, didKeyOf } from '../../src/identity/did-key.js';
import { createSigner } from '../../src/identity/signer.js';
import {
  receiptBytes,
  recipientBindingOf,
  SERVICE_RECEIPT_TAG,
  serviceBytes,
  serviceIdOf,
  signReceipt,
  signService,
  type ServiceChannelName,
} from '../../src/workflows/service-of-process.js';

export interface ServiceVectorInput {
  name: string;
  courtKeyIndex: number;
  courtDid: string;
  recipientKeyIndex: number;
  caseId: string;
  document: string;
  recipientId: string;
  channel: ServiceChannelName;
  servedAtMs: number;
  receiptOf: string | null;
  receiptSignedAtMs: number;
}

export const key = (n: number): Uint8Array => sha256(utf8(`courtbridge vector key ${n}`));

export const inputs: ServiceVectorInput[] = [
  {
    name: 'a summons served electronically, no delivery record yet',
    courtKeyIndex: 90,
    courtDid: 'did:alliance:court-bj-dongcheng',
    recipientKeyIndex: 91,
    caseId: '(2026) Jing 0101 Min Chu 77',
    document: 'summons (2026) Jing 0101 Min Chu 77',
    recipientId: 'recipient id keyed hash input 1',
    channel: 'electronic',
    servedAtMs: 1_780_000_000_000,
    receiptOf: null,
    receiptSignedAtMs: 1_780_000_100_000,
  },
  {
    name: 'a judgment served by public notice, with the announcement hash',
    courtKeyIndex: 90,
    courtDid: 'did:alliance:court-bj-dongcheng',
    recipientKeyIndex: 92,
    caseId: '(2026) Jing 0101 Min Chu 78',
    document: 'judgment (2026) Jing 0101 Min Chu 78',
    recipientId: 'recipient id keyed hash input 2',
    channel: 'publication',
    servedAtMs: 1_780_000_200_000,
    receiptOf: 'public notice, People\u2019s Court Daily',
    receiptSignedAtMs: 1_780_000_300_000,
  },
];

export function buildVectors(): Record<string, unknown>[] {
  return inputs.map((i) => {
    const court = createSigner(i.courtDid, `${i.courtDid}#key-1`, key(i.courtKeyIndex));
    const rDid = didKeyOf(publicKeyOf(key(i.recipientKeyIndex)));
    const recipient = createSigner(rDid, didKeyKid(rDid), key(i.recipientKeyIndex));
    const documentHash = sha256(utf8(i.document));
    const binding = recipientBindingOf(documentHash, recipient.did);
    const { service, signature } = signService(court, {
      caseId: i.caseId,
      documentHash,
      recipientIdHash: sha256(utf8(i.recipientId)),
      channel: i.channel,
      servedAtMs: i.servedAtMs,
      receiptHash: i.receiptOf === null ? new Uint8Array(32) : sha256(utf8(i.receiptOf)),
      recipientBinding: binding,
    });
    const bytes = serviceBytes(service);
    const id = serviceIdOf(service);
    const rBytes = receiptBytes(id, documentHash);
    const receipt = signReceipt(recipient, id, documentHash, i.receiptSignedAtMs);
    return {
      ...i,
      courtKid: court.kid,
      courtPublicKeyHex: toHex(court.publicKey),
      recipientDid: recipient.did,
      recipientKid: recipient.kid,
      recipientPublicKeyHex: toHex(recipient.publicKey),
      documentHashHex: toHex(documentHash),
      recipientIdHashHex: toHex(service.recipientIdHash),
      receiptHashHex: toHex(service.receiptHash),
      recipientBindingHex: toHex(binding),
      serviceProtobufHex: toHex(bytes),
      serviceId: id,
      serviceSigningInputHex: toHex(signingInput(SignTag.ServiceOfProcess, bytes).bytes('secp256k1')),
      courtSignatureHex: toHex(signature),
      receiptBytesHex: toHex(rBytes),
      receiptSigningInputHex: toHex(signingInput(SERVICE_RECEIPT_TAG, rBytes).bytes('secp256k1')),
      receiptSignatureHex: toHex(receipt.signature),
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = new URL('./service.json', import.meta.url);
  writeFileSync(
    out,
    `${JSON.stringify({ description: 'Service of process: recipient binding, ServiceOfProcess bytes, service id, court and recipient signatures', vectors: buildVectors() }, null, 2)}\n`,
  );
  console.log(`wrote ${fileURLToPath(out)}`);
}
