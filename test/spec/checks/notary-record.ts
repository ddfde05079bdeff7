/**
 * docs/spec/notary.md `notary-record`: the product's notary count over a record read at a version.
 * Fewer than the threshold is `notary_quorum_not_met`, as the gateway answers such a record.
 */
import { isCourtbridgeError } from '../../../src/errors.js';
import { verifyNotarizedRecord, type NotarizedRecord } from '../../../src/verify/notary-record.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { authorityOf, ownSignatureGiven, signaturesOf } from './notary.js';

const hex = (v: unknown): Uint8Array => new Uint8Array(Buffer.from(String(v), 'hex'));

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const r = c.record as { chainId: string; recordType: string; key: string; value: string | null; version: number; timeMs: number };
  const record: NotarizedRecord = {
    chainId: r.chainId,
    recordType: r.recordType,
    key: r.key,
    result: r.value === null ? { kind: 'absence' } : { kind: 'record', value: hex(r.value) },
    version: r.version,
    timeMs: r.timeMs,
  };
  if (!ownSignatureGiven(c)) return 'signature_not_given';
  try {
    const v = verifyNotarizedRecord(
      record,
      signaturesOf(c),
      c.policy as { threshold: number; notaries: string[] },
      authorityOf(file),
      record.timeMs,
    );
    if (v.kind === 'not_met') return 'notary_quorum_not_met';
    return v.ignored[0]?.reason ?? 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}
