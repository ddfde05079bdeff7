/**
 * The officer device's offline queue: on-site records are signed at capture time (their
 * `signedAtMs` is the device clock then, never the submission time), written to an append-only
 * file and fsynced before `capture` returns, so a record the officer saw captured survives a kill -9
 * or a flat battery. `flush` submits the pending records in capture order:
 *   - committed (or already committed)      -> `delivered` (kept in the log, never resent)
 *   - refused by the chain (a named reason)  -> `refused` with the reason (never retried)
 *   - not delivered (offline, NATS down, no intake answering, deadline) -> stays pending, flush stops
 * So nothing accepted is lost and nothing refused is retried forever.
 *
 * File: one JSON object per line, `\n`-terminated, each line fsynced:
 *   {"k":"captured","record":{...SignedOnsite}}
 *   {"k":"delivered","recordId":"…","outcome":"committed","height":12,"timeMs":…}
 *   {"k":"refused","recordId":"…","reason":"device_revoked","code":"PERMISSION_DENIED","message":"…"}
 * A last line without its `\n` is a write cut short by a crash (never acknowledged): it is dropped
 * and the file cut back to the last full line. Any other damage is `queue_corrupt`: the file is
 * evidence and is never rewritten.
 *
 * The hash chain (src/mobile/onsite-record.ts): each captured record carries the next sequence
 * number and the hash of the device's previous captured record, so the chain refuses a gap, a fork
 * or a replay. A record refused in the middle breaks the chain for the ones signed after it (they
 * link to it): they are refused too and stay in the refused list for the court to see.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { sha256 } from '../crypto/hash.js';
import { toHex, utf8 } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../errors.js';
import type { Signer } from '../identity/signer.js';
import type { IntakeReceipt } from '../bus/intake-reply.js';
import { Fields } from '../chain/ledger/record.js';
import {
  onsiteRecordHash,
  readSignedOnsite,
  signedOnsiteBody,
  signOnsite,
  ZERO_HASH,
  type OnsiteCapture,
  type SignedOnsite,
} from './onsite-record.js';

export interface DeliveredEntry {
  k: 'delivered';
  recordId: string;
  outcome: IntakeReceipt['outcome'];
  height: number;
  timeMs: number;
}
export interface RefusedEntry {
  k: 'refused';
  recordId: string;
  reason: string;
  code: string;
  message: string;
}
type Line = { k: 'captured'; record: SignedOnsite } | DeliveredEntry | RefusedEntry;

export interface FlushReport {
  delivered: DeliveredEntry[];
  refused: RefusedEntry[];
  /** Records still waiting (not delivered this time). */
  pending: number;
  /** Why the flush stopped early (the transport error's reason), if it did. */
  stoppedBy?: string;
}

/** Codes of a remote error that mean "not delivered, try later" rather than "refused". */
const TRANSIENT: ReadonlySet<string> = new Set([
  ErrorCode.Unavailable,
  ErrorCode.DeadlineExceeded,
  ErrorCode.Internal,
  ErrorCode.ResourceExhausted,
]);

/** Whether `e` is the chain's refusal of the record (an error reply with a reason), not a failure to deliver it. */
export function isRefusal(e: unknown): e is CourtbridgeError {
  return isCourtbridgeError(e) && e.details['remote'] === true && !TRANSIENT.has(e.code);
}

const corrupt = (file: string, message: string): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.FailedPrecondition, 'queue_corrupt', `offline queue ${file}: ${message}`);

/** The record id a device gives its `seq`-th record: unique per device, stable across restarts. */
export const deviceRecordId = (deviceDid: string, seq: number): string => `${toHex(sha256(utf8(deviceDid))).slice(0, 16)}-${seq}`;

export class OfflineQueue {
  private readonly captured: SignedOnsite[] = [];
  private readonly done = new Map<string, DeliveredEntry | RefusedEntry>();
  private fd: number;
  private flushing = false;

  private constructor(
    readonly file: string,
    private readonly device: Signer,
    readonly chainId: string,
  ) {
    const fresh = !existsSync(file);
    if (fresh) mkdirSync(dirname(file), { recursive: true });
    this.fd = openSync(file, 'a', 0o600);
    if (fresh) {
      // The new file's directory entry must survive a crash too.
      const dir = openSync(dirname(file), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
  }

  /** Open (or create) the queue at `file` for `device`, replaying what it holds. */
  static open(file: string, device: Signer, chainId = 'mobile'): OfflineQueue {
    const lines = existsSync(file) ? OfflineQueue.readLines(file) : [];
    const q = new OfflineQueue(file, device, chainId);
    for (const [i, line] of lines.entries()) q.replay(line, i + 1);
    return q;
  }

  /** The file's lines; a torn last line (no `\n`) is cut off the file. */
  private static readLines(file: string): Line[] {
    const text = readFileSync(file, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) truncateSync(file, Buffer.byteLength(text.slice(0, end), 'utf8'));
    const out: Line[] = [];
    for (const [i, raw] of text.slice(0, end).split('\n').slice(0, -1).entries()) {
      try {
        out.push(JSON.parse(raw) as Line);
      } catch {
        throw corrupt(file, `line ${i + 1} is not JSON`);
      }
    }
    return out;
  }

  private replay(line: Line, n: number): void {
    if (line.k === 'captured') {
      const r = line.record;
      const last = this.captured.at(-1);
      if (r?.deviceDid !== this.device.did) throw corrupt(this.file, `line ${n}: a record of another device`);
      if (r.seq !== (last?.seq ?? 0) + 1) throw corrupt(this.file, `line ${n}: sequence ${r.seq} after ${last?.seq ?? 0}`);
      this.captured.push(r);
    } else if (line.k === 'delivered' || line.k === 'refused') {
      if (!this.captured.some((r) => r.recordId === line.recordId)) throw corrupt(this.file, `line ${n}: outcome of an unknown record`);
      this.done.set(line.recordId, line);
    } else {
      throw corrupt(this.file, `line ${n}: unknown entry`);
    }
  }

  private append(line: Line): void {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.fd);
  }

  get deviceDid(): string {
    return this.device.did;
  }

  /**
   * Sign `c` now (`nowMs`: the device clock) as the device's next record and persist it; returns it
   * once on disk. A record the chain would refuse by its shape (a case id with `/`, no media, an
   * unknown action) is refused here, `invalid_record` naming the field, and never queued.
   */
  capture(c: OnsiteCapture, nowMs: number): SignedOnsite {
    const last = this.captured.at(-1);
    const seq = (last?.seq ?? 0) + 1;
    const record = signOnsite(
      this.chainId,
      {
        recordId: deviceRecordId(this.device.did, seq),
        deviceDid: this.device.did,
        caseId: c.caseId,
        signedAtMs: nowMs,
        place: c.place,
        action: c.action,
        mediaHashes: [...c.mediaHashes],
        seq,
        prevHash: last === undefined ? ZERO_HASH : onsiteRecordHash(this.chainId, last),
      },
      this.device,
    );
    const f = Fields.of(signedOnsiteBody(record), 'record');
    f.raw('type');
    f.raw('schema');
    readSignedOnsite(f);
    f.done();
    this.append({ k: 'captured', record });
    this.captured.push(record);
    return record;
  }

  /** Records not yet delivered nor refused, in capture order. */
  pending(): SignedOnsite[] {
    return this.captured.filter((r) => !this.done.has(r.recordId));
  }

  delivered(): DeliveredEntry[] {
    return [...this.done.values()].filter((e): e is DeliveredEntry => e.k === 'delivered');
  }

  refused(): RefusedEntry[] {
    return [...this.done.values()].filter((e): e is RefusedEntry => e.k === 'refused');
  }

  /** Every record captured, in order (delivered, refused and pending alike). */
  records(): SignedOnsite[] {
    return [...this.captured];
  }

  /** Submit the pending records in order with `submit` (src/mobile/intake-client.ts); see the module comment. */
  async flush(submit: (r: SignedOnsite) => Promise<IntakeReceipt>): Promise<FlushReport> {
    if (this.flushing) throw new CourtbridgeError(ErrorCode.FailedPrecondition, 'queue_busy', 'a flush is already running');
    this.flushing = true;
    const report: FlushReport = { delivered: [], refused: [], pending: 0 };
    try {
      for (const r of this.pending()) {
        let line: DeliveredEntry | RefusedEntry;
        try {
          const got = await submit(r);
          line = { k: 'delivered', recordId: r.recordId, outcome: got.outcome, height: got.height, timeMs: got.timeMs };
          report.delivered.push(line);
        } catch (e) {
          if (!isRefusal(e)) {
            report.stoppedBy = isCourtbridgeError(e) ? e.reason : String((e as Error)?.message ?? e);
            break;
          }
          line = { k: 'refused', recordId: r.recordId, reason: e.reason, code: e.code, message: e.message };
          report.refused.push(line);
        }
        this.append(line);
        this.done.set(r.recordId, line);
      }
    } finally {
      this.flushing = false;
    }
    report.pending = this.pending().length;
    return report;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
