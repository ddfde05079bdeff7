/**
 * The query path over real gRPC on 127.0.0.1 and a real nats-server: Query (membership and
 * non-membership, bundles the offline verifier accepts), tampered bundles rejected by Verify
 * with the named failed check, the error statuses (frozen, no adapter, deadline, stale, bad
 * input), Investigate with one chain down, ChainService, and WatchHeaders resuming from a height.
 */
import { generatePrivateKey, publicKeyOf } from '../../../src/crypto/secp256k1.js';
import { didKeyKid, didKeyOf } from '../../../src/identity/did-key.js';
import { signedHeaderFromWire, traceBlockFromWire } from '../../../src/verify/bundle-convert.js';
import { forgedBlock, makeBundle, stateWith } from '../../helpers/bundle-maker.js';
import { fixtureValidators } from '../../helpers/chain-fixture.js';
import { headerHash } from '../../../src/chain/header.js';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBus, type BusConnection } from '../../../src/bus/connection.js';
import { provisionCourtbridge } from '../../../src/bus/jetstream.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { toHighS } from '../../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { silentLogger } from '../../../src/log.js';
import { createRegistry } from '../../../src/metrics.js';
import { loadGatewayProto } from '../../../src/wire/gateway-proto.js';
import { standaloneContext } from '../../../src/relay/host/call-context.js';
import { createGatewayServer, type GatewayServer } from '../../../src/relay/host/server.js';
import type { ChainConfig } from '../../../src/relay/light-clients/chain-config.js';
import { createReceiptIssuer } from '../../../src/relay/receipts/receipt-issuer.js';
import { nativeReceiptSigner } from '../../../src/relay/receipts/root-signer.js';
import { QueryEngine } from '../../../src/relay/modules/query.js';
import { startQueryPath, type QueryPath } from '../../../src/relay/modules/query-path.js';
import { verifyBundle } from '../../../src/verify/bundle-verify.js';
import { allianceFixture, allianceKey, type AllianceFixture } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';
import { OffsetClock } from '../../helpers/offset-clock.js';
import { MiniAdapter } from './mini-adapter.js';

type Any = Record<string, unknown>;
type Unary = (req: Any, md: grpc.Metadata, opts: grpc.CallOptions, cb: (e: grpc.ServiceError | null, r: Any) => void) => void;

const CHAINS: ChainConfig[] = [
  {
    chainId: 'credit',
    kind: 'credit',
    displayName: 'Credit',
    operatorDid: 'did:alliance:credit-adapter',
    recordTypes: ['credit.debtor'],
    trustBasis: 'header_proof',
    trustingPeriodMs: 7 * 86_400_000,
    maxClockDriftMs: 10_000,
  },
  {
    chainId: 'property',
    kind: 'property',
    displayName: 'Property',
    operatorDid: 'did:alliance:property-adapter',
    recordTypes: ['property.title'],
    trustBasis: 'header_proof',
    trustingPeriodMs: 7 * 86_400_000,
    maxClockDriftMs: 10_000,
    ownerIndexes: [{ recordType: 'property.title', index: 'owner' }],
  },
  {
    chainId: 'ip',
    kind: 'ip',
    displayName: 'IP',
    operatorDid: 'did:alliance:ip-adapter',
    recordTypes: ['ip.patent'],
    trustBasis: 'header_proof',
    trustingPeriodMs: 7 * 86_400_000,
    maxClockDriftMs: 10_000,
    ownerIndexes: [{ recordType: 'ip.patent', index: 'owner' }],
  },
  {
    chainId: 'testchain',
    kind: 'judicial',
    displayName: 'Test',
    operatorDid: 'did:alliance:testchain-adapter',
    recordTypes: ['test.rec'],
    trustBasis: 'header_proof',
    trustingPeriodMs: 7 * 86_400_000,
    maxClockDriftMs: 10_000,
  },
];
const TYPE: Record<string, string> = { credit: 'credit.debtor', property: 'property.title', ip: 'ip.patent', testchain: 'test.rec' };

let nats: NatsServerHandle;
let bus: BusConnection;
let fx: AllianceFixture;
let path: QueryPath;
let server: GatewayServer;
let clients: Record<string, grpc.Client>;
const adapters: Record<string, MiniAdapter> = {};
const owner = toHex(sha256(utf8('owner 110101199001011234')));
/** The query path's clock: the stale-state check moves it on instead of sleeping. */
const clock = new OffsetClock();

function call(service: string, method: string, req: Any, deadlineMs = 5_000): Promise<Any> {
  const c = clients[service]! as unknown as Record<string, Unary>;
  return new Promise((resolve, reject) =>
    c[method]!.call(c, req, new grpc.Metadata(), { deadline: Date.now() + deadlineMs }, (e, r) => (e ? reject(e) : resolve(r))),
  );
}

async function rejected(p: Promise<unknown>): Promise<grpc.ServiceError> {
  try {
    await p;
  } catch (e) {
    return e as grpc.ServiceError;
  }
  throw new Error('expected the call to fail');
}

const recordQuery = (chainId: string, key: string): Any => ({ chainId, recordType: TYPE[chainId], key, height: { latest: {} } });

beforeAll(async () => {
  nats = await startNatsServer();
  bus = await connectBus({ servers: nats.url, name: 'query-path-test' });
  await provisionCourtbridge(bus.nc);
  fx = allianceFixture({ chains: ['judicial', 'ip', 'property', 'credit', 'finance', 'testchain'] });
  for (const c of CHAINS) {
    const a = new MiniAdapter({ nc: bus.nc, chainId: c.chainId, signer: fx.adapter(c.chainId), recordType: TYPE[c.chainId]! });
    a.start();
    adapters[c.chainId] = a;
  }
  await adapters['credit']!.put([{ key: 'debtor/alice', value: utf8('{"listed":true}'.padEnd(1024, ' ')) }]);
  await adapters['property']!.put([
    { key: 'title/1', value: utf8('flat 1'), owner },
    { key: 'title/2', value: utf8('flat 2'), owner },
  ]);
  await adapters['ip']!.put([{ key: 'patent/9', value: utf8('patent 9'), owner }]);
  await adapters['testchain']!.put([{ key: 'rec/1', value: utf8('one') }]);
  // The alliance admits each chain with its current head as the trust anchor (same keys and DIDs).
  const anchors = Object.fromEntries(CHAINS.map((c) => [c.chainId, adapters[c.chainId]!.ledger.latest()]));
  fx = allianceFixture({ chains: ['judicial', 'ip', 'property', 'credit', 'finance', 'testchain'], anchors });
  const gatewayKey = allianceKey(103);
  path = await startQueryPath({
    nc: bus.nc,
    chains: CHAINS.map((c) => ({
      ...c,
      trustAnchor: {
        height: anchors[c.chainId]!.signedHeader.header.height,
        headerHash: headerHash(anchors[c.chainId]!.signedHeader.header),
      },
    })),
    authority: fx.authority,
    signer: nativeReceiptSigner(fx.gateway.did, fx.gateway.kid, gatewayKey),
    now: clock.now,
    logger: silentLogger(),
    registry: createRegistry(),
    contextOf: standaloneContext({ callerDid: fx.court.did, logger: silentLogger() }),
  });
  server = createGatewayServer({ handlers: path.handlers });
  const { port } = await server.start('127.0.0.1:0');
  const pkg = grpc.loadPackageDefinition(loadGatewayProto().definition) as unknown as {
    courtbridge: { v1: Record<string, grpc.ServiceClientConstructor> };
  };
  clients = {};
  for (const s of ['QueryService', 'VerificationService', 'InvestigationService', 'ChainService', 'WatchService'])
    clients[s] = new pkg.courtbridge.v1[s]!(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 30_000);

afterAll(async () => {
  for (const c of Object.values(clients ?? {})) c.close();
  await server?.shutdown(1_000);
  await path?.stop();
  for (const a of Object.values(adapters)) {
    a.stop();
    a.ledger.close();
  }
  await bus?.close();
  await nats?.stop();
});

describe('QueryService.Query', () => {
  it('answers membership with a bundle the offline verifier accepts', async () => {
    const r = await call('QueryService', 'Query', { query: recordQuery('credit', 'debtor/alice') });
    const b = r['bundle'] as Any;
    expect(b['result']).toBe('record');
    expect((b['record'] as Any)['key']).toBe('debtor/alice');
    expect(b['requesterDid']).toBe(fx.court.did);
    expect((b['receipt'] as Any)['form']).toBe('batch');
    const v = verifyBundle(b as never, { atMs: Date.now(), authority: fx.authority });
    expect(v.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    expect(v.verdict).toBe('valid');
    const rpc = await call('VerificationService', 'VerifyBundle', { bundle: b });
    expect(rpc['verdict']).toBe('VERDICT_VALID');
  });

  it('answers non-membership with an absence bundle that verifies', async () => {
    const r = await call('QueryService', 'Query', { query: recordQuery('credit', 'debtor/nobody') });
    const b = r['bundle'] as Any;
    expect(b['result']).toBe('absence');
    expect(verifyBundle(b as never, { atMs: Date.now(), authority: fx.authority }).verdict).toBe('valid');
  });

  it('QueryBatch answers each item on its own', async () => {
    const r = await call('QueryService', 'QueryBatch', {
      queries: [recordQuery('credit', 'debtor/alice'), { chainId: 'nochain', recordType: 'x', key: 'k', height: { latest: {} } }],
    });
    const items = r['items'] as Any[];
    expect(items[0]!['outcome']).toBe('bundle');
    expect(items[1]!['outcome']).toBe('failure');
    expect((items[1]!['failure'] as Any)['reason']).toBe('unknown_chain');
  });

  it('rejects bad input with INVALID_ARGUMENT naming the field', async () => {
    const cases: [Any, string][] = [
      [{}, 'query'],
      [{ query: { chainId: 'credit', recordType: 'credit.debtor', height: { latest: {} } } }, 'query.key'],
      [{ query: { chainId: 'credit', recordType: 'credit.debtor', key: 'k' } }, 'query.height'],
      [{ query: { chainId: '', recordType: 'credit.debtor', key: 'k', height: { latest: {} } } }, 'query.chain_id'],
    ];
    for (const [req, field] of cases) {
      const e = await rejected(call('QueryService', 'Query', req));
      expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(e.details).toContain(field);
    }
    expect((await rejected(call('QueryService', 'QueryBatch', { queries: [] }))).code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('refuses stale state with FAILED_PRECONDITION stale_state', async () => {
    // The newest verified header is at least 20 ms old on the gateway's clock: older than the 5 allowed.
    clock.advance(20);
    const e = await rejected(call('QueryService', 'Query', { query: recordQuery('credit', 'debtor/alice'), maxStalenessMs: 5 }));
    expect(e.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(e.details).toContain('stale_state');
  });

  it('answers DEADLINE_EXCEEDED when the adapter is slower than the deadline', async () => {
    let answer!: () => void;
    adapters['credit']!.hold = new Promise<void>((r) => (answer = r));
    try {
      const e = await rejected(call('QueryService', 'Query', { query: recordQuery('credit', 'debtor/alice') }, 200));
      expect(e.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    } finally {
      adapters['credit']!.hold = undefined;
      answer();
    }
  });

  it('answers NOT_FOUND for an unknown chain', async () => {
    const e = await rejected(
      call('QueryService', 'Query', { query: { chainId: 'nochain', recordType: 'x', key: 'k', height: { latest: {} } } }),
    );
    expect(e.code).toBe(grpc.status.NOT_FOUND);
  });
});

describe('VerificationService.VerifyBundle rejects every tampered part with its named check', () => {
  const flip = (b: Uint8Array): Uint8Array => {
    const c = Uint8Array.from(b);
    c[c.length - 1]! ^= 1;
    return c;
  };
  const table: { name: string; check: string; malleate: (b: Any) => void }[] = [
    { name: 'record value', check: 'state_proof', malleate: (b) => ((b['record'] as Any)['value'] = utf8('{"listed":false}')) },
    {
      name: 'proof sibling',
      check: 'state_proof',
      malleate: (b) => {
        const s = (b['proof'] as Any)['siblings'] as Uint8Array[];
        s[s.length - 1] = flip(s[s.length - 1]!);
      },
    },
    {
      name: 'header state root',
      check: 'header_quorum',
      malleate: (b) => {
        const h = (b['signedHeader'] as Any)['header'] as Any;
        h['stateRoot'] = flip(h['stateRoot'] as Uint8Array);
      },
    },
    {
      name: 'commit signature',
      check: 'commit_signatures',
      malleate: (b) => {
        const s = ((b['signedHeader'] as Any)['commit'] as Any)['signatures'] as Any[];
        s[0]!['signature'] = flip(s[0]!['signature'] as Uint8Array);
      },
    },
    {
      name: 'commit signature high-S',
      check: 'commit_signatures',
      malleate: (b) => {
        const s = ((b['signedHeader'] as Any)['commit'] as Any)['signatures'] as Any[];
        s[1]!['signature'] = toHighS(s[1]!['signature'] as Uint8Array);
      },
    },
    {
      name: 'validator set',
      check: 'validator_set_hash',
      malleate: (b) => {
        const v = (b['validatorSet'] as Any)['validators'] as Any[];
        v[0]!['power'] = 99;
      },
    },
    {
      name: 'receipt path',
      check: 'receipt_binding',
      malleate: (b) => {
        const r = (b['receipt'] as Any)['batch'] as Any;
        r['batchRoot'] = flip(r['batchRoot'] as Uint8Array);
      },
    },
    {
      name: 'receipt leaf index',
      check: 'receipt_binding',
      malleate: (b) => {
        const r = (b['receipt'] as Any)['batch'] as Any;
        r['leafCount'] = (r['leafCount'] as number) + 1;
      },
    },
    {
      name: 'root signature',
      check: 'receipt_signature',
      malleate: (b) => {
        const r = (b['receipt'] as Any)['batch'] as Any;
        r['rootSignature'] = flip(r['rootSignature'] as Uint8Array);
      },
    },
    { name: 'requester', check: 'receipt_binding', malleate: (b) => (b['requesterDid'] = 'did:alliance:someone-else') },
    { name: 'state height', check: 'header_binding', malleate: (b) => (b['stateHeight'] = 999) },
  ];
  for (const t of table) {
    it(`${t.name} -> ${t.check} failed`, async () => {
      const b = (await call('QueryService', 'Query', { query: recordQuery('credit', 'debtor/alice') }))['bundle'] as Any;
      t.malleate(b);
      const r = await call('VerificationService', 'VerifyBundle', { bundle: b });
      expect(r['verdict']).toBe('VERDICT_INVALID');
      const failed = (r['checks'] as Any[]).filter((c) => c['outcome'] === 'CHECK_OUTCOME_FAILED').map((c) => c['name']);
      expect(failed).toContain(t.check);
    });
  }

  // The whole forgery, re-signed so that each part is internally consistent: only the anchor
  // and the gateway role can catch it.
  const forge = async (receipt: 'did:key' | 'court'): Promise<Any> => {
    const real = (await call('QueryService', 'Query', { query: recordQuery('property', 'title/1') }))['bundle'] as Any;
    const header = signedHeaderFromWire(real['signedHeader'] as never).header;
    const { root, proof } = stateWith({ 'title/1': 'flat 1, 999 m2, owner: the forger' }, 'title/1');
    const sk = generatePrivateKey();
    const did = didKeyOf(publicKeyOf(sk));
    const signer =
      receipt === 'did:key'
        ? nativeReceiptSigner(did, didKeyKid(did), sk)
        : nativeReceiptSigner(fx.court.did, fx.court.kid, fx.privateKeys.get(fx.court.did)!);
    const trace = (real['trace'] as Any[]).map((t) => traceBlockFromWire(t as never));
    return (await makeBundle({
      block: forgedBlock(header, root, fixtureValidators(1, { from: 900 })),
      trace,
      recordType: 'property.title',
      key: 'title/1',
      value: 'flat 1, 999 m2, owner: the forger',
      proof,
      receiptSigner: signer,
      nowMs: Date.now(),
      requesterDid: fx.court.did,
    })) as unknown as Any;
  };
  for (const receipt of ['did:key', 'court'] as const) {
    it(`a re-signed forgery (own validator set, receipt by ${receipt}) is INVALID: anchored_trace and receipt_signature`, async () => {
      const r = await call('VerificationService', 'VerifyBundle', { bundle: await forge(receipt) });
      expect(r['verdict']).toBe('VERDICT_INVALID');
      const failed = Object.fromEntries(
        (r['checks'] as Any[]).filter((c) => c['outcome'] === 'CHECK_OUTCOME_FAILED').map((c) => [c['name'], c['reason']]),
      );
      // At the anchor's own height the forged header conflicts with it; above it, its set breaks the trace.
      expect(['trace_conflict', 'trace_gap']).toContain(failed['anchored_trace']);
      expect(failed['header_trusted']).toBe('header_conflicts_with_trusted');
      expect(failed['receipt_signature']).toBe('receipt_signer_not_gateway');
    });
  }

  it('a real answer carries its anchored trace and the gateway confirms its header', async () => {
    const b = (await call('QueryService', 'Query', { query: recordQuery('property', 'title/1') }))['bundle'] as Any;
    expect((b['trace'] as Any[]).length).toBe(1);
    const r = await call('VerificationService', 'VerifyBundle', { bundle: b });
    const byName = Object.fromEntries((r['checks'] as Any[]).map((c) => [c['name'], c['outcome']]));
    expect(byName['anchored_trace']).toBe('CHECK_OUTCOME_PASSED');
    expect(byName['header_trusted']).toBe('CHECK_OUTCOME_PASSED');
  });

  it('a missing bundle is INVALID_ARGUMENT missing_bundle', async () => {
    const e = await rejected(call('VerificationService', 'VerifyBundle', {}));
    expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e.details).toContain('missing_bundle');
  });
});

describe('per-answer JWT receipts', () => {
  it('issues a JWT receipt that verifies, and a tampered one that does not', async () => {
    const engine = new QueryEngine({
      ...path.engine.o,
      receipts: createReceiptIssuer({
        mode: 'jwt',
        signer: nativeReceiptSigner(fx.gateway.did, fx.gateway.kid, allianceKey(103)),
        now: Date.now,
      }),
    });
    const b = (await engine.answer(
      { chainId: 'credit', recordType: 'credit.debtor', key: 'debtor/alice', height: 0 },
      { requestId: 'jwt-1', requesterDid: fx.court.did, maxStalenessMs: 0, deadlineMs: Date.now() + 2_000 },
    )) as Any;
    expect(typeof (b['receipt'] as Any)['jwt']).toBe('string');
    const r = await call('VerificationService', 'VerifyBundle', { bundle: b });
    expect(r['verdict']).toBe('VERDICT_VALID');
    const jwt = (b['receipt'] as Any)['jwt'] as string;
    const parts = jwt.split('.');
    const sig = parts[2]!;
    b['receipt'] = { jwt: `${parts[0]}.${parts[1]}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'AQ' : 'AA'}` };
    const bad = await call('VerificationService', 'VerifyBundle', { bundle: b });
    expect((bad['checks'] as Any[]).find((c) => c['name'] === 'receipt_signature')!['outcome']).toBe('CHECK_OUTCOME_FAILED');
  });
});

describe('InvestigationService.Investigate', () => {
  it('finds proven assets and names the chain that did not answer', async () => {
    adapters['ip']!.stop();
    try {
      const r = await call('InvestigationService', 'Investigate', {
        ownerIdHash: sha256(utf8('owner 110101199001011234')),
        domains: ['ASSET_DOMAIN_PROPERTY', 'ASSET_DOMAIN_IP'],
      });
      expect(r['completeness']).toBe('COMPLETENESS_PARTIAL');
      const items = r['items'] as Any[];
      expect(items.map((i) => ((i['bundle'] as Any)['record'] as Any)['key']).sort()).toEqual(['title/1', 'title/2']);
      for (const i of items)
        expect(verifyBundle(i['bundle'] as never, { atMs: Date.now(), authority: fx.authority }).verdict).toBe('valid');
      const failures = r['failures'] as Any[];
      expect(failures).toHaveLength(1);
      expect(failures[0]!['chainId']).toBe('ip');
      expect(failures[0]!['code']).toBe(grpc.status.UNAVAILABLE);
      expect(failures[0]!['reason']).toBe('adapter_unavailable');
    } finally {
      adapters['ip']!.start();
    }
  });

  it('Query on a chain whose adapter is down is UNAVAILABLE', async () => {
    adapters['ip']!.stop();
    try {
      const e = await rejected(call('QueryService', 'Query', { query: recordQuery('ip', 'patent/9') }));
      expect(e.code).toBe(grpc.status.UNAVAILABLE);
      expect(e.details).toContain('adapter_unavailable');
    } finally {
      adapters['ip']!.start();
    }
  });

  it('rejects an owner id that is not a 32-byte hash', async () => {
    const e = await rejected(
      call('InvestigationService', 'Investigate', { ownerIdHash: utf8('110101199001011234'), domains: ['ASSET_DOMAIN_PROPERTY'] }),
    );
    expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e.details).toContain('owner_id_hash');
  });
});

describe('ChainService', () => {
  it('lists chains and reports status with the replicas seen', async () => {
    const list = await call('ChainService', 'ListChains', {});
    expect((list['chains'] as Any[]).map((c) => c['chainId'])).toEqual(['credit', 'ip', 'property', 'testchain']);
    adapters['credit']!.announcePresence('1.2.3');
    await bus.nc.flush();
    const s = await eventually(
      async () => {
        const st = await call('ChainService', 'GetChainStatus', { chainId: 'credit' });
        expect((st['replicas'] as Any[])[0]?.['version']).toBe('1.2.3');
        return st;
      },
      { what: 'the announced replica listed' },
    );
    expect(s['status']).toBe('CLIENT_STATUS_ACTIVE');
    expect(s['trustedHeight']).toBeGreaterThanOrEqual(2);
    expect(s['trustTimeLeftMs']).toBeGreaterThan(6 * 86_400_000);
    expect((s['replicas'] as Any[])[0]!['version']).toBe('1.2.3');
    expect((await rejected(call('ChainService', 'GetChainStatus', { chainId: 'nochain' }))).code).toBe(grpc.status.NOT_FOUND);
  });
});

describe('WatchService.WatchHeaders', () => {
  it('replays from a height, then streams new headers live', async () => {
    const a = adapters['credit']!;
    for (let i = 0; i < 3; i++) await a.put([{ key: `debtor/w${i}`, value: utf8('x') }]);
    const latest = a.ledger.height;
    const c = clients['WatchService']! as unknown as Record<string, (req: Any, md: grpc.Metadata) => grpc.ClientReadableStream<Any>>;
    const stream = c['WatchHeaders']!.call(c, { chainId: 'credit', fromHeight: 2 }, new grpc.Metadata());
    const heights: number[] = [];
    const done = new Promise<void>((resolve, reject) => {
      stream.on('data', (h: Any) => {
        heights.push(((h['signedHeader'] as Any)['header'] as Any)['height'] as number);
        if (heights.length === latest - 1) void a.put([{ key: 'debtor/live', value: utf8('y') }]);
        if (heights.length === latest) resolve();
      });
      stream.on('error', (e) => ((e as grpc.ServiceError).code === grpc.status.CANCELLED ? resolve() : reject(e)));
    });
    await done;
    stream.cancel();
    expect(heights).toEqual(Array.from({ length: latest }, (_, i) => i + 2));
  });
});

describe('misbehaviour', () => {
  it('a conflicting signed header freezes the chain: FAILED_PRECONDITION client_frozen', async () => {
    const a = adapters['testchain']!;
    // Same validators, same chain id, another block at the trusted height: two signed headers for one height.
    const fork = new MiniAdapter({
      nc: bus.nc,
      chainId: 'testchain',
      signer: fx.adapter('testchain'),
      recordType: 'test.rec',
      clock: () => Date.now() + 1234,
      publishHeaders: false,
    });
    const trusted = path.manager.view('testchain').trustedHeight;
    while (fork.ledger.height < trusted) await fork.put([{ key: 'rec/forged', value: utf8('forged') }]);
    await a.announce(fork.ledger.lightBlockAt(trusted), `testchain:fork:${trusted}`);
    await eventually(() => expect(path.manager.view('testchain').status).toBe('frozen'), { timeoutMs: 3_000 });
    fork.ledger.close();
    const e = await rejected(call('QueryService', 'Query', { query: recordQuery('testchain', 'rec/1') }));
    expect(e.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(e.details).toContain('client_frozen');
    const s = await call('ChainService', 'GetChainStatus', { chainId: 'testchain' });
    expect(s['status']).toBe('CLIENT_STATUS_FROZEN');
    expect((s['misbehaviour'] as Any)['chainId']).toBe('testchain');
  });
});
