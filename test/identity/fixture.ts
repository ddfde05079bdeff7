/**
 * A small alliance for identity tests: fixed keys (sk = sha256("courtbridge vector key N")),
 * three admins (quorum 2), a court, a gateway and an IP adapter, registered at T0.
 */
import { Resolver } from 'did-resolver';
import { expect } from 'vitest';
import { isCourtbridgeError } from '../../src/errors.js';
import type { JwtVerifyOptions } from '../../src/identity/jwt-inspect.js';
import { verifyJwtFast, verifyJwtFastAsync } from '../../src/identity/jwt-verify-fast.js';
import { verifyJwtDidJwt } from '../../src/identity/jwt-verify.js';
import { sha256 } from '../../src/crypto/hash.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import { AllianceRegistry } from '../../src/identity/alliance-registry.js';
import { genesisHashHex, type Genesis } from '../../src/identity/genesis.js';
import { MemoryRegistryStore } from '../../src/identity/registry-store.js';
import type { RegistryOp, RegistryUpdate } from '../../src/identity/registry-update.js';
import { getResolver } from '../../src/identity/resolver.js';
import { createSigner, type Signer } from '../../src/identity/signer.js';
import { approvedBy, nextUpdateBody } from '../helpers/registry-next.js';

export const T0 = 1_700_000_000_000;

export const vectorKey = (n: number): Uint8Array => sha256(utf8(`courtbridge vector key ${n}`));

export const orgs = ['admin-a', 'admin-b', 'admin-c', 'court-a', 'gateway', 'ip-adapter'] as const;
export type Org = (typeof orgs)[number];

export function signerOf(org: string, keyN: number, kidN = 1): Signer {
  const did = `did:alliance:${org}`;
  return createSigner(did, `${did}#key-${kidN}`, vectorKey(keyN));
}

export const signers: Record<Org, Signer> = Object.fromEntries(orgs.map((o, i) => [o, signerOf(o, i + 1)])) as Record<Org, Signer>;

export function genesisObject(): Genesis {
  const member = (org: Org, roles: Genesis['members'][number]['roles'], chains: string[] = []): Genesis['members'][number] => ({
    did: signers[org].did,
    org: `Org ${org}`,
    roles,
    chains,
    keys: [{ kid: '#key-1', publicKeyHex: toHex(signers[org].publicKey), validFromMs: T0 }],
  });
  return {
    allianceId: 'courtbridge-test',
    quorum: 2,
    members: [
      member('admin-a', ['admin']),
      member('admin-b', ['admin']),
      member('admin-c', ['admin']),
      member('court-a', ['court']),
      member('gateway', ['gateway']),
      member('ip-adapter', ['adapter'], ['ip']),
    ],
  };
}

export const genesisBytes = (): Uint8Array => utf8(`${JSON.stringify(genesisObject(), null, 2)}\n`);

export interface World {
  registry: AllianceRegistry;
  authority: AllianceAuthority;
  resolver: Resolver;
  store: MemoryRegistryStore;
  /** Build an update on the current state, approved by `approvers` (default admin-a, admin-b). */
  update(op: RegistryOp, effectiveAtMs: number, approvers?: Signer[], updateId?: string): RegistryUpdate;
}

export async function world(): Promise<World> {
  const bytes = genesisBytes();
  const store = new MemoryRegistryStore(bytes);
  const registry = await AllianceRegistry.open(store, genesisHashHex(bytes), T0);
  const authority = new AllianceAuthority(() => registry.state);
  const resolver = new Resolver(getResolver(() => registry.state));
  let n = 0;
  return {
    registry,
    authority,
    resolver,
    store,
    update(op, effectiveAtMs, approvers = [signers['admin-a'], signers['admin-b']], updateId) {
      const s = registry.state;
      return approvedBy(nextUpdateBody(s, op, effectiveAtMs, updateId ?? `u-${s.sequence + 1}-${n++}`), approvers);
    },
  };
}

export const pk = (n: number): Uint8Array => publicKeyOf(vectorKey(n));

/**
 * The verdicts of both JWT verify paths (native and did-jwt) on `token`: 'ok' or the reason,
 * every refusal UNAUTHENTICATED. Tests compare them so the two paths can never disagree. The
 * native path's async form (the one the gateway's order intake and the adapters run) must give
 * the native verdict too.
 */
export async function jwtVerdicts(w: World, token: string, opts: JwtVerifyOptions): Promise<[string, string]> {
  const reason = (e: unknown): string => {
    if (isCourtbridgeError(e)) {
      expect(e.code).toBe('UNAUTHENTICATED');
      return e.reason;
    }
    throw e;
  };
  let fast = 'ok';
  try {
    verifyJwtFast(token, opts);
  } catch (e) {
    fast = reason(e);
  }
  let fastAsync = 'ok';
  try {
    await verifyJwtFastAsync(token, opts);
  } catch (e) {
    fastAsync = reason(e);
  }
  expect(fastAsync, 'verifyJwtFastAsync and verifyJwtFast disagree').toBe(fast);
  let slow = 'ok';
  try {
    await verifyJwtDidJwt(token, { ...opts, resolver: w.resolver });
  } catch (e) {
    slow = reason(e);
  }
  return [fast, slow];
}
