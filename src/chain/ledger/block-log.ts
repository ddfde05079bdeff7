/**
 * The dev ledger's append-only block log. Each record on disk:
 *   u32 length (BE) | body (encodeBlock) | sha256(body) (32 bytes)
 * A record cut short (a crash mid-write) or whose checksum does not match makes `readAll`
 * refuse with a message naming the file, the offset and how to recover: a ledger never starts
 * on a log it cannot fully trust.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { sha256 } from '../../crypto/hash.js';
import { concatBytes, equalBytes } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';

const CHECKSUM = 32;
/** Bytes read at a time. */
const CHUNK = 1 << 20;
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;

export class BlockLog {
  private fd: number | undefined;

  constructor(
    readonly path: string,
    private readonly opts: { fsync?: boolean } = {},
  ) {}

  /** No record yet (no file, or an empty one). */
  isEmpty(): boolean {
    return !existsSync(this.path) || statSync(this.path).size === 0;
  }

  /** Every record body in order; throws FAILED_PRECONDITION `corrupt_block_log` on damage. */
  readAll(): Uint8Array[] {
    return [...this.records()];
  }

  /**
   * The record bodies in order, read in chunks (the log may be far larger than memory or a
   * Buffer's 2 GiB); throws FAILED_PRECONDITION `corrupt_block_log` at the first damaged record,
   * after yielding every intact one before it. A body is a fresh copy.
   */
  *records(): Generator<Uint8Array> {
    if (!existsSync(this.path)) return;
    const fd = openSync(this.path, 'r');
    try {
      const size = fstatSync(fd).size;
      let buf = Buffer.alloc(CHUNK);
      let start = 0;
      let end = 0;
      let fileAt = 0;
      /** Make at least `need` bytes available at `start` (fewer only at the end of the file). */
      const fill = (need: number): number => {
        if (end - start >= need) return end - start;
        if (start > 0) {
          buf.copy(buf, 0, start, end);
          end -= start;
          start = 0;
        }
        if (need > buf.length) {
          const bigger = Buffer.alloc(need);
          buf.copy(bigger, 0, 0, end);
          buf = bigger;
        }
        while (end < need && fileAt < size) {
          const n = readSync(fd, buf, end, buf.length - end, fileAt);
          if (n === 0) break;
          end += n;
          fileAt += n;
        }
        return end - start;
      };
      let o = 0;
      let count = 0;
      while (fill(1) > 0) {
        const corrupt = (what: string): never => {
          throw new CourtbridgeError(
            ErrorCode.FailedPrecondition,
            'corrupt_block_log',
            `block log ${this.path} is ${what} at byte ${o} (record ${count + 1}); refusing to start. ` +
              `Restore the file from a replica or backup; records before byte ${o} are intact.`,
            { details: { offset: o, record: count + 1 } },
          );
        };
        if (fill(4) < 4) corrupt('truncated (partial length prefix)');
        const len = buf.readUInt32BE(start);
        if (len === 0 || len > MAX_RECORD_BYTES) corrupt(`corrupted (impossible record length ${len})`);
        const total = 4 + len + CHECKSUM;
        if (fill(total) < total) corrupt('truncated (record cut short)');
        const body = new Uint8Array(buf.subarray(start + 4, start + 4 + len));
        if (!equalBytes(sha256(body), buf.subarray(start + 4 + len, start + total))) corrupt('corrupted (checksum mismatch)');
        start += total;
        o += total;
        count++;
        yield body;
      }
    } finally {
      closeSync(fd);
    }
  }

  append(body: Uint8Array): void {
    if (this.fd === undefined) this.fd = openSync(this.path, 'a', 0o600);
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, body.length);
    writeSync(this.fd, concatBytes(len, body, sha256(body)));
    if (this.opts.fsync) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
