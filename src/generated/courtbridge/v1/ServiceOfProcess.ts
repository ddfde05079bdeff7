// Original file: courtbridge/v1/evidence.proto

import type { ServiceChannel as _courtbridge_v1_ServiceChannel, ServiceChannel__Output as _courtbridge_v1_ServiceChannel__Output } from '../../courtbridge/v1/ServiceChannel.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The record of one service of process. The serving court signs, under
 * `courtbridge/v1/service-of-process`, the deterministic protobuf encoding of this message (all
 * nine fields, in field order); the service id is the hex SHA-256 of those bytes.
 * Spec: docs/spec/service-of-process.md
 */
export interface ServiceOfProcess {
  /**
   * Case the document belongs to.
   */
  'caseId'?: (string);
  /**
   * sha256 of the served document (32 bytes).
   */
  'documentHash'?: (Buffer | Uint8Array | string);
  /**
   * Keyed hash of the recipient's id (32 bytes).
   */
  'recipientIdHash'?: (Buffer | Uint8Array | string);
  /**
   * How it was served.
   */
  'channel'?: (_courtbridge_v1_ServiceChannel);
  /**
   * When it was served, unix ms.
   */
  'servedAtMs'?: (number | string | Long);
  /**
   * sha256 of the receipt of service (the recipient's acknowledgement, the carrier's
   * delivery record or the announcement), 32 bytes; 32 zero bytes when there is none yet.
   */
  'receiptHash'?: (Buffer | Uint8Array | string);
  /**
   * DID of the serving court.
   */
  'serverDid'?: (string);
  /**
   * Key id of the signing key.
   */
  'kid'?: (string);
  /**
   * Binds the recipient's DID without naming it (32 bytes): an HMAC-SHA256 keyed by
   * document_hash over the domain `courtbridge/v1/service-recipient` and the DID (hashed, not
   * signed). Only a receipt signed by that DID is accepted; whoever holds the document can check it.
   */
  'recipientBinding'?: (Buffer | Uint8Array | string);
}

/**
 * The record of one service of process. The serving court signs, under
 * `courtbridge/v1/service-of-process`, the deterministic protobuf encoding of this message (all
 * nine fields, in field order); the service id is the hex SHA-256 of those bytes.
 * Spec: docs/spec/service-of-process.md
 */
export interface ServiceOfProcess__Output {
  /**
   * Case the document belongs to.
   */
  'caseId': (string);
  /**
   * sha256 of the served document (32 bytes).
   */
  'documentHash': (Buffer);
  /**
   * Keyed hash of the recipient's id (32 bytes).
   */
  'recipientIdHash': (Buffer);
  /**
   * How it was served.
   */
  'channel': (_courtbridge_v1_ServiceChannel__Output);
  /**
   * When it was served, unix ms.
   */
  'servedAtMs': (number);
  /**
   * sha256 of the receipt of service (the recipient's acknowledgement, the carrier's
   * delivery record or the announcement), 32 bytes; 32 zero bytes when there is none yet.
   */
  'receiptHash': (Buffer);
  /**
   * DID of the serving court.
   */
  'serverDid': (string);
  /**
   * Key id of the signing key.
   */
  'kid': (string);
  /**
   * Binds the recipient's DID without naming it (32 bytes): an HMAC-SHA256 keyed by
   * document_hash over the domain `courtbridge/v1/service-recipient` and the DID (hashed, not
   * signed). Only a receipt signed by that DID is accepted; whoever holds the document can check it.
   */
  'recipientBinding': (Buffer);
}
