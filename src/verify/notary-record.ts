/**
 * The `notary` chain kind: a registry kept in a database, not a chain. Nothing about it can be
 * proven from its own data, so each record is vouched for by the chain's notaries (its registry
 * entry's `attestation`: m of n agency DIDs): each reads the record itself, at a database version,
 * and signs what it read. A record counts when `threshold` distinct notaries of the set signed the
 * same statement. Unlike an attestation (attestations.ts), the statement names the version and the
 * time, so an old "absent" cannot be replayed as today's, and freshness can be checked. Pure.
 *
 * Notarized record layout (ByteWriter, in this order):
 * ```
 *   string  chain_id
 *   string  record_type
 *   string  key
 *   u8      result kind: 1 record, 2 absence
 *   fixed32 sha256(value), or 32 zero bytes for an absence
 *   u64     version      (the database's write sequence number the record was read at)
 *   u64     time_ms      (when it was read, Unix ms)
 * ```
 * Each notary signs signingInput("courtbridge/v1/notary-record", layout) with the key its DID held.
 */
import { signingInput, SignTag, type SigningInput } from '../crypto/hash.js';
import { ByteWriter, concatBytes } from '../encoding/bytes.js';
import { attestationLayout } from './attestations.js';
import type { Authority } from '../identity/authority.js';
import { countNotaries, type NotarizationVerdict, type NotaryPolicy, type NotarySignature } from './notary.js';

/** What a notary of a `notary` chain vouches for: this record (or its absence) at this version. */
export interface NotarizedRecord {
  chainId: string;
  recordType: string;
  key: string;
  result: { kind: 'record'; value: Uint8Array } | { kind: 'absence' };
  version: number;
  timeMs: number;
}

/** The notarized record layout above. @throws RangeError on a version or time that is not a u64 */
export function notarizedRecordLayout(r: NotarizedRecord): Uint8Array {
  // The attestation layout (attestations.ts) of the same result, then what makes it a dated statement.
  return concatBytes(attestationLayout(r), new ByteWriter().u64(r.version).u64(r.timeMs).finish());
}

/** The message a notary signs (sign() hashes it once more, as every signature here). */
export function notarizedRecordSigningInput(r: NotarizedRecord): SigningInput {
  return signingInput(SignTag.NotaryRecord, notarizedRecordLayout(r));
}

/** Count valid signatures of distinct notaries of `policy` over `record`; `met` at its threshold (notary.ts `countNotaries`). */
export function verifyNotarizedRecord(
  record: NotarizedRecord,
  signatures: readonly NotarySignature[],
  policy: NotaryPolicy,
  authority: Authority,
  atMs: number,
): NotarizationVerdict {
  return countNotaries(notarizedRecordSigningInput(record), signatures, policy, authority, atMs);
}
