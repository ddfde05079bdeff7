// Original file: courtbridge/v1/mediation.proto

import type { Long } from '@grpc/proto-loader';

export interface ExportAuditLogRequest {
  /**
   * Only this case; empty for all the caller may see.
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
   * Only entries before this time, unix ms; 0 streams on and follows new entries.
   */
  'toMs'?: (number | string | Long);
}

export interface ExportAuditLogRequest__Output {
  /**
   * Only this case; empty for all the caller may see.
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
   * Only entries before this time, unix ms; 0 streams on and follows new entries.
   */
  'toMs': (number);
}
