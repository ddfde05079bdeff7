/**
 * Deciding whether a delivered filing is to be trusted. Pure: no I/O, the time given.
 *
 * Checks, in order: strict decode (`malformed` | `unsigned`), the type (`unknown_type`), the
 * sender's clock (`from_future`), the sender's key at the envelope's time (`unknown_sender` |
 * `revoked`), the signature (`tampered`), the sender may publish filings (`out_of_role`), the
 * body (`filing_malformed`), the subject names the filing's cause (`filing_subject_mismatch`).
 * No age limit: filings are replayed from the stream long after they were signed; the key and
 * role are those at the envelope's time, so an archived filing stays verifiable.
 */
import { decodeEnvelope, envelopeSigningInput, type Envelope } from '../../bus/envelope.js';
import type { DropReason } from '../../bus/envelope-verify.js';
import { verify } from '../../crypto/signature-suite.js';
import { isCourtbridgeError } from '../../errors.js';
import type { Authority, AuthorityRejection } from '../../identity/authority.js';
import { mayPublishFilings } from './filing-policy.js';
import { decodeFiling, type FilingRecord } from './filing-record.js';
import type { FilingReason } from './filing-reasons.js';
import { causeOfSubject } from './filing-stream.js';

export const FILING_TYPE = 'filing.record';

export type FilingDropReason = DropReason | FilingReason;

export interface FilingDrop {
  reason: FilingDropReason;
  message: string;
  /** Who the envelope claims sent it (never trusted: the drop may be for a forgery). */
  claimedSender?: string;
}

export type FilingVerdict = { kind: 'accepted'; filing: FilingRecord; envelope: Envelope } | { kind: 'dropped'; drop: FilingDrop };

export interface JudgeOptions {
  authority: Authority;
  nowMs: number;
  /** How far ahead of `nowMs` a publisher's clock may run; 30 s unless told. */
  maxFutureSkewMs?: number;
}

const fromAuthority = (r: AuthorityRejection): DropReason =>
  r === 'revoked' ? 'revoked' : r === 'out_of_role' || r === 'chain_not_allowed' ? 'out_of_role' : 'unknown_sender';

/** Decode, check the signature and key at the envelope's time. Shared by filings and acks. */
export function openSigned(wire: Uint8Array, type: string, o: JudgeOptions): { ok: true; env: Envelope } | { ok: false; drop: FilingDrop } {
  let env: Envelope;
  try {
    env = decodeEnvelope(wire);
  } catch (e) {
    const reason = isCourtbridgeError(e) && e.reason === 'unsigned' ? 'unsigned' : 'malformed';
    return { ok: false, drop: { reason, message: (e as Error).message } };
  }
  const d = (reason: FilingDropReason, message: string) => ({
    ok: false as const,
    drop: { reason, message, claimedSender: env.senderDid },
  });
  if (env.type !== type) return d('unknown_type', `expected a ${type} envelope, got ${env.type}`);
  const skew = o.maxFutureSkewMs ?? 30_000;
  if (env.timestampMs - o.nowMs > skew) return d('from_future', `envelope is ${env.timestampMs - o.nowMs} ms ahead (max skew ${skew})`);
  const key = o.authority.keyAt(env.senderDid, env.kid, env.timestampMs);
  if (!key.ok) return d(fromAuthority(key.reason), key.message);
  if (!verify(env.signature, envelopeSigningInput(env), key.publicKey)) return d('tampered', `signature does not verify under ${env.kid}`);
  return { ok: true, env };
}

/** The verdict on one filing delivered on `subject`. Never throws for bad input. */
export function judgeFiling(wire: Uint8Array, subject: string, o: JudgeOptions): FilingVerdict {
  const opened = openSigned(wire, FILING_TYPE, o);
  if (!opened.ok) return { kind: 'dropped', drop: opened.drop };
  const env = opened.env;
  const drop = (reason: FilingDropReason, message: string): FilingVerdict => ({
    kind: 'dropped',
    drop: { reason, message, claimedSender: env.senderDid },
  });
  const role = mayPublishFilings(o.authority, env.senderDid, env.timestampMs);
  if (!role.ok) return drop(fromAuthority(role.reason), role.message);
  let filing: FilingRecord;
  try {
    filing = decodeFiling(env.body);
  } catch (e) {
    return drop('filing_malformed', (e as Error).message);
  }
  if (causeOfSubject(subject) !== filing.causeType)
    return drop('filing_subject_mismatch', `a ${filing.causeType} filing arrived on ${subject}`);
  return { kind: 'accepted', filing, envelope: env };
}
