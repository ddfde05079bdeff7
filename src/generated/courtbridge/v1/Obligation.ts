// Original file: courtbridge/v1/mediation.proto

import type { CreditorRank as _courtbridge_v1_CreditorRank, CreditorRank__Output as _courtbridge_v1_CreditorRank__Output } from '../../courtbridge/v1/CreditorRank.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One obligation of an agreement.
 */
export interface Obligation {
  /**
   * Id unique within the agreement, e.g. "1", "2".
   */
  'obligationId'?: (string);
  /**
   * Keyed hash of the obligor's id (32 bytes; one of the parties).
   */
  'obligorIdHash'?: (Buffer | Uint8Array | string);
  /**
   * Keyed hash of the obligee's id (32 bytes).
   */
  'obligeeIdHash'?: (Buffer | Uint8Array | string);
  /**
   * Amount in minor units, decimal string; empty for a non-monetary obligation.
   */
  'amount'?: (string);
  /**
   * What is owed, in words (no personal identifiers).
   */
  'description'?: (string);
  /**
   * Deadline, unix ms; after it an unperformed obligation is overdue.
   */
  'dueAtMs'?: (number | string | Long);
  /**
   * The creditor's rank when deducted funds are distributed (ordinary when unspecified; left
   * unset it is omitted from the sign bytes, so instruments signed before it stay valid).
   */
  'creditorRank'?: (_courtbridge_v1_CreditorRank);
  /**
   * The creditor's account number on the finance chain (the account's state key there,
   * [0-9A-Za-z-]{6,40}; never a custody account), where its share is paid; empty for none.
   */
  'payeeAccount'?: (string);
}

/**
 * One obligation of an agreement.
 */
export interface Obligation__Output {
  /**
   * Id unique within the agreement, e.g. "1", "2".
   */
  'obligationId': (string);
  /**
   * Keyed hash of the obligor's id (32 bytes; one of the parties).
   */
  'obligorIdHash': (Buffer);
  /**
   * Keyed hash of the obligee's id (32 bytes).
   */
  'obligeeIdHash': (Buffer);
  /**
   * Amount in minor units, decimal string; empty for a non-monetary obligation.
   */
  'amount': (string);
  /**
   * What is owed, in words (no personal identifiers).
   */
  'description': (string);
  /**
   * Deadline, unix ms; after it an unperformed obligation is overdue.
   */
  'dueAtMs': (number);
  /**
   * The creditor's rank when deducted funds are distributed (ordinary when unspecified; left
   * unset it is omitted from the sign bytes, so instruments signed before it stay valid).
   */
  'creditorRank': (_courtbridge_v1_CreditorRank__Output);
  /**
   * The creditor's account number on the finance chain (the account's state key there,
   * [0-9A-Za-z-]{6,40}; never a custody account), where its share is paid; empty for none.
   */
  'payeeAccount': (string);
}
