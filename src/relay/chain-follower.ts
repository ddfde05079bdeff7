/**
 * A running gateway follows the alliance registry's chains (DESIGN.md "Trust ends at an anchor":
 * nothing about chains is compiled in). Each applied chain operation is reconciled, one at a time:
 *
 * - admit_chain / update_chain: the chain is served from its registry entry (anchor, servers,
 *   attestation policy) without a restart, by its kind (bft-smt, evm, notary) and with the same
 *   trust rules as at start (gateway-chains.ts); a new anchor replaces the light-client slot, and
 *   trust not reaching back to it is dropped (manager.ts). An entry that did not change anything
 *   this gateway serves by is left alone.
 * - remove_chain: the light client stops following it and its queries are refused
 *   FAILED_PRECONDITION `chain_removed`.
 *
 * Each change is logged and counted (`courtbridge_gateway_chain_changes_total{chain,change}`).
 * Operations applied while the query path is still being built (the registry catch-up at start)
 * are reconciled once it exists (`attach`): its start-time selection may predate them.
 *
 * Schema: what a chain answers (record types, actions) comes from the gateway's chain catalog
 * (chain-catalog.ts) when it knows the chain, else from the schema in the chain's registry entry,
 * which the admin quorum approved with the rest of the entry. An admitted chain with neither is not
 * served (`unknown_schema`, logged and shown by ListChains). Adapters' announcements are never the
 * source: an announcement is one server's word, not the admin quorum's, and serving from it would
 * let a single adapter define what the gateway proves. A gateway configured with `chains` serves only
 * those (`not_configured` for the others).
 */
import { isDeepStrictEqual } from 'node:util';

import { Counter, type Registry } from 'prom-client';

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
  /** Where the change counter is registered; not counted unless given. */
  registry?: Registry;
}

/** What a reconciled chain operation changed on this gateway (the counter's `change` label). */
export type ChainChange = 'added' | 'updated' | 'removed' | 'not_served';

export interface ChainFollower {
  /** The registry follower's `onApplied`. */
  onApplied(update: RegistryUpdate): void;
  /** The query path now exists: reconcile the chains whose operations were applied before it did. */
  attach(): void;
  /** Whether this gateway serves `chainId` now, and why not. */
  servedHere(chainId: string): { served: boolean; reason?: string };
  /** Resolves when every operation seen so far is reconciled (tests, shutdown). */
  settled(): Promise<void>;
}

export function followRegistryChains(o: ChainFollowerOptions): ChainFollower {
  let tail: Promise<void> = Promise.resolve();
  const notServed = new Map<string, string>();
  /** Chains whose operations were applied before the query path existed (reconciled on `attach`). */
  const pending = new Set<string>();
  const changes =
    o.registry === undefined
      ? undefined
      : new Counter({
          name: 'courtbridge_gateway_chain_changes_total',
          help: 'Registry chain operations that changed what this gateway serves while it runs, by chain and change.',
          labelNames: ['chain', 'change'] as const,
          registers: [o.registry],
        });
  const note = (chainId: string, change: ChainChange): void => changes?.inc({ chain: chainId, change });

  /**
   * Not served, for `reason`: logged and counted when the reason is new, and not for the start-time
   * catch-up (the query module logged its selection already).
   */
  const refuse = (chainId: string, reason: string, message: string, atStart: boolean): void => {
    const known = notServed.get(chainId) === reason;
    notServed.set(chainId, reason);
    if (known || atStart) return;
    note(chainId, 'not_served');
    o.logger.warn({ chain: chainId, reason }, message);
  };

  const reconcile = async (chainId: string, atStart: boolean): Promise<void> => {
    const path = o.path();
    if (path === undefined) {
      pending.add(chainId);
      return;
    }
    const state = o.state();
    const record = state.chains.get(chainId);
    if (record === undefined) return;
    const followed = path.manager.chains().some((c) => c.chainId === chainId);
    if (record.removedAtMs !== undefined) {
      path.removeChain(chainId);
      notServed.set(chainId, 'chain_removed');
      if (!followed) return;
      note(chainId, 'removed');
      o.logger.info({ chain: chainId }, 'chain removed from the alliance registry: no longer served (no restart)');
      return;
    }
    if (o.config.chains.length > 0 && !o.config.chains.includes(chainId)) {
      refuse(chainId, 'not_configured', "chain admitted in the registry but not in this gateway's config.chains: not served", atStart);
      return;
    }
    let selection: ChainSelection;
    try {
      selection = chainConfigsOf({ ...o.config, chains: [chainId] }, state, o.catalog);
    } catch (e) {
      if (isCourtbridgeError(e) && e.reason === 'unsupported_chain_kind') {
        refuse(chainId, 'unsupported_chain_kind', `${e.message}: not served`, atStart);
        return;
      }
      if (!(isCourtbridgeError(e) && e.reason === 'invalid_config')) throw e;
      refuse(
        chainId,
        'unknown_schema',
        'chain admitted in the registry but this gateway has no schema for it (unknown_schema): not served',
        atStart,
      );
      return;
    }
    const config = selection.chains[0];
    if (config === undefined) return;
    // The same entry again (a replay, or an update of nothing this gateway serves by): keep the
    // light client and its caches as they are.
    if (followed && isDeepStrictEqual(path.manager.config(chainId), config)) return;
    await path.addChain(config);
    notServed.delete(chainId);
    note(chainId, followed ? 'updated' : 'added');
    o.logger.info(
      {
        chain: chainId,
        kind: config.evm !== undefined ? 'evm' : config.notary !== undefined ? 'notary' : 'bft-smt',
        anchorHeight: config.trustAnchor?.height,
      },
      followed
        ? 'chain entry updated in the alliance registry: served by its new entry (no restart)'
        : 'chain admitted in the alliance registry: now served (no restart)',
    );
  };

  const enqueue = (chainId: string, atStart: boolean): void => {
    tail = tail
      .then(() => reconcile(chainId, atStart))
      .catch((e: unknown) => o.logger.error({ err: e, chain: chainId }, 'registry chain not followed'));
  };

  return {
    onApplied(update) {
      const op = update.op;
      if (!isChainOp(op)) return;
      enqueue(op.kind === 'remove_chain' ? op.chainId : op.chain.chainId, false);
    },
    attach() {
      const ids = [...pending].sort();
      pending.clear();
      for (const id of ids) enqueue(id, true);
    },
    servedHere(chainId) {
      const path = o.path();
      if (path?.manager.chains().some((c) => c.chainId === chainId)) return { served: true };
      return { served: false, reason: notServed.get(chainId) ?? (path === undefined ? 'query_path_off' : 'not_followed') };
    },
    settled: () => tail,
  };
}
