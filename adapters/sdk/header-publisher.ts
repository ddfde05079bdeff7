/**
 * Publishes every new block's signed header and validator set (HeaderAnnouncement inside a
 * signed `header.announce` envelope) to the JetStream headers stream with `Nats-Msg-Id`
 * `<chain>:<height>`, so that replicas of one adapter publishing the same block store it once
 * (DESIGN.md "Transport": streams deduplicated).
 *
 * Blocks are published one at a time in height order; a failed publish is logged and the next
 * block goes on (a gateway that misses a height skips to the next with the light client's
 * skipping rule, or asks `lightblockSubject`).
 */
import type { JetStreamClient } from 'nats';
import { headersSubject } from '../../src/bus/subjects.js';
import { encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../../src/bus/envelope.js';
import { publishWithId } from '../../src/bus/jetstream.js';
import type { LightBlock } from '../../src/chain/signed-header.js';
import { encodeMessage } from '../../src/wire/codec.js';
import type { Logger } from '../../src/log.js';
import type { BftSmtChainBackend } from './chain-backend.js';
import { signedHeaderToWire, validatorSetToWire } from '../../src/verify/bundle-convert.js';

export interface HeaderPublisherOptions {
  js: JetStreamClient;
  signer: EnvelopeSigner;
  /** A `bft-smt` chain's: an `evm` chain has no signed headers to publish (its notaries sign its blocks). */
  backend: BftSmtChainBackend;
  now: () => number;
  logger: Logger;
  /** Called after each header is stored in the stream (metrics). */
  onPublished?: (height: number) => void;
}

export interface HeaderPublisher {
  /** Stop taking new blocks and wait for the queued ones to be published. */
  stop(): Promise<void>;
}

/** The dedupe id of a chain's header: `<chain>:<height>`. */
export const headerMsgId = (chain: string, height: number): string => `${chain}:${height}`;

/** The signed envelope announcing `lb`. */
export function headerAnnouncementBytes(lb: LightBlock): Uint8Array {
  return encodeMessage('HeaderAnnouncement', {
    signedHeader: signedHeaderToWire(lb.signedHeader),
    validatorSet: validatorSetToWire(lb.validatorSet),
  });
}

export async function startHeaderPublisher(o: HeaderPublisherOptions): Promise<HeaderPublisher> {
  const chain = o.backend.chainId;
  const subject = headersSubject(chain);
  let tail: Promise<void> = Promise.resolve();
  let lastHeight = 0;
  const enqueue = (lb: LightBlock): void => {
    tail = tail.then(async () => {
      const h = lb.signedHeader.header.height;
      if (h <= lastHeight) return;
      try {
        const env = sealEnvelope(o.signer, 'header.announce', headerAnnouncementBytes(lb), o.now());
        await publishWithId(o.js, subject, encodeEnvelope(env), headerMsgId(chain, h));
        lastHeight = h;
        o.onPublished?.(h);
      } catch (e) {
        o.logger.warn({ err: e, chain, height: h }, 'header publish failed');
      }
    });
  };
  const unsubscribe = o.backend.subscribeBlocks(enqueue);
  enqueue(await o.backend.latestLightBlock());
  return {
    stop: async () => {
      unsubscribe();
      await tail;
    },
  };
}
