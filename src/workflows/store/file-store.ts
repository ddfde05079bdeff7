/**
 * File-backed `WorkflowStore`: one file per key under a directory, written atomically
 * (write to a temp file, fsync, rename), so a crash leaves either the old or the new state.
 * A revision is the first 48 bits of the content's SHA-256: `write` lands only if the file still
 * holds what was read. For one process (dev, tests); replicas share a KV bucket (kv-store.ts).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../crypto/hash.js';
import { utf8 } from '../../encoding/bytes.js';
import type { VersionedValue, WorkflowStore } from '../ports.js';
import { stateConflict } from '../state-conflict.js';

/** > 0 and a safe integer: 6 bytes of the content hash, plus one (0 means absent). */
const revisionOf = (value: string): number => {
  const h = sha256(utf8(value));
  return h[0]! * 2 ** 40 + h[1]! * 2 ** 32 + h[2]! * 2 ** 24 + h[3]! * 2 ** 16 + h[4]! * 2 ** 8 + h[5]! + 1;
};

const encodeName = (key: string): string => encodeURIComponent(key).replace(/\./g, '%2E');
const decodeName = (name: string): string => decodeURIComponent(name);

export class FileWorkflowStore implements WorkflowStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  async get(key: string): Promise<string | undefined> {
    try {
      return readFileSync(join(this.dir, encodeName(key)), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }
  async read(key: string): Promise<VersionedValue | undefined> {
    const value = await this.get(key);
    return value === undefined ? undefined : { value, revision: revisionOf(value) };
  }

  async write(key: string, value: string, revision: number): Promise<number> {
    const cur = await this.get(key);
    const found = cur === undefined ? 0 : revisionOf(cur);
    if (found !== revision) throw stateConflict(key, revision, found);
    await this.put(key, value);
    return revisionOf(value);
  }

  async put(key: string, value: string): Promise<void> {
    const final = join(this.dir, encodeName(key));
    const tmp = `${final}.tmp`;
    writeFileSync(tmp, value, { mode: 0o600 });
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, final);
  }
  async keys(prefix: string): Promise<string[]> {
    return readdirSync(this.dir)
      .filter((n) => !n.endsWith('.tmp'))
      .map(decodeName)
      .filter((k) => k.startsWith(prefix))
      .sort();
  }
}
