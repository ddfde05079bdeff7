/**
 * `did-resolver` methods `alliance` and `key` (DESIGN.md "Identity": both resolve through
 * did-resolver). Documents carry `EcdsaSecp256k1VerificationKey2019` methods with a JWK for
 * secp256k1 keys and `Multikey` methods (W3C Controlled Identifiers) for SM2 keys, whose
 * `publicKeyMultibase` is the multicodec `sm2-pub` key, the same value a did:key of it carries.
 *
 * `did:alliance:<org>?versionTime=<ISO 8601>` gives the document as it was at that time (W3C DID
 * Core §7.1.2 "versionTime"): only the keys valid then; a DID revoked at or before that time (or,
 * without versionTime, revoked at all) resolves with `deactivated: true` and no keys.
 * Without versionTime, the current keys (not yet rotated away) are listed.
 *
 * Fails closed: any error inside a method becomes an error result with no document, never a
 * partial document.
 */
import type { DIDDocument, DIDResolutionResult, DIDResolver, ParsedDID, VerificationMethod } from 'did-resolver';
import { toBase64url } from '../encoding/bytes.js';
import { bytesToBase58 } from 'did-jwt';
import { uncompressPublicKey } from '../crypto/secp256k1.js';
import { suiteOfKey } from '../crypto/signature-suite.js';
import { didKeyKid, publicKeyOfDidKey } from './did-key.js';
import { isAllianceDid } from './did-url.js';
import type { RegistryState } from './registry.js';

export const VERIFICATION_KEY_TYPE = 'EcdsaSecp256k1VerificationKey2019';
/** The method type of SM2 keys: no SM2-specific type is registered, Multikey names its codec. */
export const SM2_VERIFICATION_KEY_TYPE = 'Multikey';
const CONTEXT = [
  'https://www.w3.org/ns/did/v1',
  'https://w3id.org/security/suites/secp256k1-2019/v1',
  'https://w3id.org/security/multikey/v1',
];

/** JWK (RFC 7517, `crv: secp256k1` per RFC 8812) of a compressed key. */
export function secp256k1Jwk(publicKey: Uint8Array): { kty: 'EC'; crv: 'secp256k1'; x: string; y: string } {
  const u = uncompressPublicKey(publicKey);
  return { kty: 'EC', crv: 'secp256k1', x: toBase64url(u.subarray(1, 33)), y: toBase64url(u.subarray(33, 65)) };
}

/** `z` + base58btc of an SM2 key's bytes (already multicodec-prefixed, signature-suite.ts). */
export function sm2Multibase(publicKey: Uint8Array): string {
  return `z${bytesToBase58(publicKey)}`;
}

function method(did: string, id: string, publicKey: Uint8Array): VerificationMethod {
  if (suiteOfKey(publicKey) === 'sm2')
    return { id, type: SM2_VERIFICATION_KEY_TYPE, controller: did, publicKeyMultibase: sm2Multibase(publicKey) };
  return { id, type: VERIFICATION_KEY_TYPE, controller: did, publicKeyJwk: secp256k1Jwk(publicKey) };
}

function documentOf(did: string, vms: VerificationMethod[]): DIDDocument {
  const ids = vms.map((v) => v.id);
  return { '@context': CONTEXT, id: did, verificationMethod: vms, authentication: ids, assertionMethod: ids };
}

const failure = (error: string, message: string): DIDResolutionResult => ({
  didResolutionMetadata: { error, message },
  didDocument: null,
  didDocumentMetadata: {},
});

/** Formats a given instant (no clock read: `ms` comes from the registry). */
const iso = (ms: number): string => new Date(ms).toISOString();

/** Parse `versionTime` strictly (ISO 8601 with a `Z` or offset); `undefined` when absent. */
function versionTimeOf(parsed: ParsedDID): number | 'invalid' | undefined {
  // did-resolver's parse() leaves the query unparsed (`params` is only set by some callers).
  const q = new URLSearchParams(parsed.query ?? '');
  const all = q.getAll('versionTime');
  if (all.length > 1) return 'invalid';
  const v = all[0] ?? parsed.params?.versionTime;
  if (v === undefined) return undefined;
  const f = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/.exec(v);
  if (!f) return 'invalid';
  // Date.parse rolls a day past the month's end into the next month (02-30 is 03-02) and takes
  // 24:00: a time that names no real instant is refused, not moved.
  const [year, month, day, hour] = [f[1], f[2], f[3], f[4]].map(Number) as [number, number, number, number];
  if (hour > 23 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return 'invalid';
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : 'invalid';
}

export function resolveAlliance(state: RegistryState, parsed: ParsedDID): DIDResolutionResult {
  const did = parsed.did;
  if (!isAllianceDid(did)) return failure('invalidDid', `${did} is not did:alliance:<org>`);
  const at = versionTimeOf(parsed);
  if (at === 'invalid') return failure('invalidDidUrl', 'versionTime: expected an ISO 8601 date-time');
  const m = state.members.get(did);
  if (!m || (at !== undefined && at < m.registeredAtMs))
    return failure('notFound', `${did} is not an alliance member${at === undefined ? '' : ' at that time'}`);
  const revoked = m.revokedAtMs !== undefined && (at === undefined || at >= m.revokedAtMs);
  const keys = revoked
    ? []
    : m.keys.filter((k) =>
        at === undefined ? k.validUntilMs === undefined : k.validFromMs <= at && (k.validUntilMs === undefined || at < k.validUntilMs),
      );
  const changes = [m.registeredAtMs, ...m.keys.map((k) => k.validFromMs), ...m.grants.map((g) => g.fromMs)];
  if (m.revokedAtMs !== undefined) changes.push(m.revokedAtMs);
  const upTo = changes.filter((t) => at === undefined || t <= at);
  return {
    didResolutionMetadata: { contentType: 'application/did+ld+json' },
    didDocument: documentOf(
      did,
      keys.map((k) => method(did, did + k.kid, k.publicKey)),
    ),
    didDocumentMetadata: {
      created: iso(m.registeredAtMs),
      updated: iso(Math.max(...upTo)),
      ...(revoked ? { deactivated: true } : {}),
    },
  };
}

export function resolveDidKey(parsed: ParsedDID): DIDResolutionResult {
  const pk = publicKeyOfDidKey(parsed.did);
  if (!pk) return failure('invalidDid', `${parsed.did} is not a secp256k1 did:key`);
  return {
    didResolutionMetadata: { contentType: 'application/did+ld+json' },
    didDocument: documentOf(parsed.did, [method(parsed.did, didKeyKid(parsed.did), pk)]),
    didDocumentMetadata: {},
  };
}

/**
 * Resolver methods for `new Resolver(getResolver(() => registry.state))`. The state getter is read
 * on every resolution so revocations show at once.
 */
export function getResolver(state: () => RegistryState): Record<'alliance' | 'key', DIDResolver> {
  const guard =
    (fn: (parsed: ParsedDID) => DIDResolutionResult): DIDResolver =>
    async (_did, parsed) => {
      try {
        return fn(parsed);
      } catch (e) {
        return failure('internalError', e instanceof Error ? e.message : 'resolver failed');
      }
    };
  return {
    alliance: guard((parsed) => resolveAlliance(state(), parsed)),
    key: guard(resolveDidKey),
  };
}
