/**
 * `error_replies`: a malformed request gets an error REPLY, never silence (request.ts:
 * an empty payload with `Nats-Service-Error-Code`, `Nats-Service-Error` and `Courtbridge-Reason`
 * headers). Silence costs a gateway its whole deadline and tells a court nothing; an OK reply to
 * garbage means the adapter does not check its input.
 *
 * An `evm` chain has no indexes and no light blocks: even a well-formed index or light-block
 * request must get an error reply (FAILED_PRECONDITION, `unsupported_for_chain_kind` in the SDK)
 * saying so, and a key that names no bytes32 id is refused like any malformed key. A `notary`
 * chain (a registry in a database) has neither indexes nor light blocks either: the same two
 * requests must be refused the same way.
 */
import { request } from '../../bus/request.js';
import { indexSubject, lightblockSubject, querySubject } from '../../bus/subjects.js';
import { utf8 } from '../../encoding/bytes.js';
import { ErrorCode, isCourtbridgeError } from '../../errors.js';
import { encodeMessage } from '../../wire/codec.js';
import { fail, pass, type CheckVerdict, type ConformanceCheck } from '../check.js';
import type { ChainUnderTest } from '../chain-under-test.js';
import type { ConformanceContext } from '../context.js';

interface MalformedCase {
  name: string;
  /** Only for chains of these kinds; every chain unless told. */
  kinds?: readonly ChainUnderTest['kind'][];
  /** The error code the reply must carry; any error reply unless told. */
  code?: ErrorCode;
  subject: (ctx: ConformanceContext) => string;
  payload: (ctx: ConformanceContext) => Uint8Array;
}

/** The first record type the adapter announced, with a key prefix (evm: its storage layout's). */
function evmRecordType(c: ConformanceContext): { name: string; keyPrefix: string } {
  const name = c.announcement?.recordTypes[0] ?? c.o.probeKeys[0]?.split('/')[0] ?? 'record';
  const layout = c.target.kind === 'evm' ? c.target.records.get(name) : undefined;
  return { name, keyPrefix: layout?.keyPrefix ?? `${name}/` };
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
  {
    name: 'query: key not a bytes32 id',
    kinds: ['evm'],
    subject: (c) => querySubject(c.chain),
    payload: (c) =>
      encodeMessage('QueryRequest', {
        requestId: c.nextId('bad'),
        chainId: c.chain,
        recordType: evmRecordType(c).name,
        key: `${evmRecordType(c).keyPrefix}conformance-not-hex`,
        deadlineMs: c.deadline(),
      }),
  },
  {
    name: 'index: well-formed, on a chain without indexes',
    kinds: ['evm', 'notary'],
    code: ErrorCode.FailedPrecondition,
    subject: (c) => indexSubject(c.chain),
    payload: (c) =>
      encodeMessage('IndexQueryRequest', {
        requestId: c.nextId('bad'),
        chainId: c.chain,
        index: 'owner',
        indexKey: '00'.repeat(32),
        recordType: evmRecordType(c).name,
        deadlineMs: c.deadline(),
      }),
  },
  {
    name: 'lightblock: latest, on a chain without light blocks',
    kinds: ['evm', 'notary'],
    code: ErrorCode.FailedPrecondition,
    subject: (c) => lightblockSubject(c.chain),
    payload: () => new Uint8Array(0),
  },
];

export const errorRepliesCheck: ConformanceCheck = {
  id: 'error_replies',
  title: 'malformed requests get an error reply, not silence',
  async run(ctx: ConformanceContext): Promise<CheckVerdict> {
    const ok: string[] = [];
    const bad: string[] = [];
    for (const c of MALFORMED_REQUESTS) {
      if (c.kinds !== undefined && !c.kinds.includes(ctx.target.kind)) continue;
      try {
        await request(ctx.nc, c.subject(ctx), c.payload(ctx), { deadlineMs: ctx.deadline(), now: ctx.o.now });
        bad.push(`${c.name}: answered with data`);
      } catch (e) {
        if (isCourtbridgeError(e) && e.details?.remote === true && c.code !== undefined && e.code !== c.code)
          bad.push(`${c.name}: answered ${e.code} ${e.reason}, expected ${c.code}`);
        else if (isCourtbridgeError(e) && e.details?.remote === true) ok.push(`${c.name} -> ${e.code} ${e.reason}`);
        else if (isCourtbridgeError(e) && e.reason === 'deadline_exceeded') bad.push(`${c.name}: silence for ${ctx.o.timeoutMs} ms`);
        else bad.push(`${c.name}: ${isCourtbridgeError(e) ? e.reason : 'error'}: ${(e as Error).message}`);
      }
    }
    if (bad.length > 0) return fail(bad.join('; '), { errorReplies: ok.length, failures: bad.length });
    return pass(ok.join('; '), { errorReplies: ok.length });
  },
};
