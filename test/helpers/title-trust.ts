/**
 * Trust files around the real title bundles (title-bundle.ts): the same alliance, but with the
 * property chain admitted by a registry update after genesis instead of in it, so a verifier
 * that reads only the genesis cannot know the chain. Real admin signatures over the registry's
 * sign bytes; nothing mocked.
 */
import { fromUtf8, utf8 } from '../../src/encoding/bytes.js';
import { chainEntryFromJson, type ChainEntry } from '../../src/identity/chain-entry.js';
import { genesisHashHex, loadGenesis } from '../../src/identity/genesis.js';
import { applyRegistryUpdate, registryStateFromGenesis, type RegistryState } from '../../src/identity/registry.js';
import type { RegistryOp, RegistryUpdate } from '../../src/identity/registry-update.js';
import { createSigner, type Signer } from '../../src/identity/signer.js';
import { approvedBy, nextUpdateBody } from './registry-next.js';
import { TITLE_ADMIN_DID, TITLE_ADMIN_SK, type TitleBundles } from './title-bundle.js';

export const titleAdmin = (): Signer => createSigner(TITLE_ADMIN_DID, `${TITLE_ADMIN_DID}#key-1`, TITLE_ADMIN_SK);

export interface TitleTrust {
  /** Genesis without the property chain, and its pinned hash. */
  genesisBytes: Uint8Array;
  genesisHash: string;
  /** The property chain's entry (as the title genesis admits it). */
  chain: ChainEntry;
  /** Build the next update on `state`, approved by `approvers` (the admin unless told). */
  update(state: RegistryState, op: RegistryOp, effectiveAtMs: number, approvers?: Signer[]): RegistryUpdate;
  /** The registry state at genesis. */
  genesisState(): RegistryState;
}

/** The title alliance with its chain moved out of genesis. */
export function titleTrust(t: TitleBundles): TitleTrust {
  const json = JSON.parse(fromUtf8(t.genesisBytes)) as { chains: Array<{ chainId: string }> };
  const chain = chainEntryFromJson(
    json.chains.find((c) => c.chainId === 'property'),
    'chains[property]',
  );
  const rest = { ...json, chains: json.chains.filter((c) => c.chainId !== 'property') };
  const genesisBytes = utf8(`${JSON.stringify(rest, null, 2)}\n`);
  const genesisHash = genesisHashHex(genesisBytes);
  return {
    genesisBytes,
    genesisHash,
    chain,
    genesisState: () => registryStateFromGenesis(loadGenesis(genesisBytes, genesisHash)),
    update(state, op, effectiveAtMs, approvers = [titleAdmin()]) {
      return approvedBy(nextUpdateBody(state, op, effectiveAtMs, `trust-${state.sequence + 1}-${op.kind}`), approvers);
    },
  };
}

/** Apply `updates` from genesis (the state each next update is built on). */
export function stateAfter(tt: TitleTrust, updates: readonly RegistryUpdate[], nowMs: number): RegistryState {
  let s = tt.genesisState();
  for (const u of updates) s = applyRegistryUpdate(s, u, nowMs).state;
  return s;
}
