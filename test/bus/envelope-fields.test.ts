/**
 * The envelope's header fields on both sides: what `sealEnvelope` refuses to sign and what
 * `decodeEnvelope` refuses to read, at each limit exactly and one over it, each refusal naming
 * its field. The grammars and limits are module-level constants, so the module is imported afresh
 * inside each test (vi.resetModules): an edit to a constant is seen by the test that checks it.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

const KEY = Uint8Array.from(createHash('sha256').update('courtbridge test key 7').digest());
const DID = 'did:alliance:court-a';
const KID = `${DID}#key-1`;
const TS = 1_700_000_000_000;

async function load() {
  vi.resetModules();
  return import('../../src/bus/envelope.js');
}

type Mod = Awaited<ReturnType<typeof load>>;

interface Refusal {
  name: string;
  reason?: string | undefined;
  message: string;
  cause?: unknown;
}

function refusal(f: () => unknown): Refusal | 'accepted' {
  try {
    f();
  } catch (e) {
    const err = e as Error & { reason?: string };
    return { name: err.name, reason: err.reason, message: err.message, cause: err.cause };
  }
  return 'accepted';
}

/** A `malformed` VerificationError whose message starts with `prefix` (the field it names). */
function expectMalformed(r: Refusal | 'accepted', prefix: string): void {
  expect(r).not.toBe('accepted');
  if (r === 'accepted') return;
  expect({ name: r.name, reason: r.reason }).toEqual({ name: 'VerificationError', reason: 'malformed' });
  expect(r.message.startsWith(prefix), r.message).toBe(true);
  // The field name is followed by why, never by nothing.
  expect(r.message.length).toBeGreaterThan(prefix.length);
}

interface Fields {
  senderDid: unknown;
  kid: unknown;
  type: unknown;
  msgId: unknown;
  timestampMs?: number;
  body?: Uint8Array;
}

const FIELDS: Fields = { senderDid: DID, kid: KID, type: 'header.announce', msgId: 'm-1' };

/** sealEnvelope with a signer and arguments carrying `f` (non-strings included: callers are JS too). */
function seal(m: Mod, f: Partial<Fields>) {
  const x = { ...FIELDS, ...f };
  const signer = { ...m.privateKeySigner(DID, KID, KEY), did: x.senderDid as string, kid: x.kid as string };
  return m.sealEnvelope(signer, x.type as string, x.body ?? new Uint8Array(2), x.timestampMs ?? TS, x.msgId as string);
}

/** Wire bytes carrying `f` as given (encodeEnvelope checks no grammar), with a non-zero signature. */
function wireOf(m: Mod, f: Partial<Fields>): Uint8Array {
  const x = { ...FIELDS, ...f };
  return m.encodeEnvelope({
    senderDid: x.senderDid as string,
    kid: x.kid as string,
    type: x.type as string,
    msgId: x.msgId as string,
    timestampMs: x.timestampMs ?? TS,
    body: x.body ?? new Uint8Array(2),
    signature: new Uint8Array(64).fill(1),
  });
}

const did = (bytes: number) => `did:${'x'.repeat(bytes - 4)}`;
const kid = (bytes: number) => `#${'k'.repeat(bytes - 1)}`;
/** A valid dotted type of `chars` characters. */
const type = (chars: number) => `a.${'b'.repeat(chars - 2)}`;

describe('envelope senderDid', () => {
  it('sealEnvelope signs a DID of exactly MAX_DID_BYTES and refuses one byte more', async () => {
    const m = await load();
    expect(m.MAX_DID_BYTES).toBe(512);
    expect(seal(m, { senderDid: did(512) }).senderDid).toBe(did(512));
    expectMalformed(
      refusal(() => seal(m, { senderDid: did(513) })),
      'sealEnvelope.senderDid: ',
    );
    // Bytes, not characters: 255 two-byte characters after `did:` make 514 bytes.
    expectMalformed(
      refusal(() => seal(m, { senderDid: `did:${'é'.repeat(255)}` })),
      'sealEnvelope.senderDid: ',
    );
  });

  it.each(['credit-agency', 'DID:alliance:x', 'xdid:alliance:x', ' did:alliance:x', ''])(
    'sealEnvelope and decode refuse %j (not a DID)',
    async (senderDid) => {
      const m = await load();
      expectMalformed(
        refusal(() => seal(m, { senderDid })),
        'sealEnvelope.senderDid: ',
      );
      expectMalformed(
        refusal(() => m.decodeEnvelope(wireOf(m, { senderDid }))),
        'envelope.senderDid: ',
      );
    },
  );

  it('sealEnvelope refuses a non-string DID as malformed, not with a TypeError', async () => {
    const m = await load();
    expectMalformed(
      refusal(() => seal(m, { senderDid: new TextEncoder().encode(DID) })),
      'sealEnvelope.senderDid: ',
    );
  });

  it('decode reads a DID of exactly MAX_DID_BYTES and refuses one byte more before reading it', async () => {
    const m = await load();
    expect(m.decodeEnvelope(wireOf(m, { senderDid: did(512) })).senderDid).toBe(did(512));
    const r = refusal(() => m.decodeEnvelope(wireOf(m, { senderDid: did(513) })));
    expectMalformed(r, 'envelope: senderDid: ');
    expect(r !== 'accepted' && r.message).toBe('envelope: senderDid: 513 bytes exceeds 512');
  });
});

describe('envelope kid', () => {
  it('sealEnvelope signs a kid of exactly MAX_KID_BYTES and refuses one byte more', async () => {
    const m = await load();
    expect(m.MAX_KID_BYTES).toBe(512);
    expect(seal(m, { kid: kid(512) }).kid).toBe(kid(512));
    expectMalformed(
      refusal(() => seal(m, { kid: kid(513) })),
      'sealEnvelope.kid: ',
    );
    // Bytes, not characters: 257 characters, 513 bytes.
    expectMalformed(
      refusal(() => seal(m, { kid: `#${'é'.repeat(256)}` })),
      'sealEnvelope.kid: ',
    );
  });

  it.each(['', 'did:alliance:court-a', 'key-1'])('sealEnvelope and decode refuse kid %j (empty, or no #)', async (k) => {
    const m = await load();
    expectMalformed(
      refusal(() => seal(m, { kid: k })),
      'sealEnvelope.kid: ',
    );
    expectMalformed(
      refusal(() => m.decodeEnvelope(wireOf(m, { kid: k }))),
      'envelope.kid: ',
    );
  });

  it.each([{ kid: 7 }, { kid: ['#key-1'] }, { kid: new TextEncoder().encode('#key-1') }])(
    'sealEnvelope refuses a non-string kid ($kid) as malformed, not with a TypeError',
    async ({ kid: k }) => {
      const m = await load();
      expectMalformed(
        refusal(() => seal(m, { kid: k })),
        'sealEnvelope.kid: ',
      );
    },
  );

  it('a fragment kid and a full kid are both well-formed', async () => {
    const m = await load();
    expect(seal(m, { kid: '#key-2' }).kid).toBe('#key-2');
    expect(m.decodeEnvelope(wireOf(m, { kid: KID })).kid).toBe(KID);
  });

  it('decode reads a kid of exactly MAX_KID_BYTES and refuses one byte more before reading it', async () => {
    const m = await load();
    expect(m.decodeEnvelope(wireOf(m, { kid: kid(512) })).kid).toBe(kid(512));
    const r = refusal(() => m.decodeEnvelope(wireOf(m, { kid: kid(513) })));
    expect(r !== 'accepted' && r.message).toBe('envelope: kid: 513 bytes exceeds 512');
  });
});

describe('envelope type', () => {
  const GOOD = ['header.announce', 'a.b', 'a.b.c', 'x1-y.z-2', 'witness.lightblock', 'a-.b-', type(64)];
  const BAD = [
    'announce',
    'Header.announce',
    'header.Announce',
    '1header.announce',
    '-header.announce',
    '.header.announce',
    'header.announce.',
    'header..announce',
    'header.1announce',
    'header.-announce',
    'header.announce!',
    'header.announce ',
    ' header.announce',
    'header_x.announce',
    'header.announce\n',
    '',
    type(65),
  ];

  it.each(GOOD)('sealEnvelope signs and decode reads type %j', async (t) => {
    const m = await load();
    expect(seal(m, { type: t }).type).toBe(t);
    expect(m.decodeEnvelope(wireOf(m, { type: t })).type).toBe(t);
  });

  it.each(BAD)('sealEnvelope refuses type %j, naming the field', async (t) => {
    const m = await load();
    expectMalformed(
      refusal(() => seal(m, { type: t })),
      'sealEnvelope.type: ',
    );
  });

  it.each(BAD.filter((t) => t.length <= 64))('decode refuses type %j, naming the field', async (t) => {
    const m = await load();
    expectMalformed(
      refusal(() => m.decodeEnvelope(wireOf(m, { type: t }))),
      'envelope.type: ',
    );
  });

  it('decode refuses a type over 64 bytes before reading it', async () => {
    const m = await load();
    const r = refusal(() => m.decodeEnvelope(wireOf(m, { type: type(65) })));
    expect(r !== 'accepted' && r.message).toBe('envelope: type: 65 bytes exceeds 64');
  });

  it('sealEnvelope refuses a non-string type whose text fits the grammar', async () => {
    const m = await load();
    expectMalformed(
      refusal(() => seal(m, { type: ['header.announce'] })),
      'sealEnvelope.type: ',
    );
  });
});

describe('envelope msgId', () => {
  const GOOD = ['a', 'ab', 'A-z_09', 'x'.repeat(128)];
  const BAD = ['', 'a.b', '.ab', 'ab.', 'a b', 'ab ', ' ab', 'a\nb', 'ab\n', 'é', 'x'.repeat(129)];

  it.each(GOOD)('sealEnvelope signs and decode reads msgId %j', async (id) => {
    const m = await load();
    expect(seal(m, { msgId: id }).msgId).toBe(id);
    expect(m.decodeEnvelope(wireOf(m, { msgId: id })).msgId).toBe(id);
  });

  it.each(BAD)('sealEnvelope refuses msgId %j, naming the field', async (id) => {
    const m = await load();
    expectMalformed(
      refusal(() => seal(m, { msgId: id })),
      'sealEnvelope.msgId: ',
    );
  });

  it.each(BAD.filter((id) => id.length <= 128))('decode refuses msgId %j, naming the field', async (id) => {
    const m = await load();
    expectMalformed(
      refusal(() => m.decodeEnvelope(wireOf(m, { msgId: id }))),
      'envelope.msgId: ',
    );
  });

  it('decode refuses a msgId over 128 bytes before reading it', async () => {
    const m = await load();
    const r = refusal(() => m.decodeEnvelope(wireOf(m, { msgId: 'x'.repeat(129) })));
    expect(r !== 'accepted' && r.message).toBe('envelope: msgId: 129 bytes exceeds 128');
  });

  it('sealEnvelope refuses a non-string msgId whose text fits the grammar', async () => {
    const m = await load();
    expectMalformed(
      refusal(() => seal(m, { msgId: ['abc'] })),
      'sealEnvelope.msgId: ',
    );
  });
});

describe('envelope timestampMs and body', () => {
  it('sealEnvelope refuses a negative time, naming the field', async () => {
    const m = await load();
    expect(seal(m, { timestampMs: 0 }).timestampMs).toBe(0);
    expectMalformed(
      refusal(() => seal(m, { timestampMs: -1 })),
      'sealEnvelope.timestampMs: ',
    );
  });

  it('decode refuses a time beyond 2^53, naming the field', async () => {
    const m = await load();
    const wire = wireOf(m, { timestampMs: 0 });
    // The u64 follows the four strings; set its top byte.
    const at = wire.length - 64 - 2 - 4 - 8;
    wire[at] = 0x01;
    const r = refusal(() => m.decodeEnvelope(wire));
    expect(r !== 'accepted' && r.message).toBe('envelope: timestampMs: exceeds 2^53');
  });

  it('sealEnvelope signs a body of exactly DEFAULT_MAX_BODY_BYTES (1 MiB) and refuses one byte more', async () => {
    const m = await load();
    expect(m.DEFAULT_MAX_BODY_BYTES).toBe(1024 * 1024);
    expect(seal(m, { body: new Uint8Array(1024 * 1024) }).body.length).toBe(1024 * 1024);
    expectMalformed(
      refusal(() => seal(m, { body: new Uint8Array(1024 * 1024 + 1) })),
      'sealEnvelope.body: ',
    );
  });

  it('decode reads a body of exactly DEFAULT_MAX_BODY_BYTES by default and refuses one byte more', async () => {
    const m = await load();
    expect(m.decodeEnvelope(wireOf(m, { body: new Uint8Array(1024 * 1024) })).body.length).toBe(1024 * 1024);
    const over = m.encodeEnvelope({ ...m.decodeEnvelope(wireOf(m, {})), body: new Uint8Array(1024 * 1024 + 1) });
    const r = refusal(() => m.decodeEnvelope(over));
    expect(r !== 'accepted' && r.message).toBe('envelope: body: 1048577 bytes exceeds 1048576');
  });

  it('sealEnvelope refuses a body that is not bytes, naming it', async () => {
    const m = await load();
    const r = refusal(() => seal(m, { body: 'abc' as unknown as Uint8Array }));
    expect(r !== 'accepted' && { name: r.name, message: r.message }).toEqual({ name: 'TypeError', message: 'body: expected Uint8Array' });
  });
});

describe('envelope argument names', () => {
  it('privateKeySigner, encodeEnvelope and decodeEnvelope name the argument they refuse', async () => {
    const m = await load();
    const short = refusal(() => m.privateKeySigner(DID, KID, new Uint8Array(31)));
    expect(short !== 'accepted' && short.message).toBe('privateKey: expected 32 bytes, got 31');
    const env = seal(m, {});
    const badSig = refusal(() => m.encodeEnvelope({ ...env, signature: new Uint8Array(63) }));
    expect(badSig !== 'accepted' && badSig.message).toBe('signature: expected 64 bytes, got 63');
    const notBytes = refusal(() => m.decodeEnvelope('cb01' as unknown as Uint8Array));
    expect(notBytes !== 'accepted' && { name: notBytes.name, message: notBytes.message }).toEqual({
      name: 'TypeError',
      message: 'wire: expected Uint8Array',
    });
  });
});

describe('envelope decode failures name the field and keep the cause', () => {
  it('every truncation names the field it stopped in', async () => {
    const m = await load();
    const f = { senderDid: DID, kid: KID, type: 'header.announce', msgId: 'm-1', body: new Uint8Array([1, 2, 3]) };
    const wire = wireOf(m, f);
    // The layout from the file header, field by field: [name, bytes on the wire].
    const layout: [string, number][] = [
      ['magic', 1],
      ['version', 1],
      ['senderDid', 4 + f.senderDid.length],
      ['kid', 4 + f.kid.length],
      ['type', 4 + f.type.length],
      ['msgId', 4 + f.msgId.length],
      ['timestampMs', 8],
      ['body', 4 + f.body.length],
    ];
    let at = 0;
    for (const [field, size] of layout) {
      for (let n = at; n < at + size; n++) {
        const r = refusal(() => m.decodeEnvelope(wire.subarray(0, n)));
        expect(r !== 'accepted' && r.reason, `cut at ${n}`).toBe('malformed');
        expect(r !== 'accepted' && r.message, `cut at ${n}`).toMatch(new RegExp(`^envelope: ${field}: truncated `));
        // The reader's own error is kept as the cause (logged with the drop).
        expect(r !== 'accepted' && r.cause, `cut at ${n}`).toBeInstanceOf(RangeError);
      }
      at += size;
    }
    expect(at).toBe(wire.length - 64);
    const unsigned = refusal(() => m.decodeEnvelope(wire.subarray(0, at)));
    expect(unsigned !== 'accepted' && unsigned.reason).toBe('unsigned');
    for (let n = at + 1; n < wire.length; n++) {
      const r = refusal(() => m.decodeEnvelope(wire.subarray(0, n)));
      expect(r !== 'accepted' && r.reason, `cut at ${n}`).toBe('malformed');
      expect(r !== 'accepted' && r.message, `cut at ${n}`).toMatch(/^envelope: signature: truncated /);
      expect(r !== 'accepted' && r.cause, `cut at ${n}`).toBeInstanceOf(RangeError);
    }
  });

  it('trailing bytes are named, with the cause kept', async () => {
    const m = await load();
    const wire = wireOf(m, {});
    const longer = new Uint8Array(wire.length + 1);
    longer.set(wire);
    const r = refusal(() => m.decodeEnvelope(longer));
    expect(r !== 'accepted' && { reason: r.reason, message: r.message }).toEqual({
      reason: 'malformed',
      message: 'envelope: envelope: 1 trailing bytes',
    });
    expect(r !== 'accepted' && r.cause).toBeInstanceOf(RangeError);
  });
});
