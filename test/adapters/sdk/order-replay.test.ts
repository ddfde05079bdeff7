/**
 * The order replay guard (adapters/sdk/order-replay.ts): a court order's jti authorises one action
 * id, ever; the same action again (a JetStream redelivery) passes; a store that cannot answer is
 * `unavailable`, never a verdict. The in-process guard, and the KV guard on a real nats-server
 * (two replicas on one bucket), answer alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type KV, type NatsConnection } from 'nats';
import { KvOrderReplayGuard, MemoryOrderReplayGuard, orderReplayKey, type OrderReplayGuard } from '../../../adapters/sdk/order-replay.js';
import { sha256Concat } from '../../../src/crypto/hash.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';

const COURT = 'did:alliance:court-bj-01';
const OTHER_COURT = 'did:alliance:court-sh-02';

let srv: NatsServerHandle;
const conns: NatsConnection[] = [];
const bucket = async (name: string, nc?: NatsConnection): Promise<KV> => {
  const c = nc ?? (await connect({ servers: srv.url }));
  if (nc === undefined) conns.push(c);
  return c.jetstream().views.kv(name);
};

beforeAll(async () => {
  srv = await startNatsServer();
});
afterAll(async () => {
  for (const nc of conns) await nc.close();
  await srv?.stop();
});

describe('orderReplayKey', () => {
  it('is the hex sha256 of issuer, a zero byte and the jti (a KV-safe key, no `:`)', () => {
    const k = orderReplayKey(COURT, 'j-1');
    expect(k).toBe(toHex(sha256Concat(utf8(COURT), Uint8Array.of(0), utf8('j-1'))));
    expect(k).toMatch(/^[0-9a-f]{64}$/);
  });

  // The separator keeps issuer and jti apart: ("a", "bc") is not ("ab", "c").
  it('gives different keys for different splits of the same bytes', () => {
    expect(orderReplayKey('did:x:a', 'bc')).not.toBe(orderReplayKey('did:x:ab', 'c'));
  });
});

/** The contract both guards meet; `replica` gives another guard over the same store. */
function meetsTheContract(
  name: string,
  guard: () => Promise<OrderReplayGuard>,
  replica: (g: OrderReplayGuard) => Promise<OrderReplayGuard>,
) {
  describe(name, () => {
    it('answers fresh on first use, same_action for the same action again, replayed for another action', async () => {
      const g = await guard();
      expect(await g.claim(COURT, 'j-1', 'act-1')).toBe('fresh');
      expect(await g.claim(COURT, 'j-1', 'act-1')).toBe('same_action');
      expect(await g.claim(COURT, 'j-1', 'act-2')).toBe('replayed');
      // The first action stays bound: the refused one did not take the jti over.
      expect(await g.claim(COURT, 'j-1', 'act-1')).toBe('same_action');
    });

    it("keeps each issuer's jtis and each jti apart", async () => {
      const g = await guard();
      expect(await g.claim(COURT, 'j-2', 'act-1')).toBe('fresh');
      expect(await g.claim(OTHER_COURT, 'j-2', 'act-2')).toBe('fresh');
      expect(await g.claim(COURT, 'j-3', 'act-3')).toBe('fresh');
    });

    it('binds a jti across replicas sharing the store', async () => {
      const g = await guard();
      const other = await replica(g);
      expect(await g.claim(COURT, 'j-4', 'act-4')).toBe('fresh');
      expect(await other.claim(COURT, 'j-4', 'act-4')).toBe('same_action');
      expect(await other.claim(COURT, 'j-4', 'act-5')).toBe('replayed');
    });
  });
}

meetsTheContract(
  'MemoryOrderReplayGuard',
  async () => new MemoryOrderReplayGuard(),
  async (g) => g,
);

let n = 0;
const buckets = new WeakMap<OrderReplayGuard, string>();
meetsTheContract(
  'KvOrderReplayGuard (real nats-server)',
  async () => {
    const name = `order-replay-${++n}`;
    const g = new KvOrderReplayGuard(await bucket(name));
    buckets.set(g, name);
    return g;
  },
  async (g) => new KvOrderReplayGuard(await bucket(buckets.get(g)!)),
);

describe('KvOrderReplayGuard: a store that cannot answer is unavailable, never a verdict', () => {
  it('refuses to be made over anything but a KV bucket', () => {
    expect(() => new KvOrderReplayGuard({} as KV)).toThrow(TypeError);
    // Nothing at all is refused by the same check, not by a failed property read.
    expect(() => new KvOrderReplayGuard(undefined as unknown as KV)).toThrow('kv: expected a JetStream KV bucket');
  });

  // Only "the key exists" leads to reading the claim; any other create failure is no verdict, even if a read would answer.
  it('answers unavailable when create fails for another reason than an existing key', async () => {
    const kv = {
      create: async () => {
        throw { api_error: { err_code: 10077 } };
      },
      get: async () => ({ value: utf8('act-1') }),
    } as unknown as KV;
    expect(await new KvOrderReplayGuard(kv).claim(COURT, 'j-1', 'act-1')).toBe('unavailable');
  });

  it('answers unavailable when the connection is gone', async () => {
    const nc = await connect({ servers: srv.url });
    const g = new KvOrderReplayGuard(await bucket('order-replay-closed', nc));
    await nc.close();
    expect(await g.claim(COURT, 'j-1', 'act-1')).toBe('unavailable');
  });

  // The key existed when create failed but reads back as nothing, or the read fails: no verdict either way.
  const existing = { api_error: { err_code: 10071 } };
  it.each([
    ['reads back as nothing', async () => null],
    [
      'cannot be read',
      async () => {
        throw new Error('timeout');
      },
    ],
  ])('answers unavailable when the existing claim %s', async (_how, get) => {
    const kv = {
      create: async () => {
        throw existing;
      },
      get,
    } as unknown as KV;
    expect(await new KvOrderReplayGuard(kv).claim(COURT, 'j-1', 'act-1')).toBe('unavailable');
  });
});
