import { SignTag, sha256, signingInput } from '../../../src/crypto/hash.js';
import { sign, toHighS } from '../../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import {
  encodeEnvelope,
  envelopeSignBytes,
  envelopeSigningInput,
  privateKeySigner,
  sealEnvelope,
  type Envelope,
} from '../../../src/bus/envelope.js';
import { inputs } from '../generate-envelope.js';
import { keysJson, privateKeyOf, type RegistryJson, writeVector } from './vector-kit.js';

const MAX_AGE = 60_000;
const SKEW = 5_000;

/** The chain each chain-scoped type's subject names in these vectors. */
const CHAIN_OF: Record<string, string> = {
  'did:alliance:credit-agency': 'credit',
  'did:alliance:法院-a': 'evidence',
  'did:alliance:finance-adapter': 'finance',
};

const T = 1_704_067_200_000; // the first vector's time
const registry: RegistryJson = {
  allianceId: 'courtbridge-vectors',
  quorum: 1,
  members: [
    {
      did: 'did:alliance:credit-agency',
      roles: ['adapter'],
      chains: ['credit'],
      keys: [
        { kid: '#key-1', key: '1', validFromMs: 0 },
        // Not valid until after the vectors' time: an envelope signed with it is from an unknown sender.
        { kid: '#key-2', key: '7', validFromMs: T + 86_400_000 },
      ],
    },
    { did: 'did:alliance:gateway-1', roles: ['gateway'], chains: [], keys: [{ kid: '#key-1', key: '2', validFromMs: 0 }] },
    { did: 'did:alliance:admin-1', roles: ['admin'], chains: [], keys: [{ kid: '#key-2', key: '3', validFromMs: 0 }] },
    { did: 'did:alliance:法院-a', roles: ['adapter'], chains: ['evidence'], keys: [{ kid: '#key-1', key: '4', validFromMs: 0 }] },
    { did: 'did:alliance:finance-adapter', roles: ['adapter'], chains: ['finance'], keys: [{ kid: '#key-1', key: '5', validFromMs: 0 }] },
    // Revoked before it signed.
    {
      did: 'did:alliance:old-adapter',
      roles: ['adapter'],
      chains: ['credit'],
      keys: [{ kid: '#key-1', key: '8', validFromMs: 0 }],
      revokedAtMs: T - 1,
    },
    // Revoked after it signed, before the envelope was delivered.
    {
      did: 'did:alliance:late-adapter',
      roles: ['adapter'],
      chains: ['credit'],
      keys: [{ kid: '#key-1', key: '9', validFromMs: 0 }],
      revokedAtMs: T + 500,
    },
  ],
};

interface Receiver {
  nowMs: number;
  maxAgeMs: number;
  maxFutureSkewMs: number;
  /** The chain the subject names (chain-scoped types), else null. */
  chain: string | null;
}

const SCOPED = new Set(['header.announce', 'witness.lightblock', 'adapter.announce', 'action.result', 'asset.report']);
const receiverFor = (e: Pick<Envelope, 'senderDid' | 'type' | 'timestampMs'>, nowMs = e.timestampMs + 1_000): Receiver => ({
  nowMs: Math.min(nowMs, Number.MAX_SAFE_INTEGER),
  maxAgeMs: MAX_AGE,
  maxFutureSkewMs: SKEW,
  chain: SCOPED.has(e.type) ? (CHAIN_OF[e.senderDid] ?? 'credit') : null,
});

const fieldsOf = (e: Omit<Envelope, 'signature'>) => ({
  senderDid: e.senderDid,
  kid: e.kid,
  type: e.type,
  msgId: e.msgId,
  timestampMs: e.timestampMs,
  body: toHex(e.body),
});

const valid = inputs.map((v) => {
  const env = sealEnvelope(
    privateKeySigner(v.senderDid, v.kid, privateKeyOf(v.keyIndex)),
    v.type,
    Buffer.from(v.bodyHex, 'hex'),
    v.timestampMs,
    v.msgId,
  );
  const input = envelopeSigningInput(env);
  return {
    name: v.name.replace(' (body: src/bus/asset-report.ts)', ''),
    fields: fieldsOf(env),
    bytes: toHex(envelopeSignBytes(env)),
    hash: toHex(sha256(envelopeSignBytes(env))),
    signer: String(v.keyIndex),
    signingInput: toHex(input.bytes('secp256k1')),
    signature: toHex(env.signature),
    wire: toHex(encodeEnvelope(env)),
    receiver: receiverFor(env),
  };
});

/** A correctly signed envelope (any fields: encodeEnvelope does not check them). */
function signed(keyName: number, f: Omit<Envelope, 'signature'>, tag: SignTag = SignTag.Envelope): Envelope {
  return { ...f, signature: sign(signingInput(tag, envelopeSignBytes(f)), privateKeyOf(keyName)) };
}

const base: Omit<Envelope, 'signature'> = {
  senderDid: 'did:alliance:credit-agency',
  kid: 'did:alliance:credit-agency#key-1',
  type: 'header.announce',
  msgId: 'hdr-credit-000043',
  timestampMs: T,
  body: utf8('credit header 43'),
};
const good = signed(1, base);
const goodWire = encodeEnvelope(good);
const at = (w: Uint8Array, i: number, b: number): Uint8Array => {
  const c = Uint8Array.from(w);
  c[i < 0 ? c.length + i : i] = b;
  return c;
};
const bodyAt = goodWire.length - 64 - good.body.length;

const inv = (name: string, reason: string, why: string, wire: Uint8Array, receiver: Receiver, extra: Record<string, unknown> = {}) => ({
  name,
  reason,
  why,
  wire: toHex(wire),
  receiver,
  ...extra,
});
const r0 = receiverFor(base);

const invalid = [
  inv('wrong magic byte', 'malformed', 'the wire must start 0xcb 0x01', at(goodWire, 0, 0xcc), r0),
  inv('unknown version', 'malformed', 'version 2 is not this format', at(goodWire, 1, 0x02), r0),
  inv(
    'a byte after the signature',
    'malformed',
    'decoding is strict: nothing may follow the 64-byte signature',
    Uint8Array.from([...goodWire, 0]),
    r0,
  ),
  inv(
    'kid without "#"',
    'malformed',
    'a kid is a DID URL or a fragment and always holds "#" (checked before any signature, even a valid one)',
    encodeEnvelope(signed(1, { ...base, kid: 'did:alliance:credit-agency' })),
    r0,
  ),
  inv(
    'msgId outside [A-Za-z0-9_-]',
    'malformed',
    'msgId is 1-128 characters of [A-Za-z0-9_-]; a dot is refused',
    encodeEnvelope(signed(1, { ...base, msgId: 'hdr.credit.43' })),
    r0,
  ),
  inv('wire ends after the body', 'unsigned', 'no signature at all', goodWire.subarray(0, goodWire.length - 64), r0),
  inv(
    'all-zero signature',
    'unsigned',
    'a signature of 64 zero bytes means none',
    encodeEnvelope({ ...good, signature: new Uint8Array(64) }),
    r0,
  ),
  inv(
    'type not in the policy',
    'unknown_type',
    'header.retract is no message type courtbridge sends; default deny, even when correctly signed',
    encodeEnvelope(signed(1, { ...base, type: 'header.retract' })),
    r0,
  ),
  inv('older than maxAgeMs', 'stale', 'received 60,001 ms after its timestamp, the receiver allows 60,000', goodWire, {
    ...r0,
    nowMs: T + MAX_AGE + 1,
  }),
  inv('timestamp ahead of the receiver', 'from_future', "the sender's clock is 5,001 ms ahead; the receiver allows 5,000", goodWire, {
    ...r0,
    nowMs: T - SKEW - 1,
  }),
  inv(
    'sender not in the registry',
    'unknown_sender',
    'did:alliance:stranger is no alliance member (signed by vector key 6)',
    encodeEnvelope(signed(6, { ...base, senderDid: 'did:alliance:stranger', kid: 'did:alliance:stranger#key-1' })),
    { ...r0 },
  ),
  inv(
    'kid not a key of the sender',
    'unknown_sender',
    'credit-agency has no #key-9',
    encodeEnvelope(signed(1, { ...base, kid: 'did:alliance:credit-agency#key-9' })),
    r0,
  ),
  inv(
    'key not yet valid at the envelope time',
    'unknown_sender',
    "credit-agency's #key-2 (vector key 7) is valid only from a day after the timestamp; the key is looked up at the envelope's time",
    encodeEnvelope(signed(7, { ...base, kid: 'did:alliance:credit-agency#key-2' })),
    r0,
  ),
  inv(
    'sender revoked before it signed',
    'revoked',
    'old-adapter was revoked 1 ms before the timestamp: no key of it is valid then',
    encodeEnvelope(signed(8, { ...base, senderDid: 'did:alliance:old-adapter', kid: 'did:alliance:old-adapter#key-1' })),
    r0,
  ),
  inv(
    'body changed after signing',
    'tampered',
    'one byte of the body flipped; the signature covers the body',
    at(goodWire, bodyAt, good.body[0]! ^ 1),
    r0,
  ),
  inv(
    'timestamp changed after signing',
    'tampered',
    'timestampMs moved by 1 ms (still fresh); the signature covers it',
    encodeEnvelope({ ...good, timestampMs: T + 1 }),
    r0,
  ),
  inv(
    'signature under another tag',
    'tampered',
    'the same sign bytes signed under courtbridge/v1/audit-entry by the right key: a signature under one tag never verifies under another',
    encodeEnvelope(signed(1, base, SignTag.AuditEntry)),
    r0,
  ),
  inv(
    'high-S twin of a valid signature',
    'tampered',
    's replaced by n - s: the same ECDSA signature in high-S form is refused',
    encodeEnvelope({ ...good, signature: toHighS(good.signature) }),
    r0,
  ),
  inv(
    'signed by another key',
    'tampered',
    'claims credit-agency #key-1 but is signed by vector key 6',
    encodeEnvelope(signed(6, base)),
    r0,
  ),
  inv(
    'subject names a chain the sender does not serve',
    'out_of_role',
    'credit-agency is an adapter of credit only; its header.announce on the property subject is out of role',
    goodWire,
    { ...r0, chain: 'property' },
  ),
  inv(
    'type needs a role the sender lacks',
    'out_of_role',
    'registry.update needs the admin role; gateway-1 is a gateway',
    encodeEnvelope(
      signed(2, { ...base, senderDid: 'did:alliance:gateway-1', kid: '#key-1', type: 'registry.update', body: new Uint8Array(0) }),
    ),
    { ...r0, chain: null },
  ),
  inv(
    'sender revoked after it signed, before delivery',
    'revoked',
    "late-adapter's key was valid at the timestamp, but it was revoked 500 ms later; the role is judged now, so the envelope is dropped",
    encodeEnvelope(signed(9, { ...base, senderDid: 'did:alliance:late-adapter', kid: 'did:alliance:late-adapter#key-1' })),
    r0,
  ),
  inv(
    'the same envelope delivered a second time',
    'replayed',
    'its msgId was already accepted from this sender (deliveredBefore: 1)',
    goodWire,
    r0,
    {
      deliveredBefore: 1,
    },
  ),
];

const out = {
  structure: 'envelope',
  title: 'Signed bus envelope',
  spec: 'docs/spec/envelope.md',
  tag: SignTag.Envelope,
  layout: 'envelope-sign-bytes',
  keys: keysJson([1, 2, 3, 4, 5, 6, 7, 8, 9]),
  registry,
  valid,
  invalid,
};
writeVector('envelope', out);
console.error(`wrote ${valid.length} valid and ${invalid.length} invalid envelope cases`);
