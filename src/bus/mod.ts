/**
 * The public surface of the bus (nats.js `mod.ts` style: an explicit export list).
 * NATS connection, subjects, signed envelopes, receivers, request/reply, JetStream and KV.
 */
export { connectBus, type BusConnection, type BusOptions } from './connection.js';
export {
  SUBJECT_PREFIX,
  assertChainId,
  isChainId,
  querySubject,
  queryQueue,
  indexSubject,
  announceSubject,
  headersSubject,
  actionsSubject,
  resultsSubject,
  lightblockSubject,
  eventsSubject,
  REGISTRY_SUBJECT,
  Streams,
  Buckets,
  parseChainSubject,
  type ChainSubjectKind,
  type ParsedChainSubject,
  type StreamKey,
  type BucketKey,
} from './subjects.js';
export {
  ENVELOPE_MAGIC,
  ENVELOPE_VERSION,
  DEFAULT_MAX_BODY_BYTES,
  privateKeySigner,
  envelopeSignBytes,
  envelopeSigningInput,
  newMsgId,
  sealEnvelope,
  encodeEnvelope,
  decodeEnvelope,
  type Envelope,
  type EnvelopeSigner,
  type DecodeOptions,
} from './envelope.js';
export { DEFAULT_ENVELOPE_POLICY, type EnvelopePolicy, type TypeRule, type RoleScope } from './envelope-policy.js';
export {
  DropReasons,
  checkEnvelope,
  openEnvelope,
  type DropReason,
  type EnvelopeDrop,
  type EnvelopeEvidence,
  type VerifiedEnvelope,
  type OpenResult,
  type CheckOptions,
  type OpenOptions,
} from './envelope-verify.js';
export { MemoryReplayGuard, type ReplayGuard, type ReplayVerdict, type MemoryReplayGuardOptions } from './replay-guard.js';
export { KvReplayGuard, replayKey } from './replay-kv.js';
export { verifyEnvelopes, subscribeEnvelopes, type ReceiveOptions, type ReceivedEnvelope, type EnvelopeSubscription, type BusMessage } from './receiver.js';
export { request, replyOk, replyError, errorFromReply, ServiceErrorHeader, type RequestOptions } from './request.js';
export {
  ensureStream,
  ensureKv,
  provisionCourtbridge,
  publishWithId,
  publishEnvelope,
  envelopeDedupeId,
  type StreamSpec,
  type EnsureOutcome,
  type EnsuredStream,
  type KvSpec,
  type ProvisionOptions,
  type Provisioned,
  type Published,
} from './jetstream.js';
