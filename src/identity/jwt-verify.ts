/**
 * JWT verification through did-jwt's `verifyJWT`, behind our own checks (jwt-inspect.ts runs
 * first: did-jwt would accept high-S signatures, several algorithms and missing claims).
 * did-jwt knows no SM2: an `SM2SM3` token gets the same resolution check, then the native SM2
 * verify (jwt-verify-fast.ts's), so both paths give one verdict for both suites.
 * The key did-jwt uses comes from resolving `iss?versionTime=<iat>` through our did-resolver
 * methods, so an old token is checked against the key valid when it was signed.
 * Resolution failures fail closed (`resolver_failed`).
 */
import { verifyJWT } from 'did-jwt';
import type { DIDResolutionResult, Resolvable, VerificationMethod } from 'did-resolver';
import { equalBytes, fromBase64url, utf8 } from '../encoding/bytes.js';
import { suiteOfKey, verify } from '../crypto/signature-suite.js';
import { SM2_VERIFICATION_KEY_TYPE, secp256k1Jwk, sm2Multibase } from './resolver.js';
import { uncompressPublicKey } from '../crypto/secp256k1.js';
import { inspectJwt, jwtError, type JwtVerifyOptions, type VerifiedJwt } from './jwt-inspect.js';
import { JWT_ALG, JWT_CLOCK_SKEW_MS } from './jwt.js';

export interface DidJwtVerifyOptions extends JwtVerifyOptions {
  /** A did-resolver `Resolver` with (at least) our `alliance` and `key` methods. */
  resolver: Resolvable;
}

/** Does `vm` hold exactly `publicKey` (a JWK for secp256k1, a multibase for SM2)? */
function methodMatches(vm: VerificationMethod, publicKey: Uint8Array): boolean {
  if (suiteOfKey(publicKey) === 'sm2') return vm.type === SM2_VERIFICATION_KEY_TYPE && vm.publicKeyMultibase === sm2Multibase(publicKey);
  const jwk = vm.publicKeyJwk;
  if (jwk?.kty !== 'EC' || jwk.crv !== 'secp256k1' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return false;
  const u = uncompressPublicKey(publicKey);
  return equalBytes(fromBase64url(jwk.x), u.subarray(1, 33)) && equalBytes(fromBase64url(jwk.y), u.subarray(33, 65));
}

/**
 * @example
 * const verified = await verifyJwtDidJwt(token, { audience: gatewayDid, purpose: 'auth', nowMs, authority, resolver });
 * @throws VerificationError (UNAUTHENTICATED) with the same named reason as `verifyJwtFast`.
 */
export async function verifyJwtDidJwt(token: string, options: DidJwtVerifyOptions): Promise<VerifiedJwt> {
  const t = inspectJwt(token, options);
  const iatMs = t.payload.iat * 1000;
  const didUrl = `${t.issuer}?versionTime=${new Date(iatMs).toISOString()}`;
  let resolution: DIDResolutionResult;
  try {
    resolution = await options.resolver.resolve(didUrl);
  } catch (e) {
    throw jwtError('resolver_failed', `resolving ${t.issuer} failed: ${e instanceof Error ? e.message : 'error'}`);
  }
  if (resolution.didResolutionMetadata.error || !resolution.didDocument) {
    throw jwtError('resolver_failed', `resolving ${t.issuer} failed: ${resolution.didResolutionMetadata.error ?? 'no document'}`);
  }
  if (resolution.didDocumentMetadata.deactivated === true) throw jwtError('revoked_issuer', `${t.issuer} is deactivated`);
  const vm = resolution.didDocument.verificationMethod?.find((v) => v.id === t.kid);
  // The resolver and the Authority read the same registry; if they disagree, fail closed.
  if (!vm || !methodMatches(vm, t.publicKey))
    throw jwtError('resolver_failed', `resolved document of ${t.issuer} does not hold ${t.kid} at iat`);
  if (t.header.alg !== JWT_ALG) {
    if (!verify(t.signature, utf8(t.signingInput), t.publicKey)) throw jwtError('bad_signature', 'signature does not verify');
    return { payload: t.payload, issuer: t.issuer, kid: t.kid, publicKey: t.publicKey };
  }
  // did-jwt reads publicKeyHex, publicKeyBase58, blockchainAccountId... before or besides the JWK:
  // give it only the key methodMatches compared, or a key the Authority never held would verify.
  const authenticator: VerificationMethod = {
    id: vm.id,
    type: vm.type,
    controller: vm.controller,
    publicKeyJwk: secp256k1Jwk(t.publicKey),
  };
  try {
    await verifyJWT(token, {
      resolver: options.resolver,
      audience: options.audience,
      skewTime: JWT_CLOCK_SKEW_MS / 1000,
      policies: { now: Math.floor(options.nowMs / 1000) },
      didAuthenticator: { didResolutionResult: resolution, authenticators: [authenticator], issuer: t.issuer },
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg.includes('invalid_signature')) throw jwtError('bad_signature', 'signature does not verify');
    throw jwtError('bad_signature', `did-jwt rejected the token: ${msg}`);
  }
  return { payload: t.payload, issuer: t.issuer, kid: t.kid, publicKey: t.publicKey };
}
