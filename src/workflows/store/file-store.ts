/**
 * File-backed `WorkflowStore`: one file per key under a directory, written atomically
 * (write to a temp file, fsync, rename), so a crash leaves either the old or the new state.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowStore } from '../ports.js';

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
