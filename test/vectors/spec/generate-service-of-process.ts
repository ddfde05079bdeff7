import { fileURLToPath } from 'node:url';
import { hmacSha256, sha256, signingInput, SignTag } from '../../../src/crypto/hash.js';
import { publicKeyOf, toHighS } from '../../../src/crypto/secp256k1.js';
import { concatBytes, toBase64url, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { didKeyKid, didKeyOf } from '../../../src/identity/did-key.js';
import { createSigner, type Signer } from '../../../src/identity/signer.js';
import {
  RECIPIENT_BINDING_DOMAIN,
  receiptBytes,
  recipientBindingOf,
  serviceBytes,
  serviceIdOf,
  signReceipt,
  signService,
  type ServiceOfProcess,
} from '../../../src/workflows/service-of-process.js';
import { encode, loadLayouts } from '../../spec/layout.js';
import { inputs } from '../generate-service.js';
import { privateKeyOf, seedOf, writeVector } from './vector-kit.js';

const keysOf = (ns: number[]) =>
  Object.fromEntries(
    ns.map((n) => [String(n), { seed: seedOf(n), privateKey: toHex(privateKeyOf(n)), publicKey: toHex(publicKeyOf(privateKeyOf(n))) }]),
  );
const didKeySigner = (n: number): Signer => {
  const did = didKeyOf(publicKeyOf(privateKeyOf(n)));
  return createSigner(did, didKeyKid(did), privateKeyOf(n));
};

const COURT_DID = 'did:alliance:court-bj-dongcheng';
const COURT = createSigner(COURT_DID, `${COURT_DID}#key-1`, privateKeyOf(90));
const REVOKED_COURT = createSigner('did:alliance:court-sh-02', 'did:alliance:court-sh-02#key-1', privateKeyOf(93));
const AGENCY = createSigner('did:alliance:bank-icbc', 'did:alliance:bank-icbc#key-1', privateKeyOf(94));
const REVOKED_PARTY = createSigner('did:alliance:party-revoked', 'did:alliance:party-revoked#key-1', privateKeyOf(95));
const REVOKED_AT_MS = 1_780_000_400_000;
const NOW_MS = 1_780_000_500_000;
const REGISTRY = {
  [COURT.kid]: { key: '90', roles: ['court'] },
  [REVOKED_COURT.kid]: { key: '93', roles: ['court'], revokedAtMs: REVOKED_AT_MS },
  [AGENCY.kid]: { key: '94', roles: ['agency'] },
  [REVOKED_PARTY.kid]: { key: '95', roles: ['party'], revokedAtMs: REVOKED_AT_MS },
};

const layouts = loadLayouts();
const same = (layout: string, value: unknown, bytes: Uint8Array): void => {
  const got = encode(layouts, layout, value).toString('hex');
  if (got !== toHex(bytes))
    throw new Error(`docs/spec/service-of-process.md layout ${layout} disagrees with the product:\n${got}\n${toHex(bytes)}`);
};

/** Protobuf's base-128 varint (the layout language has no varint: its vectors give them as raw bytes). */
function varint(n: number): string {
  const out: number[] = [];
  let v = BigInt(n);
  do {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? b | 0x80 : b);
  } while (v > 0n);
  return Buffer.from(out).toString('hex');
}

const CHANNEL_NUMBER = { electronic: 1, postal: 2, in_person: 3, publication: 4 } as const;
const CHANNEL_NAME = {
  electronic: 'SERVICE_CHANNEL_ELECTRONIC',
  postal: 'SERVICE_CHANNEL_POSTAL',
  in_person: 'SERVICE_CHANNEL_IN_PERSON',
  publication: 'SERVICE_CHANNEL_PUBLICATION',
} as const;

const layoutFields = (s: ServiceOfProcess) => ({
  caseIdLengthVarint: varint(utf8(s.caseId).length),
  caseId: s.caseId,
  documentHash: toHex(s.documentHash),
  recipientIdHash: toHex(s.recipientIdHash),
  channel: CHANNEL_NUMBER[s.channel],
  servedAtMsVarint: varint(s.servedAtMs),
  receiptHash: toHex(s.receiptHash),
  serverDidLengthVarint: varint(utf8(s.serverDid).length),
  serverDid: s.serverDid,
  kidLengthVarint: varint(utf8(s.kid).length),
  kid: s.kid,
  recipientBinding: toHex(s.recipientBinding),
});

/** The RecordService request's `service`, in the proto's JSON form. */
const message = (s: ServiceOfProcess, channel: string = CHANNEL_NAME[s.channel]) => ({
  caseId: s.caseId,
  documentHash: toHex(s.documentHash),
  recipientIdHash: toHex(s.recipientIdHash),
  channel,
  servedAtMs: s.servedAtMs,
  receiptHash: toHex(s.receiptHash),
  serverDid: s.serverDid,
  kid: s.kid,
  recipientBinding: toHex(s.recipientBinding),
});

/** The `service/<id>` record the judicial chain holds after RecordService (receipt pending). */
const chainRecord = (s: ServiceOfProcess, signature: Uint8Array, blockTimeMs: number) => ({
  type: 'service',
  schema: 1,
  serviceId: serviceIdOf(s),
  caseId: s.caseId,
  court: s.serverDid,
  documentHash: toHex(s.documentHash),
  documentTitle: `served document ${toHex(s.documentHash).slice(0, 16)}`,
  recipient: toHex(s.recipientIdHash),
  channel: s.channel === 'publication' ? 'public_notice' : s.channel,
  servedAtMs: blockTimeMs,
  receipt: { status: 'pending' },
  signed: {
    kid: s.kid,
    signature: toBase64url(signature),
    servedAtMs: s.servedAtMs,
    receiptHash: toHex(s.receiptHash),
    recipientBinding: toHex(s.recipientBinding),
  },
});

const signRaw = (signer: Signer, s: ServiceOfProcess, tag: SignTag = SignTag.ServiceOfProcess): Uint8Array =>
  signer.sign(signingInput(tag, serviceBytes(s)));

export function build(): Record<string, unknown> {
  const services = inputs.map((i) => {
    const recipient = didKeySigner(i.recipientKeyIndex);
    const documentHash = sha256(utf8(i.document));
    const { service, signature } = signService(COURT, {
      caseId: i.caseId,
      documentHash,
      recipientIdHash: sha256(utf8(i.recipientId)),
      channel: i.channel,
      servedAtMs: i.servedAtMs,
      receiptHash: i.receiptOf === null ? new Uint8Array(32) : sha256(utf8(i.receiptOf)),
      recipientBinding: recipientBindingOf(documentHash, recipient.did),
    });
    return { i, recipient, recipientKey: String(i.recipientKeyIndex), service, signature, documentHash };
  });

  // ---- service-of-process
  const sopValid = services.map(({ i, service, signature }) => {
    const bytes = serviceBytes(service);
    same('service-of-process-bytes', layoutFields(service), bytes);
    return {
      name: i.name,
      fields: layoutFields(service),
      bytes: toHex(bytes),
      hash: serviceIdOf(service),
      signer: '90',
      signingInput: toHex(signingInput(SignTag.ServiceOfProcess, bytes).bytes('secp256k1')),
      signature: toHex(signature),
      message: message(service),
      serviceId: serviceIdOf(service),
      nowMs: NOW_MS,
    };
  });
  const base = services[0]!.service;
  const good = services[0]!.signature;
  const sop = (name: string, reason: string, why: string, m: Record<string, unknown>, signature: Uint8Array) => ({
    name,
    reason,
    why,
    message: m,
    signature: toHex(signature),
    nowMs: NOW_MS,
  });
  const slash = { ...base, caseId: '(2026) Jing/0101' };
  const shortHash = { ...base, documentHash: base.documentHash.subarray(0, 31) };
  const strangerKid = { ...base, kid: 'did:alliance:court-bj-chaoyang#key-1' };
  const unknownKid = { ...base, kid: `${COURT_DID}#key-9` };
  const changed = { ...base, receiptHash: sha256(utf8('a delivery record added after signing')) };
  const byRevoked = { ...base, serverDid: REVOKED_COURT.did, kid: REVOKED_COURT.kid };
  const byAgency = { ...base, serverDid: AGENCY.did, kid: AGENCY.kid };
  const sopInvalid = [
    sop(
      'channel unspecified',
      'service_malformed',
      'channel must be one of the four channels (UNSPECIFIED is never valid)',
      message(base, 'SERVICE_CHANNEL_UNSPECIFIED'),
      good,
    ),
    sop(
      'case id with a slash',
      'service_malformed',
      'case_id: 1 to 128 characters, no "/" (signed correctly)',
      message(slash),
      signRaw(COURT, slash),
    ),
    sop('document hash of 31 bytes', 'service_malformed', 'document_hash must be 32 bytes', message(shortHash), signRaw(COURT, shortHash)),
    sop(
      'kid of another DID',
      'service_malformed',
      'kid must start with server_did followed by #',
      message(strangerKid),
      signRaw(COURT, strangerKid),
    ),
    sop(
      'a key the registry does not list',
      'server_signature_invalid',
      'the kid names no key of the court in the registry',
      message(unknownKid),
      signRaw(COURT, unknownKid),
    ),
    sop('field changed after signing', 'server_signature_invalid', 'receipt_hash replaced after the court signed', message(changed), good),
    sop(
      'signed by another key',
      'server_signature_invalid',
      "a valid signature by key 91 over the court's service",
      message(base),
      signRaw(services[0]!.recipient, base),
    ),
    sop('high-S twin', 'server_signature_invalid', 'the high-S twin of the valid signature (s > n/2)', message(base), toHighS(good)),
    sop(
      'signed under another tag',
      'server_signature_invalid',
      'the service bytes signed under courtbridge/v1/service-receipt instead of courtbridge/v1/service-of-process',
      message(base),
      signRaw(COURT, base, SignTag.ServiceReceipt),
    ),
    sop(
      'revoked court',
      'revoked',
      'the court DID was revoked before the gateway received the service (signed before)',
      message(byRevoked),
      signRaw(REVOKED_COURT, byRevoked),
    ),
    sop(
      'not a court',
      'out_of_role',
      'signed correctly by a DID whose registry role is agency, not court',
      message(byAgency),
      signRaw(AGENCY, byAgency),
    ),
  ];

  // ---- service-receipt
  const rcptValid = services.map(({ i, recipient, recipientKey, service, signature, documentHash }) => {
    const id = serviceIdOf(service);
    const bytes = receiptBytes(id, documentHash);
    same('service-receipt-bytes', { serviceId: id, documentHash: toHex(documentHash) }, bytes);
    const r = signReceipt(recipient, id, documentHash, i.receiptSignedAtMs);
    return {
      name: `receipt of: ${i.name}`,
      fields: { serviceId: id, documentHash: toHex(documentHash) },
      bytes: toHex(bytes),
      signer: recipientKey,
      signingInput: toHex(signingInput(SignTag.ServiceReceipt, bytes).bytes('secp256k1')),
      signature: toHex(r.signature),
      request: { serviceId: id, recipientDid: r.recipientDid, kid: r.kid, signedAtMs: r.signedAtMs, signature: toHex(r.signature) },
      serviceRecord: chainRecord(service, signature, service.servedAtMs + 1000),
      nowMs: NOW_MS,
    };
  });
  const s0 = services[0]!;
  const id0 = serviceIdOf(s0.service);
  const record0 = chainRecord(s0.service, s0.signature, s0.service.servedAtMs + 1000);
  const t0 = s0.i.receiptSignedAtMs;
  const receiptBy = (signer: Signer, bytes: Uint8Array, tag: SignTag = SignTag.ServiceReceipt) => signer.sign(signingInput(tag, bytes));
  const goodReceipt = receiptBy(s0.recipient, receiptBytes(id0, s0.documentHash));
  const rcpt = (
    name: string,
    reason: string,
    why: string,
    request: { serviceId: string; recipientDid: string; kid: string; signedAtMs: number; signature: Uint8Array },
    serviceRecord: unknown = record0,
  ) => ({ name, reason, why, request: { ...request, signature: toHex(request.signature) }, serviceRecord, nowMs: NOW_MS });
  const req0 = { serviceId: id0, recipientDid: s0.recipient.did, kid: s0.recipient.kid, signedAtMs: t0, signature: goodReceipt };
  const stranger = didKeySigner(96);
  // A service bound to a registry party that is revoked before the gateway receives its receipt.
  const revokedService = { ...s0.service, recipientBinding: recipientBindingOf(s0.documentHash, REVOKED_PARTY.did) };
  const revokedId = serviceIdOf(revokedService);
  const unboundRecord: Record<string, unknown> = { ...record0 };
  delete unboundRecord.signed;
  const rcptInvalid = [
    rcpt('service id in upper case', 'service_malformed', 'service_id must be 64 lowercase hex digits', {
      ...req0,
      serviceId: id0.toUpperCase(),
    }),
    rcpt('recipient not a DID', 'service_malformed', 'recipient_did must start with did:', { ...req0, recipientDid: 'alice' }),
    rcpt('signedAtMs of 0', 'service_malformed', 'signed_at_ms must be a positive unix time in ms', { ...req0, signedAtMs: 0 }),
    rcpt('no such service', 'unknown_service', 'the judicial chain holds no service/<service_id> (proven absent)', req0, null),
    rcpt(
      'service recorded without a binding',
      'recipient_unbound',
      'the record has no signed fields, so no recipient binding',
      req0,
      unboundRecord,
    ),
    rcpt('signed by another key', 'receipt_signature_invalid', "a valid signature by key 96 under the recipient's DID and kid", {
      ...req0,
      signature: receiptBy(stranger, receiptBytes(id0, s0.documentHash)),
    }),
    rcpt('high-S twin', 'receipt_signature_invalid', 'the high-S twin of the valid receipt signature', {
      ...req0,
      signature: toHighS(goodReceipt),
    }),
    rcpt(
      'signed under another tag',
      'receipt_signature_invalid',
      'the receipt bytes signed under courtbridge/v1/service-of-process instead of courtbridge/v1/service-receipt',
      { ...req0, signature: receiptBy(s0.recipient, receiptBytes(id0, s0.documentHash), SignTag.ServiceOfProcess) },
    ),
    rcpt(
      'signed over another document',
      'receipt_signature_invalid',
      "the receipt bytes name another document's hash, not the recorded service's",
      { ...req0, signature: receiptBy(s0.recipient, receiptBytes(id0, sha256(utf8('another document')))) },
    ),
    rcpt(
      'signed by a DID the court did not bind',
      'receipt_not_recipient',
      "another did:key's own valid receipt: its DID is not the one the service's recipient_binding names",
      {
        serviceId: id0,
        recipientDid: stranger.did,
        kid: stranger.kid,
        signedAtMs: t0,
        signature: receiptBy(stranger, receiptBytes(id0, s0.documentHash)),
      },
    ),
    rcpt(
      'recipient revoked',
      'revoked',
      'the bound registry recipient signed before its revocation; the gateway receives it after',
      {
        serviceId: revokedId,
        recipientDid: REVOKED_PARTY.did,
        kid: REVOKED_PARTY.kid,
        signedAtMs: t0,
        signature: receiptBy(REVOKED_PARTY, receiptBytes(revokedId, s0.documentHash)),
      },
      chainRecord(revokedService, signRaw(COURT, revokedService), revokedService.servedAtMs + 1000),
    ),
    rcpt('service already received', 'already_received', 'the record holds another receipt already (a receipt is recorded once)', req0, {
      ...record0,
      receipt: { status: 'received', receivedAtMs: t0 + 5000, signer: s0.recipient.kid, signature: toBase64url(toHighS(goodReceipt)) },
    }),
  ];

  // ---- service-recipient
  const bindingInput = (did: string) => concatBytes(utf8(RECIPIENT_BINDING_DOMAIN), Uint8Array.of(0), utf8(did));
  const recValid = services.map(({ i, recipient, documentHash }) => {
    same('service-recipient-input', { recipientDid: recipient.did }, bindingInput(recipient.did));
    return {
      name: `binding of: ${i.name}`,
      fields: { recipientDid: recipient.did },
      bytes: toHex(bindingInput(recipient.did)),
      documentHash: toHex(documentHash),
      binding: toHex(recipientBindingOf(documentHash, recipient.did)),
    };
  });
  const d0 = s0.documentHash;
  const did0 = s0.recipient.did;
  const rec = (name: string, why: string, binding: Uint8Array) => ({
    name,
    reason: 'receipt_not_recipient',
    why,
    documentHash: toHex(d0),
    recipientDid: did0,
    binding: toHex(binding),
  });
  const recInvalid = [
    rec('binding of another DID', 'the binding names another did:key', recipientBindingOf(d0, stranger.did)),
    rec(
      'binding keyed by another document',
      'the HMAC key is the hash of another document',
      recipientBindingOf(sha256(utf8('another document')), did0),
    ),
    rec('plain SHA-256, no HMAC', 'SHA-256 of the input instead of HMAC-SHA256 keyed by the document hash', sha256(bindingInput(did0))),
    rec(
      'no 0x00 after the domain',
      'the domain and the DID joined without the 0x00 separator',
      hmacSha256(d0, concatBytes(utf8(RECIPIENT_BINDING_DOMAIN), utf8(did0))),
    ),
  ];

  return {
    'service-of-process': {
      structure: 'service-of-process',
      title: "Service of process: the court's signed ServiceOfProcess (deterministic protobuf)",
      spec: 'docs/spec/service-of-process.md',
      tag: SignTag.ServiceOfProcess,
      layout: 'service-of-process-bytes',
      keys: keysOf([90, 91, 93, 94]),
      registry: REGISTRY,
      valid: sopValid,
      invalid: sopInvalid,
    },
    'service-receipt': {
      structure: 'service-receipt',
      title: "Receipt of service: the recipient's signature over the service id and document hash",
      spec: 'docs/spec/service-of-process.md',
      tag: SignTag.ServiceReceipt,
      layout: 'service-receipt-bytes',
      keys: keysOf([91, 92, 95, 96]),
      registry: REGISTRY,
      valid: rcptValid,
      invalid: rcptInvalid,
    },
    'service-recipient': {
      structure: 'service-recipient',
      title: "Recipient binding: HMAC-SHA256 of the recipient's DID keyed by the document hash (hashed, not signed)",
      spec: 'docs/spec/service-of-process.md',
      tag: RECIPIENT_BINDING_DOMAIN,
      layout: 'service-recipient-input',
      keys: {},
      valid: recValid,
      invalid: recInvalid,
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, file] of Object.entries(build())) {
    writeVector(name, file);
    console.log(`wrote test/vectors/spec/${name}.json`);
  }
}
