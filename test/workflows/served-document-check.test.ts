/**
 * The served-document checks (src/workflows/served-document-check.ts) over record values as the
 * judicial contract writes them, real signatures: a genuine service passes; each forgery fails the
 * check that decides it, with its reason (another document, another id, the court's signature
 * altered or by a key not the court's, a receipt by a stranger or over another document, a legacy
 * record with no recipient binding), and a document index naming another document fails.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { servedDocumentKey, serviceKey } from '../../src/judicial/record-keys.js';
import { checkServedDocumentIndex, checkServiceRecord } from '../../src/workflows/served-document-check.js';
import { recipientBindingOf, serviceIdOf, signReceipt, signService } from '../../src/workflows/service-of-process.js';
import { COURT, didKeyAuthority, fixedSigner } from './fixtures/world.js';

const RECIPIENT = fixedSigner(51);
const STRANGER = fixedSigner(52);
const content = utf8('summons S-5');
const documentHash = sha256(content);
const { service, signature } = signService(COURT, {
  caseId: 'S-5',
  documentHash,
  recipientIdHash: sha256(utf8('defendant S-5')),
  channel: 'publication',
  servedAtMs: 1_780_000_000_000,
  receiptHash: new Uint8Array(32),
  recipientBinding: recipientBindingOf(documentHash, RECIPIENT.did),
});
const id = serviceIdOf(service);

/** The record value as the contract writes it (tx `service.record`, then `service.receipt`). */
function record(patch: Record<string, unknown> = {}, receiptBy = RECIPIENT, receiptOver = documentHash): Record<string, unknown> {
  return {
    type: 'service',
    schema: 1,
    serviceId: id,
    caseId: 'S-5',
    court: COURT.did,
    documentHash: toHex(documentHash),
    documentTitle: 'summons',
    recipient: toHex(service.recipientIdHash),
    channel: 'public_notice',
    servedAtMs: 1_780_000_001_000,
    receipt: {
      status: 'received',
      receivedAtMs: 1_780_000_002_000,
      signer: receiptBy.kid,
      signature: toBase64url(signReceipt(receiptBy, id, receiptOver, 1).signature),
    },
    signed: {
      kid: COURT.kid,
      signature: toBase64url(signature),
      servedAtMs: service.servedAtMs,
      receiptHash: toHex(service.receiptHash),
      recipientBinding: toHex(service.recipientBinding),
    },
    ...patch,
  };
}

const run = (value: Record<string, unknown>, key = serviceKey(id)) =>
  checkServiceRecord(documentHash, key, encodeCanonical(value), didKeyAuthority);
const outcome = (r: ReturnType<typeof run>, name: string) => r.checks.find((c) => c.name === name);

describe('served-document checks', () => {
  it('a genuine received service: every check passes; the view is what the court signed and the chain recorded', () => {
    const r = run(record());
    expect(r.checks.map((c) => [c.name, c.outcome])).toEqual([
      ['service_document', 'passed'],
      ['court_signature', 'passed'],
      ['recipient_signature', 'passed'],
    ]);
    expect(r.view).toEqual({
      serviceId: id,
      caseId: 'S-5',
      court: COURT.did,
      channel: 'publication',
      servedAtMs: 1_780_000_000_000,
      recordedAtMs: 1_780_000_001_000,
      receipt: { status: 'received', signerDid: RECIPIENT.did, kid: RECIPIENT.kid, receivedAtMs: 1_780_000_002_000 },
    });
  });

  const forgeries: { name: string; value: () => Record<string, unknown>; key?: string; check: string; reason: string }[] = [
    {
      name: 'a service of another document',
      value: () => record({ documentHash: toHex(sha256(utf8('other'))) }),
      check: 'service_document',
      reason: 'document_hash_mismatch',
    },
    {
      name: 'a record under another id',
      value: () => record(),
      key: serviceKey('f'.repeat(64)),
      check: 'service_document',
      reason: 'service_id_mismatch',
    },
    {
      name: "the court's signature altered",
      value: () =>
        record({ signed: { ...(record().signed as object), signature: toBase64url(signature.map((b, i) => (i === 9 ? b ^ 1 : b))) } }),
      check: 'court_signature',
      reason: 'server_signature_invalid',
    },
    {
      name: 'signed by a key that is not the court DID',
      value: () => record({ signed: { ...(record().signed as object), kid: STRANGER.kid } }),
      check: 'court_signature',
      reason: 'server_signature_invalid',
    },
    {
      name: 'the case changed after the court signed',
      value: () => record({ caseId: 'S-6' }),
      check: 'court_signature',
      reason: 'server_signature_invalid',
    },
    {
      name: "the court's genuine service recorded under another id",
      value: () => record({ serviceId: 'e'.repeat(64) }),
      key: serviceKey('e'.repeat(64)),
      check: 'court_signature',
      reason: 'service_id_mismatch',
    },
    {
      name: 'a receipt signed by a stranger',
      value: () => record({}, STRANGER),
      check: 'recipient_signature',
      reason: 'receipt_not_recipient',
    },
    {
      name: "the recipient's receipt over another document",
      value: () => record({}, RECIPIENT, sha256(utf8('other'))),
      check: 'recipient_signature',
      reason: 'receipt_signature_invalid',
    },
    {
      name: 'a receipt on a record that binds no recipient',
      value: () => {
        const { signed: _s, ...legacy } = record();
        return legacy;
      },
      check: 'recipient_signature',
      reason: 'receipt_not_recipient',
    },
  ];
  for (const f of forgeries) {
    it(`refuses ${f.name}: ${f.check} failed, ${f.reason}`, () => {
      expect(outcome(run(f.value(), f.key), f.check)).toMatchObject({ outcome: 'failed', reason: f.reason });
    });
  }

  it('a pending service: the receipt check does not apply', () => {
    expect(outcome(run(record({ receipt: { status: 'pending' } })), 'recipient_signature')).toMatchObject({ outcome: 'skipped' });
  });

  it("the document index: lists this document's services; an index of another document fails", () => {
    const hex = toHex(documentHash);
    const value = encodeCanonical({ type: 'served_document', schema: 1, documentHash: hex, serviceIds: [id] });
    expect(checkServedDocumentIndex(documentHash, servedDocumentKey(hex), value)).toMatchObject({
      ids: [id],
      check: { outcome: 'passed' },
    });
    const other = toHex(sha256(utf8('other')));
    const foreign = encodeCanonical({ type: 'served_document', schema: 1, documentHash: other, serviceIds: [id] });
    expect(checkServedDocumentIndex(documentHash, servedDocumentKey(hex), foreign).check).toMatchObject({
      outcome: 'failed',
      reason: 'index_mismatch',
    });
    expect(checkServedDocumentIndex(documentHash, servedDocumentKey(other), value).check).toMatchObject({
      outcome: 'failed',
      reason: 'index_mismatch',
    });
  });
});
