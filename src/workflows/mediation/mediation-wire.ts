/**
 * MediationService between a gateway and the workflow service, over NATS request/reply
 * (DESIGN.md "Transport": requests in signed envelopes, queue groups, errors in headers).
 *
 *   subject   `cb.v1.workflows.mediation`, queue group `cb-workflows`: any replica answers (the
 *             contract's state is in shared JetStream KV, so any one can read and register)
 *   request   an envelope of type `mediation.call`, signed by a gateway of the alliance
 *             (`MEDIATION_CALL_POLICY`); body = UTF-8 JSON `{ method, args }`
 *   reply     UTF-8 JSON of the method's result, or the error headers of src/bus/request.ts
 *             (the same CourtbridgeError the engine threw in-process)
 * Bytes travel as `{ "$hex": "..." }` in the JSON (`encodeWireJson` / `decodeWireJson`).
 */
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { fromHex, fromUtf8, toHex, utf8 } from '../../encoding/bytes.js';
import type { EnvelopePolicy } from '../../bus/envelope-policy.js';
import { SUBJECT_PREFIX } from '../../bus/subjects.js';
import type { MediationBackend } from './mediation-backend.js';

export const MEDIATION_SUBJECT = `${SUBJECT_PREFIX}.workflows.mediation`;
export const MEDIATION_QUEUE = 'cb-workflows';
export const MEDIATION_CALL_TYPE = 'mediation.call';

/** Who may call the workflow service: gateways only (they authenticated the person behind the call). */
export const MEDIATION_CALL_POLICY: EnvelopePolicy = Object.freeze({
  [MEDIATION_CALL_TYPE]: { role: 'gateway', scope: 'alliance' },
});

export type MediationMethod = keyof MediationBackend;
export const MEDIATION_METHODS: readonly MediationMethod[] = [
  'registerAgreement',
  'registerJudgment',
  'registerMediation',
  'reportWithdrawal',
  'reportPerformance',
  'getCase',
  'listCases',
  'auditPage',
];

export interface MediationCall {
  method: MediationMethod;
  args: unknown[];
}

/** JSON with bytes as `{ $hex }` (a Buffer is a Uint8Array too). */
export function encodeWireJson(value: unknown): Uint8Array {
  return utf8(
    JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
      const raw = key === '' ? value : this[key];
      return raw instanceof Uint8Array ? { $hex: toHex(raw) } : v;
    }),
  );
}

export function decodeWireJson(bytes: Uint8Array): unknown {
  return JSON.parse(fromUtf8(bytes), (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && keys[0] === '$hex' && typeof o.$hex === 'string') return fromHex(o.$hex, '$hex');
    }
    return v;
  });
}

/** Decode a call body strictly: INVALID_ARGUMENT `call_malformed` naming what is wrong. */
export function decodeMediationCall(body: Uint8Array): MediationCall {
  let c: unknown;
  try {
    c = decodeWireJson(body);
  } catch (e) {
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'call_malformed', `mediation call: not JSON (${(e as Error).message})`);
  }
  const o = c as Partial<MediationCall> | null;
  if (o === null || typeof o !== 'object' || !MEDIATION_METHODS.includes(o.method as MediationMethod) || !Array.isArray(o.args))
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'call_malformed',
      'mediation call: expected { method, args[] } with a known method',
    );
  return { method: o.method as MediationMethod, args: o.args };
}
