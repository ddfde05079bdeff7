/**
 * docs/spec/jwt.md: both of the product's JWT verifiers (native, and did-jwt behind the same
 * checks) on a vector's token, with the vector's clock, audience and purpose, against an
 * Authority and a DID resolver reading a registry state built from the vector file's `registry`.
 * The two must agree; their verdict is 'ok' or the reason.
 */
import { Resolver } from 'did-resolver';
import { isCourtbridgeError } from '../../../src/errors.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import type { JwtPurpose } from '../../../src/identity/jwt.js';
import { verifyJwtFast } from '../../../src/identity/jwt-verify-fast.js';
import { verifyJwtDidJwt } from '../../../src/identity/jwt-verify.js';
import type { MemberRecord, RegistryState } from '../../../src/identity/registry.js';
import { getResolver } from '../../../src/identity/resolver.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { registryStateOfMembers } from '../../vectors/spec/vector-kit.js';

interface VectorRegistry {
  members: {
    did: string;
    revokedAtMs: number | null;
    keys: { kid: string; key?: string; publicKey?: string; validFromMs: number; validUntilMs: number | null }[];
  }[];
}

function stateOf(file: VectorFile): RegistryState {
  const reg = (file as unknown as { registry: VectorRegistry }).registry;
  const members = new Map<string, MemberRecord>();
  for (const m of reg.members) {
    const keys = m.keys.map((k) => ({
      kid: k.kid,
      publicKey: new Uint8Array(Buffer.from(k.publicKey ?? file.keys[k.key!]!.publicKey, 'hex')),
      validFromMs: k.validFromMs,
      validUntilMs: k.validUntilMs ?? undefined,
    }));
    const from = Math.min(...keys.map((k) => k.validFromMs));
    members.set(m.did, {
      did: m.did,
      org: m.did,
      registeredAtMs: from,
      status: m.revokedAtMs === null ? 'active' : 'revoked',
      revokedAtMs: m.revokedAtMs ?? undefined,
      keys,
      grants: [{ fromMs: from, roles: [], chains: [] }],
    });
  }
  return registryStateOfMembers('spec-vectors', 1, members);
}

async function verdict(run: () => unknown): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}

export async function check(file: VectorFile, c: VectorCase | InvalidCase): Promise<string> {
  const state = stateOf(file);
  const authority = new AllianceAuthority(() => state);
  const resolver = new Resolver(getResolver(() => state));
  const options = { nowMs: c.nowMs as number, audience: c.audience as string, purpose: c.purpose as JwtPurpose, authority };
  const token = c.token as string;
  const fast = await verdict(() => verifyJwtFast(token, options));
  const didJwt = await verdict(() => verifyJwtDidJwt(token, { ...options, resolver }));
  if (fast !== didJwt) return `verifiers disagree: native ${fast}, did-jwt ${didJwt}`;
  // A valid case's token is its signing input and the signature over it.
  if ('fields' in c && !token.startsWith(`${Buffer.from(String(c.bytes), 'hex').toString('latin1')}.`)) return 'signing_input_differs';
  return fast;
}
