/**
 * A stalled nats.js ordered consumer. When an ordered consumer loses its heartbeats (its server
 * or its one replica's peer killed), nats.js recreates it under a new name and, if that create
 * fails, retries the same create every 15 to 45 s for as long as it keeps failing; on a cluster
 * that lost a node the retry can time out again and again, so the feed stops for minutes although
 * the stream has a quorum. `onOrderedStall` tells when a recreate has not succeeded within
 * `stallMs`, so the owner can close the consumer and open a fresh one.
 */
import { ConsumerDebugEvents, ConsumerEvents, type ConsumerMessages } from 'nats';

/** Call `onStall` once when a reset of `messages` is not followed by a recreated consumer within `stallMs`. */
export function onOrderedStall(messages: ConsumerMessages, stallMs: number, onStall: () => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fired = false;
  void (async () => {
    for await (const s of await messages.status()) {
      if (s.type === ConsumerDebugEvents.Reset && timer === undefined && !fired) {
        timer = setTimeout(() => {
          fired = true;
          onStall();
        }, stallMs);
      } else if (s.type === ConsumerEvents.OrderedConsumerRecreated && timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
    }
  })()
    .catch(() => undefined)
    .finally(() => clearTimeout(timer));
}
