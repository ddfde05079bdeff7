/**
 * The request mux (src/bus/request-mux.ts) and the per-turn sending of requests (request.ts)
 * over a real nats-server: many requests of one turn each get their own reply, replies are
 * matched by token only (a reply forged onto the inbox with another token answers nobody),
 * and no responders, timeouts and publish refusals come back as nc.request's did.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode as NatsErrorCode, type NatsError } from 'nats';
import { connectBus, type BusConnection } from '../../src/bus/connection.js';
import { muxRequest } from '../../src/bus/request-mux.js';
import { replyOk, request } from '../../src/bus/request.js';
import { querySubject } from '../../src/bus/subjects.js';
import { fromUtf8, utf8 } from '../../src/encoding/bytes.js';
import { CourtbridgeError } from '../../src/errors.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';

let server: NatsServerHandle;
let requester: BusConnection;
let responder: BusConnection;

beforeAll(async () => {
  server = await startNatsServer();
  requester = await connectBus({ servers: server.url, name: 'mux-requester' });
  responder = await connectBus({ servers: server.url, name: 'mux-responder' });
  // Echoes the payload back, upper-cased, after a delay the payload may name ("slow:<ms>").
  responder.nc.subscribe('mux.echo', {
    callback: (_e, m) => {
      const text = fromUtf8(m.data);
      const slow = /^slow:(\d+)/.exec(text);
      const answer = (): boolean => replyOk(m, utf8(text.toUpperCase()));
      if (slow) setTimeout(answer, Number(slow[1]));
      else answer();
    },
  });
  await responder.nc.flush();
});

afterAll(async () => {
  await requester?.close();
  await responder?.close();
  await server?.stop();
});

async function natsError(p: Promise<unknown>): Promise<NatsError> {
  try {
    await p;
  } catch (e) {
    return e as NatsError;
  }
  throw new Error('expected a rejection');
}

describe('request mux', () => {
  it('answers 300 requests sent in one turn each with its own reply', async () => {
    const n = 300;
    const replies = await Promise.all(
      Array.from({ length: n }, (_, i) => request(requester.nc, 'mux.echo', utf8(`q${i}`), { deadlineMs: Date.now() + 5_000 })),
    );
    expect(replies.map((m) => fromUtf8(m.data))).toEqual(Array.from({ length: n }, (_, i) => `Q${i}`));
  });

  it('answers replies out of order to the request that sent them', async () => {
    const [slow, fast] = await Promise.all([
      muxRequest(requester.nc, 'mux.echo', utf8('slow:80'), { timeout: 2_000 }),
      muxRequest(requester.nc, 'mux.echo', utf8('fast'), { timeout: 2_000 }),
    ]);
    expect(fromUtf8(slow.data)).toBe('SLOW:80');
    expect(fromUtf8(fast.data)).toBe('FAST');
  });

  it('refuses a reply forged onto the inbox with another token: it answers nobody', async () => {
    // A spy on the requester's inbox learns its prefix from a real request, then answers a token
    // no request holds, and one a real request holds with the wrong payload too late (after it timed out).
    const seen: string[] = [];
    const spy = responder.nc.subscribe('mux.silent', { callback: (_e, m) => seen.push(m.reply ?? '') });
    await responder.nc.flush();
    const timedOut = natsError(muxRequest(requester.nc, 'mux.silent', utf8('x'), { timeout: 50 }));
    expect((await timedOut).code).toBe(NatsErrorCode.Timeout);
    const inbox = seen[0]!;
    const prefix = inbox.slice(0, inbox.lastIndexOf('.') + 1);
    responder.nc.publish(`${prefix}zzzz`, utf8('forged'));
    responder.nc.publish(inbox, utf8('late'));
    const real = await muxRequest(requester.nc, 'mux.echo', utf8('real'), { timeout: 2_000 });
    expect(fromUtf8(real.data)).toBe('REAL');
    spy.unsubscribe();
  });

  it('uses tokens a responder that saw one cannot guess: a forged reply to the next one answers nobody', async () => {
    const seen: string[] = [];
    const spy = responder.nc.subscribe('mux.quiet', { callback: (_e, m) => seen.push(m.reply ?? '') });
    const silent = responder.nc.subscribe('mux.elsewhere', { callback: () => {} });
    await responder.nc.flush();
    expect((await natsError(muxRequest(requester.nc, 'mux.quiet', utf8('x'), { timeout: 50 }))).code).toBe(NatsErrorCode.Timeout);
    const inbox = seen[0]!;
    const prefix = inbox.slice(0, inbox.lastIndexOf('.') + 1);
    const token = inbox.slice(prefix.length);
    expect(token.length).toBeGreaterThanOrEqual(16);
    // The next request goes to a subject the spy does not see; it forges answers to the likely next tokens.
    const pending = natsError(muxRequest(requester.nc, 'mux.elsewhere', utf8('x'), { timeout: 300 }));
    const n = Number.parseInt(token, 36);
    for (const guess of [
      (n + 1).toString(36),
      (n + 2).toString(36),
      `${token.slice(0, -1)}${String.fromCharCode(token.charCodeAt(token.length - 1) + 1)}`,
    ])
      responder.nc.publish(`${prefix}${guess}`, utf8('forged'));
    expect((await pending).code).toBe(NatsErrorCode.Timeout);
    spy.unsubscribe();
    silent.unsubscribe();
  });

  it('gives NO_RESPONDERS when nobody subscribes, and request() maps it to UNAVAILABLE no_adapter', async () => {
    expect((await natsError(muxRequest(requester.nc, 'mux.nobody', utf8('x'), { timeout: 2_000 }))).code).toBe(NatsErrorCode.NoResponders);
    const e = await natsError(request(requester.nc, querySubject('nochain'), utf8('x'), { deadlineMs: Date.now() + 2_000 }));
    expect(e).toBeInstanceOf(CourtbridgeError);
    expect((e as unknown as CourtbridgeError).reason).toBe('no_adapter');
  });

  it('times out a request nobody answers: DEADLINE_EXCEEDED through request()', async () => {
    responder.nc.subscribe('mux.never', { callback: () => {} });
    await responder.nc.flush();
    const t = Date.now();
    const e = await natsError(request(requester.nc, 'mux.never', utf8('x'), { deadlineMs: Date.now() + 150 }));
    expect((e as unknown as CourtbridgeError).reason).toBe('deadline_exceeded');
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('rejects a publish that throws (an empty subject) instead of waiting', async () => {
    const e = await natsError(muxRequest(requester.nc, '', utf8('x'), { timeout: 2_000 }));
    expect(e.code).toBe(NatsErrorCode.BadSubject);
  });
});
