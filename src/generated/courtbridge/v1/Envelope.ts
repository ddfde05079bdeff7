// Original file: courtbridge/v1/wire.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A signed message from one alliance member to others. Receivers drop what is unsigned,
 * from an unknown or revoked DID, out of role, or stale (DESIGN.md "Transport").
 * The signature covers signingInput("courtbridge/v1/envelope", layout) where the layout is
 * the fixed binary layout defined in src/bus/envelope.ts (ByteWriter: length-prefixed
 * strings and bytes, u64 BE), fields in this order: sender_did, kid, type, msg_id,
 * timestamp_ms, body. It is NOT the protobuf encoding of this message.
 * On NATS an envelope travels in src/bus/envelope.ts's own fixed wire layout (magic 0xCB,
 * version, the fields above, 64-byte signature); this message carries the same fields
 * where an envelope appears inside the API (e.g. ActionOutcome.signed_result), so the
 * signature re-verifies from it.
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
   * Message type from the envelope policy (src/bus/envelope-policy.ts), which names the
   * body's protobuf message: "header.announce" (HeaderAnnouncement), "adapter.announce"
   * (AdapterAnnouncement), "action.request" (ActionRequest), "action.result" (ActionResult),
   * "registry.update" (SignedRegistryUpdate).
   */
  'type'?: (string);
  /**
   * The body: protobuf bytes of the message `type` names (src/wire/codec.ts).
   */
  'body'?: (Buffer | Uint8Array | string);
  /**
   * Unique message id; also the JetStream Nats-Msg-Id, so redelivery is deduplicated.
   */
  'msgId'?: (string);
  /**
   * When the sender signed it, unix ms; receivers refuse envelopes outside their skew window.
   */
  'timestampMs'?: (number | string | Long);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over the layout above.
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * A signed message from one alliance member to others. Receivers drop what is unsigned,
 * from an unknown or revoked DID, out of role, or stale (DESIGN.md "Transport").
 * The signature covers signingInput("courtbridge/v1/envelope", layout) where the layout is
 * the fixed binary layout defined in src/bus/envelope.ts (ByteWriter: length-prefixed
 * strings and bytes, u64 BE), fields in this order: sender_did, kid, type, msg_id,
 * timestamp_ms, body. It is NOT the protobuf encoding of this message.
 * On NATS an envelope travels in src/bus/envelope.ts's own fixed wire layout (magic 0xCB,
 * version, the fields above, 64-byte signature); this message carries the same fields
 * where an envelope appears inside the API (e.g. ActionOutcome.signed_result), so the
 * signature re-verifies from it.
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
   * Message type from the envelope policy (src/bus/envelope-policy.ts), which names the
   * body's protobuf message: "header.announce" (HeaderAnnouncement), "adapter.announce"
   * (AdapterAnnouncement), "action.request" (ActionRequest), "action.result" (ActionResult),
   * "registry.update" (SignedRegistryUpdate).
   */
  'type': (string);
  /**
   * The body: protobuf bytes of the message `type` names (src/wire/codec.ts).
   */
  'body': (Buffer);
  /**
   * Unique message id; also the JetStream Nats-Msg-Id, so redelivery is deduplicated.
   */
  'msgId': (string);
  /**
   * When the sender signed it, unix ms; receivers refuse envelopes outside their skew window.
   */
  'timestampMs': (number);
  /**
   * Compact 64-byte signature of the signer key's suite (secp256k1 low-S, or SM2) over the layout above.
   */
  'signature': (Buffer);
}
