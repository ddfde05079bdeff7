/**
 * A notary's memory of what it signed: an append-only file (JSON lines) in its data dir, one line
 * per (chain, height) → block hash, written and fsync'd BEFORE the signature leaves the process.
 * It is what keeps a notary from equivocating (src/verify/notary-misbehaviour.ts) across
 * restarts, and even when its node later reports another block at a height it signed (a reorg
 * deeper than its depth): `record` refuses a second hash at a signed height.
 *
 * Lines (each with `sum`, the first 16 hex of sha256 of the other fields, so a damaged line is
 * told apart from a valid one):
 * ```
 *   {"kind":"signed","chain":"land-evm","height":12,"hash":"0x…","sum":"…"}
 *   {"kind":"resume","chain":"land-evm","height":40,"sum":"…"}
 * ```
 * `resume` is an operator's decision after a refusal (adapters/evm/README.md "Notaries"): signing
 * goes on at `height`, whose parent is not linked to anything signed before it. It never allows a
 * second hash at a height already signed.
 *
 * A file that does not parse is refused (`notary_journal_corrupt`), never emptied or repaired:
 * forgetting a signature is how a notary would come to sign a conflicting block.
 * Synchronous I/O on purpose: check-then-append happens in one turn of the event loop, so two
 * calls cannot interleave between the check and the write.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { sha256 } from '../../src/crypto/hash.js';
import { equalBytes, toHex, utf8 } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { rpcData, toRpcHex } from '../../src/verify/evm/rpc-hex.js';

/** The journal's file name in a notary's data dir. */
export const NOTARY_JOURNAL_FILE = 'notary-journal.jsonl';

/** What `record` did: appended a new line, or found the same hash already journaled. */
export type JournalRecordOutcome = 'appended' | 'already_signed';

const JOURNAL_MODE = 0o600;

const checksum = (fields: string): string => toHex(sha256(utf8(fields))).slice(0, 16);
const signedFields = (chain: string, height: number, hashHex: string): string => `signed|${chain}|${height}|${hashHex}`;
const resumeFields = (chain: string, height: number): string => `resume|${chain}|${height}`;

const corrupt = (path: string, line: number, why: string): CourtbridgeError =>
  new CourtbridgeError(
    ErrorCode.FailedPrecondition,
    'notary_journal_corrupt',
    `公证日志损坏 / notary journal ${path} line ${line}: ${why}. The notary will not start on a journal it cannot read: ` +
      'it would forget what it signed. Restore the file from a backup; if only the LAST line is cut short (a crash while ' +
      'writing it, no newline at its end), that entry was never signed and the operator may delete that partial line.',
    { details: { path, line } },
  );

/** Per chain: the hash signed at each height, the heights where signing resumed, the highest height. */
interface ChainLog {
  signed: Map<number, Uint8Array>;
  resumes: Set<number>;
  top: number;
}

export class NotaryJournal {
  private readonly chains = new Map<string, ChainLog>();
  private fd: number | undefined;

  private constructor(readonly path: string) {}

  /**
   * Open (or create) the journal at `path` and read every line.
   * @throws CourtbridgeError `notary_journal_corrupt` naming the first bad line
   */
  static open(path: string): NotaryJournal {
    const j = new NotaryJournal(path);
    const created = !existsSync(path);
    if (!created) j.load(readFileSync(path, 'utf8'));
    j.fd = openSync(path, 'a', JOURNAL_MODE);
    if (created) {
      // The new file's directory entry must survive a crash too, or the first line goes with it.
      const dir = openSync(dirname(path), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
    return j;
  }

  /** The hash this notary signed at (chain, height), if any. */
  signedAt(chainId: string, height: number): Uint8Array | undefined {
    return this.chains.get(chainId)?.signed.get(height);
  }

  /** Whether an operator resumed signing at this height (its parent is not linked). */
  resumedAt(chainId: string, height: number): boolean {
    return this.chains.get(chainId)?.resumes.has(height) ?? false;
  }

  /** The highest height signed or resumed at for the chain; undefined for a chain never signed. */
  top(chainId: string): number | undefined {
    return this.chains.get(chainId)?.top;
  }

  /**
   * Journal that this notary signs `blockHash` at (chain, height), durably, before it signs.
   * Idempotent for the same hash (a restart that republishes).
   * @throws CourtbridgeError `notary_refuses_conflicting_block` when another hash was signed there
   */
  record(chainId: string, height: number, blockHash: Uint8Array): JournalRecordOutcome {
    const signed = this.signedAt(chainId, height);
    if (signed !== undefined) {
      if (equalBytes(signed, blockHash)) return 'already_signed';
      throw conflictingBlock(chainId, height, signed, blockHash);
    }
    const hashHex = toRpcHex(blockHash);
    this.append({ kind: 'signed', chain: chainId, height, hash: hashHex, sum: checksum(signedFields(chainId, height, hashHex)) });
    this.apply(chainId).signed.set(height, Uint8Array.from(blockHash));
    this.bump(chainId, height);
    return 'appended';
  }

  /**
   * An operator's resume after a refusal: signing goes on at `height` without linking its parent
   * to what was signed before. It must be above every height signed for the chain.
   * @throws CourtbridgeError INVALID_ARGUMENT `invalid_config` for a height at or below the journal's top
   */
  resume(chainId: string, height: number): void {
    const top = this.top(chainId);
    if (!Number.isSafeInteger(height) || height < 0 || (top !== undefined && height <= top)) {
      throw new CourtbridgeError(
        ErrorCode.InvalidArgument,
        'invalid_config',
        `resume ${chainId} at ${height}: choose a height above ${top ?? -1}, the highest this notary signed; it never signs a height twice`,
        { details: { chainId, height } },
      );
    }
    this.append({ kind: 'resume', chain: chainId, height, sum: checksum(resumeFields(chainId, height)) });
    this.apply(chainId).resumes.add(height);
    this.bump(chainId, height);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private append(line: Record<string, unknown>): void {
    if (this.fd === undefined) throw new Error(`notary journal ${this.path} is closed`);
    const bytes = utf8(`${JSON.stringify(line)}\n`);
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
    fsyncSync(this.fd);
  }

  private apply(chainId: string): ChainLog {
    let c = this.chains.get(chainId);
    if (c === undefined) {
      c = { signed: new Map(), resumes: new Set(), top: -1 };
      this.chains.set(chainId, c);
    }
    return c;
  }

  private bump(chainId: string, height: number): void {
    const c = this.apply(chainId);
    c.top = Math.max(c.top, height);
  }

  private load(text: string): void {
    const lines = text.split('\n');
    if (lines.at(-1) !== '') throw corrupt(this.path, lines.length, 'the last line has no newline at its end (cut short)');
    lines.pop();
    for (const [i, raw] of lines.entries()) this.loadLine(raw, i + 1);
  }

  private loadLine(raw: string, n: number): void {
    let j: unknown;
    try {
      j = JSON.parse(raw);
    } catch {
      throw corrupt(this.path, n, 'not JSON');
    }
    if (typeof j !== 'object' || j === null || Array.isArray(j)) throw corrupt(this.path, n, 'not a JSON object');
    const { kind, chain, height, hash, sum } = j as Record<string, unknown>;
    if (typeof chain !== 'string' || chain === '' || !Number.isSafeInteger(height) || (height as number) < 0) {
      throw corrupt(this.path, n, 'no chain id or height');
    }
    const h = height as number;
    if (kind === 'signed') {
      if (typeof hash !== 'string') throw corrupt(this.path, n, 'no block hash');
      if (sum !== checksum(signedFields(chain, h, hash))) throw corrupt(this.path, n, 'checksum does not match the line');
      let bytes: Uint8Array;
      try {
        bytes = rpcData(hash, 'hash', 'evm_header_malformed', 32);
      } catch {
        throw corrupt(this.path, n, `${hash} is not a 32-byte hash`);
      }
      const before = this.signedAt(chain, h);
      if (before !== undefined && !equalBytes(before, bytes)) {
        throw corrupt(this.path, n, `a second hash ${hash} at ${chain} ${h}, after ${toRpcHex(before)}; this journal was edited`);
      }
      this.apply(chain).signed.set(h, bytes);
    } else if (kind === 'resume') {
      if (sum !== checksum(resumeFields(chain, h))) throw corrupt(this.path, n, 'checksum does not match the line');
      this.apply(chain).resumes.add(h);
    } else {
      throw corrupt(this.path, n, `unknown kind ${JSON.stringify(kind)}`);
    }
    this.bump(chain, h);
  }
}

/** The refusal to sign `offered` where `signed` was signed; names both hashes. */
export function conflictingBlock(chainId: string, height: number, signed: Uint8Array, offered: Uint8Array): CourtbridgeError {
  return new CourtbridgeError(
    ErrorCode.FailedPrecondition,
    'notary_refuses_conflicting_block',
    `公证人拒绝签署冲突区块 / ${chainId} height ${height}: this notary signed ${toRpcHex(signed)} there, the node now reports ` +
      `${toRpcHex(offered)}; the chain was reorganised deeper than the notary's depth. Signing stopped for ${chainId}; ` +
      'see adapters/evm/README.md "Notaries" for what to do',
    { details: { chainId, height, signed: toRpcHex(signed), offered: toRpcHex(offered) } },
  );
}
