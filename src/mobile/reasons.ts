/**
 * Reasons of mobile enforcement (移动执行, adapters/mobile and src/mobile): the `mobile` chain's
 * contract refusing a delegation, a revocation or an on-site record, and the officer device's own
 * offline queue. `Reason` (src/errors.ts) includes this union. A new reason: add it here, then throw it.
 */
export type MobileReason =
  /** The delegation target is not a secp256k1 `did:key` (a device DID generated on the device). */
  | 'invalid_device_did'
  /** The device is already delegated (a device is delegated once; a revoked one is never re-delegated). */
  | 'already_delegated'
  /** `revoke` of a device never delegated. */
  | 'not_delegated'
  /** `revoke` of a device already revoked. */
  | 'already_revoked'
  /** The on-site record's device is not delegated on the chain. */
  | 'unknown_device'
  /** The record's compact signature does not verify against the key embedded in the device's did:key. */
  | 'bad_device_signature'
  /** The record was signed at or after the device's revocation (block time of the `revoke`). */
  | 'device_revoked'
  /** The record says it was signed before the device was delegated. */
  | 'signed_before_delegation'
  /** The record's signing time is later than the block time plus the allowed device clock skew. */
  | 'signed_in_future'
  /** The record reached the chain later than the maximum offline window after it was signed. */
  | 'offline_window_exceeded'
  /** The record's sequence number is past the next one of its device (a record is missing). */
  | 'sequence_gap'
  /** The record's previous-record hash is not the hash of the device's last record (a fork). */
  | 'sequence_fork'
  /** The record's sequence number is one the device already used (a replay). */
  | 'sequence_replay'
  /** The device's queue file is damaged before its last line (it is never rewritten). */
  | 'queue_corrupt'
  /** A flush of the device's queue was asked while another one runs (records go out one at a time, in order). */
  | 'queue_busy';
