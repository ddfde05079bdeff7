// Original file: courtbridge/v1/evidence.proto

import type { ServiceChannel as _courtbridge_v1_ServiceChannel, ServiceChannel__Output as _courtbridge_v1_ServiceChannel__Output } from '../../courtbridge/v1/ServiceChannel.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The record of one service of process. The serving court signs
 * signingInput("courtbridge/v1/service-of-process", deterministic protobuf of this message).
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
   * delivery record or the announcement), 32 bytes.
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
   * Binds the recipient's DID without naming it (32 bytes):
   * HMAC-SHA256(key = document_hash, utf8("courtbridge/v1/service-recipient") || 0x00 || utf8(recipient DID))
   * Only a receipt signed by that DID is accepted; whoever holds the document can check it.
   */
  'recipientBinding'?: (Buffer | Uint8Array | string);
}

/**
 * The record of one service of process. The serving court signs
 * signingInput("courtbridge/v1/service-of-process", deterministic protobuf of this message).
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
   * delivery record or the announcement), 32 bytes.
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
   * Binds the recipient's DID without naming it (32 bytes):
   * HMAC-SHA256(key = document_hash, utf8("courtbridge/v1/service-recipient") || 0x00 || utf8(recipient DID))
   * Only a receipt signed by that DID is accepted; whoever holds the document can check it.
   */
  'recipientBinding': (Buffer);
}
