/**
 * Reasons of the NATS bus layer (src/bus): envelopes, requests, JetStream, the registry follower.
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */
import type { DropReason } from './envelope-verify.js';

/** Every reason the bus refuses, drops or fails with. */
export type BusReason =
  | DropReason
  | 'bad_chain_id'
  | 'bad_event_topic'
  | 'bad_nats_servers'
  | 'bus_error'
  | 'deadline_exceeded'
  | 'internal'
  | 'jetstream_unavailable'
  | 'jetstream_provision_failed'
  /** A stream or bucket cannot get the configured replicas (a single server asked for more than 1, too few cluster peers). */
  | 'jetstream_replicas_unavailable'
  | 'nats_auth_failed'
  | 'nats_auth_file_unreadable'
  | 'nats_tls_failed'
  | 'nats_closed'
  | 'nats_disconnected'
  | 'nats_draining'
  | 'nats_timeout'
  | 'nats_unreachable'
  | 'no_adapter'
  | 'no_responders'
  | 'operation_mismatch'
  | 'registry_not_synced'
  | 'registry_version_mismatch'
  | 'unknown'
  | 'update_malformed';
