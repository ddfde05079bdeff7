/**
 * Membership at the gateway's door, over real gRPC on 127.0.0.1 against a real nats-server and
 * the five seeded adapters: a self-made did:key proves possession of a key and nothing else, so
 * every courtbridge method refuses it (PERMISSION_DENIED `not_a_member`) unless the development
 * switch `dev.allowDidKeyCallers` is on, and even then it gets no role; a revoked member's token
 * is refused; Health and reflection answer without a token. Plus the pure policy table and the
 * switch's config validation. The judicial chain's transaction door runs beside its adapter, so
 * VerifyEvidence answers from the real judicial ledger.
 */
import { randomBytes } from 'node:crypto';

import * as grpc from '@grpc/grpc-js';
import { service as healthServiceDefinition } from 'grpc-health-check';
import { Client as ReflectionClient } from 'grpc-reflection-js';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startJudicialTxServer, type JudicialTxServer } from '../../../adapters/judicial/tx-server.js';
import { MemoryReplayGuard } from '../../../src/bus/replay-guard.js';

import { loadGatewayConfig } from '../../../src/config/gateway-config.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { publicKeyOf } from '../../../src/crypto/secp256k1.js';
import { didKeyKid, didKeyOf } from '../../../src/identity/did-key.js';
import type { RegistryState } from '../../../src/identity/registry.js';
import { approveRegistryUpdate } from '../../../src/identity/registry-update.js';
import { createSigner, type Signer } from '../../../src/identity/signer.js';
import { REASON_TRAILER } from '../../../src/wire/reason-trailer.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { checkPolicy, POLICY, requirementOf } from '../../../src/relay/policy.js';
import { registryUpdateFromProto } from '../../../src/relay/registry-sync.js';
import { demoCast } from '../../../src/seed/demo-cast.js';
import type { MessageOutput } from '../../../src/wire/messages.js';
import { allianceFixture, FixtureDids } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { authToken, serviceClient, startE2e, type E2e } from '../e2e/e2e-setup.js';

type Obj = Record<string, unknown>;
interface Outcome {
  code: number;
  reason: string;
  details: string;
}

const cast = demoCast();
let e2e: E2e;
/** The default gateway: did:key callers refused. */
let strict: RunningGateway;
/** A development gateway: `dev.allowDidKeyCallers: true`. */
let dev: RunningGateway;
const clients: grpc.Client[] = [];
let nc: NatsConnection;
let door: JudicialTxServer;

/** A fresh, self-made did:key: what anyone can mint in a millisecond. */
function freshDidKey(): Signer {
  const sk = randomBytes(32);
  const did = didKeyOf(publicKeyOf(sk));
  return createSigner(did, didKeyKid(did), sk);
}

/** One call, unary or server stream (first message or end), as its outcome: code 0 or the status. */
function outcome(gw: RunningGateway, service: string, method: string, req: object, token: string | undefined): Promise<Outcome> {
  const c = serviceClient(service, gw.address);
  clients.push(c);
  const md = new grpc.Metadata();
  if (token !== undefined) md.set('authorization', `Bearer ${token}`);
  const fail = (e: grpc.ServiceError): Outcome => ({
    code: e.code,
    reason: String(e.metadata?.get(REASON_TRAILER)[0] ?? ''),
    details: e.details,
  });
  return new Promise((resolve) => {
    const opts = { deadline: Date.now() + 15_000 };
    if (method.startsWith('Watch')) {
      const stream = c[method]!.call(c, req, md, opts);
      stream.on('data', () => {
        stream.cancel();
        resolve({ code: 0, reason: '', details: '' });
      });
      stream.on('error', (e: grpc.ServiceError) =>
        resolve(e.code === grpc.status.CANCELLED ? { code: 0, reason: '', details: '' } : fail(e)),
      );
      stream.on('end', () => resolve({ code: 0, reason: '', details: '' }));
      return;
    }
    c[method]!.call(c, req, md, opts, (e: grpc.ServiceError | null) =>
      resolve(e === null ? { code: 0, reason: '', details: '' } : fail(e)),
    );
  });
}

const q = (chainId: string, recordType: string, key: string): Obj => ({ chainId, recordType, key, height: { latest: {} } });

/** Methods needing membership and no role: a member-less did:key under the switch may call them. */
const memberReads: Array<{ service: string; method: string; req: () => object }> = [
  { service: 'AllianceService', method: 'ListMembers', req: () => ({}) },
  { service: 'AllianceService', method: 'ResolveDid', req: () => ({ did: FixtureDids.court }) },
  { service: 'ChainService', method: 'ListChains', req: () => ({}) },
  { service: 'ChainService', method: 'GetChainStatus', req: () => ({ chainId: 'property' }) },
  { service: 'EvidenceService', method: 'VerifyEvidence', req: () => ({ contentHash: sha256(randomBytes(16)) }) },
  { service: 'WatchService', method: 'WatchHeaders', req: () => ({ chainId: 'judicial', fromHeight: 0 }) },
];
/** Methods naming a role: never a did:key's. */
const roleMethods: Array<{ service: string; method: string; req: () => object }> = [
  { service: 'QueryService', method: 'Query', req: () => ({ query: q('property', 'title', cast.debtor.apartment.key) }) },
  {
    service: 'InvestigationService',
    method: 'Investigate',
    req: () => ({ ownerIdHash: sha256(randomBytes(8)), domains: ['ASSET_DOMAIN_PROPERTY'] }),
  },
  { service: 'ActionService', method: 'ListActions', req: () => ({ chainId: 'finance' }) },
];

beforeAll(async () => {
  e2e = await startE2e({ records: 5 });
  // The test's own parts (the judicial door, a court desk) share one connection: the operator's.
  nc = await e2e.connectAs('operator');
  door = startJudicialTxServer({
    nc,
    ledger: e2e.backends.judicial.ledger,
    authority: e2e.fx.authority,
    replay: new MemoryReplayGuard({ windowMs: 120_000 }),
    now: Date.now,
  });
  strict = await e2e.startGateway();
  dev = await e2e.startGateway({ dev: { allowDidKeyCallers: true } });
  // Both light clients have a trusted property header before the calls below.
  const court = authToken(e2e.fx.court, FixtureDids.gateway);
  for (const gw of [strict, dev]) {
    const ready = async (): Promise<void> =>
      expect((await outcome(gw, 'ChainService', 'GetChainStatus', { chainId: 'property' }, court)).code).toBe(0);
    await eventually(ready, { timeoutMs: 20_000, intervalMs: 200, what: 'property light client ready' });
  }
}, 90_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await door?.stop();
  await nc?.close();
  await e2e?.stop();
}, 30_000);

describe('a self-made did:key on a default gateway', () => {
  for (const m of [
    ...memberReads,
    ...roleMethods,
    { service: 'VerificationService', method: 'VerifyBundle', req: () => ({ bundle: {} }) },
  ]) {
    it(`${m.service}/${m.method}: PERMISSION_DENIED not_a_member, saying how to call`, async () => {
      const r = await outcome(strict, m.service, m.method, m.req(), authToken(freshDidKey(), FixtureDids.gateway));
      expect(r.code).toBe(grpc.status.PERMISSION_DENIED);
      expect(r.reason).toBe('not_a_member');
      expect(r.details).toContain('not an alliance member');
      expect(r.details).toContain('courtbridge token --as');
    });
  }

  it('the same calls by a member pass the gate (control)', async () => {
    for (const m of memberReads)
      expect((await outcome(strict, m.service, m.method, m.req(), authToken(e2e.fx.agency, FixtureDids.gateway))).code, m.method).toBe(0);
    expect((await outcome(strict, 'QueryService', 'Query', roleMethods[0]!.req(), authToken(e2e.fx.court, FixtureDids.gateway))).code).toBe(
      0,
    );
  });

  it('an alliance DID the registry does not know: UNAUTHENTICATED unknown_issuer', async () => {
    const sk = randomBytes(32);
    const stranger = createSigner('did:alliance:stranger-org', 'did:alliance:stranger-org#key-1', sk);
    const r = await outcome(strict, 'AllianceService', 'ListMembers', {}, authToken(stranger, FixtureDids.gateway));
    expect(r.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(r.reason).toBe('unknown_issuer');
  });
});

describe('a self-made did:key with dev.allowDidKeyCallers on', () => {
  for (const m of memberReads) {
    it(`${m.service}/${m.method} answers`, async () => {
      const r = await outcome(dev, m.service, m.method, m.req(), authToken(freshDidKey(), FixtureDids.gateway));
      expect(r).toEqual({ code: 0, reason: '', details: '' });
    });
  }
  for (const m of roleMethods) {
    it(`${m.service}/${m.method}: still PERMISSION_DENIED out_of_role`, async () => {
      const key = freshDidKey();
      const r = await outcome(dev, m.service, m.method, m.req(), authToken(key, FixtureDids.gateway));
      expect(r.code).toBe(grpc.status.PERMISSION_DENIED);
      expect(r.reason).toBe('out_of_role');
      expect(r.details).toContain(`${key.did} is a did:key`);
    });
  }
  it('an admin-approved write (RevokeMember) is refused not_a_member before its approvals are read', async () => {
    const r = await outcome(
      dev,
      'AllianceService',
      'RevokeMember',
      { update: {}, approvals: [] },
      authToken(freshDidKey(), FixtureDids.gateway),
    );
    expect(r.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(r.reason).toBe('not_a_member');
  });
});

describe('Health and reflection need no token', () => {
  it('health Check answers SERVING', async () => {
    const Health = grpc.makeGenericClientConstructor(healthServiceDefinition, 'Health');
    const health = new Health(strict.address, grpc.credentials.createInsecure()) as unknown as grpc.Client &
      Record<string, (r: object, cb: (e: grpc.ServiceError | null, res?: Obj) => void) => void>;
    clients.push(health);
    const res = await new Promise<Obj>((resolve, reject) =>
      health['Check']!.call(health, { service: '' }, (e, r) => (e === null ? resolve(r ?? {}) : reject(e))),
    );
    expect(res.status).toBe('SERVING');
  });

  it('reflection lists the courtbridge services', async () => {
    const reflection = new ReflectionClient(strict.address, grpc.credentials.createInsecure());
    clients.push(reflection.grpcClient as unknown as grpc.Client);
    expect(await reflection.listServices()).toContain('courtbridge.v1.AllianceService');
  });

  it('a courtbridge method without a token: UNAUTHENTICATED missing_token', async () => {
    const r = await outcome(strict, 'AllianceService', 'ListMembers', {}, undefined);
    expect(r.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(r.reason).toBe('missing_token');
  });
});

describe('a revoked member', () => {
  it('is refused with a cached token and with a fresh one, on both gateways (revoked_issuer)', async () => {
    const cached = authToken(e2e.fx.agency, FixtureDids.gateway);
    for (const gw of [strict, dev]) expect((await outcome(gw, 'AllianceService', 'ListMembers', {}, cached)).code).toBe(0);
    const state = strict.deps.registry.state;
    const update = {
      operation: 'REGISTRY_OPERATION_REVOKE' as const,
      did: FixtureDids.agency,
      member: null,
      reason: 'key compromised',
      newKey: null,
      retireKid: '',
      effectiveAtMs: Date.now(),
      baseRegistryVersion: state.sequence,
      nonce: randomBytes(16),
    };
    const body = registryUpdateFromProto(update as MessageOutput<'RegistryUpdate'>, [], state);
    const approvals = [FixtureDids.admin1, FixtureDids.admin2].map((d) => {
      const ap = approveRegistryUpdate(body, e2e.fx.signers.get(d)!);
      return { adminDid: ap.adminDid, kid: ap.kid, signature: ap.signature };
    });
    expect(
      (await outcome(strict, 'AllianceService', 'RevokeMember', { update, approvals }, authToken(e2e.fx.court, FixtureDids.gateway))).code,
    ).toBe(0);
    const revoked = (): boolean => dev.deps.registry.state.members.get(FixtureDids.agency)?.status === 'revoked';
    await eventually(revoked, { what: 'the second gateway applied the revocation' });
    for (const gw of [strict, dev]) {
      for (const token of [cached, authToken(e2e.fx.agency, FixtureDids.gateway)]) {
        const r = await outcome(gw, 'AllianceService', 'ListMembers', {}, token);
        expect(r.code).toBe(grpc.status.UNAUTHENTICATED);
        expect(r.reason).toBe('revoked_issuer');
      }
    }
  }, 30_000);
});

describe('the policy table (pure)', () => {
  const fx = allianceFixture();
  const now = 1_800_000_000_000;
  const revokedAt = (atMs: number): RegistryState => {
    const m = fx.state.members.get(FixtureDids.court)!;
    return { ...fx.state, members: new Map(fx.state.members).set(FixtureDids.court, { ...m, status: 'revoked', revokedAtMs: atMs }) };
  };
  const didKey = freshDidKey().did;
  const member = requirementOf('AllianceService', 'ListMembers');
  const court = requirementOf('QueryService', 'Query');
  const approvals = requirementOf('AllianceService', 'RevokeMember');
  const cases: Array<{ name: string; run: () => ReturnType<typeof checkPolicy>; reason: string | undefined }> = [
    { name: 'member read by a member', run: () => checkPolicy(member, fx.state, FixtureDids.agency, now, 'm'), reason: undefined },
    { name: 'member read by a did:key', run: () => checkPolicy(member, fx.state, didKey, now, 'm'), reason: 'not_a_member' },
    {
      name: 'member read by a did:key under the switch',
      run: () => checkPolicy(member, fx.state, didKey, now, 'm', 'allow_without_roles'),
      reason: undefined,
    },
    {
      name: 'court method by a did:key under the switch',
      run: () => checkPolicy(court, fx.state, didKey, now, 'm', 'allow_without_roles'),
      reason: 'out_of_role',
    },
    {
      name: 'admin-approved write by a did:key under the switch',
      run: () => checkPolicy(approvals, fx.state, didKey, now, 'm', 'allow_without_roles'),
      reason: 'not_a_member',
    },
    {
      name: 'admin-approved write by a member',
      run: () => checkPolicy(approvals, fx.state, FixtureDids.court, now, 'm'),
      reason: undefined,
    },
    {
      name: 'an alliance DID not in the registry',
      run: () => checkPolicy(member, fx.state, 'did:alliance:nobody', now, 'm'),
      reason: 'not_a_member',
    },
    {
      name: 'another DID method',
      run: () => checkPolicy(member, fx.state, 'did:web:example.com', now, 'm', 'allow_without_roles'),
      reason: 'not_a_member',
    },
    {
      name: 'a member revoked before the call',
      run: () => checkPolicy(member, revokedAt(now - 1), FixtureDids.court, now, 'm'),
      reason: 'member_revoked',
    },
    {
      name: 'a member revoked from a later time',
      run: () => checkPolicy(court, revokedAt(now + 1), FixtureDids.court, now, 'm'),
      reason: undefined,
    },
    {
      name: 'a method without a policy entry',
      run: () => checkPolicy(undefined, fx.state, FixtureDids.court, now, 'm'),
      reason: 'no_policy',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = c.run();
      expect(v.ok ? undefined : v.reason).toBe(c.reason);
    });
  }

  it('no courtbridge method is open', () => {
    for (const [method, req] of Object.entries(POLICY)) expect(['member', 'role', 'admin_approvals'], method).toContain(req.kind);
  });
});

describe('dev.allowDidKeyCallers in the config', () => {
  const hash = 'a'.repeat(64);
  it('is off by default and on only when set to true', () => {
    expect(loadGatewayConfig({ overrides: { genesisHash: hash } }).dev.allowDidKeyCallers).toBe(false);
    expect(loadGatewayConfig({ overrides: { genesisHash: hash, dev: { allowDidKeyCallers: true } } }).dev.allowDidKeyCallers).toBe(true);
  });
  it('a value other than a boolean, or a misspelt switch, is refused naming the field', () => {
    expect(() => loadGatewayConfig({ overrides: { genesisHash: hash, dev: { allowDidKeyCallers: 'yes' } as never } })).toThrow(
      /config\.dev\.allowDidKeyCallers/,
    );
    expect(() => loadGatewayConfig({ overrides: { genesisHash: hash, dev: { allowDidKeyCaller: true } as never } })).toThrow(
      /config\.dev\.allowDidKeyCaller:/,
    );
  });
});
