/**
 * A state snapshot of the dev ledger at one height, so a restart does not replay every block.
 * Layout: u64 height, fixed32 stateRoot, u32 n, n x (string key, bytes value),
 * u32 m, m x (string indexKey, string recordKey), u32 k, k x string txId; the file is written
 * to a temp name and renamed (atomic), and carries a trailing sha256 like the block log.
 * A snapshot is only used when its root equals the logged header's state root at its height.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ByteReader, ByteWriter, concatBytes, equalBytes } from '../../encoding/bytes.js';
import { sha256 } from '../../crypto/hash.js';

export interface Snapshot {
  height: number;
  stateRoot: Uint8Array;
  values: Map<string, Uint8Array>;
  /** `<index name>/<index value>` -> record keys */
  index: Map<string, Set<string>>;
  txIds: Set<string>;
}

export function writeSnapshot(path: string, s: Snapshot): void {
  const w = new ByteWriter().u64(s.height).fixed(s.stateRoot, 32, 'snapshot.stateRoot').u32(s.values.size);
  for (const [k, v] of s.values) w.string(k).bytes(v);
  let m = 0;
  for (const set of s.index.values()) m += set.size;
  w.u32(m);
  for (const [ik, set] of s.index) for (const rk of set) w.string(ik).string(rk);
  w.u32(s.txIds.size);
  for (const id of s.txIds) w.string(id);
  const body = w.finish();
  writeFileSync(`${path}.tmp`, concatBytes(body, sha256(body)), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

/** The snapshot at `path`, or undefined when absent or damaged (the log is the source of truth). */
export function readSnapshot(path: string): Snapshot | undefined {
  if (!existsSync(path)) return undefined;
  const buf = new Uint8Array(readFileSync(path));
  if (buf.length < 32) return undefined;
  const body = buf.subarray(0, buf.length - 32);
  if (!equalBytes(sha256(body), buf.subarray(buf.length - 32))) return undefined;
  try {
    const r = new ByteReader(body);
    const height = r.u64n();
    const stateRoot = r.fixed(32).slice();
    const values = new Map<string, Uint8Array>();
    for (let n = r.u32(), i = 0; i < n; i++) values.set(r.string(), r.bytes().slice());
    const index = new Map<string, Set<string>>();
    for (let m = r.u32(), i = 0; i < m; i++) {
      const ik = r.string();
      const rk = r.string();
      let set = index.get(ik);
      if (!set) {
        set = new Set();
        index.set(ik, set);
      }
      set.add(rk);
    }
    const txIds = new Set<string>();
    for (let k = r.u32(), i = 0; i < k; i++) txIds.add(r.string());
    r.end('snapshot');
    return { height, stateRoot, values, index, txIds };
  } catch {
    return undefined;
  }
}
