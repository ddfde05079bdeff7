/**
 * The judicial smart contracts over a real nats-server (harness): the judicial chain reached
 * through its write door (adapters/judicial/tx-server.ts) and verified proofs
 * (NatsJudicialLedger), workflow state in JetStream KV (KvWorkflowStore). Crash and restart
 * resume from KV without duplicates; signed-envelope defects are refused with their reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { encodeEnvelope, sealEnvelope } from '../../src/bus/envelope.js';
import { ensureKv } from '../../src/bus/jetstream.js';
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';
import { request } from '../../src/bus/request.js';
import { judicialTxSubject } from '../../src/bus/subjects.js';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { verifyCaseHistory } from '../../src/workflows/audit-log.js';
import { DEFAULT_TARGETS, financeProfile, ipProfile, propertyProfile } from '../../src/workflows/enforcement/asset-profiles.js';
import { BackendInvestigator, BackendOrderer } from '../../src/devtools/in-process-ports.js';
import { EnforcementEngine } from '../../src/workflows/enforcement/engine.js';
import { EvidenceRegistry, signEvidenceBatch, verifyEvidenceVerdict } from '../../src/workflows/evidence.js';
import { NatsJudicialLedger } from '../../src/workflows/network/nats-judicial-ledger.js';
import type { ActionOrderer } from '../../src/workflows/ports.js';
import { KvWorkflowStore } from '../../src/workflows/store/kv-store.js';
import { encodeTxRequest, JUDICIAL_TX_TYPE } from '../../src/judicial/tx.js';
import { startJudicialTxServer, type JudicialTxServer } from '../../adapters/judicial/tx-server.js';
import { allianceFixture, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { agreementFor, COURT, DAY, didKeyAuthority, fixedSigner, makeWorld, T0, type World } from './fixtures/world.js';

describe('judicial smart contracts over NATS (judicial write door, verified proofs, KV state)', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let w: World;
  let fx: AllianceFixture;
  let server: JudicialTxServer;
  let ledger: NatsJudicialLedger;
  let store: KvWorkflowStore;
  const engine = (orderer: ActionOrderer): EnforcementEngine =>
    new EnforcementEngine({
      ledger,
      investigator: new BackendInvestigator([
        { profile: financeProfile, backend: w.backends.finance },
        { profile: propertyProfile, backend: w.backends.property },
        { profile: ipProfile, backend: w.backends.ip },
      ]),
      orderer,
      store,
      clock: w.clock,
      court: COURT,
      authority: didKeyAuthority,
      policy: {
        maxOrderCents: 10_000_000_000n,
        legalBasis: 'Civil Procedure Law of the PRC, arts. 247-266 (enforcement)',
        orderLifetimeMs: 3_600_000,
      },
      targets: DEFAULT_TARGETS,
      orderAudience: 'did:alliance:gateway-1',
    });

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    w = await makeWorld();
    fx = allianceFixture();
    const now = (): number => w.clock.now();
    server = startJudicialTxServer({
      nc,
      ledger: w.judicial.ledger,
      authority: fx.authority,
      replay: new MemoryReplayGuard({ windowMs: 120_000 }),
      now,
    });
    ledger = new NatsJudicialLedger({ nc, signer: fx.gateway, now });
    store = new KvWorkflowStore(await ensureKv(nc.jetstream(), 'cb_workflows_test'));
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await nc?.close();
    await w?.close();
    await nats?.stop();
  });

  it('anchors a signed batch through the write door; each anchor verifies offline; an altered file is unanchored', async () => {
    const registry = new EvidenceRegistry({ ledger, authority: didKeyAuthority, clock: w.clock });
    const files = Array.from({ length: 500 }, (_, i) => utf8(`network evidence ${i}`));
    const batch = signEvidenceBatch(
      fixedSigner(7),
      files.map((f) => ({ contentHash: sha256(f), metadata: [{ name: 'kind', value: 'evidence' }] })),
      T0,
    );
    const receipt = await registry.anchor(batch);
    expect(receipt.outcomes.every((o) => o === 'anchored')).toBe(true);
    for (const h of batch.hashes.slice(0, 50)) {
      const v = await registry.verifyHash(h);
      expect(verifyEvidenceVerdict(h, v.bundle!, v.batchBundle, 'judicial').submitter).toBe('signature_verified');
    }
    const altered = files[9]!.slice();
    altered[0]! ^= 1;
    expect((await registry.verifyContent(altered)).status).toBe('not_anchored');
  });

  it('runs a case from KV state, crashes mid-way, resumes on a new engine without duplicates; the history verifies', async () => {
    let calls = 0;
    const orderer = new BackendOrderer(ledger, Object.values(w.backends));
    const crashing: ActionOrderer = {
      async order(req) {
        const out = await orderer.order(req);
        if (++calls === 2) throw new Error('simulated crash');
        return out;
      },
    };
    const { agreement, signature } = agreementFor('N-crash', '800000000', T0 + 30 * DAY);
    await engine(crashing).registerAgreement(agreement, signature);
    w.clock.set(T0 + 31 * DAY);
    await expect(engine(crashing).tick()).rejects.toThrow(/simulated crash/);
    const restarted = engine(orderer);
    await restarted.tick();
    const s = await restarted.getCase('N-crash');
    const actions = Object.values(s.actions);
    expect(actions.length).toBeGreaterThan(2);
    expect(actions.every((a) => a.status === 'executed')).toBe(true);
    expect(actions.filter((a) => a.outcome === 'already_applied').length).toBe(1);
    const entries = await restarted.auditEntries('N-crash');
    expect(entries.filter((x) => x.body.event === 'action_executed').length).toBe(actions.length);
    expect(await store.keys('case/')).toContain('case/N-crash');
    const v = verifyCaseHistory(JSON.parse(JSON.stringify(await restarted.exportCaseHistory('N-crash'))));
    expect(v.entries).toBe(entries.length);
  }, 60_000);

  type Case = { name: string; wire: () => Uint8Array; reason: string };
  const body = (): Uint8Array =>
    encodeTxRequest(
      'case.file',
      `case:adv-${Math.random()}`,
      encodeCanonical({
        type: 'case_file',
        schema: 1,
        caseId: 'ADV-1',
        court: COURT.did,
        kind: 'civil',
        cause: 'x',
        parties: [{ role: 'applicant', party: '0'.repeat(64) }],
      }),
    );
  const cases: Case[] = [
    {
      name: 'signed by a court, not the gateway',
      wire: () => encodeEnvelope(sealEnvelope(fx.court, JUDICIAL_TX_TYPE, body(), w.clock.now())),
      reason: 'out_of_role',
    },
    {
      name: 'signed by an agency',
      wire: () => encodeEnvelope(sealEnvelope(fx.agency, JUDICIAL_TX_TYPE, body(), w.clock.now())),
      reason: 'out_of_role',
    },
    {
      name: 'signature altered',
      wire: () => {
        const e = sealEnvelope(fx.gateway, JUDICIAL_TX_TYPE, body(), w.clock.now());
        e.signature[7]! ^= 1;
        return encodeEnvelope(e);
      },
      reason: 'tampered',
    },
    {
      name: 'stale',
      wire: () => encodeEnvelope(sealEnvelope(fx.gateway, JUDICIAL_TX_TYPE, body(), w.clock.now() - 10 * 60_000)),
      reason: 'stale',
    },
    {
      name: 'another envelope type',
      wire: () => encodeEnvelope(sealEnvelope(fx.gateway, 'audit.entry', body(), w.clock.now())),
      reason: 'unknown_type',
    },
    {
      name: 'registry writes are not workflow txs',
      wire: () =>
        encodeEnvelope(sealEnvelope(fx.gateway, JUDICIAL_TX_TYPE, encodeTxRequest('registry.put', 'r1', utf8('{}')), w.clock.now())),
      reason: 'malformed_request',
    },
  ];
  for (const c of cases) {
    it(`the write door refuses: ${c.name}`, async () => {
      await expect(request(nc, judicialTxSubject('judicial'), c.wire(), { deadlineMs: Date.now() + 5_000 })).rejects.toMatchObject({
        reason: c.reason,
      });
    });
  }

  it('a replayed write envelope is refused; the contract refusal comes back with its reason', async () => {
    const wire = encodeEnvelope(
      sealEnvelope(
        fx.gateway,
        JUDICIAL_TX_TYPE,
        encodeTxRequest(
          'order.issue',
          'order:adv',
          encodeCanonical({
            type: 'order_issue',
            schema: 1,
            orderId: 'adv',
            court: COURT.did,
            caseId: 'no-such-case',
            chain: 'finance',
            kind: 'freeze',
            target: 't',
            legalBasis: 'x',
            expiresAtMs: T0 + 400 * DAY,
          }),
        ),
        w.clock.now(),
      ),
    );
    await expect(request(nc, judicialTxSubject('judicial'), wire, { deadlineMs: Date.now() + 5_000 })).rejects.toMatchObject({
      reason: 'unknown_case',
    });
    await expect(request(nc, judicialTxSubject('judicial'), wire, { deadlineMs: Date.now() + 5_000 })).rejects.toMatchObject({
      reason: 'replayed',
    });
  });
});
