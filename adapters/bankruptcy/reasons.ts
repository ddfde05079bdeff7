/**
 * Reasons of the bankruptcy chain's contracts and its tally re-check (adapters/bankruptcy).
 * `Reason` (src/errors.ts) includes this union. A new reason: add it here, then throw it.
 */
export type BankruptcyReason =
  /** The creditor named is not a secp256k1 did:key (its key cannot be read from the DID). */
  | 'not_did_key'
  /** A signature that is not 64 bytes of hex, out of range, or high-S. */
  | 'malformed_signature'
  /** A claim or ballot signature that does not verify against the creditor's did:key (forged, or another creditor's key). */
  | 'bad_signature'
  /** The voting class is `secured` but the claim is not secured without waiver, or the reverse. */
  | 'class_mismatch'
  /** A claim filed in a concluded case. */
  | 'case_concluded'
  /** A review or a meeting sent by someone other than the case's administrator. */
  | 'not_administrator'
  /** A review whose confirmed and disputed parts do not add up to the amount filed. */
  | 'review_mismatch'
  /** A second review of one claim. */
  | 'already_reviewed'
  /** A meeting that closes before it opens. */
  | 'invalid_window'
  /** A ballot after the meeting's closing time or once the court closed it; a second close. */
  | 'meeting_closed'
  /** A ballot before the meeting opens. */
  | 'meeting_not_open'
  /** A ballot, or a close, before the court convened the meeting. */
  | 'meeting_not_convened'
  /** A second convening of a meeting. */
  | 'meeting_convened'
  /** A ballot signed for another motion (its motion hash is not the meeting's). */
  | 'motion_mismatch'
  /** A creditor's second ballot in one meeting. */
  | 'already_voted'
  /** A ballot by someone with no claim in the case. */
  | 'not_a_creditor'
  /** A secured creditor that has not waived priority votes on an art. 64 resolution (art. 59 para. 3). */
  | 'secured_no_vote'
  /** A ballot whose creditor's claims are not reviewed yet (an undetermined claim does not vote, art. 59). */
  | 'claim_unreviewed'
  /** A ballot whose creditor's reviewed claims confirm nothing. */
  | 'nothing_confirmed'
  /** A plan ballot by a creditor whose confirmed claims lie in two voting classes (one ballot per class is not modelled). */
  | 'mixed_classes'
  /** A ballot whose voting amount exceeds the creditor's confirmed part. */
  | 'exceeds_confirmed'
  /** `close_meeting` ordered by a court that does not hear the case. */
  | 'wrong_court'
  /** `close_meeting` ordered under another case than the meeting's. */
  | 'case_mismatch'
  /** A case already lists `MAX_LISTED` claims, or a meeting that many voters. */
  | 'list_full'
  /** The stored state contradicts a rule the contract enforced when writing it. */
  | 'internal_inconsistency';
