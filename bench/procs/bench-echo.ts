/**
 * The raw echo responder the ceilings measure against, served by the adapter processes
 * (adapter.ts, evm-adapter.ts) beside the real adapter: `bench.echo` replies with as many bytes as
 * the request's first four bytes ask for (u32 BE: the size of the adapter's real reply), doing no
 * other work.
 */
import type { NatsConnection } from 'nats';

export function serveBenchEcho(nc: NatsConnection): void {
  const replies = new Map<number, Uint8Array>();
  nc.subscribe('bench.echo', {
    callback: (_e, m) => {
      const n = new DataView(m.data.buffer, m.data.byteOffset, m.data.byteLength).getUint32(0);
      let r = replies.get(n);
      if (r === undefined) {
        r = new Uint8Array(n).fill(7);
        replies.set(n, r);
      }
      m.respond(r);
    },
  });
}
