// Original file: courtbridge/v1/wire.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A signed message from one alliance member to others. Receivers drop what is unsigned,
 * from an unknown or revoked DID, out of role, stale or replayed.
 * Spec: docs/spec/envelope.md
 * The signature covers signingInput("courtbridge/v1/envelope", sign bytes): the envelope's own
 * fixed binary layout of sender_did, kid, type, msg_id, timestamp_ms and body (the page gives
 * it), NOT the protobuf encoding of this message. On NATS an envelope travels in its own wire
 * layout (the page); this message carries the same fields where an envelope appears inside the
 * API (e.g. ActionOutcome.signed_result), so the signature re-verifies from it.
 */
export interface Envelope {
  /**
   * DID of the sender.
   */
  'senderDid'?: (string);
  /**
   * Key id of the signing key in the sender's DID document, e.g. "#key-1".
   */
  'kid'?: (string);
  /**
   * Message type, which names the body's protobuf message and the role its sender needs, e.g.
   * "header.announce" (HeaderAnnouncement), "action.result" (ActionResult); the spec page lists
   * them all.
   */
  'type'?: (string);
  /**
   * The body: protobuf bytes of the message `type` names.
   */
  'body'?: (Buffer | Uint8Array | string);
  /**
   * Unique message id per sender, 1-128 characters [A-Za-z0-9_-]; also the JetStream
   * Nats-Msg-Id, so redelivery is deduplicated.
   */
  'msgId'?: (string);
  /**
   * When the sender signed it, unix ms; receivers drop envelopes older than their age limit or
   * ahead of their clock by more than their skew, and look the sender's key up at this time.
   */
  'timestampMs'?: (number | string | Long);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over the signing input above.
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * A signed message from one alliance member to others. Receivers drop what is unsigned,
 * from an unknown or revoked DID, out of role, stale or replayed.
 * Spec: docs/spec/envelope.md
 * The signature covers signingInput("courtbridge/v1/envelope", sign bytes): the envelope's own
 * fixed binary layout of sender_did, kid, type, msg_id, timestamp_ms and body (the page gives
 * it), NOT the protobuf encoding of this message. On NATS an envelope travels in its own wire
 * layout (the page); this message carries the same fields where an envelope appears inside the
 * API (e.g. ActionOutcome.signed_result), so the signature re-verifies from it.
 */
export interface Envelope__Output {
  /**
   * DID of the sender.
   */
  'senderDid': (string);
  /**
   * Key id of the signing key in the sender's DID document, e.g. "#key-1".
   */
  'kid': (string);
  /**
   * Message type, which names the body's protobuf message and the role its sender needs, e.g.
   * "header.announce" (HeaderAnnouncement), "action.result" (ActionResult); the spec page lists
   * them all.
   */
  'type': (string);
  /**
   * The body: protobuf bytes of the message `type` names.
   */
  'body': (Buffer);
  /**
   * Unique message id per sender, 1-128 characters [A-Za-z0-9_-]; also the JetStream
   * Nats-Msg-Id, so redelivery is deduplicated.
   */
  'msgId': (string);
  /**
   * When the sender signed it, unix ms; receivers drop envelopes older than their age limit or
   * ahead of their clock by more than their skew, and look the sender's key up at this time.
   */
  'timestampMs': (number);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over the signing input above.
   */
  'signature': (Buffer);
}
