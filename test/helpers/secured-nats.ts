/**
 * A real nats-server started with the bus security files the registry generates
 * (src/bus/bus-security-files.ts), and connections as any of its users: what the bus permission
 * tests check the generated permissions against. `stop` closes every connection it opened, stops
 * the server and removes its files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsConnection } from 'nats';
import { writeBusSecurity, type BusSecurity } from '../../src/bus/bus-security-files.js';
import { connectNats } from '../../src/bus/connection.js';
import type { RegistryState } from '../../src/identity/registry.js';
import { startNatsServer, type NatsServerHandle } from './nats-server.js';

export interface SecuredNats {
  sec: BusSecurity;
  nats: NatsServerHandle;
  /** A connection as the generated bus user `user`. */
  as(user: string): Promise<NatsConnection>;
  stop(): Promise<void>;
}

export async function startSecuredNats(state: RegistryState, tmpPrefix: string): Promise<SecuredNats> {
  const dir = mkdtempSync(join(tmpdir(), tmpPrefix));
  const open: NatsConnection[] = [];
  try {
    const sec = writeBusSecurity({ state, atMs: Date.now(), outDir: join(dir, 'nats') });
    const nats = await startNatsServer({ extraArgs: ['-c', sec.configFile] });
    return {
      sec,
      nats,
      as: async (user) => {
        const nc = await connectNats({ servers: nats.url, name: `test-${user}`, timeout: 5_000 }, sec.auth(user));
        open.push(nc);
        return nc;
      },
      stop: async () => {
        for (const nc of open) await nc.close().catch(() => undefined);
        await nats.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
