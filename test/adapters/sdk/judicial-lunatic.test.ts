/**
 * The attack on the adapter (adversarial, real nats-server, real adapters): a court order that
 * exists under no real judicial header, proven against a forward "lunatic" judicial header (a
 * made-up validator set signed by half of the judicial validators' power and by all of its own
 * set), must not freeze a bank account. The bank's adapter verifies the judicial header with
 * its own light client; a header it could only trust by skipping waits for a witness (the
 * judicial chain's adapter): beyond the real tip it is held (`judicial_header_unconfirmed`),
 * at a height the witness holds the real header it freezes the judicial client
 * (`judicial_client_frozen`, evidence `lunatic_attack`). A real order on a real skipped-to
 * header, confirmed by the witness, still executes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { judicial as judicialDefinition } from '../../../adapters/judicial/definition.js';
import { DevLedgerBackend } from '../../../adapters/sdk/dev-ledger-backend.js';
import { startAdapter, type AdapterHandle } from '../../../adapters/sdk/runtime.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import { announceSubject } from '../../../src/bus/subjects.js';
import { headerHash, type Header } from '../../../src/chain/header.js';
import { LedgerTx } from '../../../src/chain/ledger/ledger.js';
import { newValidatorKeys, type ValidatorKey } from '../../../src/chain/ledger/validator-keys.js';
import { encodeValidatorSet, newValidatorSet, validatorSetHash } from '../../../src/chain/validator-set.js';
import { signVote } from '../../../src/chain/vote.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { signedHeaderToWire, validatorSetToWire } from '../../../src/verify/bundle-convert.js';
import {
  allianceFixture,
  FixtureDids,
  issueJudicialOrder,
  judicialCaseTx,
  mintOrderJwt,
  type AllianceFixture,
} from '../../helpers/alliance-fixture.js';
import { forwardedActionRequest, publishActionRequest, readActionResults } from '../../helpers/action-traffic.js';
import { eventually } from '../../helpers/eventually.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';
import { accountsTestDefinition, readAccount } from './test-definitions.js';

const BANK = 'testchain';
let nats: NatsServerHandle;
let nc: NatsConnection;
let a: AllianceFixture;
let judicial: DevLedgerBackend;
let forged: DevLedgerBackend;
let bank: DevLedgerBackend;
let bankAdapter: AdapterHandle;
const handles: AdapterHandle[] = [];
const judicialKeys = newValidatorKeys(6);
/** The attacker: three of the six judicial validators (half the power) and one key of its own. */
const lunaticKeys: ValidatorKey[] = [...judicialKeys.slice(0, 3), ...newValidatorKeys(1)];

const order = (n: number): JudicialOrder => ({
  orderId: `o-lunatic-${n}`,
  court: FixtureDids.court,
  caseId: `(2026) Jing 01 Zhi 9${n}`,
  chain: BANK,
  actionId: `act-lunatic-${n}`,
  kind: 'freeze',
  target: 'acc-1',
  amount: '500000',
});

const setOf = (keys: readonly ValidatorKey[]) => newValidatorSet(keys.map((k) => ({ did: k.did, publicKey: k.publicKey, power: 1 })));

async function seedJudicial(l: DevLedgerBackend['ledger'], orders: JudicialOrder[]): Promise<void> {
  await l.submit({
    type: LedgerTx.SetValidators,
    sender: FixtureDids.admin1,
    id: 'vs-initial',
    body: encodeValidatorSet(setOf(judicialKeys)),
  });
  await Promise.all(orders.map((o) => l.submit(judicialCaseTx(o.caseId))));
  await Promise.all(orders.map((o) => issueJudicialOrder(l, o, { nowMs: Date.now() })));
}

/** The forwarded request for `o` proven on the forged ledger, its header re-made at `height` and signed by the lunatic set. */
function lunaticRequest(o: JudicialOrder, height: number) {
  const jwt = mintOrderJwt(a, o, { nowMs: Date.now() });
  const req = forwardedActionRequest(forged.ledger, o, jwt, { recordType: 'account', key: 'account/acc-1' });
  const vs = setOf(lunaticKeys);
  const base = forged.ledger.latest().signedHeader.header;
  const header: Header = {
    ...base,
    height,
    timeMs: Date.now() - 50,
    prevHash: sha256(utf8('a chain that never was')),
    validatorsHash: validatorSetHash(vs),
    nextValidatorsHash: validatorSetHash(vs),
    proposer: lunaticKeys[0]!.did,
  };
  const commit = {
    height,
    headerHash: headerHash(header),
    signatures: lunaticKeys.map((k) => ({ validatorDid: k.did, signature: signVote(header, k.privateKey) })),
  };
  req.judicialProof!.height = height;
  req.judicialProof!.bundle!.signedHeader = signedHeaderToWire({ header, commit });
  req.judicialProof!.bundle!.validatorSet = validatorSetToWire(vs);
  return req;
}

const resultFor = (actionId: string) =>
  eventually(
    async () => (await readActionResults(nc, a.authority, BANK, a.adapter(BANK).did)).find((x) => x.actionId === actionId) ?? false,
    {
      timeoutMs: 15_000,
      intervalMs: 150,
      what: `the result of ${actionId}`,
    },
  );

const account = () => readAccount(bank.ledger.get('account/acc-1'));

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  a = allianceFixture({ chains: ['judicial', BANK] });
  judicial = new DevLedgerBackend({
    definition: judicialDefinition,
    blockIntervalMs: 20,
    heartbeatMs: 60_000,
    ledger: { validatorKeys: judicialKeys },
    seed: (l) => seedJudicial(l, []),
  });
  // The attacker's copy of the judicial chain: the order exists only here.
  forged = new DevLedgerBackend({
    definition: judicialDefinition,
    blockIntervalMs: 20,
    heartbeatMs: 60_000,
    ledger: { validatorKeys: judicialKeys },
    seed: (l) => seedJudicial(l, [order(1), order(2)]),
  });
  await forged.start();
  handles.push(
    await startAdapter({
      servers: nats.url,
      signer: a.adapter('judicial'),
      authority: a.authority,
      backend: judicial,
      definition: judicialDefinition,
      replicaId: 'j1',
      announceIntervalMs: 300,
    }),
  );
  const lb = judicial.ledger.latest();
  bank = new DevLedgerBackend({
    definition: accountsTestDefinition(BANK),
    blockIntervalMs: 20,
    heartbeatMs: 60_000,
    seed: async (l) =>
      void (await l.submit({
        type: 'test.put',
        sender: 'did:alliance:seed',
        id: 'seed-1',
        body: utf8(JSON.stringify({ id: 'acc-1', holder: 'h1' })),
      })),
  });
  bankAdapter = await startAdapter({
    servers: nats.url,
    signer: a.adapter(BANK),
    authority: a.authority,
    backend: bank,
    definition: accountsTestDefinition(BANK),
    replicaId: 'b1',
    judicialTrust: { chainId: 'judicial', height: lb.signedHeader.header.height, headerHashHex: toHex(headerHash(lb.signedHeader.header)) },
    actions: { ackWaitMs: 1_500, maxDeliver: 3 },
  });
  handles.push(bankAdapter);
  // The bank's adapter learns its witness from the judicial adapter's heartbeat: wait for one sent after the bank
  // subscribed, then flush the bank's connection (the server delivers that announcement to it before the flush's reply).
  for await (const _ of nc.subscribe(announceSubject('judicial'), { max: 1 })) break;
  await bankAdapter.bus.nc.flush();
}, 30_000);

afterAll(async () => {
  for (const h of handles.reverse()) await h.drain().catch(() => undefined);
  await forged?.close().catch(() => undefined);
  await nc?.close();
  await nats?.stop();
});

describe('a court order proven on a lunatic judicial header does not freeze a bank account', () => {
  it('beyond the judicial tip: held, the order waits and ends failed judicial_header_unconfirmed, nothing executed', async () => {
    const before = account();
    const req = lunaticRequest(order(1), judicial.ledger.latest().signedHeader.header.height + 5);
    await publishActionRequest(nc, a.gateway, BANK, req);
    const r = await resultFor(req.actionId!);
    // Redelivered while held (a witness may still confirm), then reported failed: never executed.
    expect(r.status).toBe('ACTION_STATUS_FAILED');
    expect(r.reason).toBe('judicial_header_unconfirmed');
    expect(account()).toEqual(before);
    expect((await bankAdapter.judicialClient!.clientState()).status).toBe('active');
  });

  it('a real order on a real header the client skips to is confirmed by the witness and executes', async () => {
    const real: JudicialOrder = { ...order(3), orderId: 'o-real-3', actionId: 'act-real-3', caseId: '(2026) Jing 01 Zhi 93' };
    await judicial.ledger.submit(judicialCaseTx(real.caseId));
    await issueJudicialOrder(judicial.ledger, real, { nowMs: Date.now() });
    const req = forwardedActionRequest(judicial.ledger, real, mintOrderJwt(a, real, { nowMs: Date.now() }), {
      recordType: 'account',
      key: 'account/acc-1',
    });
    await publishActionRequest(nc, a.gateway, BANK, req);
    const r = await resultFor(req.actionId!);
    expect([r.status, r.reason]).toEqual(['ACTION_STATUS_EXECUTED', '']);
    expect(account()?.freezes).toBe(1);
  });

  it('at a height the witness holds: the judicial client freezes (lunatic_attack, both headers kept), the order is refused', async () => {
    const trusted = (await bankAdapter.judicialClient!.clientState()).latestHeight;
    // The real chain moves on: two more blocks, so the witness holds the height the attacker claims.
    for (let i = 0; i < 3; i++) judicial.ledger.produceBlock();
    const height = judicial.ledger.latest().signedHeader.header.height;
    expect(height).toBeGreaterThan(trusted + 1);
    const before = account();
    const req = lunaticRequest(order(2), height);
    await publishActionRequest(nc, a.gateway, BANK, req);
    const r = await resultFor(req.actionId!);
    expect(r.status).toBe('ACTION_STATUS_REJECTED');
    expect(r.reason).toBe('judicial_client_frozen');
    expect(r.detail).toContain('lunatic_attack');
    expect(account()).toEqual(before);
    const st = await bankAdapter.judicialClient!.clientState();
    expect(st.status).toBe('frozen');
    const m = st.frozenEvidence!.misbehaviour;
    expect(m.kind).toBe('lunatic_attack');
    expect(toHex(headerHash(m.second.signedHeader.header))).toBe(
      toHex(headerHash(judicial.ledger.lightBlockAt(height).signedHeader.header)),
    );
    expect(m.first.signedHeader.header.validatorsHash).toEqual(validatorSetHash(setOf(lunaticKeys)));
  });
});
