/**
 * The kit's view of the alliance: the registry state from the genesis file whose hash the
 * operator pins (DESIGN.md "Identity": every node pins the genesis hash). A kit that trusted
 * whatever registry it was shown could certify an adapter of another alliance.
 */
import { readFileSync } from 'node:fs';
import { AllianceAuthority } from '../identity/alliance-authority.js';
import { loadGenesis } from '../identity/genesis.js';
import { registryStateFromGenesis } from '../identity/registry.js';

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
