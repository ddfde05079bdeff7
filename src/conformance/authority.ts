/**
 * The kit's view of the alliance: the registry state from the genesis file whose hash the
 * operator pins (DESIGN.md "Identity": every node pins the genesis hash). A kit that trusted
 * whatever registry it was shown could certify an adapter of another alliance.
 *
 * A partner is usually admitted after the genesis (a registry update): `registryFromGenesis`
 * opens a live registry at the pinned genesis, which the kit then brings up to date from the
 * registry stream before it checks anything (registry-catch-up.ts), each update verified as a
 * gateway verifies it. `authorityFromGenesis` is the genesis alone (an alliance that never
 * changed, or tests).
 */
import { readFileSync } from 'node:fs';
import { AllianceAuthority } from '../identity/alliance-authority.js';
import { AllianceRegistry } from '../identity/alliance-registry.js';
import { loadGenesis } from '../identity/genesis.js';
import { registryStateFromGenesis } from '../identity/registry.js';
import { MemoryRegistryStore } from '../identity/registry-store.js';

/**
 * An `Authority` over the genesis bytes, refusing any file but the pinned one.
 * @throws CourtbridgeError FAILED_PRECONDITION `genesis_hash_mismatch`; INVALID_ARGUMENT `invalid_genesis`
 */
export function authorityFromGenesis(genesisBytes: Uint8Array, pinnedHashHex: string): AllianceAuthority {
  const state = registryStateFromGenesis(loadGenesis(genesisBytes, pinnedHashHex));
  return new AllianceAuthority(() => state);
}

/** `authorityFromGenesis` over a file (the CLI's `--genesis FILE --genesis-hash HEX`). */
export function authorityFromGenesisFile(path: string, pinnedHashHex: string): AllianceAuthority {
  return authorityFromGenesis(new Uint8Array(readFileSync(path)), pinnedHashHex);
}

/** A live registry at the pinned genesis and the authority reading it (what the kit's `registry` and `authority` options take). */
export interface KitRegistry {
  registry: AllianceRegistry;
  authority: AllianceAuthority;
}

/**
 * A registry opened at the genesis bytes, refusing any file but the pinned one; the kit catches
 * it up on the registry stream.
 * @throws CourtbridgeError FAILED_PRECONDITION `genesis_hash_mismatch`; INVALID_ARGUMENT `invalid_genesis`
 */
export async function registryFromGenesis(genesisBytes: Uint8Array, pinnedHashHex: string, nowMs: number): Promise<KitRegistry> {
  const registry = await AllianceRegistry.open(new MemoryRegistryStore(genesisBytes), pinnedHashHex, nowMs);
  return { registry, authority: new AllianceAuthority(() => registry.state) };
}

/** `registryFromGenesis` over a file (the CLI's `--genesis FILE --genesis-hash HEX`). */
export function registryFromGenesisFile(path: string, pinnedHashHex: string, nowMs: number): Promise<KitRegistry> {
  return registryFromGenesis(new Uint8Array(readFileSync(path)), pinnedHashHex, nowMs);
}
