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
  /** The anchored trace (field 14) of the bundles at this header, and its encoding. */
  trace: readonly MessageInput<'TraceBlock'>[] | undefined;
  traceBytes: Uint8Array;
}

const parts = new WeakMap<object, HeaderParts>();

/** QueryRecordResponse.bundle: field 1, length-delimited. */
const RESPONSE_BUNDLE_TAG = (1 << 3) | 2;

/**
 * Encode the header parts of the bundles built from `signedHeader` and `validatorSet` (the
 * wire objects the query path caches per verified header; they must not change afterwards):
 * a ProofBundle holding only them is exactly their two tagged fields.
 */
export function rememberHeaderParts(
  signedHeader: MessageInput<'SignedHeader'>,
  validatorSet: MessageInput<'ValidatorSet'>,
  trace?: readonly MessageInput<'TraceBlock'>[],
): void {
  parts.set(signedHeader, {
    validatorSet,
    bytes: encodeMessage('ProofBundle', { signedHeader, validatorSet }),
    trace,
    traceBytes: trace === undefined ? new Uint8Array(0) : encodeMessage('ProofBundle', { trace: trace as MessageInput<'TraceBlock'>[] }),
  });
}

/**
 * A QueryRecordResponse serializer for grpc-js: the remembered header parts spliced between the
 * bundle's fields 1-6 and 9-13, and the remembered trace (14) after them, each encoded as the
 * plain serializer would; any other answer
 * goes to `plain`.
 */
export function serializeQueryResponse(
  plain: (value: object) => Buffer,
): (value: { bundle?: MessageInput<'ProofBundle'> | null }) => Buffer {
  const type = messageType('ProofBundle');
  const encode = (fields: object): Uint8Array => type.encode(type.fromObject(fields)).finish();
  return (value) => {
    const b = value.bundle;
    const remembered = b?.signedHeader ? parts.get(b.signedHeader) : undefined;
    if (
      b === null ||
      b === undefined ||
      remembered === undefined ||
      remembered.validatorSet !== b.validatorSet ||
      remembered.trace !== (b.trace ?? undefined)
    )
      return plain(value);
    const head = encode({
      request: b.request,
      requestId: b.requestId,
      requesterDid: b.requesterDid,
      record: b.record,
      absence: b.absence,
      proof: b.proof,
    });
    const tail = encode({
      attestations: b.attestations,
      receipt: b.receipt,
      stateHeight: b.stateHeight,
      stateTimeMs: b.stateTimeMs,
      trustBasis: b.trustBasis,
    });
    // Tag and length of the bundle, then its parts, written once into the answer's buffer.
    const n = head.length + remembered.bytes.length + tail.length + remembered.traceBytes.length;
    const out = Buffer.allocUnsafe(1 + varintLength(n) + n);
    out[0] = RESPONSE_BUNDLE_TAG;
    let at = writeVarint(out, 1, n);
    for (const part of [head, remembered.bytes, tail, remembered.traceBytes]) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  };
}

function varintLength(n: number): number {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    len++;
  }
  return len;
}

/** `n` as a protobuf varint at `at` in `out`; returns where it ends. */
function writeVarint(out: Uint8Array, at: number, n: number): number {
  while (n >= 0x80) {
    out[at++] = (n & 0x7f) | 0x80;
    n = Math.floor(n / 0x80);
  }
  out[at++] = n;
  return at;
}

/** QueryService's definition with `serializeQueryResponse` answering Query (for the server). */
export function withSplicedAnswers(queryService: ServiceDefinition): ServiceDefinition {
  const query = queryService['Query'];
  if (query === undefined) return queryService;
  return {
    ...queryService,
    Query: {
      ...query,
      responseSerialize: serializeQueryResponse(query.responseSerialize as (value: object) => Buffer) as (value: object) => Buffer,
    },
  };
}
