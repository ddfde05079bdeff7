/**
 * Reasons of the chain layer (src/chain, src/chain/ledger).
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */
import type { CommitRejection, SignatureRejection } from './commit.js';
import type { HeaderRejection } from './header.js';
import type { MisbehaviourRejection } from './misbehaviour.js';
import type { ValidatorSetRejection } from './validator-set.js';

/** Every reason the chain layer (headers, commits, validator sets, misbehaviour, the ledger) refuses with. */
export type ChainReason =
  | HeaderRejection
  | CommitRejection
  | SignatureRejection
  | ValidatorSetRejection
  | MisbehaviourRejection
  | 'corrupt_block_log'
  | 'corrupt_state_store'
  | 'state_suite_mismatch'
  | 'unknown_version'
  | 'version_pruned'
  | 'duplicate_tx'
  | 'ledger_closed'
  | 'unknown_height'
  | 'unknown_tx_type'
  | 'unknown_validator_key';
