// Original file: courtbridge/v1/types.proto

import type { SignedHeader as _courtbridge_v1_SignedHeader, SignedHeader__Output as _courtbridge_v1_SignedHeader__Output } from '../../courtbridge/v1/SignedHeader.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Two different signed headers for one chain and height: the evidence that freezes a light
 * client (DESIGN.md "Header proofs"). Plain data, as in ibc-go's Misbehaviour.
 */
export interface Misbehaviour {
  /**
   * Chain the headers belong to.
   */
  'chainId'?: (string);
  /**
   * First signed header seen (the trusted one when one was already trusted).
   */
  'headerA'?: (_courtbridge_v1_SignedHeader | null);
  /**
   * The conflicting signed header.
   */
  'headerB'?: (_courtbridge_v1_SignedHeader | null);
  /**
   * When the gateway detected the conflict, unix ms.
   */
  'detectedAtMs'?: (number | string | Long);
  /**
   * What the pair proves: `conflicting_headers`, `time_violation`, `lunatic_attack` (a witness
   * holds the real header; header_a names a made-up validator set) or `fork_detected` (a witness
   * holds another header signed by the same validators). In the witness kinds header_a is the
   * header the light client was offered, header_b the witness's.
   */
  'kind'?: (string);
}

/**
 * Two different signed headers for one chain and height: the evidence that freezes a light
 * client (DESIGN.md "Header proofs"). Plain data, as in ibc-go's Misbehaviour.
 */
export interface Misbehaviour__Output {
  /**
   * Chain the headers belong to.
   */
  'chainId': (string);
  /**
   * First signed header seen (the trusted one when one was already trusted).
   */
  'headerA': (_courtbridge_v1_SignedHeader__Output | null);
  /**
   * The conflicting signed header.
   */
  'headerB': (_courtbridge_v1_SignedHeader__Output | null);
  /**
   * When the gateway detected the conflict, unix ms.
   */
  'detectedAtMs': (number);
  /**
   * What the pair proves: `conflicting_headers`, `time_violation`, `lunatic_attack` (a witness
   * holds the real header; header_a names a made-up validator set) or `fork_detected` (a witness
   * holds another header signed by the same validators). In the witness kinds header_a is the
   * header the light client was offered, header_b the witness's.
   */
  'kind': (string);
}
