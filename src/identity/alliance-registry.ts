/**
 * The live registry of one node: the pure state machine plus its store. Opening checks the
 * genesis pin and replays every stored update through the same rules as a new one.
 */
import { applyRegistryUpdate, registryStateFromGenesis, type AppliedUpdate, type RegistryState } from './registry.js';
import { loadGenesis } from './genesis.js';
import type { RegistryStore } from './registry-store.js';
import type { RegistryUpdate } from './registry-update.js';

export class AllianceRegistry {
  private current: RegistryState;
  private constructor(
    private readonly store: RegistryStore,
    state: RegistryState,
  ) {
    this.current = state;
  }

  /**
   * Load genesis (checked against `pinnedGenesisHashHex`) and replay the stored updates.
   * @throws CourtbridgeError `genesis_hash_mismatch`, or the named reason of a stored update that fails.
   */
  static async open(store: RegistryStore, pinnedGenesisHashHex: string, nowMs: number): Promise<AllianceRegistry> {
    let state = registryStateFromGenesis(loadGenesis(await store.loadGenesis(), pinnedGenesisHashHex));
    for (const u of await store.loadUpdates()) state = applyRegistryUpdate(state, u, nowMs).state;
    return new AllianceRegistry(store, state);
  }

  /** The current state (immutable; a new object after each update). */
  get state(): RegistryState {
    return this.current;
  }

  /** Apply `update`, store it, then make it current (a failed append leaves the state unchanged). */
  async submit(update: RegistryUpdate, nowMs: number): Promise<AppliedUpdate> {
    const applied = applyRegistryUpdate(this.current, update, nowMs);
    await this.store.append(update);
    this.current = applied.state;
    return applied;
  }
}
