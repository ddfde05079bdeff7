/**
 * The files of a secured bus, from the alliance registry: the nats-server config (users,
 * permissions, JetStream, optional TLS and cluster) and one nkey seed per participant. One code
 * path for `courtbridge nats-config`, the demo's private server and the e2e tests.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegistryState } from '../identity/registry.js';
import type { NatsClientAuth } from './connection.js';
import { renderNatsServerConfig, type NatsServerCluster, type NatsServerTls } from './nats-server-config.js';
import { seedFileOf, syncSeeds, type SeedSync } from './nkey-seeds.js';
import { allianceBusPermissions, type ParticipantPermissions, type PermissionOptions } from './permissions.js';

export interface BusSecurityInput extends PermissionOptions {
  state: RegistryState;
  atMs: number;
  /** Seeds go here (`<user>.nk`); the config file too unless `configFile` is given. */
  outDir: string;
  configFile?: string;
  listen?: string;
  serverName?: string;
  storeDir?: string;
  tls?: NatsServerTls;
  cluster?: NatsServerCluster;
}

export interface BusSecurity {
  configFile: string;
  participants: ParticipantPermissions[];
  seeds: SeedSync;
  /** The seed file of `user` (throws for a user the registry does not have). */
  seedFile(user: string): string;
  /** `{ nkeySeedFile }` of `user`, plus `caFile` when given. */
  auth(user: string, caFile?: string): NatsClientAuth;
}

export function writeBusSecurity(input: BusSecurityInput): BusSecurity {
  const seedsDir = input.outDir;
  const users = allianceBusPermissions(input.state, input.atMs, () => '', input).map((p) => p.user);
  const seeds = syncSeeds(seedsDir, users);
  const participants = allianceBusPermissions(input.state, input.atMs, (u) => seeds.publicKeys.get(u)!, input);
  const configFile = input.configFile ?? join(input.outDir, 'nats-server.conf');
  writeFileSync(
    configFile,
    renderNatsServerConfig({
      users: participants,
      ...(input.listen === undefined ? {} : { listen: input.listen }),
      ...(input.serverName === undefined ? {} : { serverName: input.serverName }),
      ...(input.storeDir === undefined ? {} : { storeDir: input.storeDir }),
      ...(input.tls === undefined ? {} : { tls: input.tls }),
      ...(input.cluster === undefined ? {} : { cluster: input.cluster }),
    }),
    { mode: 0o600 },
  );
  // The config names every participant's identity; only the server's operator reads it.
  chmodSync(configFile, 0o600);
  const known = new Set(users);
  const seedFile = (user: string): string => {
    if (!known.has(user)) throw new Error(`no bus participant ${user} in this registry (known: ${users.join(', ')})`);
    return seedFileOf(seedsDir, user);
  };
  return {
    configFile,
    participants,
    seeds,
    seedFile,
    auth: (user, caFile) => ({ nkeySeedFile: seedFile(user), ...(caFile === undefined ? {} : { caFile }) }),
  };
}
