// Original file: courtbridge/v1/alliance.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One versioned verification method of a member.
 */
export interface VerificationKey {
  /**
   * Key id, e.g. "#key-2".
   */
  'kid'?: (string);
  /**
   * Public key: 33-byte compressed secp256k1, or 35-byte SM2 (0x86 0x24 || compressed point).
   */
  'publicKey'?: (Buffer | Uint8Array | string);
  /**
   * Valid from, unix ms.
   */
  'validFromMs'?: (number | string | Long);
  /**
   * Valid until (exclusive), unix ms; 0 while current.
   */
  'validUntilMs'?: (number | string | Long);
}

/**
 * One versioned verification method of a member.
 */
export interface VerificationKey__Output {
  /**
   * Key id, e.g. "#key-2".
   */
  'kid': (string);
  /**
   * Public key: 33-byte compressed secp256k1, or 35-byte SM2 (0x86 0x24 || compressed point).
   */
  'publicKey': (Buffer);
  /**
   * Valid from, unix ms.
   */
  'validFromMs': (number);
  /**
   * Valid until (exclusive), unix ms; 0 while current.
   */
  'validUntilMs': (number);
}
