/**
 * The chain follower's bookkeeping (src/relay/chain-follower.ts) on registry states built by hand:
 * operations applied while the query path is being built are reconciled once it exists, an
 * unchanged entry keeps its light client, a new anchor replaces it, a removal drops it, and each
 * change is counted once. The path is a recording stand-in (the real one, over NATS, is exercised
 * in test/relay/e2e/runtime-chain.test.ts).
 */
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';

import { ALLIANCE_CATALOG } from '../../adapters/catalog.js';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { toHex } from '../../src/encoding/bytes.js';
import type { ChainEntry } from '../../src/identity/chain-entry.js';
import type { RegistryState } from '../../src/identity/registry.js';
import type { RegistryUpdate } from '../../src/identity/registry-update.js';
import { silentLogger } from '../../src/log.js';
import { followRegistryChains } from '../../src/relay/chain-follower.js';
import type { ChainConfig } from '../../src/relay/light-clients/chain-config.js';
import type { QueryPath } from '../../src/relay/modules/query-path.js';
import { allianceFixture, fixtureChainEntry } from '../helpers/alliance-fixture.js';
import { ChainFixture, fixtureValidators } from '../helpers/chain-fixture.js';

const CHAIN = 'property';
const chain = new ChainFixture(CHAIN, fixtureValidators(4));
const [b1, b2] = [chain.next(), chain.next()];
const fx = allianceFixture({ chains: [] });

/** `fx`'s registry with `CHAIN` admitted at each of `entries` in turn (removed at `removedAtMs`). */
function stateWith(entries: ChainEntry[], removedAtMs?: number): RegistryState {
  const versions = entries.map((entry, i) => ({ fromMs: i, entry }));
  return { ...fx.state, chains: new Map([[CHAIN, { chainId: CHAIN, versions, removedAtMs }]]) };
}

const op = (kind: 'admit_chain' | 'update_chain' | 'remove_chain', entry: ChainEntry): RegistryUpdate =>
  ({ op: kind === 'remove_chain' ? { kind, chainId: entry.chainId } : { kind, chain: entry } }) as unknown as RegistryUpdate;

/** A query path that records what it is asked to follow. */
function recordingPath(): { path: QueryPath; calls: string[] } {
  const followed = new Map<string, ChainConfig>();
  const calls: string[] = [];
  const path = {
    manager: { chains: () => [...followed.values()], config: (id: string) => followed.get(id)! },
    addChain: async (c: ChainConfig) => {
      calls.push(`add ${c.chainId}@${c.trustAnchor?.height}`);
      followed.set(c.chainId, c);
    },
    removeChain: (id: string) => {
      calls.push(`remove ${id}`);
      followed.delete(id);
    },
  } as unknown as QueryPath;
  return { path, calls };
}

function setup(configChains: string[] = []) {
  let state = fx.state;
  let path: QueryPath | undefined;
  const registry = new Registry();
  const follower = followRegistryChains({
    config: loadGatewayConfig({ overrides: { genesisHash: toHex(fx.loaded.hash), chains: configChains } }),
    catalog: ALLIANCE_CATALOG,
    state: () => state,
    path: () => path,
    logger: silentLogger(),
    registry,
  });
  const changes = async (): Promise<string> => (await registry.getSingleMetricAsString('courtbridge_gateway_chain_changes_total')) ?? '';
  return {
    follower,
    changes,
    setState: (s: RegistryState) => {
      state = s;
    },
    attach: (p: QueryPath) => {
      path = p;
      follower.attach();
    },
  };
}

describe('followRegistryChains', () => {
  const e1 = fixtureChainEntry(CHAIN, b1);
  const e2 = fixtureChainEntry(CHAIN, b2);

  it('an admission applied before the query path exists is followed once the path is attached', async () => {
    const t = setup();
    t.setState(stateWith([e1]));
    t.follower.onApplied(op('admit_chain', e1));
    await t.follower.settled();
    const { path, calls } = recordingPath();
    t.attach(path);
    await t.follower.settled();
    expect(calls).toEqual([`add ${CHAIN}@1`]);
    expect(t.follower.servedHere(CHAIN)).toEqual({ served: true });
  });

  it('the same entry again keeps the light client; a new anchor replaces it; a removal drops it; each counted once', async () => {
    const t = setup();
    const { path, calls } = recordingPath();
    t.attach(path);
    t.setState(stateWith([e1]));
    t.follower.onApplied(op('admit_chain', e1));
    t.follower.onApplied(op('admit_chain', e1));
    await t.follower.settled();
    expect(calls).toEqual([`add ${CHAIN}@1`]);
    t.setState(stateWith([e1, e2]));
    t.follower.onApplied(op('update_chain', e2));
    await t.follower.settled();
    expect(calls).toEqual([`add ${CHAIN}@1`, `add ${CHAIN}@2`]);
    t.setState(stateWith([e1, e2], 5));
    t.follower.onApplied(op('remove_chain', e2));
    t.follower.onApplied(op('remove_chain', e2));
    await t.follower.settled();
    expect(calls.filter((c) => c.startsWith('remove'))).toHaveLength(2);
    expect(t.follower.servedHere(CHAIN)).toEqual({ served: false, reason: 'chain_removed' });
    const counted = await t.changes();
    for (const change of ['added', 'updated', 'removed'])
      expect(counted).toContain(`courtbridge_gateway_chain_changes_total{chain="${CHAIN}",change="${change}"} 1`);
  });

  it('with an explicit config.chains, an admitted chain not in it is not followed (not_configured), counted once', async () => {
    const t = setup(['lawyer']);
    const { path, calls } = recordingPath();
    t.attach(path);
    t.setState(stateWith([e1]));
    t.follower.onApplied(op('admit_chain', e1));
    t.follower.onApplied(op('admit_chain', e1));
    await t.follower.settled();
    expect(calls).toEqual([]);
    expect(t.follower.servedHere(CHAIN)).toEqual({ served: false, reason: 'not_configured' });
    expect(await t.changes()).toContain(`courtbridge_gateway_chain_changes_total{chain="${CHAIN}",change="not_served"} 1`);
  });
});
