// Original file: courtbridge/v1/types.proto


/**
 * Paging for list calls.
 */
export interface PageRequest {
  /**
   * Maximum items to return; 0 means the server default (100); above 1000 is clamped.
   */
  'pageSize'?: (number);
  /**
   * Token from a previous response's `next_page_token`; empty for the first page.
   */
  'pageToken'?: (string);
}

/**
 * Paging for list calls.
 */
export interface PageRequest__Output {
  /**
   * Maximum items to return; 0 means the server default (100); above 1000 is clamped.
   */
  'pageSize': (number);
  /**
   * Token from a previous response's `next_page_token`; empty for the first page.
   */
  'pageToken': (string);
}
