// Original file: courtbridge/v1/chain.proto


export interface GetChainStatusRequest {
  /**
   * Chain to report on.
   */
  'chainId'?: (string);
}

export interface GetChainStatusRequest__Output {
  /**
   * Chain to report on.
   */
  'chainId': (string);
}
