/**
 * File-backed registry store: `<dir>/genesis.json` (exact bytes, pinned by hash) and
 * `<dir>/updates.jsonl` (one JSON update per line, appended). I/O lives here, outside the
 * pure registry.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import { registryUpdateFromJson, registryUpdateToJson, type RegistryUpdate } from './registry-update.js';
import type { RegistryStore } from './registry-store.js';

export class FileRegistryStore implements RegistryStore {
  readonly genesisPath: string;
  readonly updatesPath: string;
  constructor(dir: string) {
    this.genesisPath = join(dir, 'genesis.json');
    this.updatesPath = join(dir, 'updates.jsonl');
  }

  async loadGenesis(): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.genesisPath));
  }

  async loadUpdates(): Promise<RegistryUpdate[]> {
    let text: string;
    try {
      text = await readFile(this.updatesPath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return text
      .split('\n')
      .filter((l) => l.length > 0)
      .map((line, i) => {
        try {
          return registryUpdateFromJson(JSON.parse(line));
        } catch (e) {
          throw new CourtbridgeError(
            ErrorCode.FailedPrecondition,
            'corrupt_registry_store',
            `${this.updatesPath}:${i + 1}: unreadable update`,
            { cause: e },
          );
        }
      });
  }

  async append(update: RegistryUpdate): Promise<void> {
    await appendFile(this.updatesPath, `${JSON.stringify(registryUpdateToJson(update))}\n`, { mode: 0o644 });
  }
}
