/**
 * The signed envelope: every bus message that changes state or announces something travels in
 * one (DESIGN.md "Transport"). This file defines the exact bytes; `envelope-verify.ts` decides
 * whether to trust them.
 *
 * Sign bytes (the fixed layout of src/encoding/bytes.ts, fields in this order):
 *   string senderDid     the sender's DID, e.g. `did:alliance:court-a`
 *   string kid           the verification method, `did:...#key-2` or the fragment `#key-2`
 *   string type          message type, dotted lowercase, e.g. `header.announce`
 *   string msgId         1-128 chars [A-Za-z0-9_-], unique per sender (replay and dedupe id)
 *   u64    timestampMs   sender's clock, ms since the Unix epoch (key lookup time, freshness)
 *   bytes  body          the payload, opaque here
 * Signature: compact 64-byte low-S ECDSA-SHA256 (r || s) over
 *   signingInput(SignTag.Envelope, signBytes) = "courtbridge/v1/envelope" || 0x00 || sha256(signBytes)
 *
 * Wire encoding (what is published on NATS):
 *   u8  magic     0xCB
 *   u8  version   0x01
 *   ... sign bytes, as above
 *   fixed(64) signature
 * Decoding is strict: wrong magic or version, a truncated or over-long field, invalid UTF-8, a
 * field outside its grammar, or trailing bytes are `malformed`; a wire that stops right after
 * the body, or whose signature is all zero, is `unsigned`. Pinned by test/vectors/envelope.json.
 */
import { randomBytes } from 'node:crypto';
import { ByteReader, ByteWriter, assertBytes, fromUtf8, toBase64url } from '../encoding/bytes.js';
import { SignTag, signingInput, type SigningInput, type Signable } from '../crypto/hash.js';
import { SIGNATURE_LENGTH, signWith, type SignatureSuite } from '../crypto/signature-suite.js';
import { VerificationError } from '../errors.js';

export const ENVELOPE_MAGIC = 0xcb;
export const ENVELOPE_VERSION = 0x01;
/** NATS' default max_payload is 1 MiB; an envelope body above it could not be published anyway. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const MAX_DID_BYTES = 512;
export const MAX_KID_BYTES = 512;

const TYPE_GRAMMAR = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
const MSG_ID_GRAMMAR = /^[A-Za-z0-9_-]{1,128}$/;

/** A decoded envelope. Not yet trusted: only `openEnvelope` turns it into a `VerifiedEnvelope`. */
export interface Envelope {
  senderDid: string;
  kid: string;
  type: string;
  msgId: string;
  timestampMs: number;
  body: Uint8Array;
  /** Compact 64-byte signature; all zero when the wire carried none (`unsigned`). */
  signature: Uint8Array;
}

/** An envelope as a proto message carries it (u64 time as a string or number), ready to encode or check as received. */
export function envelopeFromMessage(m: Omit<Envelope, 'timestampMs'> & { timestampMs: string | number }): Envelope {
  return {
    senderDid: m.senderDid,
    kid: m.kid,
    type: m.type,
    body: m.body,
    msgId: m.msgId,
    timestampMs: Number(m.timestampMs),
    signature: m.signature,
  };
}

/**
 * Who signs an envelope. `sign` receives the domain-separated signing input and returns a compact
 * 64-byte signature of its key's suite (src/crypto/signature-suite.ts `signWith`).
 * Structural, so the identity module's signer (or a KMS-backed one) fits without an import.
 */
export interface EnvelopeSigner {
  readonly did: string;
  readonly kid: string;
  sign(signingInput: Signable): Uint8Array;
}

/** A signer over a raw private key (tests, dev ledger, CLI). */
export function privateKeySigner(did: string, kid: string, privateKey: Uint8Array, suite: SignatureSuite = 'secp256k1'): EnvelopeSigner {
  assertBytes(privateKey, 32, 'privateKey');
  const sk = Uint8Array.from(privateKey);
  return { did, kid, sign: (input) => signWith(suite, input, sk) };
}

/** Throw `malformed` naming the field unless the header fields match their grammar. */
function checkFields(f: Omit<Envelope, 'signature' | 'body'>, title: string): void {
  const bad = (field: string, why: string): never => {
    throw new VerificationError('malformed', `${title}.${field}: ${why}`);
  };
  const didLen = Buffer.byteLength(f.senderDid);
  if (typeof f.senderDid !== 'string' || !f.senderDid.startsWith('did:') || didLen > MAX_DID_BYTES) {
    bad('senderDid', `expected a DID of at most ${MAX_DID_BYTES} bytes`);
  }
  if (typeof f.kid !== 'string' || Buffer.byteLength(f.kid) > MAX_KID_BYTES || !f.kid.includes('#')) {
    bad('kid', `expected a key id containing '#', at most ${MAX_KID_BYTES} bytes`);
  }
  if (typeof f.type !== 'string' || f.type.length > 64 || !TYPE_GRAMMAR.test(f.type))
    bad('type', 'expected a dotted lowercase type, e.g. header.announce');
  if (typeof f.msgId !== 'string' || !MSG_ID_GRAMMAR.test(f.msgId)) bad('msgId', 'expected 1-128 characters [A-Za-z0-9_-]');
  if (!Number.isSafeInteger(f.timestampMs) || f.timestampMs < 0) bad('timestampMs', 'expected a non-negative safe integer');
}

/** The exact bytes the signature covers (layout in the file header). */
export function envelopeSignBytes(e: Omit<Envelope, 'signature'>): Uint8Array {
  return new ByteWriter().string(e.senderDid).string(e.kid).string(e.type).string(e.msgId).u64(e.timestampMs).bytes(e.body).finish();
}

/** `signingInput(SignTag.Envelope, envelopeSignBytes(e))`: what ECDSA-SHA256 is computed over. */
export function envelopeSigningInput(e: Omit<Envelope, 'signature'>): SigningInput {
  return signingInput(SignTag.Envelope, envelopeSignBytes(e));
}

/** A fresh random message id (128 bits, base64url): unique without coordination. */
export function newMsgId(): string {
  return toBase64url(randomBytes(16));
}

/**
 * Build and sign an envelope at `nowMs` (the caller's clock: the bus passes `Date.now()`).
 *
 * @example
 * const env = sealEnvelope(privateKeySigner(did, `${did}#key-1`, sk), 'header.announce', headerBytes, Date.now());
 * nc.publish(headersSubject('credit'), encodeEnvelope(env));
 */
export function sealEnvelope(signer: EnvelopeSigner, type: string, body: Uint8Array, nowMs: number, msgId: string = newMsgId()): Envelope {
  assertBytes(body, undefined, 'body');
  const unsigned = { senderDid: signer.did, kid: signer.kid, type, msgId, timestampMs: nowMs, body };
  checkFields(unsigned, 'sealEnvelope');
  if (body.length > DEFAULT_MAX_BODY_BYTES)
    throw new VerificationError('malformed', `sealEnvelope.body: ${body.length} bytes exceeds ${DEFAULT_MAX_BODY_BYTES}`);
  const signature = signer.sign(envelopeSigningInput(unsigned));
  assertBytes(signature, SIGNATURE_LENGTH, 'signer.sign() result');
  return { ...unsigned, signature };
}

/** The wire bytes: magic, version, sign bytes, 64-byte signature. */
export function encodeEnvelope(e: Envelope): Uint8Array {
  const w = new ByteWriter().u8(ENVELOPE_MAGIC).u8(ENVELOPE_VERSION);
  return w
    .string(e.senderDid)
    .string(e.kid)
    .string(e.type)
    .string(e.msgId)
    .u64(e.timestampMs)
    .bytes(e.body)
    .fixed(e.signature, SIGNATURE_LENGTH, 'signature')
    .finish();
}

export interface DecodeOptions {
  /** Largest body accepted; `DEFAULT_MAX_BODY_BYTES` unless told. */
  maxBodyBytes?: number;
}

/**
 * Strict decode of the wire bytes. Throws `VerificationError` with reason `malformed` or
 * `unsigned`; never returns a half-read envelope. Does not verify the signature.
 */
export function decodeEnvelope(wire: Uint8Array, options: DecodeOptions = {}): Envelope {
  assertBytes(wire, undefined, 'wire');
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const r = new ByteReader(wire);
  let fields: Omit<Envelope, 'signature'>;
  try {
    const magic = r.u8('magic');
    if (magic !== ENVELOPE_MAGIC) throw new RangeError(`magic: expected 0xcb, got 0x${magic.toString(16).padStart(2, '0')}`);
    const version = r.u8('version');
    if (version !== ENVELOPE_VERSION) throw new RangeError(`version: expected ${ENVELOPE_VERSION}, got ${version}`);
    const senderDid = readString(r, 'senderDid', MAX_DID_BYTES);
    const kid = readString(r, 'kid', MAX_KID_BYTES);
    const type = readString(r, 'type', 64);
    const msgId = readString(r, 'msgId', 128);
    const timestampMs = r.u64n('timestampMs');
    const bodyLen = r.u32('body');
    if (bodyLen > maxBody) throw new RangeError(`body: ${bodyLen} bytes exceeds ${maxBody}`);
    const body = Uint8Array.from(r.fixed(bodyLen, 'body'));
    fields = { senderDid, kid, type, msgId, timestampMs, body };
  } catch (e) {
    // The reader throws RangeError, the strict UTF-8 decoder TypeError: both are malformed wire.
    throw new VerificationError('malformed', `envelope: ${(e as Error).message}`, { cause: e });
  }
  checkFields(fields, 'envelope');
  // A wire that ends where the signature should start carries no signature at all.
  if (r.done) throw new VerificationError('unsigned', 'envelope: no signature');
  let signature: Uint8Array;
  try {
    signature = Uint8Array.from(r.fixed(SIGNATURE_LENGTH, 'signature'));
    r.end('envelope');
  } catch (e) {
    throw new VerificationError('malformed', `envelope: ${(e as Error).message}`, { cause: e });
  }
  if (signature.every((b) => b === 0)) throw new VerificationError('unsigned', 'envelope: empty (all-zero) signature');
  return { ...fields, signature };
}

function readString(r: ByteReader, title: string, maxBytes: number): string {
  const len = r.u32(title);
  if (len > maxBytes) throw new RangeError(`${title}: ${len} bytes exceeds ${maxBytes}`);
  // `fixed` is bounds-checked; `fromUtf8` is strict (throws on invalid sequences).
  return fromUtf8(r.fixed(len, title));
}
