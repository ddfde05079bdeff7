/**
 * Where the registry's genesis and updates are kept. The registry itself is pure; a store only
 * returns bytes and records. Implementations: `MemoryRegistryStore` (here) and
 * `FileRegistryStore` (registry-file-store.ts); later the judicial chain.
 */
import type { RegistryUpdate } from './registry-update.js';

export interface RegistryStore {
  /** The exact genesis file bytes (their hash is checked against the pin). */
  loadGenesis(): Promise<Uint8Array>;
  /** Every applied update, in sequence order. */
  loadUpdates(): Promise<RegistryUpdate[]>;
  /** Record an update that was just applied. */
  append(update: RegistryUpdate): Promise<void>;
}

/** In-memory store for tests and embedded use. */
export class MemoryRegistryStore implements RegistryStore {
  private readonly updates: RegistryUpdate[] = [];
  constructor(private readonly genesisBytes: Uint8Array) {}
  async loadGenesis(): Promise<Uint8Array> {
    return this.genesisBytes;
  }
  async loadUpdates(): Promise<RegistryUpdate[]> {
    return [...this.updates];
  }
  async append(update: RegistryUpdate): Promise<void> {
    this.updates.push(update);
  }
}
