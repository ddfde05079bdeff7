/**
 * Listing a KV bucket's keys while they are written (src/bus/kv-keys.ts): nats.js's `kv.keys()`
 * delivers a key again when a new revision lands during the listing; `listKvKeys` names each once.
 */
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listKvKeys } from '../../src/bus/kv-keys.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';

let server: NatsServerHandle;
let nc: NatsConnection;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
}, 30_000);

afterAll(async () => {
  await nc?.close();
  await server?.stop();
});

describe('listKvKeys', () => {
  it('names every key once, sorted, even while the keys are rewritten', async () => {
    const kv = await nc.jetstream().views.kv('kv_keys_test', { history: 5 });
    const keys = Array.from({ length: 40 }, (_, i) => `a.k${String(i).padStart(2, '0')}`);
    for (const k of keys) await kv.put(k, new Uint8Array([1]));
    await kv.put('b.other', new Uint8Array([1]));
    let writing = true;
    const writer = (async () => {
      for (let n = 0; writing; n++) await kv.put(keys[n % keys.length]!, new Uint8Array([n & 0xff]));
    })();
    try {
      for (let round = 0; round < 15; round++) expect(await listKvKeys(kv, 'a.>')).toEqual(keys);
    } finally {
      writing = false;
      await writer;
    }
  }, 60_000);

  it('leaves out deleted keys', async () => {
    const kv = await nc.jetstream().views.kv('kv_keys_deleted');
    await kv.put('x.1', new Uint8Array([1]));
    await kv.put('x.2', new Uint8Array([1]));
    await kv.delete('x.1');
    expect(await listKvKeys(kv)).toEqual(['x.2']);
  });
});
