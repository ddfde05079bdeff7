// Original file: courtbridge/v1/mediation.proto

import type { CaseStatus as _courtbridge_v1_CaseStatus, CaseStatus__Output as _courtbridge_v1_CaseStatus__Output } from '../../courtbridge/v1/CaseStatus.js';

export interface ListCasesRequest {
  /**
   * Only cases with one of these statuses; empty for every status.
   */
  'statuses'?: (_courtbridge_v1_CaseStatus)[];
  /**
   * Most cases in one page, 1 to 500; 0 means 50.
   */
  'limit'?: (number);
  /**
   * `next_page_token` of the previous page; empty for the first page.
   */
  'pageToken'?: (string);
}

export interface ListCasesRequest__Output {
  /**
   * Only cases with one of these statuses; empty for every status.
   */
  'statuses': (_courtbridge_v1_CaseStatus__Output)[];
  /**
   * Most cases in one page, 1 to 500; 0 means 50.
   */
  'limit': (number);
  /**
   * `next_page_token` of the previous page; empty for the first page.
   */
  'pageToken': (string);
}
