/**
 * Agencies' acknowledgements of filings: a signed `filing.ack` envelope per (filing, agency) in
 * the KV bucket `cb_filing_acks`, so the court sees who acknowledged which filing. Keys are
 * hashes (`<case>.<agency>`): case ids hold characters KV keys do not allow.
 */
import type { KV } from 'nats';
import { encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../../bus/envelope.js';
import { sha256 } from '../../crypto/hash.js';
import { toHex, utf8 } from '../../encoding/bytes.js';
import { decodeCanonicalObject, encodeCanonical } from '../../encoding/canonical-json.js';
import type { Authority } from '../../identity/authority.js';
import { openSigned, type FilingDrop } from './filing-verify.js';
import { listKvKeys } from '../../bus/kv-keys.js';

export const FILING_ACK_TYPE = 'filing.ack';

export interface FilingAck {
  chainId: string;
  caseId: string;
  agencyDid: string;
  /** The stream sequence the filing was delivered at. */
  seq: number;
  /** The filing envelope acknowledged: its sender and message id. */
  filingSender: string;
  filingMsgId: string;
  ackedAtMs: number;
}

const h32 = (s: string): string => toHex(sha256(utf8(s))).slice(0, 32);
export const filingAckPrefix = (chainId: string, caseId: string): string => `f${h32(`${chainId}/${caseId}`)}`;
export const filingAckKey = (chainId: string, caseId: string, agencyDid: string): string =>
  `${filingAckPrefix(chainId, caseId)}.a${h32(agencyDid)}`;

/** Sign and store `agency`'s ack; returns the KV revision. */
export async function recordFilingAck(kv: KV, agency: EnvelopeSigner, ack: Omit<FilingAck, 'agencyDid'>): Promise<number> {
  const body = encodeCanonical({ type: 'filing_ack', schema: 1, ...ack, agencyDid: agency.did }, 'filing_ack');
  const env = sealEnvelope(agency, FILING_ACK_TYPE, body, ack.ackedAtMs);
  return kv.put(filingAckKey(ack.chainId, ack.caseId, agency.did), encodeEnvelope(env));
}

/** Verify one stored ack: signed by the agency it names, for the case it is filed under. */
export function judgeFilingAck(
  wire: Uint8Array,
  authority: Authority,
  nowMs: number,
): { ok: true; ack: FilingAck } | { ok: false; drop: FilingDrop } {
  const opened = openSigned(wire, FILING_ACK_TYPE, { authority, nowMs });
  if (!opened.ok) return opened;
  const env = opened.env;
  try {
    const o = decodeCanonicalObject(env.body, 'filing_ack') as Record<string, unknown>;
    const s = (k: string): string => {
      if (typeof o[k] !== 'string') throw new RangeError(`${k}: expected a string`);
      return o[k] as string;
    };
    const n = (k: string): number => {
      if (!Number.isSafeInteger(o[k])) throw new RangeError(`${k}: expected an integer`);
      return o[k] as number;
    };
    if (o['type'] !== 'filing_ack' || o['schema'] !== 1) throw new RangeError('type: expected filing_ack schema 1');
    const ack: FilingAck = {
      chainId: s('chainId'),
      caseId: s('caseId'),
      agencyDid: s('agencyDid'),
      seq: n('seq'),
      filingSender: s('filingSender'),
      filingMsgId: s('filingMsgId'),
      ackedAtMs: n('ackedAtMs'),
    };
    if (ack.agencyDid !== env.senderDid) throw new RangeError(`agencyDid: ${ack.agencyDid} did not sign it (${env.senderDid} did)`);
    return { ok: true, ack };
  } catch (e) {
    return { ok: false, drop: { reason: 'filing_ack_invalid', message: (e as Error).message, claimedSender: env.senderDid } };
  }
}

export interface FilingAcks {
  acks: FilingAck[];
  /** Stored entries that did not verify (forged, or filed under another case). */
  invalid: FilingDrop[];
}

/** Who acknowledged the filing of `caseId`: every verified ack, by agency DID. */
export async function listFilingAcks(kv: KV, authority: Authority, chainId: string, caseId: string, nowMs: number): Promise<FilingAcks> {
  const out: FilingAcks = { acks: [], invalid: [] };
  for (const k of await listKvKeys(kv, `${filingAckPrefix(chainId, caseId)}.>`)) {
    const e = await kv.get(k);
    if (e === null || e.value.length === 0) continue;
    const v = judgeFilingAck(e.value, authority, nowMs);
    if (!v.ok) out.invalid.push(v.drop);
    else if (v.ack.chainId !== chainId || v.ack.caseId !== caseId || filingAckKey(chainId, caseId, v.ack.agencyDid) !== k)
      out.invalid.push({
        reason: 'filing_ack_invalid',
        message: `entry ${k} holds an ack of another filing or agency`,
        claimedSender: v.ack.agencyDid,
      });
    else out.acks.push(v.ack);
  }
  out.acks.sort((a, b) => a.agencyDid.localeCompare(b.agencyDid));
  return out;
}
