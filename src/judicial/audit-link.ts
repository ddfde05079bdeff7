/**
 * How the enforcement audit log's entries link (records.ts `AuditEntry`): each entry names the
 * hash of the one before, the first names the genesis hash, so the log is a hash chain a party
 * verifies offline.
 */
import { sha256 } from '../crypto/hash.js';
import { toHex } from '../encoding/bytes.js';

/** 64 zero hex digits: the `prevEntryHash` of a case's first audit entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The hash that links audit entries: sha256 of the entry's stored canonical bytes, hex. */
export function auditEntryHash(entryBytes: Uint8Array): string {
  return toHex(sha256(entryBytes));
}
