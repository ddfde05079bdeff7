/**
 * The adapter of the query suites' prebuilt chain (chain-1m.ts): serves what the mini adapter
 * (test/relay/query/mini-adapter.ts) would serve for that chain, from the recording: record
 * queries of the recorded keys (the recorded answer with the request's id), light blocks by
 * height, and signed header announcements (sealed now by the adapter's key) on the JetStream
 * headers stream. Same subjects, same bytes.
 */
import type { Msg, NatsConnection, Subscription } from 'nats';
import { encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../src/bus/envelope.js';
import { publishWithId } from '../src/bus/jetstream.js';
import { replyError, replyOk } from '../src/bus/request.js';
import { headersSubject, lightblockSubject, querySubject, queryQueue } from '../src/bus/subjects.js';
import { ByteReader } from '../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../src/errors.js';
import { decodeMessage } from '../src/wire/codec.js';
import { type RecordedChain, withRequestId } from './chain-1m.js';

export class RecordedAdapter {
  private subs: Subscription[] = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly chainId: string,
    private readonly signer: EnvelopeSigner,
    private readonly chain: RecordedChain,
  ) {}

  /** Serve, and announce every header in order; resolves once they are published. */
  async start(): Promise<void> {
    const { nc, chainId, chain } = this;
    const serve = (subject: string, answer: (data: Uint8Array) => Uint8Array): Subscription =>
      nc.subscribe(subject, {
        queue: queryQueue(chainId),
        callback: (err, msg: Msg) => {
          if (err !== null) return;
          try {
            replyOk(msg, answer(msg.data));
          } catch (e) {
            replyError(msg, e);
          }
        },
      });
    this.subs = [
      serve(querySubject(chainId), (d) => {
        const req = decodeMessage('QueryRequest', d);
        if (req.chainId !== chainId) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'wrong_chain', `this adapter serves ${chainId}`);
        const a = chain.answers.get(req.key);
        if (a === undefined)
          throw new CourtbridgeError(ErrorCode.NotFound, 'not_found', `the bench chain recorded no answer for ${req.key}`);
        return withRequestId(a, req.requestId);
      }),
      serve(lightblockSubject(chainId), (d) => {
        const h = d.length === 0 ? 0 : Number(new ByteReader(d).u64n('height'));
        const lb = chain.lightBlocks[(h === 0 ? chain.lightBlocks.length : h) - 1];
        if (lb === undefined) throw new CourtbridgeError(ErrorCode.NotFound, 'unknown_height', `no block ${h}`);
        return lb;
      }),
    ];
    const js = nc.jetstream();
    for (const [i, body] of chain.announcements.entries()) {
      const env = sealEnvelope(this.signer, 'header.announce', body, Date.now());
      await publishWithId(js, headersSubject(chainId), encodeEnvelope(env), `${chainId}:${i + 1}`);
    }
  }

  stop(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
  }
}
