// Original file: courtbridge/v1/mediation.proto

import type { Long } from '@grpc/proto-loader';

export interface ExportAuditLogRequest {
  /**
   * The case (required).
   */
  'caseId'?: (string);
  /**
   * First sequence to send; 0 means from the beginning.
   */
  'fromSequence'?: (number | string | Long);
  /**
   * Only entries at or after this time, unix ms; 0 for no bound.
   */
  'fromMs'?: (number | string | Long);
  /**
   * Only entries before this time, unix ms; 0 for no bound. The stream ends at the log's current
   * head either way: to follow new entries, use WatchCase.
   */
  'toMs'?: (number | string | Long);
}

export interface ExportAuditLogRequest__Output {
  /**
   * The case (required).
   */
  'caseId': (string);
  /**
   * First sequence to send; 0 means from the beginning.
   */
  'fromSequence': (number);
  /**
   * Only entries at or after this time, unix ms; 0 for no bound.
   */
  'fromMs': (number);
  /**
   * Only entries before this time, unix ms; 0 for no bound. The stream ends at the log's current
   * head either way: to follow new entries, use WatchCase.
   */
  'toMs': (number);
}
