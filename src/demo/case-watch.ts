/**
 * Following a case the way a court's system does: MediationService.WatchCase through the gateway,
 * each audit entry as the workflow service writes it. The gateway forwards the watch to one
 * replica; when that replica goes away the stream ends with UNAVAILABLE (`workflows_unavailable`)
 * and the watch is taken up again from the next sequence, so no entry is lost or shown twice.
 * Each entry's bytes are checked as they arrive: sha256(record) is its hash, and it links to the
 * entry before it.
 */
import * as grpc from '@grpc/grpc-js';
import { sha256 } from '../crypto/hash.js';
import { equalBytes } from '../encoding/bytes.js';
import type { GatewayConnection } from '../client/gateway-client.js';
import type { CaseUpdate__Output } from '../generated/courtbridge/v1/CaseUpdate.js';
import { GENESIS_PREV_HASH } from '../workflows/audit-log.js';

export interface WatchedEntry {
  sequence: number;
  event: string;
  detail: string;
  atMs: number;
  /** The update's case status (CASE_STATUS_*), and its mediation status (MEDIATION_STATUS_*). */
  status: string;
  mediationStatus: string;
}

export interface WatchOutcome {
  entries: WatchedEntry[];
  /** Every entry's record hashed to its entry hash and linked to the one before. */
  linked: boolean;
  /** How many times the watch was taken up again after its stream ended. */
  rewatched: number;
}

/**
 * Watch `caseId` from the start until `until(entry)` is true for an arrived entry.
 * @throws Error when that does not happen within `timeoutMs`
 */
export async function watchCaseUntil(o: {
  conn: GatewayConnection;
  bearer: () => string;
  caseId: string;
  until: (e: WatchedEntry) => boolean;
  onEntry: (e: WatchedEntry) => void | Promise<void>;
  timeoutMs: number;
}): Promise<WatchOutcome> {
  const client = o.conn.client('MediationService');
  const entries: WatchedEntry[] = [];
  let prev: Uint8Array = GENESIS_PREV_HASH;
  let linked = true;
  let rewatched = -1;
  const deadline = Date.now() + o.timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    rewatched++;
    const md = new grpc.Metadata();
    md.set('authorization', `Bearer ${o.bearer()}`);
    const stream = client.WatchCase({ caseId: o.caseId, fromSequence: entries.length + 1 }, md);
    const finished = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        stream.cancel();
        resolve(false);
      }, deadline - Date.now());
      // Entries are handled one at a time, in order, even when handling one takes a while.
      let chain = Promise.resolve();
      let done = false;
      stream.on('data', (u: CaseUpdate__Output) => {
        chain = chain.then(async () => {
          const e = u.entry;
          if (done || e === null || Number(e.sequence) !== entries.length + 1) return;
          linked &&= equalBytes(sha256(e.record), e.entryHash) && equalBytes(e.prevHash, prev);
          prev = e.entryHash;
          const w: WatchedEntry = {
            sequence: Number(e.sequence),
            event: e.event,
            detail: e.detail,
            atMs: Number(e.atMs),
            status: String(u.status),
            mediationStatus: String(u.mediationStatus),
          };
          entries.push(w);
          await o.onEntry(w);
          if (o.until(w)) {
            done = true;
            clearTimeout(timer);
            stream.cancel();
            resolve(true);
          }
        });
      });
      const ended = (err?: Error): void => {
        void chain.then(() => {
          if (done) return;
          done = true;
          if (err) lastError = err.message;
          clearTimeout(timer);
          resolve(false);
        });
      };
      stream.on('error', (err) => ended(err));
      stream.on('end', () => ended());
    });
    if (finished) return { entries, linked, rewatched };
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(
    `timed out watching case ${o.caseId} (${entries.length} entries, last ${entries.at(-1)?.event ?? 'none'}${lastError ? `; ${lastError}` : ''})`,
  );
}
