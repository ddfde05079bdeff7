// Original file: courtbridge/v1/mediation.proto

import type { MediationCase as _courtbridge_v1_MediationCase, MediationCase__Output as _courtbridge_v1_MediationCase__Output } from '../../courtbridge/v1/MediationCase.js';

export interface ListCasesResponse {
  /**
   * The page, in case-id order.
   */
  'cases'?: (_courtbridge_v1_MediationCase)[];
  /**
   * Token of the next page; empty on the last page.
   */
  'nextPageToken'?: (string);
}

export interface ListCasesResponse__Output {
  /**
   * The page, in case-id order.
   */
  'cases': (_courtbridge_v1_MediationCase__Output)[];
  /**
   * Token of the next page; empty on the last page.
   */
  'nextPageToken': (string);
}
