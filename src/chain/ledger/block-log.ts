/**
 * The dev ledger's append-only block log. Each record on disk:
 *   u32 length (BE) | body (encodeBlock) | sha256(body) (32 bytes)
 * A record cut short (a crash mid-write) or whose checksum does not match makes `readAll`
 * refuse with a message naming the file, the offset and how to recover: a ledger never starts
 * on a log it cannot fully trust.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { sha256 } from '../../crypto/hash.js';
import { concatBytes, equalBytes } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';

const CHECKSUM = 32;
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;

export class BlockLog {
  private fd: number | undefined;

  constructor(
    readonly path: string,
    private readonly opts: { fsync?: boolean } = {},
  ) {}

  /** Every record body in order; throws FAILED_PRECONDITION `corrupt_block_log` on damage. */
  readAll(): Uint8Array[] {
    if (!existsSync(this.path)) return [];
    const buf = new Uint8Array(readFileSync(this.path));
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const out: Uint8Array[] = [];
    let o = 0;
    while (o < buf.length) {
      const corrupt = (what: string): never => {
        throw new CourtbridgeError(
          ErrorCode.FailedPrecondition,
          'corrupt_block_log',
          `block log ${this.path} is ${what} at byte ${o} (record ${out.length + 1}); refusing to start. ` +
            `Restore the file from a replica or backup; records before byte ${o} are intact.`,
          { details: { offset: o, record: out.length + 1 } },
        );
      };
      if (o + 4 > buf.length) corrupt('truncated (partial length prefix)');
      const len = view.getUint32(o);
      if (len === 0 || len > MAX_RECORD_BYTES) corrupt(`corrupted (impossible record length ${len})`);
      if (o + 4 + len + CHECKSUM > buf.length) corrupt('truncated (record cut short)');
      const body = buf.subarray(o + 4, o + 4 + len);
      if (!equalBytes(sha256(body), buf.subarray(o + 4 + len, o + 4 + len + CHECKSUM))) corrupt('corrupted (checksum mismatch)');
      out.push(body);
      o += 4 + len + CHECKSUM;
    }
    return out;
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
