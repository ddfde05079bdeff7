/**
 * Reasons of the collab chain (政法协同): its contract's refusals and its intake's. A new reason: add
 * it here, then throw it; `Reason` in src/errors.ts picks it up.
 */
export type CollabReason =
  /** The statement's signer is not the tx's (or the envelope's) sender. */
  | 'signer_mismatch'
  /** The role the statement claims is not one of the collaborating roles (court or an organ). */
  | 'sender_not_organ'
  /** A transfer names a receiver that is not an active court or organ of the chain. */
  | 'receiver_not_organ'
  /** A transfer to the sender itself. */
  | 'self_transfer'
  /** Only the transfer's named receiver accepts or returns it. */
  | 'not_receiver'
  /** The transfer was already accepted or returned (answered once). */
  | 'already_answered'
  /** An evidence hash that is not registered on the chain. */
  | 'unknown_evidence'
  /** The organ is neither the evidence's owner nor one it is shared with. */
  | 'not_shared'
  /** The evidence is sealed by a court (no access until the court releases it). */
  | 'evidence_sealed'
  /** The evidence is already sealed (by any case). */
  | 'already_sealed'
  /** A release names a case that holds no seal on the evidence. */
  | 'not_sealed'
  /** The statement's signature does not verify under the key its signer held when it was made. */
  | 'statement_signature_invalid'
  /** The statement's time is too far from the intake's clock. */
  | 'stale_statement'
  /** A proven record says other than the signed statement it keeps (record-check.ts). */
  | 'statement_mismatch';
