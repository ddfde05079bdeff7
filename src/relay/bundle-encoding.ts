/**
 * The gRPC encoding of a query's answer with its header parts encoded once per verified header.
 *
 * Every answer at one height carries the same signed header (header, commit) and validator set:
 * about a dozen nested messages that grpc-js would convert and encode again for each answer.
 * The query path remembers their encoding when it first converts a verified header
 * (`rememberHeaderParts`); `serializeQueryResponse` then encodes only the rest of the bundle
 * and splices those bytes in at their place, fields in number order, so the bytes are exactly
 * what the plain serializer writes (test/relay/bundle-encoding.test.ts). An answer whose header
 * parts were not remembered (or were replaced) takes the plain serializer.
 */
import type { ServiceDefinition } from '@grpc/proto-loader';

import { encodeMessage, messageType } from '../wire/codec.js';
import type { MessageInput } from '../wire/messages.js';

/** The encoded `signed_header` (7) and `validator_set` (8) fields, for the objects they encode. */
interface HeaderParts {
  validatorSet: MessageInput<'ValidatorSet'>;
  bytes: Uint8Array;
}

const parts = new WeakMap<object, HeaderParts>();

/** ProofBundle field tags (field number << 3 | 2, length-delimited). */
const SIGNED_HEADER_TAG = (7 << 3) | 2;
const VALIDATOR_SET_TAG = (8 << 3) | 2;
/** QueryRecordResponse.bundle (field 1). */
const RESPONSE_BUNDLE_TAG = (1 << 3) | 2;

function varintLength(n: number): number {
  let len = 1;
  while (n > 0x7f) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

function writeVarint(out: Uint8Array, at: number, n: number): number {
  while (n > 0x7f) {
    out[at++] = (n & 0x7f) | 0x80;
    n = Math.floor(n / 128);
  }
  out[at++] = n;
  return at;
}

/** `tag`, the length of `body`, `body`. */
function field(tag: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + varintLength(body.length) + body.length);
  out[0] = tag;
  out.set(body, writeVarint(out, 1, body.length));
  return out;
}

/**
 * Encode the header parts of the bundles built from `signedHeader` and `validatorSet` (the
 * wire objects the query path caches per verified header; they must not change afterwards).
 */
export function rememberHeaderParts(signedHeader: MessageInput<'SignedHeader'>, validatorSet: MessageInput<'ValidatorSet'>): void {
  const sh = field(SIGNED_HEADER_TAG, encodeMessage('SignedHeader', signedHeader));
  const vs = field(VALIDATOR_SET_TAG, encodeMessage('ValidatorSet', validatorSet));
  const bytes = new Uint8Array(sh.length + vs.length);
  bytes.set(sh);
  bytes.set(vs, sh.length);
  parts.set(signedHeader, { validatorSet, bytes });
}

/**
 * A QueryRecordResponse serializer for grpc-js: the remembered header parts spliced between the
 * bundle's fields 1-6 and 9-13, each encoded as the plain serializer would; any other answer
 * goes to `plain`.
 */
export function serializeQueryResponse(plain: (value: object) => Buffer): (value: { bundle?: MessageInput<'ProofBundle'> | null }) => Buffer {
  const type = messageType('ProofBundle');
  const encode = (fields: object): Uint8Array => type.encode(type.fromObject(fields)).finish();
  return (value) => {
    const b = value.bundle;
    const remembered = b?.signedHeader ? parts.get(b.signedHeader) : undefined;
    if (b === null || b === undefined || remembered === undefined || remembered.validatorSet !== b.validatorSet) return plain(value);
    const head = encode({ request: b.request, requestId: b.requestId, requesterDid: b.requesterDid, record: b.record, absence: b.absence, proof: b.proof });
    const tail = encode({ attestations: b.attestations, receipt: b.receipt, stateHeight: b.stateHeight, stateTimeMs: b.stateTimeMs, trustBasis: b.trustBasis });
    const length = head.length + remembered.bytes.length + tail.length;
    const out = Buffer.allocUnsafe(1 + varintLength(length) + length);
    out[0] = RESPONSE_BUNDLE_TAG;
    const at = writeVarint(out, 1, length);
    out.set(head, at);
    out.set(remembered.bytes, at + head.length);
    out.set(tail, at + head.length + remembered.bytes.length);
    return out;
  };
}

/** QueryService's definition with `serializeQueryResponse` answering Query (for the server). */
export function withSplicedAnswers(queryService: ServiceDefinition): ServiceDefinition {
  const query = queryService['Query'];
  if (query === undefined) return queryService;
  return { ...queryService, Query: { ...query, responseSerialize: serializeQueryResponse(query.responseSerialize as (value: object) => Buffer) as (value: object) => Buffer } };
}
