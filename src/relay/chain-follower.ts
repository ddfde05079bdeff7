/**
 * A running gateway follows the alliance registry's chains (DESIGN.md "Trust ends at an anchor":
 * nothing about chains is compiled in). Each applied chain operation is reconciled, one at a time:
 *
 * - admit_chain / update_chain: the chain is served from its registry entry (anchor, servers,
 *   attestation policy) without a restart; a new anchor replaces the light-client slot.
 * - remove_chain: the light client stops following it and its queries are refused
 *   FAILED_PRECONDITION `chain_removed`.
 *
 * Schema: what a chain answers (record types, actions) is not part of its registry entry. A chain
 * id in the gateway's chain catalog (chain-catalog.ts) is served with it; any
 * other admitted chain is not served (`unknown_schema`, logged and shown by ListChains). Adapters
 * announce only the names of their record types and action kinds, not their fields and indexes,
 * and an announcement is one server's word, not the admin quorum's: serving from it would let a
 * single adapter define what the gateway proves. A gateway configured with `chains` serves only
 * those (`not_configured` for the others).
 */
import type { GatewayConfig } from '../config/gateway-config.js';
import { isCourtbridgeError } from '../errors.js';
import type { RegistryState } from '../identity/registry.js';
import { isChainOp, type RegistryUpdate } from '../identity/registry-update.js';
import type { Logger } from '../log.js';
import type { ChainCatalog } from './chain-catalog.js';
import { chainConfigsOf, type ChainSelection } from './gateway-chains.js';
import type { QueryPath } from './modules/query-path.js';

export interface ChainFollowerOptions {
  config: GatewayConfig;
  /** What the gateway knows of each chain (chain-catalog.ts). */
  catalog: ChainCatalog;
  state: () => RegistryState;
  /** The query path, once started (updates applied before it exists are in its start-time selection). */
  path: () => QueryPath | undefined;
  logger: Logger;
}

export interface ChainFollower {
  /** The registry follower's `onApplied`. */
  onApplied(update: RegistryUpdate): void;
  /** Whether this gateway serves `chainId` now, and why not. */
  servedHere(chainId: string): { served: boolean; reason?: string };
  /** Resolves when every operation seen so far is reconciled (tests, shutdown). */
  settled(): Promise<void>;
}

export function followRegistryChains(o: ChainFollowerOptions): ChainFollower {
  let tail: Promise<void> = Promise.resolve();
  const notServed = new Map<string, string>();

  const reconcile = async (chainId: string): Promise<void> => {
    const path = o.path();
    if (path === undefined) return;
    const state = o.state();
    const record = state.chains.get(chainId);
    if (record === undefined) return;
    if (record.removedAtMs !== undefined) {
      path.removeChain(chainId);
      notServed.set(chainId, 'chain_removed');
      o.logger.info({ chain: chainId }, 'chain removed from the registry: no longer served');
      return;
    }
    if (o.config.chains.length > 0 && !o.config.chains.includes(chainId)) {
      notServed.set(chainId, 'not_configured');
      o.logger.warn({ chain: chainId }, "chain admitted in the registry but not in this gateway's config.chains: not served");
      return;
    }
    let selection: ChainSelection;
    try {
      selection = chainConfigsOf({ ...o.config, chains: [chainId] }, state, o.catalog);
    } catch (e) {
      if (isCourtbridgeError(e) && e.reason === 'unsupported_chain_kind') {
        notServed.set(chainId, 'unsupported_chain_kind');
        o.logger.warn({ chain: chainId }, `${e.message}: not served`);
        return;
      }
      if (!(isCourtbridgeError(e) && e.reason === 'invalid_config')) throw e;
      notServed.set(chainId, 'unknown_schema');
      o.logger.warn(
        { chain: chainId },
        'chain admitted in the registry but this gateway has no schema for it (unknown_schema): not served',
      );
      return;
    }
    const config = selection.chains[0];
    if (config === undefined) return;
    await path.addChain(config);
    notServed.delete(chainId);
    o.logger.info({ chain: chainId, anchorHeight: config.trustAnchor?.height }, 'chain admitted in the registry: served');
  };

  return {
    onApplied(update) {
      const op = update.op;
      if (!isChainOp(op)) return;
      const chainId = op.kind === 'remove_chain' ? op.chainId : op.chain.chainId;
      tail = tail
        .then(() => reconcile(chainId))
        .catch((e: unknown) => o.logger.error({ err: e, chain: chainId }, 'registry chain not followed'));
    },
    servedHere(chainId) {
      const path = o.path();
      if (path?.manager.chains().some((c) => c.chainId === chainId)) return { served: true };
      return { served: false, reason: notServed.get(chainId) ?? (path === undefined ? 'query_path_off' : 'not_followed') };
    },
    settled: () => tail,
  };
}
