/** Reasons of case-filing distribution (src/workflows/filings): refusals at subscribe, drops of deliveries, the publisher's waits. */
export type FilingReason =
  | 'filing_cause_not_allowed'
  | 'filing_malformed'
  | 'filing_subject_mismatch'
  | 'filing_ack_invalid'
  | 'filing_not_proven';
