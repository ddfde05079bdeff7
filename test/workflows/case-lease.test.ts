/**
 * The per-case lease (src/workflows/service/case-lease.ts) on a real nats-server's JetStream KV:
 * take, renew, lost on expiry, released on drain, and of two contenders racing exactly one wins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type KV, type NatsConnection } from 'nats';
import { ensureKv } from '../../src/bus/jetstream.js';
import { CaseLeases } from '../../src/workflows/service/case-lease.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';

describe('case lease (real JetStream KV)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let kv: KV;
  let nowMs = 1_000_000;
  const lease = (replicaId: string): CaseLeases => new CaseLeases({ kv, replicaId, ttlMs: 5_000, now: () => nowMs });

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    kv = await ensureKv(nc.jetstream(), 'cb_lease_test');
  }, 30_000);

  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  it('takes a free lease, renews it, and refuses another replica while it lives', async () => {
    const a = lease('a');
    const b = lease('b');
    expect(await a.acquire('(2024)京0101民初1号')).toBe(true);
    expect((await a.read('(2024)京0101民初1号'))!.holder).toBe('a');
    nowMs += 3_000;
    expect(await b.acquire('(2024)京0101民初1号')).toBe(false);
    expect(await a.acquire('(2024)京0101民初1号')).toBe(true); // renewed: lives to now + ttl
    nowMs += 3_000;
    expect(await b.acquire('(2024)京0101民初1号')).toBe(false);
    expect((await b.read('(2024)京0101民初1号'))!.expiresAtMs).toBe(nowMs + 2_000);
  });

  it('a lease not renewed is lost on expiry: another replica takes it, the old holder cannot renew it', async () => {
    const a = lease('a');
    const b = lease('b');
    expect(await a.acquire('C-expiry')).toBe(true);
    nowMs += 5_000;
    expect(await b.acquire('C-expiry')).toBe(true);
    expect(await a.acquire('C-expiry')).toBe(false);
    expect((await a.read('C-expiry'))!.holder).toBe('b');
  });

  it('release (drain) hands the case over at once; releasing a lease one does not hold does nothing', async () => {
    const a = lease('a');
    const b = lease('b');
    expect(await a.acquire('C-release')).toBe(true);
    await b.release('C-release');
    expect((await a.read('C-release'))!.holder).toBe('a');
    await a.release('C-release');
    expect(await b.acquire('C-release')).toBe(true);
  });

  it('two contenders racing for a free or an expired lease: exactly one wins', async () => {
    for (let round = 0; round < 10; round++) {
      const [x, y] = await Promise.all([lease('x').acquire(`C-race-${round}`), lease('y').acquire(`C-race-${round}`)]);
      expect([x, y].filter(Boolean).length).toBe(1);
    }
    nowMs += 10_000;
    for (let round = 0; round < 10; round++) {
      const [x, y] = await Promise.all([lease('p').acquire(`C-race-${round}`), lease('q').acquire(`C-race-${round}`)]);
      expect([x, y].filter(Boolean).length).toBe(1);
    }
  });
});
