/**
 * Where filings travel: stream `CB_FILINGS` (subjects `cb.v1.filing.<causeType>`, durable and
 * deduplicated, replayable by sequence) and the KV bucket `cb_filing_acks` of agencies' signed
 * acknowledgements. Provisioned like the other streams (src/bus/jetstream.ts): idempotent, safe
 * to race, replicas from the deployment's config.
 */
import type { KV, NatsConnection } from 'nats';
import { ensureKv, ensureStream, type EnsureOutcome } from '../../bus/jetstream.js';
import { SUBJECT_PREFIX } from '../../bus/subjects.js';
import { isCauseType, type CauseType } from './filing-record.js';

export const FILINGS_STREAM = { name: 'CB_FILINGS', subjects: [`${SUBJECT_PREFIX}.filing.>`] } as const;
export const FILING_ACKS_BUCKET = 'cb_filing_acks';

export function filingSubject(cause: CauseType): string {
  if (!isCauseType(cause)) throw new TypeError(`cause: ${String(cause)} is not a cause type`);
  return `${SUBJECT_PREFIX}.filing.${cause}`;
}

/** The cause type a filing subject names, or undefined. */
export function causeOfSubject(subject: string): CauseType | undefined {
  const prefix = `${SUBJECT_PREFIX}.filing.`;
  if (!subject.startsWith(prefix)) return undefined;
  const c = subject.slice(prefix.length);
  return isCauseType(c) ? c : undefined;
}

export interface FilingsProvisioned {
  stream: EnsureOutcome;
  acks: KV;
}

export async function provisionFilings(nc: NatsConnection, options: { replicas?: number } = {}): Promise<FilingsProvisioned> {
  const replicas = options.replicas ?? 1;
  const stream = await ensureStream(await nc.jetstreamManager(), { ...FILINGS_STREAM, replicas });
  // History: an agency that acknowledges again (after a replay) keeps its first ack visible.
  const acks = await ensureKv(nc.jetstream(), FILING_ACKS_BUCKET, { history: 5, replicas });
  return { stream: stream.outcome, acks };
}
