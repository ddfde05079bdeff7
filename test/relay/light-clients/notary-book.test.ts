/**
 * The gateway's notary book (src/relay/light-clients/notary-book.ts) over a real nats-server's KV:
 * a block is final once the threshold of the chain's registry notaries signed it, and nothing else
 * makes it so: a notary outside the set, a signature over another block, a bad signature. A notary
 * signing two blocks at one height is caught and stops counting; two final blocks at one height
 * freeze the chain. What was published before the gateway followed the chain is replayed.
 */
import { connect, type KV, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notaryKv, notaryKey, publishNotarization } from '../../../src/bus/notary-kv.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { utf8 } from '../../../src/encoding/bytes.js';
import type { Authority } from '../../../src/identity/authority.js';
import type { Signer } from '../../../src/identity/signer.js';
import { silentLogger } from '../../../src/log.js';
import { NotaryBook } from '../../../src/relay/light-clients/notary-book.js';
import type { NotarizedBlock } from '../../../src/verify/notary.js';
import { eventually } from '../../helpers/eventually.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';
import { notarize, notaries, notaryWorld, policy, T1 } from '../../verify/notary-fixture.js';
import { reasonOf } from '../../helpers/reason-of.js';

let srv: NatsServerHandle;
let nc: NatsConnection;
let kv: KV;
let authority: Authority;
const books: NotaryBook[] = [];

beforeAll(async () => {
  srv = await startNatsServer();
  nc = await connect({ servers: srv.url });
  kv = await notaryKv(nc.jetstream());
  authority = (await notaryWorld()).authority;
});

afterAll(async () => {
  for (const b of books) await b.stop();
  await nc?.close();
  await srv?.stop();
});

let chainSeq = 0;
const blockOf = (chainId: string, height: number, fork = ''): NotarizedBlock => ({
  chainId,
  height,
  blockHash: sha256(utf8(`${chainId} block ${height}${fork}`)),
  stateRoot: sha256(utf8(`${chainId} state ${height}${fork}`)),
  timeMs: T1 + 1_000 * height,
});
const sign = (s: Signer, b: NotarizedBlock) => publishNotarization(kv, { block: b, signature: notarize(s, b) });

async function book(chainId: string): Promise<NotaryBook> {
  const b = new NotaryBook({ kv, authority, now: () => T1 + 100_000, logger: silentLogger() });
  await b.start();
  books.push(b);
  await b.follow(chainId, policy, 1);
  return b;
}

describe('notary book', () => {
  it('a block is final at the threshold of the chain notaries, not before; the newest final block stands for latest', async () => {
    const chain = `evm-${++chainSeq}`;
    const b = await book(chain);
    expect(reasonOf(() => b.finalFor(chain, 0))).toBe('client_not_initialised');
    await sign(notaries['notary-a'], blockOf(chain, 10));
    // An outsider (a member, but not this chain's notary) adds nothing.
    await sign(notaries['notary-x'], blockOf(chain, 10));
    await new Promise((r) => setTimeout(r, 200));
    expect(b.at(chain, 10)).toBeUndefined();
    await sign(notaries['notary-b'], blockOf(chain, 10));
    await eventually(() =>
      expect(
        b
          .at(chain, 10)
          ?.signatures.map((s) => s.notaryDid)
          .sort(),
      ).toEqual([notaries['notary-a'].did, notaries['notary-b'].did]),
    );
    expect(b.finalFor(chain, 0).block.height).toBe(10);
    await sign(notaries['notary-b'], blockOf(chain, 11));
    await sign(notaries['notary-c'], blockOf(chain, 11));
    await eventually(() => expect(b.latest(chain)?.block.height).toBe(11));
    expect(b.view(chain)).toMatchObject({ status: 'active', trustedHeight: 11 });
    expect(reasonOf(() => b.finalFor(chain, 12))).toBe('evm_block_not_notarized');
  });

  it('a signature that does not verify, or is over another block than the value states, counts for nothing', async () => {
    const chain = `evm-${++chainSeq}`;
    const b = await book(chain);
    const blk = blockOf(chain, 5);
    await sign(notaries['notary-a'], blk);
    // notary-b's signature over another block, published as if it were over this one
    const forged = { block: blk, signature: notarize(notaries['notary-b'], blockOf(chain, 5, 'other')) };
    await publishNotarization(kv, forged);
    // a notary-c entry whose bytes are garbage
    await kv.put(notaryKey(chain, 5, notaries['notary-c'].did), new Uint8Array([1, 2, 3]));
    await new Promise((r) => setTimeout(r, 300));
    expect(b.at(chain, 5)).toBeUndefined();
    await sign(notaries['notary-c'], blk);
    await eventually(() => expect(b.at(chain, 5)).toBeDefined());
  });

  it('a notary signing two blocks at one height is caught: evidence kept, its signatures stop counting', async () => {
    const chain = `evm-${++chainSeq}`;
    const b = await book(chain);
    await sign(notaries['notary-a'], blockOf(chain, 7));
    await sign(notaries['notary-b'], blockOf(chain, 7));
    await eventually(() => expect(b.at(chain, 7)).toBeDefined());
    // notary-a now signs a different block at 7 (a put over its own key: the history keeps both)
    await sign(notaries['notary-a'], blockOf(chain, 7, 'reorg'));
    await eventually(() => expect(b.equivocations(chain).map((e) => e.notaryDid)).toEqual([notaries['notary-a'].did]));
    // Without notary-a, block 7 has one signature: no longer final here.
    expect(b.at(chain, 7)).toBeUndefined();
    await sign(notaries['notary-c'], blockOf(chain, 7));
    await eventually(() =>
      expect(
        b
          .at(chain, 7)
          ?.signatures.map((s) => s.notaryDid)
          .sort(),
      ).toEqual([notaries['notary-b'].did, notaries['notary-c'].did]),
    );
    // A gateway following later finds the evidence in the bucket's history.
    const late = await book(chain);
    expect(late.equivocations(chain).map((e) => e.notaryDid)).toEqual([notaries['notary-a'].did]);
    expect(late.at(chain, 7)).toBeDefined();
  });

  it('two different blocks final at one height freeze the chain', async () => {
    const chain = `evm-${++chainSeq}`;
    const b = await book(chain);
    await sign(notaries['notary-a'], blockOf(chain, 3));
    await sign(notaries['notary-b'], blockOf(chain, 3));
    await eventually(() => expect(b.at(chain, 3)).toBeDefined());
    // Under 2 of 3, a second final block at one height needs a notary to sign both, which the book
    // catches first; under 1 of 3, notary-c's signature alone makes another block final at 3: a fork.
    const loose = new NotaryBook({ kv, authority, now: () => T1 + 100_000, logger: silentLogger() });
    await loose.start();
    books.push(loose);
    await loose.follow(chain, { threshold: 1, notaries: policy.notaries }, 1);
    await sign(notaries['notary-c'], blockOf(chain, 3, 'fork'));
    await eventually(() => expect(loose.view(chain).status).toBe('frozen'));
    expect(reasonOf(() => loose.finalFor(chain, 0))).toBe('client_frozen');
  });

  it('blocks below the chain anchor are not followed', async () => {
    const chain = `evm-${++chainSeq}`;
    await sign(notaries['notary-a'], blockOf(chain, 2));
    await sign(notaries['notary-b'], blockOf(chain, 2));
    const b = new NotaryBook({ kv, authority, now: () => T1, logger: silentLogger() });
    await b.start();
    books.push(b);
    await b.follow(chain, policy, 3);
    expect(b.at(chain, 2)).toBeUndefined();
    await sign(notaries['notary-a'], blockOf(chain, 3));
    await sign(notaries['notary-b'], blockOf(chain, 3));
    await eventually(() => expect(b.latest(chain)?.block.height).toBe(3));
  });
});
