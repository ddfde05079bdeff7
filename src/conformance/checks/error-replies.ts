/**
 * `error_replies`: a malformed request gets an error REPLY, never silence (request.ts:
 * an empty payload with `Nats-Service-Error-Code`, `Nats-Service-Error` and `Courtbridge-Reason`
 * headers). Silence costs a gateway its whole deadline and tells a court nothing; an OK reply to
 * garbage means the adapter does not check its input.
 */
import { request } from '../../bus/request.js';
import { indexSubject, lightblockSubject, querySubject } from '../../bus/subjects.js';
import { utf8 } from '../../encoding/bytes.js';
import { isCourtbridgeError } from '../../errors.js';
import { encodeMessage } from '../../wire/codec.js';
import { fail, pass, type CheckVerdict, type ConformanceCheck } from '../check.js';
import type { ConformanceContext } from '../context.js';

interface MalformedCase {
  name: string;
  subject: (ctx: ConformanceContext) => string;
  payload: (ctx: ConformanceContext) => Uint8Array;
}

/** Requests no adapter may answer with data (and must answer). */
export const MALFORMED_REQUESTS: readonly MalformedCase[] = [
  { name: 'query: not protobuf', subject: (c) => querySubject(c.chain), payload: () => Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f) },
  {
    name: 'query: another chain',
    subject: (c) => querySubject(c.chain),
    payload: (c) =>
      encodeMessage('QueryRequest', {
        requestId: c.nextId('bad'),
        chainId: `${c.chain === 'x' ? 'y' : 'x'}-elsewhere`,
        recordType: c.announcement?.recordTypes[0] ?? 'record',
        key: 'record/1',
        deadlineMs: c.deadline(),
      }),
  },
  {
    name: 'query: unknown record type',
    subject: (c) => querySubject(c.chain),
    payload: (c) =>
      encodeMessage('QueryRequest', {
        requestId: c.nextId('bad'),
        chainId: c.chain,
        recordType: 'no_such_type_conformance',
        key: 'no_such_type_conformance/1',
        deadlineMs: c.deadline(),
      }),
  },
  { name: 'index: not protobuf', subject: (c) => indexSubject(c.chain), payload: () => utf8('{"this":"is json, not protobuf"}') },
  { name: 'lightblock: 3-byte height', subject: (c) => lightblockSubject(c.chain), payload: () => Uint8Array.of(1, 2, 3) },
];

export const errorRepliesCheck: ConformanceCheck = {
  id: 'error_replies',
  title: 'malformed requests get an error reply, not silence',
  async run(ctx: ConformanceContext): Promise<CheckVerdict> {
    const ok: string[] = [];
    const bad: string[] = [];
    for (const c of MALFORMED_REQUESTS) {
      try {
        await request(ctx.nc, c.subject(ctx), c.payload(ctx), { deadlineMs: ctx.deadline(), now: ctx.o.now });
        bad.push(`${c.name}: answered with data`);
      } catch (e) {
        if (isCourtbridgeError(e) && e.details?.remote === true) ok.push(`${c.name} -> ${e.code} ${e.reason}`);
        else if (isCourtbridgeError(e) && e.reason === 'deadline_exceeded') bad.push(`${c.name}: silence for ${ctx.o.timeoutMs} ms`);
        else bad.push(`${c.name}: ${isCourtbridgeError(e) ? e.reason : 'error'}: ${(e as Error).message}`);
      }
    }
    if (bad.length > 0) return fail(bad.join('; '), { errorReplies: ok.length, failures: bad.length });
    return pass(ok.join('; '), { errorReplies: ok.length });
  },
};
