/**
 * A record type of a chain as it is announced and queried: its name, the prefix of its state keys
 * and the indexes its records are filed under. Plain data, shared by the adapters, the gateway and
 * the chains' protocol modules (src/judicial).
 */
export interface RecordTypeSpec {
  /** e.g. `account`. */
  name: string;
  /** State keys of this type start with it, e.g. `account/`. */
  keyPrefix: string;
  description: string;
  /** Secondary indexes its records are filed under (`DevLedger.lookup(name, value)`). */
  indexes: readonly string[];
}

/** The state key of a record: `${recordType}/${id}`. */
export function recordKey(recordType: string, id: string): string {
  return `${recordType}/${id}`;
}
