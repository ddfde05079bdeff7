/**
 * The wire codec: round trips of real messages, a pinned encoding, every message of the
 * schema, and a table of malformed inputs each rejected with its named reason.
 */
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { CourtbridgeError } from '../../src/errors.js';
import { decodeMessage, encodeMessage, isMessageName, messageType, wireRoot } from '../../src/wire/codec.js';
import type { MessageName } from '../../src/wire/messages.js';
import { WIRE_SCHEMA } from '../../src/generated/descriptor.js';

const hash = (n: number) => new Uint8Array(32).fill(n);

function rejection(fn: () => unknown): CourtbridgeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CourtbridgeError) return e;
    throw e;
  }
  throw new Error('expected a CourtbridgeError');
}

describe('wire codec round trips', () => {
  it('reads 64-bit integers as plain numbers, with no long object in between (schema.ts plainNumbersForLongs)', () => {
    const bytes = encodeMessage('QueryRequest', { requestId: 'r', chainId: 'c', height: 2 ** 53 - 1, deadlineMs: 1_796_393_608_338 });
    const raw = messageType('QueryRequest').decode(bytes) as unknown as { height: unknown; deadlineMs: unknown };
    expect(raw.height).toBe(2 ** 53 - 1);
    expect(raw.deadlineMs).toBe(1_796_393_608_338);
    expect(protobuf.util.Long).toBeFalsy();
  });

  it('pins the bytes of a QueryRequest (field order, defaults omitted)', () => {
    const bytes = encodeMessage('QueryRequest', { requestId: 'r', chainId: 'c', height: 7 });
    expect(Buffer.from(bytes).toString('hex')).toBe('0a01721201632807');
    expect(decodeMessage('QueryRequest', bytes)).toEqual({
      requestId: 'r',
      chainId: 'c',
      recordType: '',
      key: '',
      height: 7,
      deadlineMs: 0,
    });
  });

  it('round trips a QueryResponse with a oneof, bytes, repeated bytes and an enum', () => {
    const input = {
      requestId: 'q-1',
      record: { chainId: 'property', key: 'title/ab/1', value: Buffer.from('{"area":90}'), recordType: 'property.title' },
      proof: { kind: 'PROOF_KIND_MEMBER' as const, siblings: [hash(1), hash(2)], leafKeyHash: hash(3), leafValueHash: hash(4) },
      header: { chainId: 'property', height: 1_000_000, headerHash: hash(5) },
      attestations: [{ attesterDid: 'did:alliance:land-bureau', kid: '#key-1', signature: new Uint8Array(64).fill(7) }],
    };
    const out = decodeMessage('QueryResponse', encodeMessage('QueryResponse', input));
    expect(out.result).toBe('record');
    expect(out.record?.key).toBe('title/ab/1');
    expect(Buffer.from(out.record?.value ?? []).toString()).toBe('{"area":90}');
    expect(out.proof?.kind).toBe('PROOF_KIND_MEMBER');
    expect(out.proof?.siblings.map((s) => s[0])).toEqual([1, 2]);
    expect(out.header?.height).toBe(1_000_000);
    expect(out.attestations[0]?.signature).toHaveLength(64);
    expect(out.absence).toBeUndefined();
  });

  it('round trips an absence, a QueryHeight oneof and a batch receipt inside a ProofBundle', () => {
    const out = decodeMessage(
      'ProofBundle',
      encodeMessage('ProofBundle', {
        request: { chainId: 'credit', recordType: 'credit.dishonest_debtor', key: 'k', height: { latest: {} } },
        absence: { chainId: 'credit', key: 'k', recordType: 'credit.dishonest_debtor' },
        proof: { kind: 'PROOF_KIND_ABSENT', siblings: [] },
        receipt: {
          batch: {
            leafIndex: 3,
            leafCount: 8,
            path: [hash(9)],
            batchRoot: hash(8),
            gatewayDid: 'did:alliance:gw',
            signedAtMs: 1_763_900_000_000,
          },
        },
        stateHeight: 42,
        trustBasis: 'TRUST_BASIS_HEADER_PROOF',
      }),
    );
    expect(out.result).toBe('absence');
    expect(out.request?.height?.height).toBe('latest');
    expect(out.proof?.kind).toBe('PROOF_KIND_ABSENT');
    expect(out.receipt?.form).toBe('batch');
    expect(out.receipt?.batch?.signedAtMs).toBe(1_763_900_000_000);
    expect(out.trustBasis).toBe('TRUST_BASIS_HEADER_PROOF');
    expect(out.signedHeader).toBeNull();
  });

  it('accepts enum numbers and 64-bit decimal strings on encode', () => {
    const out = decodeMessage(
      'ActionResult',
      encodeMessage('ActionResult', { actionId: 'a', status: 3, finishedAtMs: '9007199254740991' }),
    );
    expect(out.status).toBe('ACTION_STATUS_EXECUTED');
    expect(out.finishedAtMs).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('property: QueryRequest fields survive encode/decode and re-encode to the same bytes', () => {
    fc.assert(
      fc.property(
        fc.record({
          requestId: fc.string(),
          chainId: fc.string(),
          recordType: fc.string(),
          key: fc.string(),
          height: fc.maxSafeNat(),
          deadlineMs: fc.maxSafeNat(),
        }),
        (request) => {
          const bytes = encodeMessage('QueryRequest', request);
          const decoded = decodeMessage('QueryRequest', bytes);
          expect(decoded).toEqual(request);
          expect(encodeMessage('QueryRequest', decoded)).toEqual(bytes);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('every courtbridge.v1 message encodes empty and decodes with its defaults', () => {
    const v1 = wireRoot().lookup('courtbridge.v1') as protobuf.Namespace;
    const names = v1.nestedArray.filter((n) => n instanceof protobuf.Type).map((n) => n.name);
    expect(names.length).toBeGreaterThan(80);
    for (const name of names) {
      expect(isMessageName(name)).toBe(true);
      const bytes = encodeMessage(name as MessageName, {} as never);
      expect(bytes).toHaveLength(0);
      expect(typeof decodeMessage(name as MessageName, bytes)).toBe('object');
    }
  });
});

describe('wire codec rejections', () => {
  const valid = encodeMessage('QueryResponse', {
    requestId: 'q',
    record: { chainId: 'c', key: 'k', value: hash(1) },
    proof: { kind: 'PROOF_KIND_MEMBER', siblings: [hash(2)] },
  });

  // Decode: adversarial bytes, each malleated from a valid encoding or built by hand.
  const decodeCases: { name: string; type: MessageName; malleate: (b: Uint8Array) => Uint8Array; reason: string }[] = [
    {
      name: 'truncated inside a length-delimited field',
      type: 'QueryResponse',
      malleate: (b) => b.subarray(0, b.length - 5),
      reason: 'malformed_message',
    },
    {
      name: 'length prefix beyond the end',
      type: 'QueryResponse',
      malleate: () => Uint8Array.of(0x0a, 0x7f, 0x61),
      reason: 'malformed_message',
    },
    { name: 'invalid wire type 7', type: 'QueryResponse', malleate: (b) => Uint8Array.of(...b, 0x0f), reason: 'malformed_message' },
    // protobufjs alone decodes this as height 2097151 (its 64-bit varint fast path reads past the end).
    {
      name: 'varint never terminated',
      type: 'QueryRequest',
      malleate: () => Uint8Array.of(0x28, 0xff, 0xff, 0xff),
      reason: 'malformed_message',
    },
    // The same inside a sub-message: QueryResponse.header (field 5) of length 2 holding HeaderRef.height (field 2) = ff...
    {
      name: 'varint running past its sub-message',
      type: 'QueryResponse',
      malleate: () => Uint8Array.of(0x2a, 0x02, 0x10, 0xff, 0xff, 0xff, 0xff, 0x01),
      reason: 'malformed_message',
    },
    {
      name: 'varint longer than 10 bytes',
      type: 'QueryRequest',
      malleate: () => Uint8Array.of(0x28, ...new Array<number>(10).fill(0x80), 0x01),
      reason: 'malformed_message',
    },
    { name: 'field number 0', type: 'QueryRequest', malleate: () => Uint8Array.of(0x00, 0x01), reason: 'malformed_message' },
    { name: 'a proto2 group', type: 'QueryRequest', malleate: () => Uint8Array.of(0x0b, 0x0c), reason: 'malformed_message' },
    { name: 'truncated fixed64', type: 'QueryRequest', malleate: () => Uint8Array.of(0x49, 0x01, 0x02), reason: 'malformed_message' },
    // QueryRequest.height (field 5, varint) = 2^53: would round silently as a number.
    {
      name: 'uint64 at 2^53',
      type: 'QueryRequest',
      malleate: () => Uint8Array.of(0x28, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10),
      reason: 'unsafe_integer',
    },
    {
      name: 'uint64 at 2^64-1',
      type: 'QueryRequest',
      malleate: () => Uint8Array.of(0x28, ...new Array<number>(9).fill(0xff), 0x01),
      reason: 'unsafe_integer',
    },
    // ProofBundle.trust_basis (field 13, varint) = 99: not a TrustBasis value.
    { name: 'unknown enum number', type: 'ProofBundle', malleate: () => Uint8Array.of(0x68, 0x63), reason: 'unknown_enum_value' },
    // SmtProof.kind nested in QueryResponse.proof: unknown number deep in the tree.
    {
      name: 'unknown enum number in a sub-message',
      type: 'QueryResponse',
      malleate: (b) => Uint8Array.of(...b, 0x22, 0x02, 0x08, 0x09),
      reason: 'unknown_enum_value',
    },
  ];
  for (const c of decodeCases) {
    it(`decode rejects ${c.name} (${c.reason})`, () => {
      const e = rejection(() => decodeMessage(c.type, c.malleate(valid)));
      expect(e.code).toBe('INVALID_ARGUMENT');
      expect(e.reason).toBe(c.reason);
      expect(e.message).toContain(c.type);
    });
  }

  it('decode rejects what is not bytes, and an unknown message name', () => {
    expect(rejection(() => decodeMessage('QueryRequest', 'Cg==' as unknown as Uint8Array)).reason).toBe('invalid_bytes');
    expect(rejection(() => decodeMessage('NoSuchMessage' as MessageName, valid)).reason).toBe('unknown_message_type');
    expect(rejection(() => decodeMessage('QueryService' as MessageName, valid)).reason).toBe('unknown_message_type');
    expect(isMessageName('QueryService')).toBe(false);
  });

  const encodeCases: { name: string; type: MessageName; message: Record<string, unknown>; reason: string }[] = [
    { name: 'a height of 2^53 (already imprecise)', type: 'QueryRequest', message: { height: 2 ** 53 }, reason: 'unsafe_integer' },
    { name: 'a negative height', type: 'QueryRequest', message: { height: -1 }, reason: 'unsafe_integer' },
    { name: 'a fractional time', type: 'Envelope', message: { timestampMs: 1.5 }, reason: 'unsafe_integer' },
    { name: 'an unknown enum name', type: 'SmtProof', message: { kind: 'PROOF_KIND_MAYBE' }, reason: 'unknown_enum_value' },
    { name: 'an unknown enum number', type: 'SmtProof', message: { kind: 9 }, reason: 'unknown_enum_value' },
    { name: 'a sub-message that is a string', type: 'SignedHeader', message: { header: 'h' }, reason: 'invalid_field' },
    { name: 'a repeated field that is not an array', type: 'SmtProof', message: { siblings: hash(1) }, reason: 'invalid_field' },
    { name: 'bytes given as a number', type: 'Validator', message: { publicKey: 5 }, reason: 'invalid_field' },
    {
      name: 'a deep unsafe integer',
      type: 'HeaderAnnouncement',
      message: { validatorSet: { validators: [{ power: 2 ** 60 }] } },
      reason: 'unsafe_integer',
    },
  ];
  for (const c of encodeCases) {
    it(`encode rejects ${c.name} (${c.reason})`, () => {
      const e = rejection(() => encodeMessage(c.type, c.message as never));
      expect(e.code).toBe('INVALID_ARGUMENT');
      expect(e.reason).toBe(c.reason);
    });
  }

  it('names the field it rejects by its path in the message', () => {
    expect(
      rejection(() => encodeMessage('HeaderAnnouncement', { validatorSet: { validators: [{ power: 1 }, { power: 2 ** 60 }] } } as never))
        .message,
    ).toContain('HeaderAnnouncement.validatorSet.validators[1].power: 1152921504606847000 is not an exact uint64');
    expect(rejection(() => encodeMessage('SmtProof', { siblings: [hash(1), 7] } as never)).message).toContain(
      'SmtProof.siblings[1]: expected bytes',
    );
    expect(rejection(() => encodeMessage('SignedHeader', { header: 'h' } as never)).message).toContain(
      'SignedHeader.header: expected a Header object',
    );
    expect(rejection(() => decodeMessage('QueryResponse', Uint8Array.of(...valid, 0x22, 0x02, 0x08, 0x09))).message).toContain(
      'QueryResponse.proof.kind: 9 is not a ProofKind value',
    );
    expect(
      rejection(() => decodeMessage('QueryResponse', Uint8Array.of(0x2a, 0x02, 0x10, 0xff, 0xff, 0xff, 0xff, 0x01))).message,
    ).toContain('QueryResponse.header: not a valid protobuf encoding (truncated varint at byte 3)');
  });

  it('encode rejects a non-object message', () => {
    expect(rejection(() => encodeMessage('QueryRequest', null as never)).reason).toBe('invalid_field');
  });
});

describe('embedded schema', () => {
  it('is the proto/ tree as protobufjs reads it, field names camelCased and as written', () => {
    expect(messageType('Header').fieldsArray.map((f) => f.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const protoDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'proto');
    const files = readdirSync(join(protoDir, 'courtbridge', 'v1'))
      .filter((f) => f.endsWith('.proto'))
      .sort()
      .map((f) => `courtbridge/v1/${f}`);
    for (const [names, keepCase] of [
      ['camelCase', false],
      ['protoNames', true],
    ] as const) {
      const root = new protobuf.Root();
      root.resolvePath = (_origin: string, target: string) => join(protoDir, target);
      root.loadSync(files, { keepCase });
      // Out of date: run `npm run gen:descriptor` (scripts/check-generated.sh says so in CI).
      expect(WIRE_SCHEMA[names]).toEqual(root.toJSON());
    }
  });
});
