/**
 * Writes test/vectors/spec/jwt.json (docs/spec/jwt.md): compact ES256K JWTs of every purpose as
 * the product signs them, each with the time, audience and purpose it is verified with, and
 * tokens the product's verifier refuses, one per rule it applies. The keys the verifier trusts
 * are in `registry` (a DID's keys with their validity windows, revocations); `did:key` issuers
 * carry their key in the DID. SM2SM3 tokens are not included (SM2 signatures are randomised);
 * an SM2 key appears only to show the alg/key mismatch. Run: npx tsx test/vectors/spec/generate-jwt.ts
 */
import { createHmac } from 'node:crypto';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../../src/crypto/hash.js';
import { publicKeyOf, toHighS } from '../../../src/crypto/secp256k1.js';
import { publicKeyFor } from '../../../src/crypto/signature-suite.js';
import { fromBase64url, toBase64url, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { didKeyKid, didKeyOf } from '../../../src/identity/did-key.js';
import { jwtParts, signJwtNative, type JwtPurpose, type SignJwtParams } from '../../../src/identity/jwt.js';
import { createSigner, type Signer } from '../../../src/identity/signer.js';
import { JwtReceipts } from '../../../src/relay/receipts/jwt-receipts.js';
import { signOrderCredential } from '../../../src/workflows/enforcement/order-credential.js';
import { check } from '../../spec/checks/jwt.js';
import type { VectorFile } from '../../spec/layout.js';
import { keysJson, privateKeyOf, seedOf, writeVector } from './vector-kit.js';

const _here = dirname(fileURLToPath(import.meta.url));

const T0 = 1_700_000_000_000;
const NOW = T0 + 3_600_000;
/** court-a rotates from #key-1 (key 4) to #key-2 (key 20) here. */
const ROTATION = T0 + 7_200_000;
/** court-b is revoked here. */
const REVOKED = T0 + 5_400_000;

const GATEWAY = 'did:alliance:gateway';
const COURT_A = 'did:alliance:court-a';
const COURT_B = 'did:alliance:court-b';
const IP_ADAPTER = 'did:alliance:ip-adapter';
const FINANCE_ADAPTER = 'did:alliance:finance-adapter';
const SM2_COURT = 'did:alliance:court-sm2';
const SM2_SEED = seedOf(9);

const alliance = (did: string, keyN: number, kidN = 1): Signer => createSigner(did, `${did}#key-${kidN}`, privateKeyOf(keyN));
const didKey1 = didKeyOf(publicKeyOf(privateKeyOf(1)));
const signers = {
  didKey: createSigner(didKey1, didKeyKid(didKey1), privateKeyOf(1)),
  courtA1: alliance(COURT_A, 4, 1),
  courtA2: alliance(COURT_A, 20, 2),
  courtB: alliance(COURT_B, 7),
  gateway: alliance(GATEWAY, 5),
  ipAdapter: alliance(IP_ADAPTER, 6),
};

const registry = {
  members: [
    {
      did: COURT_A,
      revokedAtMs: null,
      keys: [
        { kid: '#key-1', key: '4', validFromMs: T0, validUntilMs: ROTATION },
        { kid: '#key-2', key: '20', validFromMs: ROTATION, validUntilMs: null },
      ],
    },
    { did: COURT_B, revokedAtMs: REVOKED, keys: [{ kid: '#key-1', key: '7', validFromMs: T0, validUntilMs: null }] },
    { did: GATEWAY, revokedAtMs: null, keys: [{ kid: '#key-1', key: '5', validFromMs: T0, validUntilMs: null }] },
    { did: IP_ADAPTER, revokedAtMs: null, keys: [{ kid: '#key-1', key: '6', validFromMs: T0, validUntilMs: null }] },
    {
      did: SM2_COURT,
      revokedAtMs: null,
      keys: [
        {
          kid: '#key-1',
          publicKey: toHex(publicKeyFor('sm2', sha256(utf8(SM2_SEED)))),
          seed: SM2_SEED,
          suite: 'sm2',
          validFromMs: T0,
          validUntilMs: null,
        },
      ],
    },
  ],
};

const keys = keysJson([1, 2, 4, 5, 6, 7, 20]);

const b64json = (v: unknown): string => toBase64url(utf8(JSON.stringify(v)));

/** A token over `header` and `payload` as given (JSON.stringify, in their key order), signed by `by`. */
function craft(header: unknown, payload: unknown, by: Signer): string {
  const input = `${b64json(header)}.${b64json(payload)}`;
  return `${input}.${toBase64url(by.sign(utf8(input)))}`;
}

const params = (
  purpose: JwtPurpose,
  audience: string,
  jti: string,
  nowMs = NOW,
  lifetimeMs = 300_000,
  claims?: SignJwtParams['claims'],
): SignJwtParams => ({
  audience,
  purpose,
  nowMs,
  lifetimeMs,
  jti,
  ...(claims === undefined ? {} : { claims }),
});

/** The parts a valid case shows: the segments, the signing input and its SHA-256, the decoded header and payload. */
function describe(token: string): Record<string, unknown> {
  const [h, p] = token.split('.') as [string, string, string];
  const input = utf8(`${h}.${p}`);
  return {
    fields: { encodedHeader: h, encodedPayload: p },
    bytes: toHex(input),
    hash: toHex(sha256(input)),
    header: JSON.parse(Buffer.from(fromBase64url(h)).toString('utf8')),
    payload: JSON.parse(Buffer.from(fromBase64url(p)).toString('utf8')),
  };
}

interface Verify {
  nowMs: number;
  audience: string;
  purpose: JwtPurpose;
}

const order = {
  orderId: 'ORD-2024-0042',
  court: COURT_A,
  caseId: '(2024)京0101执100号',
  chain: 'finance',
  actionId: 'act-42',
  kind: 'freeze',
  target: '6222020200112345678',
  amount: '5000000',
};
const orderToken = signOrderCredential(signers.courtA1, {
  order,
  legalBasis: '《民事诉讼法》第二百四十九条',
  audience: FINANCE_ADAPTER,
  nowMs: NOW,
  lifetimeMs: 3_600_000,
});
const receiptToken = await new JwtReceipts({
  signer: { did: GATEWAY, kid: signers.gateway.kid, suite: 'secp256k1', sign: async (m) => signers.gateway.sign(m) },
  now: () => NOW,
}).issue(sha256(utf8('vector receipt digest')), COURT_A, 'req-7f3a');

const valid: { name: string; token: string; issuerKey: string; verify: Verify }[] = [
  {
    name: 'auth: a did:key caller, 300 s lifetime',
    token: signJwtNative(signers.didKey, params('auth', GATEWAY, 'auth-1')),
    issuerKey: '1',
    verify: { nowMs: NOW, audience: GATEWAY, purpose: 'auth' },
  },
  {
    name: 'auth: an alliance court at the longest auth lifetime (600 s), verified 29.999 s after exp (inside the skew)',
    token: signJwtNative(signers.courtA1, params('auth', GATEWAY, 'auth-2', NOW, 600_000)),
    issuerKey: '4',
    verify: { nowMs: NOW + 600_000 + 29_999, audience: GATEWAY, purpose: 'auth' },
  },
  {
    name: 'order: a court order credential to an adapter, with the order claims and the legal basis',
    token: orderToken,
    issuerKey: '4',
    verify: { nowMs: NOW + 1000, audience: FINANCE_ADAPTER, purpose: 'order' },
  },
  {
    name: 'order: signed with court-a #key-1 before its rotation, verified after it (the key valid at iat counts)',
    token: signJwtNative(
      signers.courtA1,
      params('order', FINANCE_ADAPTER, 'order-rot', NOW, 3_600_000, { ...orderClaims(), actionId: 'act-43' }),
    ),
    issuerKey: '4',
    verify: { nowMs: ROTATION + 1000, audience: FINANCE_ADAPTER, purpose: 'order' },
  },
  {
    name: "attestation: iat exactly 30 s after the verifier's clock (the edge of the skew)",
    token: signJwtNative(signers.ipAdapter, params('attestation', GATEWAY, 'att-1', NOW, 3_600_000)),
    issuerKey: '6',
    verify: { nowMs: NOW - 30_000, audience: GATEWAY, purpose: 'attestation' },
  },
  {
    name: "receipt: the gateway's per-answer receipt for a requester, 24 h lifetime, rcpt = the receipt digest",
    token: receiptToken,
    issuerKey: '5',
    verify: { nowMs: NOW + 3_600_000, audience: COURT_A, purpose: 'receipt' },
  },
  {
    name: "auth: court-a's new #key-2 after the rotation",
    token: signJwtNative(signers.courtA2, params('auth', GATEWAY, 'auth-3', ROTATION + 60_000)),
    issuerKey: '20',
    verify: { nowMs: ROTATION + 61_000, audience: GATEWAY, purpose: 'auth' },
  },
  {
    name: 'auth: court-b before its revocation',
    token: signJwtNative(signers.courtB, params('auth', GATEWAY, 'auth-4')),
    issuerKey: '7',
    verify: { nowMs: NOW + 1000, audience: GATEWAY, purpose: 'auth' },
  },
];

function orderClaims(): Record<string, string> {
  const { court: _court, ...rest } = order;
  return rest;
}

// ---- invalid ----

const base = jwtParts(signers.courtA1, params('auth', GATEWAY, 'bad-1'));
const H = base.header;
const P = base.payload;
const good = craft(H, P, signers.courtA1);
const [gh, gp, gs] = good.split('.') as [string, string, string];
const at: Verify = { nowMs: NOW, audience: GATEWAY, purpose: 'auth' };
const sigBytes = fromBase64url(gs);
const withSig = (sig: Uint8Array): string => `${gh}.${gp}.${toBase64url(sig)}`;
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const be32 = (n: bigint): Uint8Array => Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex'));
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The same 64 bytes with one of the unused low bits of the last character set: decodes alike, not canonical. */
const nonCanonicalSig = `${gs.slice(0, -1)}${B64[B64.indexOf(gs.at(-1)!) | 1]}`;
const sm2Header = { alg: 'SM2SM3', typ: 'JWT', kid: signers.courtA1.kid };
const sm2Court = createSigner(SM2_COURT, `${SM2_COURT}#key-1`, privateKeyOf(9));
const tamperedOrder = (() => {
  const [h, p, s] = orderToken.split('.') as [string, string, string];
  const payload = JSON.parse(Buffer.from(fromBase64url(p)).toString('utf8')) as Record<string, unknown>;
  return `${h}.${b64json({ ...payload, amount: '50000000' })}.${s}`;
})();

const invalid: { name: string; reason: string; why: string; token: string; verify: Verify }[] = [
  {
    name: 'two segments',
    reason: 'malformed_token',
    why: 'a compact JWS has exactly three dot-separated segments',
    token: `${gh}.${gp}`,
    verify: at,
  },
  {
    name: 'padded header segment',
    reason: 'malformed_token',
    why: 'segments are unpadded base64url: "=" is not allowed',
    token: `${gh}=.${gp}.${gs}`,
    verify: at,
  },
  {
    name: 'header segment of impossible length',
    reason: 'malformed_token',
    why: 'a base64url segment is never 1 mod 4 characters long',
    token: `${gh}A.${gp}.${gs}`,
    verify: at,
  },
  {
    name: 'header not JSON',
    reason: 'malformed_token',
    why: 'the header must decode to a JSON object',
    token: `${toBase64url(utf8('alg=ES256K'))}.${gp}.${gs}`,
    verify: at,
  },
  {
    name: 'alg none with an empty signature',
    reason: 'alg_not_allowed',
    why: 'only ES256K and SM2SM3 are accepted; alg is checked before the other segments',
    token: `${b64json({ alg: 'none', typ: 'JWT' })}.${gp}.`,
    verify: at,
  },
  {
    name: "alg HS256, HMAC keyed with the issuer's public key",
    reason: 'alg_not_allowed',
    why: 'a symmetric alg is never accepted (the key-confusion attack)',
    token: (() => {
      const input = `${b64json({ ...H, alg: 'HS256' })}.${gp}`;
      return `${input}.${toBase64url(createHmac('sha256', signers.courtA1.publicKey).update(input).digest())}`;
    })(),
    verify: at,
  },
  {
    name: 'alg ES256 (P-256)',
    reason: 'alg_not_allowed',
    why: 'ES256 is not an alg of the alliance',
    token: craft({ ...H, alg: 'ES256' }, P, signers.courtA1),
    verify: at,
  },
  {
    name: 'alg lowercase es256k',
    reason: 'alg_not_allowed',
    why: 'alg is compared exactly, case included',
    token: craft({ ...H, alg: 'es256k' }, P, signers.courtA1),
    verify: at,
  },
  {
    name: 'payload segment padded',
    reason: 'malformed_token',
    why: 'the payload segment must be unpadded base64url too',
    token: `${gh}.${gp}=.${gs}`,
    verify: at,
  },
  {
    name: 'extra header field jku',
    reason: 'malformed_token',
    why: 'the header holds alg, typ and kid only',
    token: craft({ ...H, jku: 'https://example.com/keys' }, P, signers.courtA1),
    verify: at,
  },
  {
    name: 'typ lowercase jwt',
    reason: 'malformed_token',
    why: 'typ must be exactly JWT',
    token: craft({ ...H, typ: 'jwt' }, P, signers.courtA1),
    verify: at,
  },
  {
    name: 'typ missing',
    reason: 'malformed_token',
    why: 'typ must be present and JWT',
    token: craft({ alg: H.alg, kid: H.kid }, P, signers.courtA1),
    verify: at,
  },
  {
    name: 'kid missing',
    reason: 'missing_kid',
    why: 'kid names the signing key and is required',
    token: craft({ alg: H.alg, typ: H.typ }, P, signers.courtA1),
    verify: at,
  },
  {
    name: 'kid empty',
    reason: 'missing_kid',
    why: 'kid must be a non-empty string',
    token: craft({ ...H, kid: '' }, P, signers.courtA1),
    verify: at,
  },
  {
    name: 'signature of 63 bytes',
    reason: 'bad_signature_length',
    why: 'a signature is exactly 64 bytes r || s',
    token: withSig(sigBytes.subarray(0, 63)),
    verify: at,
  },
  {
    name: 'signature in DER',
    reason: 'bad_signature_length',
    why: 'JWS signatures are r || s, not ASN.1 DER',
    token: withSig(Uint8Array.from([0x30, 0x44, 0x02, 0x20, ...sigBytes.subarray(0, 32), 0x02, 0x20, ...sigBytes.subarray(32)])),
    verify: at,
  },
  {
    name: 'signature segment not canonical base64url',
    reason: 'bad_signature_length',
    why: 'the last character sets unused bits: it decodes to the same 64 bytes but is not their base64url',
    token: `${gh}.${gp}.${nonCanonicalSig}`,
    verify: at,
  },
  {
    name: 'r = 0',
    reason: 'signature_out_of_range',
    why: 'r must be in [1, n − 1]',
    token: withSig(Uint8Array.from([...new Uint8Array(32), ...sigBytes.subarray(32)])),
    verify: at,
  },
  {
    name: 's = n',
    reason: 'signature_out_of_range',
    why: 's must be in [1, n − 1]',
    token: withSig(Uint8Array.from([...sigBytes.subarray(0, 32), ...be32(N)])),
    verify: at,
  },
  {
    name: 'high-S twin of a valid signature',
    reason: 'high_s_signature',
    why: 's > n/2: the malleable twin (n − s) of a valid signature',
    token: withSig(toHighS(sigBytes)),
    verify: at,
  },
  {
    name: 'payload is an array',
    reason: 'malformed_token',
    why: 'the payload must be a JSON object',
    token: craft(H, [P], signers.courtA1),
    verify: at,
  },
  {
    name: 'jti missing',
    reason: 'missing_claim',
    why: 'iss, aud, iat, exp, jti and purpose are required',
    token: craft(H, { ...P, jti: undefined }, signers.courtA1),
    verify: at,
  },
  {
    name: 'purpose missing',
    reason: 'missing_claim',
    why: 'purpose is required',
    token: craft(H, { ...P, purpose: undefined }, signers.courtA1),
    verify: at,
  },
  {
    name: 'iss null',
    reason: 'missing_claim',
    why: 'a null claim counts as missing',
    token: craft(H, { ...P, iss: null }, signers.courtA1),
    verify: at,
  },
  {
    name: 'jti a number',
    reason: 'invalid_claim',
    why: 'iss, jti and purpose are strings',
    token: craft(H, { ...P, jti: 7 }, signers.courtA1),
    verify: at,
  },
  {
    name: 'iat a string',
    reason: 'invalid_claim',
    why: 'iat and exp are integer seconds',
    token: craft(H, { ...P, iat: String(P.iat) }, signers.courtA1),
    verify: at,
  },
  {
    name: 'iat with a fraction',
    reason: 'invalid_claim',
    why: 'iat and exp are integer seconds',
    token: craft(H, { ...P, iat: P.iat + 0.5 }, signers.courtA1),
    verify: at,
  },
  {
    name: 'exp equal to iat',
    reason: 'invalid_claim',
    why: 'exp must be after iat',
    token: craft(H, { ...P, exp: P.iat }, signers.courtA1),
    verify: at,
  },
  {
    name: 'nbf a string',
    reason: 'invalid_claim',
    why: 'nbf, when present, is integer seconds',
    token: craft(H, { ...P, nbf: 'now' }, signers.courtA1),
    verify: at,
  },
  {
    name: 'an order token where an auth token is expected',
    reason: 'wrong_purpose',
    why: 'purpose must be the one the verifier expects',
    token: craft(H, { ...P, purpose: 'order' }, signers.courtA1),
    verify: at,
  },
  {
    name: 'an unknown purpose',
    reason: 'wrong_purpose',
    why: 'purpose is one of auth, order, attestation, receipt',
    token: craft(H, { ...P, purpose: 'login' }, signers.courtA1),
    verify: at,
  },
  {
    name: 'another audience',
    reason: 'wrong_audience',
    why: "aud must equal the verifier's own DID",
    token: craft(H, { ...P, aud: IP_ADAPTER }, signers.courtA1),
    verify: at,
  },
  {
    name: 'audience as an array',
    reason: 'wrong_audience',
    why: 'aud is one string, never an array',
    token: craft(H, { ...P, aud: [GATEWAY] }, signers.courtA1),
    verify: at,
  },
  {
    name: 'auth lifetime 601 s',
    reason: 'lifetime_too_long',
    why: 'an auth token lives at most 600 s (exp − iat)',
    token: signJwtNative(signers.courtA1, params('auth', GATEWAY, 'bad-life', NOW, 601_000)),
    verify: at,
  },
  {
    name: 'iat 30.001 s ahead of the verifier',
    reason: 'not_yet_valid',
    why: "iat may be at most 30 s after the verifier's clock",
    token: good,
    verify: { ...at, nowMs: NOW - 30_001 },
  },
  {
    name: 'nbf beyond the skew',
    reason: 'not_yet_valid',
    why: "nbf, when present, may be at most 30 s after the verifier's clock",
    token: craft(H, { ...P, nbf: P.iat + 31 }, signers.courtA1),
    verify: at,
  },
  {
    name: 'expired: now is exp + 30 s',
    reason: 'expired',
    why: 'a token is refused once now − 30 s ≥ exp',
    token: good,
    verify: { ...at, nowMs: P.exp * 1000 + 30_000 },
  },
  {
    name: 'kid of another DID',
    reason: 'kid_not_of_issuer',
    why: 'kid must be a DID URL of iss',
    token: craft({ ...H, kid: signers.gateway.kid }, P, signers.gateway),
    verify: at,
  },
  {
    name: 'kid a bare fragment',
    reason: 'kid_not_of_issuer',
    why: 'kid is the full DID URL, not #key-1',
    token: craft({ ...H, kid: '#key-1' }, P, signers.courtA1),
    verify: at,
  },
  {
    name: 'issuer not in the registry',
    reason: 'unknown_issuer',
    why: 'iss is no alliance member',
    token: craft({ ...H, kid: 'did:alliance:nobody#key-1' }, { ...P, iss: 'did:alliance:nobody' }, signers.courtA1),
    verify: at,
  },
  {
    name: 'issuer of an unsupported DID method',
    reason: 'unknown_issuer',
    why: 'only did:alliance and did:key issuers are known',
    token: craft({ ...H, kid: 'did:web:example.com#key-1' }, { ...P, iss: 'did:web:example.com' }, signers.courtA1),
    verify: at,
  },
  {
    name: 'a key the issuer never had',
    reason: 'unknown_key',
    why: 'court-a has no #key-9',
    token: craft({ ...H, kid: `${COURT_A}#key-9` }, P, signers.courtA1),
    verify: at,
  },
  {
    name: 'a did:key with a kid other than its own key',
    reason: 'unknown_key',
    why: 'a did:key has one key, kid = did#<its multibase>',
    token: craft({ ...H, kid: `${didKey1}#key-1` }, { ...P, iss: didKey1 }, signers.didKey),
    verify: at,
  },
  {
    name: 'court-a #key-1 used after its rotation',
    reason: 'key_not_valid_at_time',
    why: '#key-1 was valid until the rotation; iat is after it',
    token: signJwtNative(signers.courtA1, params('auth', GATEWAY, 'bad-rot', ROTATION + 60_000)),
    verify: { ...at, nowMs: ROTATION + 61_000 },
  },
  {
    name: 'court-a #key-2 used before it became valid',
    reason: 'key_not_valid_at_time',
    why: '#key-2 is valid only from the rotation; iat is before it',
    token: signJwtNative(signers.courtA2, params('auth', GATEWAY, 'bad-early')),
    verify: at,
  },
  {
    name: 'court-b signing after its revocation',
    reason: 'revoked_issuer',
    why: 'the issuer was revoked before iat',
    token: signJwtNative(signers.courtB, params('auth', GATEWAY, 'bad-rev-1', REVOKED + 60_000)),
    verify: { ...at, nowMs: REVOKED + 61_000 },
  },
  {
    name: 'court-b token issued before its revocation, verified after it',
    reason: 'revoked_issuer',
    why: 'a revocation takes effect at once, also for tokens issued before it',
    token: signJwtNative(signers.courtB, params('receipt', GATEWAY, 'bad-rev-2', NOW, 86_400_000)),
    verify: { nowMs: REVOKED + 1000, audience: GATEWAY, purpose: 'receipt' },
  },
  {
    name: 'ES256K token whose kid is an SM2 key',
    reason: 'alg_key_mismatch',
    why: 'an SM2 key verifies SM2SM3 only',
    token: craft({ ...H, kid: sm2Court.kid }, { ...P, iss: SM2_COURT }, sm2Court),
    verify: at,
  },
  {
    name: 'SM2SM3 token whose kid is a secp256k1 key',
    reason: 'alg_key_mismatch',
    why: 'a secp256k1 key verifies ES256K only (the signature is shaped like an SM2 one)',
    token: craft(sm2Header, P, signers.courtA1),
    verify: at,
  },
  {
    name: 'payload changed after signing',
    reason: 'bad_signature',
    why: 'the order amount was raised after the court signed',
    token: tamperedOrder,
    verify: { nowMs: NOW + 1000, audience: FINANCE_ADAPTER, purpose: 'order' },
  },
  {
    name: 'signed by another key than kid names',
    reason: 'bad_signature',
    why: 'key 2 signed a token naming court-a #key-1',
    token: craft(H, P, createSigner(COURT_A, signers.courtA1.kid, privateKeyOf(2))),
    verify: at,
  },
  {
    name: 'signature of another header',
    reason: 'bad_signature',
    why: 'the signature covers header and payload: a header changed after signing (kid spelled with another JSON key order) breaks it',
    token: `${b64json({ kid: H.kid, typ: H.typ, alg: H.alg })}.${gp}.${gs}`,
    verify: at,
  },
];

const file = {
  structure: 'jwt',
  title: 'JWT (compact JWS, ES256K) for auth, orders, attestations and receipts',
  spec: 'docs/spec/jwt.md',
  tag: null,
  layout: 'jwt-signing-input',
  keys,
  registry,
  valid: valid.map((v) => ({ name: v.name, ...describe(v.token), token: v.token, issuerKey: v.issuerKey, ...v.verify })),
  invalid: invalid.map((c) => ({ name: c.name, reason: c.reason, why: c.why, token: c.token, ...c.verify })),
};

// Every verdict is the product's: refuse to write a file whose cases the verifier does not give.
for (const c of [...file.valid, ...file.invalid]) {
  const got = await check(file as unknown as VectorFile, c as never);
  const want = 'reason' in c ? c.reason : 'ok';
  if (got !== want) throw new Error(`${c.name}: the verifier says ${got}, expected ${want}`);
}

writeVector('jwt', file);
process.stderr.write(`wrote jwt.json: ${file.valid.length} valid, ${file.invalid.length} invalid\n`);
