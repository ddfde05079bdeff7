/**
 * JWTs (RFC 7519) for auth tokens, court orders, attestations and receipts, signed with the
 * issuer key's suite: `ES256K` (RFC 8812) for secp256k1 keys, `SM2SM3` for SM2 keys (GB/T
 * 32918.2 with SM3 and the default Z_A user id over the same JWS signing input, signature r || s
 * in 64 bytes, base64url; no registered JOSE name exists, so the name is ours and documented in
 * docs/spec/jwt.md, the token format's specification). A token's alg must match the suite of the key the registry holds for
 * its kid (`alg_key_mismatch`): an SM2 signature never passes as ES256K or the reverse.
 *
 * Header: exactly `{ "alg": "ES256K" | "SM2SM3", "typ": "JWT", "kid": "<full DID URL of the key>" }`.
 * Payload: `{ iat, exp, aud, jti, purpose, ...claims, iss }` (this order, the order did-jwt's
 * createJWT produces, so both signers emit identical tokens). `purpose` separates the kinds of
 * token: an attestation never passes as an auth token.
 *
 * The signature is ECDSA-SHA256 over the ASCII bytes of `base64url(header).base64url(payload)`
 * (RFC 7515 §5.1), compact r||s, low-S (our rule; RFC 8812 allows both).
 */
import { createJWT, type Signer as DidJwtSigner } from 'did-jwt';
import { toBase64url, utf8 } from '../encoding/bytes.js';
import type { SignatureSuite } from '../crypto/signature-suite.js';
import type { Signer } from './signer.js';

export const JwtPurposes = ['auth', 'order', 'attestation', 'receipt'] as const;
export type JwtPurpose = (typeof JwtPurposes)[number];

/** The JWS alg of each signature suite. */
export const JWT_ALGS = { secp256k1: 'ES256K', sm2: 'SM2SM3' } as const satisfies Record<SignatureSuite, string>;
export type JwtAlg = (typeof JWT_ALGS)[SignatureSuite];
/** The alg of secp256k1 keys (did-jwt signs and verifies only this one). */
export const JWT_ALG = JWT_ALGS.secp256k1;

/** The suite an alg names, or undefined for any other alg. */
export function suiteOfAlg(alg: unknown): SignatureSuite | undefined {
  return alg === JWT_ALGS.secp256k1 ? 'secp256k1' : alg === JWT_ALGS.sm2 ? 'sm2' : undefined;
}

/** Clock skew tolerated between issuer and verifier, in both directions (iat in the future, exp in the past). */
export const JWT_CLOCK_SKEW_MS = 30_000;

/** Longest lifetime (exp - iat) accepted per purpose unless the verifier sets `maxLifetimeMs`. */
export const DEFAULT_MAX_LIFETIME_MS: Readonly<Record<JwtPurpose, number>> = {
  auth: 10 * 60_000,
  order: 60 * 60_000,
  attestation: 60 * 60_000,
  receipt: 24 * 60 * 60_000,
};

/** Largest token accepted at all (checked before any parsing). */
export const MAX_JWT_LENGTH = 16 * 1024;

export interface JwtHeader {
  alg: JwtAlg;
  typ: 'JWT';
  kid: string;
}

/** JSON values a claim may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface JwtPayload {
  iat: number;
  exp: number;
  aud: string;
  jti: string;
  purpose: JwtPurpose;
  iss: string;
  [claim: string]: JsonValue;
}

export const RESERVED_CLAIMS = ['iat', 'exp', 'aud', 'jti', 'purpose', 'iss', 'nbf', 'sub_jwk', 'cty'] as const;

export interface SignJwtParams {
  /** DID of the intended verifier. */
  audience: string;
  purpose: JwtPurpose;
  /** Issuing time; iat = floor(nowMs / 1000). */
  nowMs: number;
  lifetimeMs: number;
  /** Unique token id (replay caches key on it). */
  jti: string;
  /** Application claims; may not use a reserved name. */
  claims?: Record<string, JsonValue>;
}

/** The header and payload both signers use, in their exact key order. */
export function jwtParts(signer: Pick<Signer, 'did' | 'kid' | 'suite'>, p: SignJwtParams): { header: JwtHeader; payload: JwtPayload } {
  if (!Number.isSafeInteger(p.nowMs) || p.nowMs < 0) throw new TypeError('nowMs: expected a non-negative integer');
  if (!Number.isSafeInteger(p.lifetimeMs) || p.lifetimeMs < 1000) throw new TypeError('lifetimeMs: expected an integer >= 1000');
  if (!(JwtPurposes as readonly string[]).includes(p.purpose)) throw new TypeError(`purpose: unknown ${p.purpose}`);
  if (typeof p.jti !== 'string' || p.jti.length === 0) throw new TypeError('jti: expected a non-empty string');
  if (typeof p.audience !== 'string' || p.audience.length === 0) throw new TypeError('audience: expected a DID');
  for (const k of Object.keys(p.claims ?? {})) {
    if ((RESERVED_CLAIMS as readonly string[]).includes(k)) throw new TypeError(`claims.${k}: reserved claim`);
  }
  const iat = Math.floor(p.nowMs / 1000);
  const exp = iat + Math.floor(p.lifetimeMs / 1000);
  return {
    header: { alg: JWT_ALGS[signer.suite], typ: 'JWT', kid: signer.kid },
    payload: { iat, exp, aud: p.audience, jti: p.jti, purpose: p.purpose, ...(p.claims ?? {}), iss: signer.did },
  };
}

/** did-jwt's Signer interface over ours (base64url compact signature of the ASCII signing input). */
export function didJwtSignerOf(signer: Signer): DidJwtSigner {
  return async (data: string | Uint8Array) => toBase64url(signer.sign(typeof data === 'string' ? utf8(data) : data));
}

/** Sign with did-jwt's createJWT (it knows no SM2: an SM2 signer signs natively, the same token). */
export async function signJwt(signer: Signer, params: SignJwtParams): Promise<string> {
  if (signer.suite !== 'secp256k1') return signJwtNative(signer, params);
  const { header, payload } = jwtParts(signer, params);
  const { iss, ...rest } = payload;
  return createJWT(rest, { issuer: iss, signer: didJwtSignerOf(signer), alg: JWT_ALG }, { ...header });
}

/** Sign natively (no did-jwt): the same token, byte for byte, as `signJwt`. */
export function signJwtNative(signer: Signer, params: SignJwtParams): string {
  const { header, payload } = jwtParts(signer, params);
  const input = `${toBase64url(utf8(JSON.stringify(header)))}.${toBase64url(utf8(JSON.stringify(payload)))}`;
  return `${input}.${toBase64url(signer.sign(utf8(input)))}`;
}
