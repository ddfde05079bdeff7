/**
 * The gateway's side of the action stream, for tests that drive adapters directly over NATS
 * (adapters/domain, adapters/sdk/runtime, relay/e2e): the ActionRequest a gateway forwards (the
 * court's order JWT and the judicial proof of `order/<orderId>`), publishing it as a signed
 * `action.request` envelope, and reading back the adapters' signed `action.result` envelopes.
 * One copy, so every test forwards exactly what src/relay/modules/actions.ts forwards.
 */
import { expect } from 'vitest';
import type { NatsConnection } from 'nats';
import { judicialOrderKey } from './alliance-fixture.js';
import { actionConsumerName } from '../../adapters/sdk/action-consumer.js';
import { wireKindOf } from '../../src/judicial/wire-kind.js';
import type { JudicialOrder } from '../../src/judicial/order.js';
import { proofToWire, signedHeaderToWire, validatorSetToWire } from '../../src/verify/bundle-convert.js';
import { checkEnvelope } from '../../src/bus/envelope-verify.js';
import { encodeEnvelope, sealEnvelope } from '../../src/bus/envelope.js';
import { publishWithId } from '../../src/bus/jetstream.js';
import { actionsSubject, resultsSubject, Streams } from '../../src/bus/subjects.js';
import type { DevLedger } from '../../src/chain/ledger/ledger.js';
import type { Authority } from '../../src/identity/authority.js';
import type { Signer } from '../../src/identity/signer.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../src/wire/messages.js';

/** The record an action targets on the adapter's chain. */
export interface ActionTarget {
  recordType: string;
  key: string;
}

/** The ActionRequest a gateway forwards for `o`: the order JWT and the judicial proof of `order/<orderId>` read from `judicial`. */
export function forwardedActionRequest(
  judicial: DevLedger,
  o: JudicialOrder,
  jwt: string,
  target: ActionTarget,
): MessageInput<'ActionRequest'> {
  const key = judicialOrderKey(o);
  const pr = judicial.prove(key);
  return {
    actionId: o.actionId,
    chainId: o.chain,
    kind: wireKindOf(o.kind),
    target,
    amount: o.amount,
    orderJwt: jwt,
    judicialProof: {
      caseId: o.caseId,
      recordKey: key,
      height: pr.light.signedHeader.header.height,
      bundle: {
        record: pr.value === null ? null : { chainId: 'judicial', key, value: pr.value, recordType: 'order' },
        proof: proofToWire(pr.proof),
        signedHeader: signedHeaderToWire(pr.light.signedHeader),
        validatorSet: validatorSetToWire(pr.light.validatorSet),
      },
    },
    acceptedAtMs: Date.now(),
  };
}

/**
 * Publish `req` on `chain`'s action stream as an `action.request` envelope sealed by `signer` (the
 * gateway, or an impostor); resolves to its stream sequence (see {@link actionHandled}).
 */
export async function publishActionRequest(
  nc: NatsConnection,
  signer: Signer,
  chain: string,
  req: MessageInput<'ActionRequest'>,
): Promise<number> {
  const env = sealEnvelope(signer, 'action.request', encodeMessage('ActionRequest', req), Date.now());
  return (await publishWithId(nc.jetstream(), actionsSubject(chain), encodeEnvelope(env), `${signer.did}/${env.msgId}`)).seq;
}

/**
 * Whether the adapters of `chain` are done with action-stream message `seq` and every one before
 * it: their durable consumer's ack floor reached it (acked or terminated), so JetStream never
 * delivers it again. Tests wait for this (with eventually) to show that nothing more happens.
 */
export async function actionHandled(nc: NatsConnection, chain: string, seq: number): Promise<boolean> {
  const info = await (await nc.jetstreamManager()).consumers.info(Streams.actions.name, actionConsumerName(chain));
  return info.ack_floor.stream_seq >= seq;
}

/**
 * Every result on the results stream for `chain`, each a verified `action.result` envelope
 * signed by `adapterDid` (anything else fails the test).
 */
export async function readActionResults(
  nc: NatsConnection,
  authority: Authority,
  chain: string,
  adapterDid: string,
  maxMessages = 500,
): Promise<MessageOutput<'ActionResult'>[]> {
  const c = await nc.jetstream().consumers.get(Streams.results.name, { filterSubjects: resultsSubject(chain) });
  const out: MessageOutput<'ActionResult'>[] = [];
  const batch = await c.fetch({ max_messages: maxMessages, expires: 1_000 });
  for await (const m of batch) {
    const r = checkEnvelope(m.data, { authority, nowMs: Date.now(), maxAgeMs: 600_000, maxFutureSkewMs: 5_000, chain });
    if (r.kind !== 'accepted') throw new Error(`result envelope dropped: ${r.drop.reason}`);
    expect(r.envelope.type).toBe('action.result');
    expect(r.envelope.senderDid).toBe(adapterDid);
    out.push(decodeMessage('ActionResult', r.envelope.body));
    if (m.info.pending === 0) break;
  }
  return out;
}
