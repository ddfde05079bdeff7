/**
 * The record database of a `notary` chain: a versioned key-value store in ONE append-only file of
 * JSON lines. Each line is one atomic write batch and the database version it made:
 * ```
 *   {"version":7,"writes":[{"key":"enterprise/9131...","value":"<base64>"},{"key":"applied/a-1","value":null}]}
 * ```
 * (`value: null` deletes the key). Versions start at 1 and grow by one per line; version 0 is the
 * empty database. Every line is fsync'd before `put` returns, so a version once returned is durable.
 *
 * The writer (the adapter's backend) holds the file open for appending; readers (the chain's
 * notaries, each reading the record itself) open the same file read-only and re-read what was
 * appended since (`refresh`, polling the file's size): a reader may be behind, never ahead.
 * Reads are as of a version: an in-memory index keeps, per key, every (version, value) written.
 *
 * A file that cannot be read as this log (a line that is not JSON of this shape, a version out of
 * order, a last line cut short when the writer opens it, a file that shrank) is refused with
 * FAILED_PRECONDITION `record_db_corrupt` naming the line: it is never rewritten or truncated here.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';

/** One write of a batch: `value` null deletes the key. */
export interface RecordWrite {
  key: string;
  value: Uint8Array | null;
}

export interface RecordDbOpenOptions {
  /** A reader (a notary): never writes, sees appends through `refresh`. The file must exist. */
  readOnly?: boolean;
}

/** Keys are 1-512 characters with no control characters (they become wire keys). */
const KEY_RE = /^[^\u0000-\u001f\u007f]{1,512}$/u;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const NEWLINE = 0x0a;
const READ_CHUNK = 1 << 16;

/** Every (version, value) written to one key, oldest first. */
interface KeyHistory {
  versions: number[];
  values: (Uint8Array | null)[];
}

const corrupt = (path: string, line: number, why: string): CourtbridgeError =>
  new CourtbridgeError(
    ErrorCode.FailedPrecondition,
    'record_db_corrupt',
    `记录库文件损坏 / record database ${path} line ${line}: ${why}; it is never rewritten: restore it from a replica or backup`,
    { details: { path, line } },
  );

export class RecordDb {
  private readonly index = new Map<string, KeyHistory>();
  private current = 0;
  /** Bytes of the file consumed so far (through the last complete line). */
  private offset = 0;
  private lines = 0;
  private fd: number | undefined;

  private constructor(
    readonly path: string,
    readonly readOnly: boolean,
  ) {}

  /**
   * Open (the writer creates an absent file, mode 600) and read the whole log.
   * @throws CourtbridgeError FAILED_PRECONDITION `record_db_corrupt`; the fs error (ENOENT) when a reader's file is absent
   */
  static open(path: string, options: RecordDbOpenOptions = {}): RecordDb {
    const db = new RecordDb(path, options.readOnly === true);
    const created = !db.readOnly && !existsSync(path);
    db.fd = openSync(path, db.readOnly ? 'r' : 'a+', 0o600);
    try {
      if (created) RecordDb.syncDir(dirname(path));
      db.readAppended();
      if (!db.readOnly && db.offset !== fstatSync(db.fd).size) {
        // The writer crashed mid-line: the batch never completed, and nothing is guessed here.
        throw corrupt(path, db.lines + 1, 'the last line is cut short (no newline)');
      }
    } catch (e) {
      db.close();
      throw e;
    }
    return db;
  }

  private static syncDir(dir: string): void {
    const d = openSync(dir, 'r');
    try {
      fsyncSync(d);
    } finally {
      closeSync(d);
    }
  }

  /** The latest version (0: nothing written yet). A reader's is as of its last `refresh`. */
  version(): number {
    return this.current;
  }

  /**
   * `key`'s value as of `version` (the latest unless told), `null` when absent then.
   * @throws RangeError when `version` is not an integer 0..version()
   */
  get(key: string, version: number = this.current): Uint8Array | null {
    if (!Number.isSafeInteger(version) || version < 0 || version > this.current)
      throw new RangeError(`version: expected an integer 0..${this.current}, got ${version}`);
    const h = this.index.get(key);
    if (h === undefined) return null;
    // The last write at or below `version` (binary search: versions grow).
    let lo = 0;
    let hi = h.versions.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (h.versions[mid]! <= version) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? null : h.values[found]!;
  }

  /** The version that first wrote `key`, or undefined when it was never written. */
  firstWrittenAt(key: string): number | undefined {
    return this.index.get(key)?.versions[0];
  }

  /**
   * Append `writes` as one batch at the next version, fsync'd before it returns.
   * @returns the new version
   * @throws CourtbridgeError FAILED_PRECONDITION `record_db_read_only` on a reader; TypeError on an empty batch, a bad key or a key twice
   */
  put(writes: readonly RecordWrite[]): number {
    if (this.readOnly || this.fd === undefined) {
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'record_db_read_only',
        `record database ${this.path} is open read-only (or closed)`,
      );
    }
    if (writes.length === 0) throw new TypeError('writes: expected at least one write');
    const keys = new Set<string>();
    for (const w of writes) {
      if (typeof w.key !== 'string' || !KEY_RE.test(w.key))
        throw new TypeError(`writes: ${JSON.stringify(w.key)} is not a key (1-512 characters, no controls)`);
      if (keys.has(w.key)) throw new TypeError(`writes: key ${w.key} is written twice in one batch`);
      if (w.value !== null && !(w.value instanceof Uint8Array)) throw new TypeError(`writes: the value of ${w.key} is not bytes or null`);
      keys.add(w.key);
    }
    const version = this.current + 1;
    const line = {
      version,
      writes: writes.map((w) => ({ key: w.key, value: w.value === null ? null : Buffer.from(w.value).toString('base64') })),
    };
    const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
    fsyncSync(this.fd);
    this.apply(version, writes);
    this.offset += bytes.length;
    this.lines += 1;
    return version;
  }

  /**
   * A reader: read the lines appended since the last read (a line still being written waits for
   * the next refresh). The writer's view is always current, so this is a no-op there.
   * @returns the version now
   * @throws CourtbridgeError FAILED_PRECONDITION `record_db_corrupt`
   */
  refresh(): number {
    if (this.readOnly) this.readAppended();
    return this.current;
  }

  /** Close the file. Idempotent. */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private readAppended(): void {
    if (this.fd === undefined)
      throw new CourtbridgeError(ErrorCode.FailedPrecondition, 'record_db_read_only', `record database ${this.path} is closed`);
    const size = fstatSync(this.fd).size;
    if (size < this.offset) throw corrupt(this.path, this.lines, `the file shrank from ${this.offset} to ${size} bytes`);
    if (size === this.offset) return;
    const chunks: Buffer[] = [];
    let pos = this.offset;
    while (pos < size) {
      const buf = Buffer.alloc(Math.min(READ_CHUNK, size - pos));
      const n = readSync(this.fd, buf, 0, buf.length, pos);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      pos += n;
    }
    const data = Buffer.concat(chunks);
    // Split at newline bytes (never inside a UTF-8 sequence); an incomplete last line waits.
    let start = 0;
    for (let i = data.indexOf(NEWLINE); i >= 0; i = data.indexOf(NEWLINE, start)) {
      this.applyLine(data.subarray(start, i).toString('utf8'));
      this.offset += i + 1 - start;
      start = i + 1;
    }
  }

  private applyLine(text: string): void {
    const lineNo = this.lines + 1;
    const bad = (why: string): CourtbridgeError => corrupt(this.path, lineNo, why);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw bad('not JSON');
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw bad('not a JSON object');
    const { version, writes, ...rest } = json as Record<string, unknown>;
    if (Object.keys(rest).length > 0) throw bad(`unknown field ${Object.keys(rest)[0]}`);
    if (version !== this.current + 1) throw bad(`version ${JSON.stringify(version)} where ${this.current + 1} was expected`);
    if (!Array.isArray(writes) || writes.length === 0) throw bad('writes: expected a non-empty array');
    const batch: RecordWrite[] = [];
    const keys = new Set<string>();
    for (const w of writes as unknown[]) {
      if (w === null || typeof w !== 'object' || Array.isArray(w)) throw bad('a write is not an object');
      const { key, value, ...more } = w as Record<string, unknown>;
      if (Object.keys(more).length > 0) throw bad(`a write has an unknown field ${Object.keys(more)[0]}`);
      if (typeof key !== 'string' || !KEY_RE.test(key)) throw bad(`${JSON.stringify(key)} is not a key`);
      if (keys.has(key)) throw bad(`key ${key} is written twice in one batch`);
      keys.add(key);
      if (value !== null && (typeof value !== 'string' || !BASE64_RE.test(value))) throw bad(`the value of ${key} is not base64 or null`);
      batch.push({ key, value: value === null ? null : new Uint8Array(Buffer.from(value, 'base64')) });
    }
    this.apply(version, batch);
    this.lines = lineNo;
  }

  private apply(version: number, writes: readonly RecordWrite[]): void {
    for (const w of writes) {
      let h = this.index.get(w.key);
      if (h === undefined) {
        h = { versions: [], values: [] };
        this.index.set(w.key, h);
      }
      h.versions.push(version);
      h.values.push(w.value === null ? null : Uint8Array.from(w.value));
    }
    this.current = version;
  }
}
