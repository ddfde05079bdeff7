/**
 * The five domain adapters (judicial, ip, property, credit, finance) and the lawyer tutorial on
 * the adapter runtime, over a real nats-server ("Done when"):
 *   - seeded chains (`seedChain`, a few hundred records + the demo cast) answer membership and
 *     non-membership queries whose proofs verify against their signed headers through a light
 *     client;
 *   - one real action per chain, from a court order issued on the judicial chain by its own
 *     `order.issue` tx, runs once although the adapter dies after executing and before acking
 *     (the runtime's crash hook) and is restarted on the same data dir; its result proof verifies;
 *   - an order without a valid court signature, without a judicial proof, or from a DID without
 *     the court role is rejected with a signed result and changes nothing;
 *   - every `adapters/<chain>/main.ts` runs as a real child process (env configuration), announces
 *     itself, answers a query, serves metrics, and drains on SIGTERM with exit code 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { allianceFixture, FixtureDids, issueJudicialOrder, mintOrderJwt, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { actionHandled, forwardedActionRequest, publishActionRequest, readActionResults } from '../helpers/action-traffic.js';
import { eventually } from '../helpers/eventually.js';
import { DevLedgerBackend } from '../../adapters/sdk/dev-ledger-backend.js';
import { contractsOf, type DevLedgerDefinition } from '../../adapters/sdk/definition.js';
import { startAdapter, type AdapterHandle } from '../../adapters/sdk/runtime.js';
import { fetchLightBlock } from '../../adapters/sdk/judicial-trust.js';
import type { JudicialOrder } from '../../src/judicial/order.js';
import { proofFromWire } from '../../src/verify/bundle-convert.js';
import { judicial } from '../../adapters/judicial/definition.js';
import { ip } from '../../adapters/ip/definition.js';
import { property } from '../../adapters/property/definition.js';
import { credit } from '../../adapters/credit/definition.js';
import { finance } from '../../adapters/finance/definition.js';
import { lawyer } from '../../adapters/examples/lawyer/definition.js';
import { checkEnvelope } from '../../src/bus/envelope-verify.js';
import { request } from '../../src/bus/request.js';
import { announceSubject, querySubject } from '../../src/bus/subjects.js';
import { headerHash } from '../../src/chain/header.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import { equalBytes, fromUtf8, toHex, utf8 } from '../../src/encoding/bytes.js';
import { writeKeyFile } from '../../src/identity/keystore.js';
import { LightClient } from '../../src/lightclient/light-client.js';
import { MemoryTrustedStore } from '../../src/lightclient/memory-store.js';
import { verifyProof } from '../../src/proof/verify.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { loadSeed, seedChain, type SeedChainId } from '../../src/seed/seed.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../src/wire/messages.js';

const SEED = 'domain-test';
const RECORDS = 300;
const D = DEMO_CAST.debtor;

/** A seed tx's body as an object (to pick a seeded, non-demo record). */
const bodyOf = (tx: Tx): Record<string, unknown> => decodeCanonicalObject(tx.body) as Record<string, unknown>;

/** A record the seed generated (not the demo cast), for a membership query. */
function seededKey(chain: SeedChainId): string {
  const txs = seedChain(chain, { records: RECORDS, seed: SEED });
  if (chain === 'judicial') return `case/${String(bodyOf(txs.find((t) => t.type === 'case.file')!)['caseId'])}`;
  if (chain === 'credit')
    return `dishonest/${String((bodyOf(txs.find((t) => t.type === 'credit.import')!)['listings'] as Record<string, unknown>[])[0]!['person'])}`;
  throw new Error(`no seeded key rule for ${chain}`);
}

interface ChainSpec {
  chain: SeedChainId;
  def: DevLedgerDefinition;
  member: { key: string; recordType: string };
  absent: { key: string; recordType: string };
  /** The court's action on the demo cast (none for the judicial chain). */
  action?: { kind: string; target: string; amount: string; targetRecordType: string; targetKey: string };
}

const SPECS: ChainSpec[] = [
  {
    chain: 'judicial',
    def: judicial,
    member: { key: seededKey('judicial'), recordType: 'case' },
    absent: { key: 'order/never-issued', recordType: 'order' },
  },
  {
    chain: 'finance',
    def: finance,
    member: { key: D.accounts[0].key, recordType: 'account' },
    absent: { key: 'account/0000000000000000', recordType: 'account' },
    action: {
      kind: 'freeze',
      target: D.accounts[0].accountNo,
      amount: '5000000',
      targetRecordType: 'account',
      targetKey: D.accounts[0].key,
    },
  },
  {
    chain: 'property',
    def: property,
    member: { key: D.apartment.key, recordType: 'title' },
    absent: { key: 'title/京(2099)东城区不动产权第0000000号', recordType: 'title' },
    action: { kind: 'seize', target: D.apartment.titleNo, amount: '', targetRecordType: 'title', targetKey: D.apartment.key },
  },
  {
    chain: 'ip',
    def: ip,
    member: { key: D.trademark.key, recordType: 'trademark' },
    absent: { key: 'trademark/99999999', recordType: 'trademark' },
    action: { kind: 'freeze', target: D.trademark.key, amount: '', targetRecordType: 'trademark', targetKey: D.trademark.key },
  },
  {
    chain: 'credit',
    def: credit,
    member: { key: seededKey('credit'), recordType: 'dishonest' },
    // The demo debtor is NOT on the dishonest list: provable absence (until the court lists them below).
    absent: { key: D.dishonestKey, recordType: 'dishonest' },
    action: { kind: 'list', target: D.idHash, amount: '', targetRecordType: 'dishonest', targetKey: D.dishonestKey },
  },
  {
    chain: 'lawyer',
    def: lawyer,
    member: { key: DEMO_CAST.lawyer.key, recordType: 'lawyer' },
    absent: { key: 'lawyer/00000000000000000', recordType: 'lawyer' },
    action: {
      kind: 'suspend',
      target: DEMO_CAST.lawyer.licenceNo,
      amount: '',
      targetRecordType: 'lawyer',
      targetKey: DEMO_CAST.lawyer.key,
    },
  },
];

const dirs: string[] = [];
const tempDir = (label: string): string => {
  const d = mkdtempSync(join(tmpdir(), `cb-domain-${label}-`));
  dirs.push(d);
  return d;
};

/** Fill a dev ledger with the chain's seed (once: a restart on the same data dir finds it there). */
const seedOnce =
  (chain: SeedChainId, records = RECORDS) =>
  async (l: DevLedger): Promise<void> => {
    if (l.hasTx(`seed:${chain}:0`)) return;
    await loadSeed(l, seedChain(chain, { records, seed: SEED }));
  };

/** Verify `key` / `value` (null: absence) against the light block at `height`, through a light client. */
async function verifyThroughLightClient(
  nc: NatsConnection,
  chain: string,
  height: number,
  headerHashBytes: Uint8Array,
  key: string,
  value: Uint8Array | null,
  wireProof: Parameters<typeof proofFromWire>[0],
): Promise<'member' | 'absent'> {
  const first = await fetchLightBlock(nc, chain, 1, Date.now() + 5_000);
  const lc = new LightClient(chain, new MemoryTrustedStore());
  await lc.init(first.signedHeader, first.validatorSet, undefined, {
    trustingPeriodMs: 3_600_000,
    maxClockDriftMs: 10_000,
    nowMs: Date.now(),
  });
  const lb = await fetchLightBlock(nc, chain, height, Date.now() + 5_000);
  // One adapter's own answer against its own headers: a single source on purpose (no witness).
  await lc.update(lb.signedHeader, lb.validatorSet, Date.now(), { singleSource: true });
  const root = await lc.verifiedStateRoot({ kind: 'at', height }, Date.now());
  expect(equalBytes(root.headerHash, headerHashBytes)).toBe(true);
  const ev = verifyProof(root.stateRoot, utf8(key), value, proofFromWire(wireProof));
  // A tampered value never verifies: the proof binds the bytes.
  if (value !== null)
    expect(() => verifyProof(root.stateRoot, utf8(key), utf8('{"forged":true}'), proofFromWire(wireProof))).toThrow(
      expect.objectContaining({ reason: 'value_mismatch' }),
    );
  return ev.kind;
}

async function query(nc: NatsConnection, chain: string, recordType: string, key: string): Promise<MessageOutput<'QueryResponse'>> {
  const reply = await request(
    nc,
    querySubject(chain),
    encodeMessage('QueryRequest', { requestId: `q-${key}`, chainId: chain, recordType, key, deadlineMs: Date.now() + 8_000 }),
    { deadlineMs: Date.now() + 8_000 },
  );
  return decodeMessage('QueryResponse', reply.data);
}

describe('the domain adapters on the runtime (in process)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let a: AllianceFixture;
  let judicialBackend: DevLedgerBackend;
  let trust: { chainId: string; height: number; headerHashHex: string };
  const handles: AdapterHandle[] = [];
  const running = new Map<string, { h: AdapterHandle; backend: DevLedgerBackend; dataDir: string }>();

  async function startDomain(
    spec: ChainSpec,
    dataDir: string,
    crash: boolean,
  ): Promise<{ h: AdapterHandle; backend: DevLedgerBackend; dataDir: string }> {
    const backend = new DevLedgerBackend({
      definition: spec.def,
      dataDir,
      blockIntervalMs: 20,
      heartbeatMs: 60_000,
      seed: seedOnce(spec.chain),
    });
    const h = await startAdapter({
      servers: nats.url,
      signer: a.adapter(spec.chain),
      authority: a.authority,
      backend,
      definition: spec.def,
      replicaId: crash ? `${spec.chain}-crashing` : `${spec.chain}-r1`,
      judicialTrust: { ...trust },
      actions: { ackWaitMs: 1_500, maxDeliver: 5 },
      ...(crash ? { testHooks: { crashPoint: 'after_execute' as const } } : {}),
    });
    handles.push(h);
    const r = { h, backend, dataDir };
    running.set(spec.chain, r);
    return r;
  }

  let orderSeq = 0;
  function orderFor(spec: ChainSpec, label: string): JudicialOrder {
    orderSeq += 1;
    const act = spec.action!;
    return {
      orderId: `ord-${spec.chain}-${label}-${orderSeq}`,
      court: FixtureDids.court,
      caseId: `(2026)京0101执${String(orderSeq).padStart(4, '0')}号`,
      chain: spec.chain,
      actionId: `act-${spec.chain}-${label}-${orderSeq}`,
      kind: act.kind,
      target: act.target,
      amount: act.amount,
    };
  }

  /** The ActionRequest a gateway forwards: the order JWT and the judicial proof of `order/<orderId>`. */
  const actionRequest = (spec: ChainSpec, o: JudicialOrder, jwt: string): MessageInput<'ActionRequest'> =>
    forwardedActionRequest(judicialBackend.ledger, o, jwt, { recordType: spec.action!.targetRecordType, key: spec.action!.targetKey });
  /** Resolves to the request's action-stream sequence. */
  const sendAction = (chain: string, req: MessageInput<'ActionRequest'>): Promise<number> =>
    publishActionRequest(nc, a.gateway, chain, req);
  /** Every result on the results stream for `chain`, each a verified envelope signed by the chain's adapter. */
  const results = (chain: string): Promise<MessageOutput<'ActionResult'>[]> =>
    readActionResults(nc, a.authority, chain, FixtureDids.adapter(chain));

  const resultFor = (chain: string, actionId: string, timeoutMs = 20_000): Promise<MessageOutput<'ActionResult'>> =>
    eventually(async () => (await results(chain)).find((x) => x.actionId === actionId) ?? false, {
      timeoutMs,
      intervalMs: 150,
      what: `the result of ${actionId}`,
    });

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    a = allianceFixture();
    judicialBackend = new DevLedgerBackend({
      definition: judicial,
      dataDir: tempDir('judicial'),
      blockIntervalMs: 20,
      heartbeatMs: 60_000,
      seed: seedOnce('judicial'),
    });
    handles.push(
      await startAdapter({
        servers: nats.url,
        signer: a.adapter('judicial'),
        authority: a.authority,
        backend: judicialBackend,
        definition: judicial,
        replicaId: 'judicial-r1',
        announceIntervalMs: 500,
      }),
    );
    const lb = judicialBackend.ledger.latest();
    trust = { chainId: 'judicial', height: lb.signedHeader.header.height, headerHashHex: toHex(headerHash(lb.signedHeader.header)) };
    for (const spec of SPECS.filter((s) => s.chain !== 'judicial')) await startDomain(spec, tempDir(spec.chain), true);
  }, 90_000);

  afterAll(async () => {
    for (const h of handles.reverse()) await h.drain().catch(() => undefined);
    await nc?.close();
    await nats?.stop();
  });

  describe.each(SPECS)('$chain', (spec) => {
    it('answers membership and non-membership queries whose proofs verify against its signed headers', async () => {
      for (const [q, kind] of [
        [spec.member, 'member'],
        [spec.absent, 'absent'],
      ] as const) {
        const resp = await query(nc, spec.chain, q.recordType, q.key);
        expect(resp.result).toBe(kind === 'member' ? 'record' : 'absence');
        const value = kind === 'member' ? Uint8Array.from(resp.record!.value) : null;
        expect(
          await verifyThroughLightClient(
            nc,
            spec.chain,
            resp.header!.height,
            Uint8Array.from(resp.header!.headerHash),
            q.key,
            value,
            resp.proof,
          ),
        ).toBe(kind);
      }
    }, 30_000);

    if (spec.action === undefined) return;
    const act = spec.action;

    type Case = { name: string; reason: string; malleate: (o: JudicialOrder) => MessageInput<'ActionRequest'> };
    const cases: Case[] = [
      {
        name: 'without a valid court signature',
        reason: 'order_bad_signature',
        malleate: (o) => {
          const [h, p] = mintOrderJwt(a, o, { nowMs: Date.now() }).split('.');
          const otherSig = mintOrderJwt(a, { ...o, target: 'someone-else' }, { nowMs: Date.now() }).split('.')[2];
          return actionRequest(spec, o, `${h}.${p}.${otherSig}`);
        },
      },
      {
        name: 'without a judicial-chain proof',
        reason: 'judicial_proof_missing',
        malleate: (o) => ({
          ...actionRequest(spec, o, mintOrderJwt(a, o, { nowMs: Date.now() })),
          judicialProof: { caseId: o.caseId, recordKey: '', height: 0 },
        }),
      },
      {
        name: 'from a DID without the court role',
        reason: 'order_issuer_not_court',
        malleate: (o) => actionRequest(spec, o, mintOrderJwt(a, o, { nowMs: Date.now(), issuer: a.agency })),
      },
    ];
    it.each(cases)(
      'rejects an order $name with a signed $reason and changes nothing',
      async (c) => {
        const { backend } = running.get(spec.chain)!;
        const o = orderFor(spec, c.reason);
        await issueJudicialOrder(judicialBackend.ledger, o, { nowMs: Date.now() });
        const before = backend.ledger.get(act.targetKey);
        await sendAction(spec.chain, c.malleate(o));
        const r = await resultFor(spec.chain, o.actionId);
        expect(r.status).toBe('ACTION_STATUS_REJECTED');
        expect(r.reason).toBe(c.reason);
        expect(backend.ledger.get(act.targetKey)).toEqual(before);
        expect(backend.ledger.hasTx(o.actionId)).toBe(false);
      },
      30_000,
    );

    it(`executes the court's ${act.kind} once although the adapter dies after executing and before acking; the result proof verifies`, async () => {
      const first = running.get(spec.chain)!;
      const o = orderFor(spec, 'valid');
      await issueJudicialOrder(judicialBackend.ledger, o, { nowMs: Date.now() });
      const before = first.backend.ledger.get(act.targetKey);
      const seq = await sendAction(spec.chain, actionRequest(spec, o, mintOrderJwt(a, o, { nowMs: Date.now() })));
      await first.h.closed(); // executed, then "killed" before the ack: JetStream redelivers
      const second = await startDomain(spec, first.dataDir, false);
      const r = await resultFor(spec.chain, o.actionId);
      expect(r.status).toBe('ACTION_STATUS_EXECUTED');
      expect(r.reason).toBe('already_applied'); // the restarted adapter found it applied: executed once
      // Acked: JetStream never delivers it again, so the one result is the only one.
      await eventually(() => actionHandled(nc, spec.chain, seq), { what: `${o.actionId} acked` });
      expect((await results(spec.chain)).filter((x) => x.actionId === o.actionId)).toHaveLength(1);
      // The effect is there exactly once: the target names the order once.
      const after = second.backend.ledger.get(act.targetKey)!;
      expect(after).not.toEqual(before);
      expect(fromUtf8(after).split(`"orderId":"${o.orderId}"`)).toHaveLength(2);
      if (spec.chain === 'finance') {
        const f = (v: Uint8Array | undefined) => BigInt(String((decodeCanonicalObject(v!) as Record<string, unknown>)['frozenCents']));
        expect(f(after) - f(before)).toBe(BigInt(act.amount));
      }
      // The result carries the proof of the new state, against a header a light client accepts.
      expect(r.record!.key).toBe(act.targetKey);
      expect(
        await verifyThroughLightClient(
          nc,
          spec.chain,
          r.header!.height,
          Uint8Array.from(r.header!.headerHash),
          r.record!.key,
          Uint8Array.from(r.record!.value),
          r.proof,
        ),
      ).toBe('member');
    }, 60_000);
  });
});

describe('adapters/<chain>/main.ts as real processes', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let a: AllianceFixture;
  let dir: string;
  const children: ChildProcess[] = [];

  const MAINS: Record<SeedChainId, string> = {
    judicial: 'adapters/judicial/main.ts',
    ip: 'adapters/ip/main.ts',
    property: 'adapters/property/main.ts',
    credit: 'adapters/credit/main.ts',
    finance: 'adapters/finance/main.ts',
    lawyer: 'adapters/examples/lawyer/main.ts',
    market: 'adapters/market/main.ts',
    mobile: 'adapters/mobile/main.ts',
    bankruptcy: 'adapters/bankruptcy/main.ts',
    collab: 'adapters/collab/main.ts',
    data: 'adapters/data/main.ts',
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    a = allianceFixture();
    dir = tempDir('procs');
    writeFileSync(join(dir, 'genesis.json'), a.genesisBytes);
    for (const spec of SPECS) {
      await writeKeyFile(join(dir, `${spec.chain}.key.json`), {
        did: FixtureDids.adapter(spec.chain),
        kid: `${FixtureDids.adapter(spec.chain)}#key-1`,
        privateKey: a.privateKeys.get(FixtureDids.adapter(spec.chain))!,
      });
      // The chain's data, as its operator would have it before starting the adapter.
      const l = DevLedger.open({ chainId: spec.chain, contracts: contractsOf(spec.def), dataDir: join(dir, `${spec.chain}-data`) });
      await loadSeed(l, seedChain(spec.chain, { records: 30, seed: SEED }));
      l.close();
    }
  }, 60_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await nc?.close();
    await nats?.stop();
  });

  /** How a process is started other than by its CB_* environment: flags, and only `extraEnv` (a config file). */
  interface Launch {
    args: string[];
    configOnly: true;
  }

  /** Spawn `main.ts` of `spec` with its environment; collect its output for failure messages. */
  function spawnAdapter(
    spec: ChainSpec,
    extraEnv: Record<string, string>,
    launch?: Launch,
  ): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
    const base = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };
    const env: Record<string, string> = launch?.configOnly
      ? { ...base, ...extraEnv }
      : {
          ...base,
          CB_NATS_URL: nats.url,
          CB_KEY_FILE: join(dir, `${spec.chain}.key.json`),
          CB_GENESIS_FILE: join(dir, 'genesis.json'),
          CB_GENESIS_HASH: toHex(a.loaded.hash),
          CB_DATA_DIR: join(dir, `${spec.chain}-data`),
          CB_REPLICA_ID: `${spec.chain}-proc`,
          ...extraEnv,
        };
    const child = spawn(process.execPath, ['--import', 'tsx', MAINS[spec.chain], ...(launch?.args ?? [])], {
      cwd: process.cwd(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    return { child, output: () => out.slice(-3_000), exited };
  }

  /** The first signed announcement on the chain's subject, verified. */
  function nextAnnouncement(chain: string): Promise<MessageOutput<'AdapterAnnouncement'>> {
    const sub = nc.subscribe(announceSubject(chain), { max: 1 });
    return (async () => {
      for await (const m of sub) {
        const r = checkEnvelope(m.data, { authority: a.authority, nowMs: Date.now(), maxAgeMs: 60_000, maxFutureSkewMs: 5_000, chain });
        if (r.kind !== 'accepted') throw new Error(`announcement dropped: ${r.drop.reason}`);
        expect(r.envelope.type).toBe('adapter.announce');
        return decodeMessage('AdapterAnnouncement', r.envelope.body);
      }
      throw new Error('no announcement');
    })();
  }

  async function runOnce(spec: ChainSpec, extraEnv: Record<string, string>, metricsPort?: number, launch?: Launch): Promise<void> {
    const announced = nextAnnouncement(spec.chain);
    const portEnv = metricsPort === undefined || launch !== undefined ? {} : { CB_METRICS_PORT: String(metricsPort) };
    const p = spawnAdapter(spec, { ...extraEnv, ...portEnv }, launch);
    // Kept timer: a watchdog that kills a hung real adapter process; nothing waits on it when all is well.
    const timeout = setTimeout(() => p.child.kill('SIGKILL'), 45_000);
    try {
      const ann = await Promise.race([
        announced,
        p.exited.then((code) => Promise.reject(new Error(`${spec.chain} exited early (${code}): ${p.output()}`))),
      ]);
      expect(ann.chainId).toBe(spec.chain);
      expect(ann.adapterDid).toBe(FixtureDids.adapter(spec.chain));
      expect(ann.recordTypes).toEqual(spec.def.recordTypes.map((r) => r.name));
      const resp = await query(nc, spec.chain, spec.member.recordType, spec.member.key);
      expect(resp.result).toBe('record');
      expect(
        await verifyThroughLightClient(
          nc,
          spec.chain,
          resp.header!.height,
          Uint8Array.from(resp.header!.headerHash),
          spec.member.key,
          Uint8Array.from(resp.record!.value),
          resp.proof,
        ),
      ).toBe('member');
      if (metricsPort !== undefined) {
        const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
        expect(text).toMatch(new RegExp(`courtbridge_adapter_queries_total\\{chain="${spec.chain}",kind="query",outcome="ok"\\} [1-9]`));
        expect(text).toMatch(new RegExp(`courtbridge_adapter_headers_published_total\\{chain="${spec.chain}"\\} [1-9]`));
      }
      p.child.kill('SIGTERM');
      expect(await p.exited, p.output()).toBe(0);
    } finally {
      clearTimeout(timeout);
    }
  }

  it('each main.ts announces itself, answers a query and drains on SIGTERM with exit code 0', async () => {
    // The judicial adapter runs while the others start: they fetch their trusted judicial header from it.
    const jSpec = SPECS.find((s) => s.chain === 'judicial')!;
    const announced = nextAnnouncement('judicial');
    const j = spawnAdapter(jSpec, {});
    try {
      const ann = await Promise.race([
        announced,
        j.exited.then((code) => Promise.reject(new Error(`judicial exited early (${code}): ${j.output()}`))),
      ]);
      expect(ann.chainId).toBe('judicial');
      const lb = await fetchLightBlock(nc, 'judicial', 0, Date.now() + 5_000);
      const trustEnv = {
        CB_JUDICIAL_HEIGHT: String(lb.signedHeader.header.height),
        CB_JUDICIAL_HASH: toHex(headerHash(lb.signedHeader.header)),
      };
      const others = SPECS.filter((s) => s.chain !== 'judicial');
      await Promise.all(others.map((s, i) => runOnce(s, trustEnv, s.chain === 'finance' ? 19_000 + (process.pid % 1_000) + i : undefined)));
      // adapters/sdk/README.md's other way: `CB_CONFIG=finance.adapter.json node --import tsx
      // adapters/finance/main.ts --metrics-port 9465`, every setting from the file, the flag over its port.
      const configFile = join(dir, 'finance.adapter.json');
      writeFileSync(
        configFile,
        JSON.stringify({
          natsServers: [nats.url],
          keyFile: join(dir, 'finance.key.json'),
          genesisFile: join(dir, 'genesis.json'),
          genesisHash: toHex(a.loaded.hash),
          dataDir: join(dir, 'finance-data'),
          judicialHeight: Number(trustEnv.CB_JUDICIAL_HEIGHT),
          judicialHash: trustEnv.CB_JUDICIAL_HASH,
          replicaId: 'finance-config',
          metricsPort: 0,
        }),
      );
      const flagPort = 21_000 + (process.pid % 1_000);
      await runOnce(SPECS.find((s) => s.chain === 'finance')!, { CB_CONFIG: configFile }, flagPort, {
        args: ['--metrics-port', String(flagPort)],
        configOnly: true,
      });
      const resp = await query(nc, 'judicial', jSpec.member.recordType, jSpec.member.key);
      expect(resp.result).toBe('record');
    } finally {
      j.child.kill('SIGTERM');
    }
    expect(await j.exited, j.output()).toBe(0);
  }, 120_000);
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
