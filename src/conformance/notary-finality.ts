/**
 * The kit's view of an `evm` chain's finality: it follows the notary bucket `cb_notary` with the
 * gateway's own follower (src/relay/light-clients/notary-book.ts), counting only signatures of
 * the chain's registry notaries, and waits, up to a check's budget, for the block it needs to be
 * final. The kit binds to the bucket and never creates it: a bucket nobody made means no notary
 * ever signed, which is the finding to report, not something to paper over.
 */
import type { JetStreamClient } from 'nats';
import { Buckets } from '../bus/subjects.js';
import { isCourtbridgeError } from '../errors.js';
import type { Authority } from '../identity/authority.js';
import { silentLogger } from '../log.js';
import { type FinalBlock, NotaryBook } from '../relay/light-clients/notary-book.js';
import { failCheck } from './check.js';
import type { ChainUnderTest } from './chain-under-test.js';

type EvmTarget = Extract<ChainUnderTest, { kind: 'evm' }>;

/** How often the kit looks at its book while it waits for a block to be final. */
const POLL_MS = 50;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class NotaryFinality {
  private book: Promise<NotaryBook> | undefined;

  constructor(
    private readonly js: JetStreamClient,
    private readonly chain: string,
    readonly target: EvmTarget,
    private readonly authority: Authority,
    private readonly now: () => number,
  ) {}

  /** The registry notaries, for a person: `2 of did:a, did:b, did:c`. */
  describeNotaries(): string {
    return `${this.target.notaries.threshold} of ${this.target.notaries.notaries.join(', ')}`;
  }

  /** The newest block final by the chain's notaries, waiting up to `timeoutMs` for one. */
  newest(timeoutMs: number): Promise<FinalBlock> {
    return this.wait(0, timeoutMs);
  }

  /** The block final at `height`, waiting up to `timeoutMs` for the notaries to sign it. */
  at(height: number, timeoutMs: number): Promise<FinalBlock> {
    return this.wait(height, timeoutMs);
  }

  async stop(): Promise<void> {
    const b = this.book;
    this.book = undefined;
    if (b !== undefined) await (await b.catch(() => undefined))?.stop();
  }

  private async wait(height: number, timeoutMs: number): Promise<FinalBlock> {
    const book = await this.open();
    const until = this.now() + timeoutMs;
    for (;;) {
      try {
        return book.finalFor(this.chain, height);
      } catch (e) {
        if (!isCourtbridgeError(e)) throw e;
        if (e.reason === 'client_frozen') failCheck(`${e.message} (the kit follows the notary bucket ${Buckets.notary})`);
        if (this.now() >= until) {
          const newest = book.latest(this.chain)?.block.height;
          failCheck(
            height === 0
              ? `no block of ${this.chain} was made final by its registry notaries (${this.describeNotaries()}) in bucket ${Buckets.notary} within ${timeoutMs} ms: are its notaries running?`
              : `block ${height} of ${this.chain} was not made final by its registry notaries (${this.describeNotaries()}) within ${timeoutMs} ms (newest final: ${newest ?? 'none'}): are its notaries running?`,
            { height, ...(newest === undefined ? {} : { newestFinal: newest }) },
          );
        }
      }
      await sleep(POLL_MS);
    }
  }

  private open(): Promise<NotaryBook> {
    this.book ??= (async () => {
      const jsm = await this.js.jetstreamManager();
      const stream = `KV_${Buckets.notary}`;
      const found = await jsm.streams.info(stream).then(
        () => true,
        () => false,
      );
      if (!found)
        failCheck(
          `there is no notary bucket ${Buckets.notary} on this NATS: no notary of ${this.chain} (${this.describeNotaries()}) ever signed a block; are its notaries running?`,
        );
      const kv = await this.js.views.kv(Buckets.notary, { bindOnly: true });
      const book = new NotaryBook({ kv, authority: this.authority, now: this.now, logger: silentLogger() });
      await book.start();
      await book.follow(this.chain, this.target.notaries, this.target.fromHeight);
      return book;
    })();
    return this.book;
  }
}
