/**
 * Reasons of the identity layer (src/identity), one union built from the typed rejections it already has.
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */
import type { AuthorityRejection } from './authority.js';
import type { JwtRejection } from './jwt-inspect.js';
import type { ApprovalRejection } from './registry.js';

/** Every reason the identity layer (registry, tokens, keys, genesis, trust files) refuses with. */
export type IdentityReason =
  | AuthorityRejection
  | JwtRejection
  | ApprovalRejection
  /** An admission request signed by a key other than the one it asks to register, or changed after signing. */
  | 'admission_signature_invalid'
  | 'bad_key_file'
  | 'bad_kid'
  | 'chain_exists'
  | 'chain_removed'
  | 'corrupt_registry_store'
  | 'effective_time_regressed'
  | 'genesis_hash_mismatch'
  | 'invalid_admission_request'
  | 'invalid_chain_entry'
  | 'invalid_genesis'
  | 'invalid_trust_file'
  | 'invalid_update'
  | 'key_file_permissions'
  | 'member_exists'
  | 'member_revoked'
  | 'notaries_required'
  /** An `evm` chain entry without the 20-byte address of the contract holding its records. */
  | 'evm_contract_required'
  | 'out_of_order'
  | 'passphrase_required'
  | 'quorum_not_met'
  | 'quorum_unreachable'
  | 'replayed_update'
  | 'stale_state_hash'
  | 'unknown_chain'
  | 'unknown_member'
  | 'update_from_future'
  | 'wrong_alliance'
  | 'wrong_passphrase';
