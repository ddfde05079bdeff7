// Original file: courtbridge/v1/types.proto


/**
 * A partial failure inside an otherwise successful batch answer.
 */
export interface Failure {
  /**
   * Chain the failure concerns (empty when it concerns no single chain).
   */
  'chainId'?: (string);
  /**
   * gRPC status code number, e.g. 14 (UNAVAILABLE) for an adapter that is down.
   */
  'code'?: (number);
  /**
   * Stable snake_case reason, e.g. "adapter_unavailable", "client_frozen".
   */
  'reason'?: (string);
  /**
   * Plain-language message for a person.
   */
  'message'?: (string);
}

/**
 * A partial failure inside an otherwise successful batch answer.
 */
export interface Failure__Output {
  /**
   * Chain the failure concerns (empty when it concerns no single chain).
   */
  'chainId': (string);
  /**
   * gRPC status code number, e.g. 14 (UNAVAILABLE) for an adapter that is down.
   */
  'code': (number);
  /**
   * Stable snake_case reason, e.g. "adapter_unavailable", "client_frozen".
   */
  'reason': (string);
  /**
   * Plain-language message for a person.
   */
  'message': (string);
}
