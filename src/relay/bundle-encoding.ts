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
import protobuf from 'protobufjs';

import { concatBytes } from '../encoding/bytes.js';
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
    const bundle = concatBytes(head, remembered.bytes, tail, remembered.traceBytes);
    return protobuf.Writer.create().uint32(RESPONSE_BUNDLE_TAG).bytes(bundle).finish() as Buffer;
  };
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
