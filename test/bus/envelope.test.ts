import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeEnvelope,
  encodeEnvelope,
  newMsgId,
  privateKeySigner,
  sealEnvelope,
  DEFAULT_MAX_BODY_BYTES,
} from '../../src/bus/envelope.js';
import { VerificationError } from '../../src/errors.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { testKey } from './fixtures/member-table.js';

const signer = privateKeySigner('did:alliance:court-a', 'did:alliance:court-a#key-1', testKey(7));

function reasonOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof VerificationError) return e.reason;
    throw e;
  }
  return 'no error';
}

describe('envelope encoding', () => {
  it('round-trips through the wire', () => {
    const env = sealEnvelope(signer, 'action.result', utf8('ok'), 1_700_000_000_000, 'id-1');
    expect(decodeEnvelope(encodeEnvelope(env))).toEqual(env);
  });

  it('round-trips any well-formed field values (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/),
        fc.uint8Array({ maxLength: 256 }),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        (msgId, body, ts) => {
          const env = sealEnvelope(signer, 'header.announce', body, ts, msgId);
          expect(decodeEnvelope(encodeEnvelope(env))).toEqual(env);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('generates distinct random msgIds that fit the grammar', () => {
    const ids = new Set(Array.from({ length: 100 }, newMsgId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it.each([
    { name: 'type without a dot', type: 'announce', msgId: 'x', ts: 1 },
    { name: 'uppercase type', type: 'Header.Announce', msgId: 'x', ts: 1 },
    { name: 'empty msgId', type: 'header.announce', msgId: '', ts: 1 },
    { name: 'msgId with a dot (not token safe)', type: 'header.announce', msgId: 'a.b', ts: 1 },
    { name: 'negative timestamp', type: 'header.announce', msgId: 'x', ts: -1 },
    { name: 'fractional timestamp', type: 'header.announce', msgId: 'x', ts: 1.5 },
  ])('sealEnvelope refuses $name, naming the field', ({ type, msgId, ts }) => {
    expect(reasonOf(() => sealEnvelope(signer, type, new Uint8Array(0), ts, msgId))).toBe('malformed');
  });

  it('sealEnvelope refuses a body over the limit and a signer returning a wrong-length signature', () => {
    expect(reasonOf(() => sealEnvelope(signer, 'header.announce', new Uint8Array(DEFAULT_MAX_BODY_BYTES + 1), 1))).toBe('malformed');
    const bad = { did: signer.did, kid: signer.kid, sign: () => new Uint8Array(63) };
    expect(() => sealEnvelope(bad, 'header.announce', new Uint8Array(0), 1)).toThrow(/signer\.sign\(\) result: expected 64 bytes/);
  });

  it('decode enforces the receiver body limit', () => {
    const wire = encodeEnvelope(sealEnvelope(signer, 'header.announce', new Uint8Array(100), 1));
    expect(reasonOf(() => decodeEnvelope(wire, { maxBodyBytes: 99 }))).toBe('malformed');
    expect(decodeEnvelope(wire, { maxBodyBytes: 100 }).body.length).toBe(100);
  });

  it('decoded fields are copies, not views into the wire', () => {
    const wire = encodeEnvelope(sealEnvelope(signer, 'header.announce', utf8('abc'), 1));
    const env = decodeEnvelope(wire);
    wire.fill(0);
    expect(env.body).toEqual(utf8('abc'));
    expect(env.signature.some((b) => b !== 0)).toBe(true);
  });

  it('every truncation of a valid wire is malformed or unsigned', () => {
    const wire = encodeEnvelope(sealEnvelope(signer, 'header.announce', utf8('body'), 1, 'm'));
    for (let n = 0; n < wire.length; n++) {
      const r = reasonOf(() => decodeEnvelope(wire.subarray(0, n)));
      expect(r, `length ${n}`).toBe(n === wire.length - 64 ? 'unsigned' : 'malformed');
    }
  });
});

describe('envelope signers', () => {
  it("the identity module's Signer seals envelopes that verify like privateKeySigner's", async () => {
    const { createSigner } = await import('../../src/identity/signer.js');
    const did = 'did:alliance:court-a';
    const a = sealEnvelope(createSigner(did, `${did}#key-1`, testKey(7)), 'action.result', utf8('x'), 5, 'same');
    const b = sealEnvelope(signer, 'action.result', utf8('x'), 5, 'same');
    expect(a.signature).toEqual(b.signature); // RFC 6979: same key, same bytes, same signature
  });
});
