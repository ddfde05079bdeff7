/**
 * Request/reply over one wildcard inbox subscription per connection, replies matched by token:
 * what nats.js's own muxed `request` does, without what it costs per request on the hot path
 * (a deferred, a timer wrapper, and an Error built on every successful request: its `cancel()`
 * rejects the settled deferred with a fresh `NatsError CANCELLED`, stack trace and all, about 4%
 * of the gateway's CPU under load).
 *
 * It answers as `nc.request` does: the reply message; a `NatsError` NO_RESPONDERS (503) when
 * nobody listens, TIMEOUT when the time runs out or the connection closes, the server's
 * PERMISSIONS_VIOLATION when it refuses the publish; a publish that throws rejects with its error.
 * The inbox is `<the connection's inboxPrefix>.<nuid>.*`, as nats.js's, so the bus permissions
 * (permissions.ts: each identity subscribes to its own `_INBOX_<nkey>.>`) are the same.
 */
import { createInbox, ErrorCode, NatsError, nuid, type Msg, type MsgHdrs, type NatsConnection } from 'nats';
import { permissionViolationOf } from './connection.js';

interface Pending {
  subject: string;
  resolve: (m: Msg) => void;
  reject: (e: unknown) => void;
  timer: NodeJS.Timeout;
}

export interface MuxRequestOptions {
  /** ms; at least 1. */
  timeout: number;
  headers?: MsgHdrs;
}

class RequestMux {
  private readonly prefix: string;
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly nc: NatsConnection) {
    const inboxPrefix = (nc as unknown as { options?: { inboxPrefix?: string } }).options?.inboxPrefix;
    const inbox = createInbox(inboxPrefix);
    this.prefix = `${inbox}.`;
    const sub = nc.subscribe(`${inbox}.*`, { callback: (err, msg) => this.dispatch(err, msg) });
    void sub.closed.then(() => this.failAll(NatsError.errorForCode(ErrorCode.Timeout)));
    void this.watchRefusals();
  }

  request(subject: string, data: Uint8Array, o: MuxRequestOptions): Promise<Msg> {
    return new Promise<Msg>((resolve, reject) => {
      // Unguessable, as nats.js's: the server lets a responder answer only the reply subject it was
      // given, and where no permissions are set a guessed token must still not match a pending request.
      const token = nuid.next();
      const timer = setTimeout(expire, o.timeout, this, token);
      this.pending.set(token, { subject, resolve, reject, timer });
      try {
        this.nc.publish(subject, data, { reply: this.prefix + token, ...(o.headers === undefined ? {} : { headers: o.headers }) });
      } catch (e) {
        this.settle(token)?.reject(e);
      }
    });
  }

  /** The pending request of `token`, removed and its timer stopped (undefined if settled). */
  settle(token: string): Pending | undefined {
    const p = this.pending.get(token);
    if (p === undefined) return undefined;
    this.pending.delete(token);
    clearTimeout(p.timer);
    return p;
  }

  private dispatch(err: NatsError | null, msg: Msg): void {
    if (err !== null) {
      this.failAll(err);
      return;
    }
    const p = this.settle(msg.subject.slice(this.prefix.length));
    if (p === undefined) return; // late (timed out) or not ours
    // As nats.js: only an empty 503 is "no responders"; any other reply is the responder's.
    if (msg.data.length === 0 && msg.headers?.code === 503) p.reject(NatsError.errorForCode(ErrorCode.NoResponders));
    else p.resolve(msg);
  }

  private failAll(err: unknown): void {
    for (const token of [...this.pending.keys()]) this.settle(token)?.reject(err);
  }

  /** A publish the server refused fails the request to that subject at once (as nats.js's mux does). */
  private async watchRefusals(): Promise<void> {
    try {
      for await (const s of this.nc.status()) {
        const v = permissionViolationOf(s);
        if (v === undefined || v.operation !== 'publish') continue;
        for (const [token, p] of this.pending) {
          if (p.subject !== v.subject) continue;
          this.settle(token);
          p.reject(NatsError.errorForCode(ErrorCode.PermissionsViolation));
          break;
        }
      }
    } catch {
      // the status iterator ends with the connection
    }
  }
}

function expire(mux: RequestMux, token: string): void {
  mux.settle(token)?.reject(NatsError.errorForCode(ErrorCode.Timeout));
}

const muxes = new WeakMap<NatsConnection, RequestMux>();

/** `nc.request(subject, data, o)` through the connection's request mux (made on first use). */
export function muxRequest(nc: NatsConnection, subject: string, data: Uint8Array, o: MuxRequestOptions): Promise<Msg> {
  let mux = muxes.get(nc);
  if (mux === undefined) {
    mux = new RequestMux(nc);
    muxes.set(nc, mux);
  }
  return mux.request(subject, data, o);
}
