/**
 * Every check on a JWT except the signature math, shared by both verify paths
 * (jwt-verify.ts with did-jwt, jwt-verify-fast.ts native) so their verdicts are identical.
 * Runs BEFORE any library sees the token. Pure: time is `nowMs`, keys come from the Authority.
 *
 * Order (first failure wins; each has its named reason, code UNAUTHENTICATED):
 *  1. shape: a string of at most MAX_JWT_LENGTH, three segments, header unpadded base64url  malformed_token
 *  2. header: canonical base64url of a JSON object                                        malformed_token
 *     alg exactly ES256K or SM2SM3                                                         alg_not_allowed
 *     payload and signature segments unpadded base64url                                    malformed_token
 *     only alg/typ/kid, typ JWT                                                            malformed_token
 *     kid present                                                                          missing_kid
 *  3. signature: canonical base64url of exactly 64 bytes                                   bad_signature_length
 *     0 < r, s < n of the alg's curve (SM2 also r + s != n)                               signature_out_of_range
 *     ES256K: s <= n/2 (low-S)                                                             high_s_signature
 *  4. payload: JSON object                                                                 malformed_token
 *     iss, aud, iat, exp, jti, purpose present                                             missing_claim
 *     types (strings, integer seconds, exp > iat)                                          invalid_claim
 *  5. purpose equals the expected one                                                      wrong_purpose
 *  6. aud equals the verifier's own DID                                                    wrong_audience
 *  7. exp - iat <= max lifetime                                                            lifetime_too_long
 *  8. iat (and nbf) <= now + skew                                                          not_yet_valid
 *  9. exp > now - skew                                                                     expired
 * 10. kid is a DID URL of iss                                                              kid_not_of_issuer
 * 11. key of iss at iat (Authority.keyAt): unknown_issuer, unknown_key, revoked_issuer,
 *     key_not_valid_at_time, resolver_failed
 *     the key's suite is the alg's (an SM2 key signs SM2SM3 only, a secp256k1 key ES256K)  alg_key_mismatch
 * 12. iss not revoked now (a revocation takes effect at once, even for tokens issued before)  revoked_issuer
 */
import { ErrorCode, VerificationError } from '../errors.js';
import { fromUtf8, toBase64url } from '../encoding/bytes.js';
import { checkSignatureShapeFor, suiteOfKey } from '../crypto/signature-suite.js';
import type { Authority, AuthorityRejection } from './authority.js';
import { fragmentOf } from './did-url.js';
import {
  DEFAULT_MAX_LIFETIME_MS,
  suiteOfAlg,
  JWT_CLOCK_SKEW_MS,
  JwtPurposes,
  MAX_JWT_LENGTH,
  type JwtHeader,
  type JwtPayload,
  type JwtPurpose,
} from './jwt.js';

export type JwtRejection =
  | 'malformed_token'
  | 'alg_not_allowed'
  | 'alg_key_mismatch'
  | 'missing_kid'
  | 'bad_signature_length'
  | 'signature_out_of_range'
  | 'high_s_signature'
  | 'missing_claim'
  | 'invalid_claim'
  | 'wrong_purpose'
  | 'wrong_audience'
  | 'lifetime_too_long'
  | 'not_yet_valid'
  | 'expired'
  | 'kid_not_of_issuer'
  | 'unknown_issuer'
  | 'unknown_key'
  | 'revoked_issuer'
  | 'key_not_valid_at_time'
  | 'resolver_failed'
  | 'bad_signature';

export interface JwtVerifyOptions {
  /** The verifier's own DID: `aud` must equal it. */
  audience: string;
  /** The kind of token expected here. */
  purpose: JwtPurpose;
  /** Verification time (ms since epoch), passed in: the core never reads the clock. */
  nowMs: number;
  authority: Authority;
  /** Longest accepted exp - iat; defaults to DEFAULT_MAX_LIFETIME_MS[purpose]. */
  maxLifetimeMs?: number;
}

/** A token that passed every check but the signature, with what the signature must be checked against. */
export interface InspectedJwt {
  header: JwtHeader;
  payload: JwtPayload;
  /** ASCII `header.payload`: the bytes ES256K signs. */
  signingInput: string;
  signature: Uint8Array;
  issuer: string;
  kid: string;
  /** The issuer's key valid at iat. */
  publicKey: Uint8Array;
}

/** The verdict's evidence: who signed, with which key, what they said. */
export interface VerifiedJwt {
  payload: JwtPayload;
  issuer: string;
  kid: string;
  publicKey: Uint8Array;
}

export function jwtError(reason: JwtRejection, message: string, details?: Record<string, string | number | boolean>): VerificationError {
  return new VerificationError(reason, `jwt: ${message}`, { code: ErrorCode.Unauthenticated, ...(details ? { details } : {}) });
}

const SEGMENT_RE = /^[A-Za-z0-9_-]+$/;
const HEADER_FIELDS = new Set(['alg', 'typ', 'kid']);
const AUTHORITY_REASON: Record<AuthorityRejection, JwtRejection> = {
  unknown_did: 'unknown_issuer',
  unknown_key: 'unknown_key',
  revoked: 'revoked_issuer',
  key_not_valid_at_time: 'key_not_valid_at_time',
  out_of_role: 'unknown_issuer',
  chain_not_allowed: 'unknown_issuer',
  resolver_failed: 'resolver_failed',
};

function decodeJson(segment: string, title: string): Record<string, unknown> {
  const bytes = Buffer.from(segment, 'base64url');
  // One spelling per byte string: unused low bits set in the last character would give the same
  // bytes a second token text, which did-jwt's decoder refuses (the two paths must agree).
  if (bytes.toString('base64url') !== segment) throw jwtError('malformed_token', `${title} is not canonical base64url`);
  let v: unknown;
  try {
    v = JSON.parse(fromUtf8(bytes));
  } catch {
    throw jwtError('malformed_token', `${title} is not base64url JSON`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw jwtError('malformed_token', `${title} is not a JSON object`);
  return v as Record<string, unknown>;
}

const isSeconds = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Run checks 1-12 (see the file header). @throws VerificationError with a JwtRejection reason. */
export function inspectJwt(token: unknown, o: JwtVerifyOptions): InspectedJwt {
  // 1. shape
  if (typeof token !== 'string' || token.length > MAX_JWT_LENGTH) throw jwtError('malformed_token', 'expected a string of at most 16 KiB');
  const parts = token.split('.');
  if (parts.length !== 3) throw jwtError('malformed_token', `expected 3 segments, got ${parts.length}`);
  const [h, p, s] = parts as [string, string, string];
  const isSegment = (seg: string): boolean => SEGMENT_RE.test(seg) && seg.length % 4 !== 1;
  if (!isSegment(h)) throw jwtError('malformed_token', 'header must be unpadded base64url');
  // 2. header: alg first, so `alg: none` (empty signature) is named for what it is
  const header = decodeJson(h, 'header');
  const suite = suiteOfAlg(header.alg);
  if (suite === undefined) throw jwtError('alg_not_allowed', `alg ${JSON.stringify(header.alg)} is not allowed (only ES256K or SM2SM3)`);
  if (!isSegment(p) || !isSegment(s)) throw jwtError('malformed_token', 'segments must be unpadded base64url');
  for (const k of Object.keys(header)) if (!HEADER_FIELDS.has(k)) throw jwtError('malformed_token', `header field ${k} is not allowed`);
  if (header.typ !== 'JWT') throw jwtError('malformed_token', 'typ must be JWT');
  if (typeof header.kid !== 'string' || header.kid.length === 0) throw jwtError('missing_kid', 'kid is required');
  // 3. signature shape (before any curve math or library)
  const signature = new Uint8Array(Buffer.from(s, 'base64url'));
  if (signature.length !== 64 || toBase64url(signature) !== s)
    throw jwtError('bad_signature_length', `signature must be 64 bytes, got ${signature.length}`);
  const shape = checkSignatureShapeFor(suite, signature);
  if (shape === 'high_s') throw jwtError('high_s_signature', 'high-S signatures are not accepted (BIP-62 low-S rule)');
  if (shape !== 'ok') throw jwtError('signature_out_of_range', `signature ${shape}`);
  // 4. payload
  const payload = decodeJson(p, 'payload');
  for (const c of ['iss', 'aud', 'iat', 'exp', 'jti', 'purpose'] as const) {
    if (payload[c] === undefined || payload[c] === null) throw jwtError('missing_claim', `claim ${c} is required`, { claim: c });
  }
  const { iss, aud, iat, exp, jti, purpose, nbf } = payload;
  if (typeof iss !== 'string' || typeof jti !== 'string' || typeof purpose !== 'string')
    throw jwtError('invalid_claim', 'iss, jti and purpose must be strings');
  if (!isSeconds(iat) || !isSeconds(exp) || exp <= iat)
    throw jwtError('invalid_claim', 'iat and exp must be integer seconds with exp > iat');
  if (nbf !== undefined && !isSeconds(nbf)) throw jwtError('invalid_claim', 'nbf must be integer seconds');
  // 5. purpose
  if (!(JwtPurposes as readonly string[]).includes(purpose) || purpose !== o.purpose) {
    throw jwtError('wrong_purpose', `purpose ${JSON.stringify(purpose)} where ${o.purpose} is expected`);
  }
  // 6. audience: exactly one, ours
  if (aud !== o.audience) throw jwtError('wrong_audience', 'aud is not this verifier');
  // 7-9. lifetime and time (same arithmetic as did-jwt's, in ms: identical verdicts at the edges)
  const maxLifetimeMs = o.maxLifetimeMs ?? DEFAULT_MAX_LIFETIME_MS[o.purpose];
  if ((exp - iat) * 1000 > maxLifetimeMs) throw jwtError('lifetime_too_long', `lifetime ${exp - iat}s exceeds ${maxLifetimeMs / 1000}s`);
  if (iat * 1000 > o.nowMs + JWT_CLOCK_SKEW_MS || (nbf !== undefined && nbf * 1000 > o.nowMs + JWT_CLOCK_SKEW_MS)) {
    throw jwtError('not_yet_valid', 'issued in the future');
  }
  if (exp * 1000 <= o.nowMs - JWT_CLOCK_SKEW_MS) throw jwtError('expired', 'token has expired');
  // 10. kid belongs to iss (full DID URL)
  const kid = header.kid;
  if (kid.startsWith('#') || fragmentOf(iss, kid) === undefined) throw jwtError('kid_not_of_issuer', 'kid is not a key of iss');
  // 11. key valid when signed
  const key = o.authority.keyAt(iss, kid, iat * 1000);
  if (!key.ok) throw jwtError(AUTHORITY_REASON[key.reason], key.message);
  if (suiteOfKey(key.publicKey) !== suite)
    throw jwtError('alg_key_mismatch', `alg ${header.alg} does not match the ${suiteOfKey(key.publicKey)} key ${kid}`);
  // 12. revocation takes effect at once
  const now = o.authority.keyAt(iss, kid, o.nowMs);
  if (!now.ok && now.reason === 'revoked') throw jwtError('revoked_issuer', now.message);
  return {
    header: header as unknown as JwtHeader,
    payload: payload as JwtPayload,
    signingInput: `${h}.${p}`,
    signature,
    issuer: iss,
    kid,
    publicKey: key.publicKey,
  };
}
