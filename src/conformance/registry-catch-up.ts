/**
 * The kit follows the alliance registry like every gateway and adapter: before its first check it
 * applies every update on the registry stream `CB_REGISTRY` after the genesis, and keeps applying
 * them during the run. Each update is checked by the follower the gateway and the adapter runtime
 * share (src/bus/registry-follower.ts): the envelope signed by a gateway or an admin, the update
 * approved by the admin quorum over its fixed sign bytes, in order and once; anything else is
 * dropped and grants nothing. So an adapter admitted after the genesis is known to the kit, and
 * one whose admission was forged is not.
 */
import type { NatsConnection } from 'nats';
import { RegistryFollower } from '../bus/registry-follower.js';
import type { AllianceRegistry } from '../identity/alliance-registry.js';
import type { Authority } from '../identity/authority.js';
import { silentLogger, type Logger } from '../log.js';

export interface KitRegistryFollowerOptions {
  nc: NatsConnection;
  registry: AllianceRegistry;
  /** Reads `registry` (checks the envelopes' senders). */
  authority: Authority;
  now: () => number;
  logger?: Logger;
  /** How long to wait to catch up, ms. */
  catchUpMs: number;
}

/** Start following; resolves once caught up with what the stream held. The caller stops it. */
export async function followRegistry(o: KitRegistryFollowerOptions): Promise<RegistryFollower> {
  const follower = new RegistryFollower({
    nc: o.nc,
    registry: o.registry,
    authority: o.authority,
    logger: o.logger ?? silentLogger(),
    now: o.now,
    catchUpMs: o.catchUpMs,
  });
  try {
    await follower.start();
  } catch (e) {
    await follower.stop().catch(() => undefined);
    throw e;
  }
  return follower;
}
