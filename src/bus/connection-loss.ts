/**
 * Failing fast when the NATS connection is lost. nats.js keeps a request pending until its own
 * timeout even when the socket under it died, so a caller waited out its whole deadline (9 s of
 * no answers when a nats node was killed). This watcher follows one connection's status events
 * and, on `disconnect`, rejects everything raced against it at once with UNAVAILABLE
 * `nats_disconnected` (a retry-after-ms the caller can act on); while the connection is down, new
 * work is refused at once too. `whenConnected` lets work that must get through (a judicial write)
 * wait for the reconnect and go again instead of waiting out an old timeout.
 */
import type { NatsConnection } from 'nats';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import { retryAfterMsOf } from './transport-error.js';

interface Watch {
  down: boolean;
  readonly onLoss: Set<(e: CourtbridgeError) => void>;
  readonly onBack: Set<() => void>;
}

const watches = new WeakMap<NatsConnection, Watch>();

function lostError(what: string): CourtbridgeError {
  const retryAfterMs = retryAfterMsOf('nats_disconnected');
  return new CourtbridgeError(
    ErrorCode.Unavailable,
    'nats_disconnected',
    `the connection to NATS was lost during ${what}; the gateway reconnects by itself, retry after ${retryAfterMs} ms`,
    { details: { retryAfterMs } },
  );
}

function watchOf(nc: NatsConnection): Watch {
  const existing = watches.get(nc);
  if (existing !== undefined) return existing;
  const w: Watch = { down: false, onLoss: new Set(), onBack: new Set() };
  watches.set(nc, w);
  void (async () => {
    try {
      for await (const s of nc.status()) {
        if (s.type === 'disconnect' || s.type === 'reconnecting' || s.type === 'staleConnection') {
          if (s.type !== 'reconnecting' || !w.down) lose(w);
        } else if (s.type === 'reconnect') {
          w.down = false;
          for (const f of [...w.onBack]) f();
        }
      }
    } catch {
      // The iterator ends with the connection; closed() below covers the rest.
    }
  })();
  void nc.closed().then(() => {
    lose(w);
    for (const f of [...w.onBack]) f();
  });
  return w;
}

function lose(w: Watch): void {
  w.down = true;
  for (const f of [...w.onLoss]) f(lostError('a request'));
}

/** True while `nc` is between a disconnect and its reconnect (or closed). */
export function isDisconnected(nc: NatsConnection): boolean {
  return watchOf(nc).down || nc.isClosed();
}

/**
 * `work`, or UNAVAILABLE `nats_disconnected` as soon as `nc` loses its connection (at once when it
 * is down already), whichever comes first. `what` names the work in the message.
 */
export function failOnConnectionLoss<T>(nc: NatsConnection, what: string, work: () => Promise<T>): Promise<T> {
  const w = watchOf(nc);
  if (w.down || nc.isClosed()) return Promise.reject(lostError(what));
  return new Promise<T>((resolve, reject) => {
    const onLoss = (): void => {
      w.onLoss.delete(onLoss);
      reject(lostError(what));
    };
    w.onLoss.add(onLoss);
    let running: Promise<T>;
    try {
      running = work();
    } catch (e) {
      running = Promise.reject(e);
    }
    running.then(
      (v) => {
        w.onLoss.delete(onLoss);
        resolve(v);
      },
      (e: unknown) => {
        w.onLoss.delete(onLoss);
        reject(e);
      },
    );
  });
}

/**
 * Resolves once `nc` is connected (at once when it is), or false when `untilMs` (ms since the
 * epoch, by `now`) passes first or the connection closes.
 */
export function whenConnected(nc: NatsConnection, untilMs: number, now: () => number = Date.now): Promise<boolean> {
  const w = watchOf(nc);
  if (nc.isClosed()) return Promise.resolve(false);
  if (!w.down) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      w.onBack.delete(back);
      resolve(ok);
    };
    const back = (): void => done(!nc.isClosed());
    const timer = setTimeout(() => done(false), Math.max(0, untilMs - now()));
    w.onBack.add(back);
  });
}

/** Start following `nc`'s disconnects now (connectBus does, so the first loss is seen). */
export function watchConnection(nc: NatsConnection): void {
  watchOf(nc);
}
