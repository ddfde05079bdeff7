/**
 * Adversarial table for envelope verification (ibc-go style: a `malleate` step, then the
 * expected named reason). Pure: real keys and signatures, no NATS, time pinned.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SignTag, signingInput } from '../../src/crypto/hash.js';
import { sign, toHighS } from '../../src/crypto/secp256k1.js';
import { ByteWriter, concatBytes, utf8 } from '../../src/encoding/bytes.js';
import {
  encodeEnvelope,
  envelopeSignBytes,
  privateKeySigner,
  sealEnvelope,
  type Envelope,
  type EnvelopeSigner,
} from '../../src/bus/envelope.js';
import { checkEnvelope, openEnvelope, type DropReason, type OpenOptions } from '../../src/bus/envelope-verify.js';
import { MemoryReplayGuard, type ReplayGuard } from '../../src/bus/replay-guard.js';
import type { AuthorityRejection } from '../../src/identity/authority.js';
import { DID, REVOKED_AT, ROTATED_AT, T0, memberTable, strangerSigner, testKey } from './fixtures/member-table.js';

const authority = memberTable();
const MAX_AGE = 60_000;
const SKEW = 5_000;

interface Ctx {
  signer: EnvelopeSigner;
  type: string;
  body: Uint8Array;
  timestampMs: number;
  msgId: string;
  nowMs: number;
  chain: string | undefined;
  /** Change the sealed envelope before encoding (no re-signing). */
  editEnvelope: (e: Envelope) => Envelope;
  /** Change the wire bytes after encoding. */
  editWire: (w: Uint8Array) => Uint8Array;
  replay: ReplayGuard;
  /** Open the same wire this many times first (replay cases). */
  openBefore: number;
}

function baseCtx(): Ctx {
  return {
    signer: authority.signer(DID.creditAdapter, '#key-2'),
    type: 'header.announce',
    body: utf8('header #42 of credit'),
    timestampMs: T0 + 15_000,
    msgId: 'msg-0001',
    nowMs: T0 + 15_500,
    chain: 'credit',
    editEnvelope: (e) => e,
    editWire: (w) => w,
    replay: new MemoryReplayGuard({ windowMs: MAX_AGE + SKEW }),
    openBefore: 0,
  };
}

type Want = 'accepted' | { reason: DropReason; authorityReason?: AuthorityRejection };

interface Case {
  name: string;
  malleate: (c: Ctx) => void;
  want: Want;
}

const flip = (w: Uint8Array, at: number): Uint8Array => {
  const c = Uint8Array.from(w);
  const i = at < 0 ? c.length + at : at;
  c[i] = c[i]! ^ 0x01;
  return c;
};

const cases: Case[] = [
  { name: 'valid header.announce from the chain adapter', malleate: () => {}, want: 'accepted' },
  {
    name: 'full kid and fragment kid both resolve',
    malleate: (c) => (c.signer = { ...c.signer, kid: '#key-2', sign: c.signer.sign }),
    want: 'accepted',
  },
  // unsigned
  {
    name: 'signature missing from the wire',
    malleate: (c) => (c.editWire = (w) => w.subarray(0, w.length - 64)),
    want: { reason: 'unsigned' },
  },
  {
    name: 'all-zero signature',
    malleate: (c) => (c.editEnvelope = (e) => ({ ...e, signature: new Uint8Array(64) })),
    want: { reason: 'unsigned' },
  },
  // malformed
  { name: 'empty wire', malleate: (c) => (c.editWire = () => new Uint8Array(0)), want: { reason: 'malformed' } },
  { name: 'truncated signature', malleate: (c) => (c.editWire = (w) => w.subarray(0, w.length - 1)), want: { reason: 'malformed' } },
  { name: 'trailing byte', malleate: (c) => (c.editWire = (w) => concatBytes(w, Uint8Array.of(0))), want: { reason: 'malformed' } },
  { name: 'wrong magic', malleate: (c) => (c.editWire = (w) => flip(w, 0)), want: { reason: 'malformed' } },
  { name: 'unknown version', malleate: (c) => (c.editWire = (w) => flip(w, 1)), want: { reason: 'malformed' } },
  {
    name: 'senderDid length prefix beyond the wire',
    malleate: (c) => (c.editWire = (w) => concatBytes(w.subarray(0, 2), Uint8Array.of(0x00, 0xff, 0xff, 0xff), w.subarray(6))),
    want: { reason: 'malformed' },
  },
  {
    name: 'msgId outside its grammar',
    malleate: (c) => (c.editEnvelope = (e) => ({ ...e, msgId: 'has space' })),
    want: { reason: 'malformed' },
  },
  {
    name: 'sender is not a DID',
    malleate: (c) => (c.editEnvelope = (e) => ({ ...e, senderDid: 'credit-agency' })),
    want: { reason: 'malformed' },
  },
  {
    name: 'invalid UTF-8 in type',
    malleate: (c) =>
      (c.editWire = (w) => {
        const e = new ByteWriter()
          .u8(0xcb)
          .u8(1)
          .string(DID.creditAdapter)
          .string(`${DID.creditAdapter}#key-2`)
          .bytes(Uint8Array.of(0xff, 0xfe))
          .finish();
        return concatBytes(e, w.subarray(e.length));
      }),
    want: { reason: 'malformed' },
  },
  // tampered
  {
    name: 'body byte flipped after signing',
    malleate: (c) => (c.editEnvelope = (e) => ({ ...e, body: flip(e.body, 0) })),
    want: { reason: 'tampered' },
  },
  {
    name: 'msgId changed after signing',
    malleate: (c) => (c.editEnvelope = (e) => ({ ...e, msgId: 'msg-0002' })),
    want: { reason: 'tampered' },
  },
  {
    name: 'timestamp moved after signing',
    malleate: (c) => (c.editEnvelope = (e) => ({ ...e, timestampMs: e.timestampMs + 1 })),
    want: { reason: 'tampered' },
  },
  { name: 'signature byte flipped', malleate: (c) => (c.editWire = (w) => flip(w, -1)), want: { reason: 'tampered' } },
  {
    name: 'high-S twin of a valid signature',
    malleate: (c) => (c.editEnvelope = (e) => ({ ...e, signature: toHighS(e.signature) })),
    want: { reason: 'tampered' },
  },
  {
    name: 'signed by a stranger key under the adapter kid',
    malleate: (c) => (c.signer = privateKeySigner(DID.creditAdapter, `${DID.creditAdapter}#key-2`, testKey(99))),
    want: { reason: 'tampered' },
  },
  {
    name: 'signed under another domain tag (header)',
    malleate: (c) => (c.editEnvelope = (e) => ({ ...e, signature: sign(signingInput(SignTag.Header, envelopeSignBytes(e)), testKey(2)) })),
    want: { reason: 'tampered' },
  },
  {
    name: 'signature over the raw sign bytes, no domain separation',
    malleate: (c) => (c.editEnvelope = (e) => ({ ...e, signature: sign(envelopeSignBytes(e), testKey(2)) })),
    want: { reason: 'tampered' },
  },
  // unknown_type
  { name: 'type with no policy', malleate: (c) => (c.type = 'header.delete'), want: { reason: 'unknown_type' } },
  // freshness
  { name: 'older than maxAge', malleate: (c) => (c.nowMs = c.timestampMs + MAX_AGE + 1), want: { reason: 'stale' } },
  { name: 'exactly maxAge old is accepted', malleate: (c) => (c.nowMs = c.timestampMs + MAX_AGE), want: 'accepted' },
  { name: 'beyond the future skew', malleate: (c) => (c.nowMs = c.timestampMs - SKEW - 1), want: { reason: 'from_future' } },
  { name: 'within the future skew is accepted', malleate: (c) => (c.nowMs = c.timestampMs - SKEW), want: 'accepted' },
  // unknown sender
  {
    name: 'DID not in the registry',
    malleate: (c) => (c.signer = strangerSigner()),
    want: { reason: 'unknown_sender', authorityReason: 'unknown_did' },
  },
  {
    name: 'kid the sender never had',
    malleate: (c) => (c.signer = privateKeySigner(DID.creditAdapter, `${DID.creditAdapter}#key-9`, testKey(2))),
    want: { reason: 'unknown_sender', authorityReason: 'unknown_key' },
  },
  {
    name: 'rotated-out key-1 used after the rotation',
    malleate: (c) => (c.signer = authority.signer(DID.creditAdapter, '#key-1')),
    want: { reason: 'unknown_sender', authorityReason: 'key_not_valid_at_time' },
  },
  {
    name: 'new key-2 used before it was valid',
    malleate: (c) => {
      c.timestampMs = ROTATED_AT - 1_000;
      c.nowMs = ROTATED_AT;
    },
    want: { reason: 'unknown_sender', authorityReason: 'key_not_valid_at_time' },
  },
  // rotation
  {
    name: 'key-1 signature made before the rotation, received after it',
    malleate: (c) => {
      c.signer = authority.signer(DID.creditAdapter, '#key-1');
      c.timestampMs = ROTATED_AT - 1_000;
      c.nowMs = ROTATED_AT + 2_000;
    },
    want: 'accepted',
  },
  // revoked
  {
    name: 'revoked member signing after its revocation',
    malleate: (c) => {
      c.signer = authority.signer(DID.revoked, '#key-1');
      c.timestampMs = REVOKED_AT + 1;
      c.nowMs = REVOKED_AT + 2;
    },
    want: { reason: 'revoked', authorityReason: 'revoked' },
  },
  {
    name: 'revoked member, backdated envelope received after the revocation',
    malleate: (c) => {
      c.signer = authority.signer(DID.revoked, '#key-1');
      c.timestampMs = REVOKED_AT - 1_000;
      c.nowMs = REVOKED_AT + 1;
    },
    want: { reason: 'revoked', authorityReason: 'revoked' },
  },
  {
    name: 'member later revoked, envelope received before the revocation',
    malleate: (c) => {
      c.signer = authority.signer(DID.revoked, '#key-1');
      c.timestampMs = REVOKED_AT - 2_000;
      c.nowMs = REVOKED_AT - 1_000;
    },
    want: 'accepted',
  },
  // out of role
  {
    name: 'adapter sends action.request (gateway only)',
    malleate: (c) => (c.type = 'action.request'),
    want: { reason: 'out_of_role', authorityReason: 'out_of_role' },
  },
  {
    name: 'adapter announces headers of another chain',
    malleate: (c) => (c.chain = 'finance'),
    want: { reason: 'out_of_role', authorityReason: 'chain_not_allowed' },
  },
  { name: 'chain-scoped type without a chain from the subject', malleate: (c) => (c.chain = undefined), want: { reason: 'out_of_role' } },
  {
    name: 'gateway sends registry.update (admin only)',
    malleate: (c) => {
      c.signer = authority.signer(DID.gateway, '#key-1');
      c.type = 'registry.update';
    },
    want: { reason: 'out_of_role', authorityReason: 'out_of_role' },
  },
  {
    name: 'admin sends registry.update',
    malleate: (c) => {
      c.signer = authority.signer(DID.admin, '#key-1');
      c.type = 'registry.update';
      c.chain = undefined;
    },
    want: 'accepted',
  },
  {
    name: 'gateway sends action.request',
    malleate: (c) => {
      c.signer = authority.signer(DID.gateway, '#key-1');
      c.type = 'action.request';
    },
    want: 'accepted',
  },
  // replay
  { name: 'same envelope opened twice', malleate: (c) => (c.openBefore = 1), want: { reason: 'replayed' } },
  {
    name: 'replay guard full (fails closed)',
    malleate: (c) => {
      const g = new MemoryReplayGuard({ windowMs: MAX_AGE + SKEW, maxEntries: 1 });
      g.claimSync(DID.gateway, 'other', c.nowMs);
      c.replay = g;
    },
    want: { reason: 'replay_unavailable' },
  },
  {
    name: 'replay guard store down (fails closed)',
    malleate: (c) => (c.replay = { claim: () => Promise.reject(new Error('kv timeout')) }),
    want: { reason: 'replay_unavailable' },
  },
];

async function run(c: Ctx) {
  const env = c.editEnvelope(sealEnvelope(c.signer, c.type, c.body, c.timestampMs, c.msgId));
  const wire = c.editWire(encodeEnvelope(env));
  const opts: OpenOptions = { authority, nowMs: c.nowMs, maxAgeMs: MAX_AGE, maxFutureSkewMs: SKEW, replay: c.replay };
  if (c.chain !== undefined) opts.chain = c.chain;
  const { replay: _replay, ...checkOpts } = opts;
  const checked = checkEnvelope(wire, checkOpts);
  for (let i = 0; i < c.openBefore; i++) await openEnvelope(wire, opts);
  return { wire, result: await openEnvelope(wire, opts), checked, opts };
}

describe('openEnvelope: adversarial table', () => {
  it.each(cases)('$name', async ({ malleate, want }) => {
    const c = baseCtx();
    malleate(c);
    const { result, checked } = await run(c);
    // The sync path (native verify) and the async path (thread pool) agree up to the replay step.
    const replayStep = want !== 'accepted' && (want.reason === 'replayed' || want.reason === 'replay_unavailable');
    expect(checked.kind === 'dropped' ? checked.drop.reason : 'accepted').toBe(
      replayStep ? 'accepted' : want === 'accepted' ? 'accepted' : want.reason,
    );
    if (want === 'accepted') {
      expect(result.kind, result.kind === 'dropped' ? `${result.drop.reason}: ${result.drop.message}` : '').toBe('accepted');
      if (result.kind !== 'accepted') return;
      // Results carry their evidence: the key that verified, the time it was valid at, the role.
      expect(result.envelope.evidence.keyValidAtMs).toBe(c.timestampMs);
      expect(result.envelope.evidence.verifiedAtMs).toBe(c.nowMs);
      expect(authority.keyAt(c.signer.did, c.signer.kid, c.timestampMs)).toMatchObject({
        ok: true,
        publicKey: result.envelope.evidence.publicKey,
      });
      expect(result.envelope.body).toEqual(c.body);
    } else {
      expect(result.kind).toBe('dropped');
      if (result.kind !== 'dropped') return;
      expect(result.drop.reason).toBe(want.reason);
      expect(result.drop.message.length).toBeGreaterThan(0);
      if (want.authorityReason !== undefined) expect(result.drop.authorityReason).toBe(want.authorityReason);
    }
  });

  it('covers every drop reason', () => {
    const covered = new Set(cases.flatMap((c) => (c.want === 'accepted' ? [] : [c.want.reason])));
    expect([...covered].sort()).toEqual(
      [
        'from_future',
        'malformed',
        'out_of_role',
        'replay_unavailable',
        'replayed',
        'revoked',
        'stale',
        'tampered',
        'unknown_sender',
        'unknown_type',
        'unsigned',
      ].sort(),
    );
  });

  it('checkEnvelope (no replay guard) accepts a stored envelope again and again', async () => {
    const c = baseCtx();
    const { wire, opts } = await run(c);
    const { replay: _r, ...check } = opts;
    expect(checkEnvelope(wire, check).kind).toBe('accepted');
    expect(checkEnvelope(wire, check).kind).toBe('accepted');
  });

  it('a dropped envelope does not burn its id in the replay guard', async () => {
    const c = baseCtx();
    c.nowMs = c.timestampMs + MAX_AGE + 1; // stale first
    const first = await run(c);
    expect(first.result.kind).toBe('dropped');
    const r = await openEnvelope(first.wire, { ...first.opts, nowMs: c.timestampMs + 1 });
    expect(r.kind).toBe('accepted');
  });

  it('rejects bad options where they enter, naming the argument', async () => {
    const c = baseCtx();
    const { wire, opts } = await run(c);
    await expect(openEnvelope(wire, { ...opts, nowMs: Number.NaN })).rejects.toThrow(/options\.nowMs/);
    await expect(openEnvelope(wire, { ...opts, maxAgeMs: 0 })).rejects.toThrow(/options\.maxAgeMs/);
    await expect(openEnvelope(wire, { ...opts, replay: undefined as unknown as ReplayGuard })).rejects.toThrow(/options\.replay/);
  });
});

describe('openEnvelope: properties', () => {
  it('random bytes are always dropped as malformed or unsigned, never thrown', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const r = await openEnvelope(bytes, {
          authority,
          nowMs: T0,
          maxAgeMs: MAX_AGE,
          maxFutureSkewMs: SKEW,
          replay: new MemoryReplayGuard({ windowMs: 1 }),
        });
        expect(r.kind).toBe('dropped');
        if (r.kind === 'dropped') expect(['malformed', 'unsigned']).toContain(r.drop.reason);
      }),
      { numRuns: 300 },
    );
  });

  it('any single-byte change to a valid wire is never accepted', async () => {
    const c = baseCtx();
    const wire = encodeEnvelope(sealEnvelope(c.signer, c.type, c.body, c.timestampMs, c.msgId));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: wire.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, x) => {
        const w = Uint8Array.from(wire);
        w[at] = w[at]! ^ x;
        const r = await openEnvelope(w, {
          authority,
          nowMs: c.nowMs,
          maxAgeMs: MAX_AGE,
          maxFutureSkewMs: SKEW,
          replay: new MemoryReplayGuard({ windowMs: 1 }),
          chain: 'credit',
        });
        expect(r.kind).toBe('dropped');
      }),
      { numRuns: 400 },
    );
  });
});
