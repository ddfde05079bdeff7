/**
 * The political-legal organs' bus users (src/bus/permissions.ts kind `organ`) on a real nats-server
 * started with the generated config: an organ reaches its chain's intake (a signed statement
 * committed through the collab intake, served as the chain's adapter user) and its own inbox, and
 * nothing else: the server refuses its queries, actions, other chains' intake, JetStream, and
 * listening on the intake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NatsConnection } from 'nats';
import { startCollabIntake, submitStatement, type CollabIntake } from '../../adapters/collab/intake-server.js';
import { collab } from '../../adapters/collab/definition.js';
import { signStatement } from '../../adapters/collab/statement.js';
import { contractsOf } from '../../adapters/sdk/definition.js';
import type { BusSecurity } from '../../src/bus/bus-security-files.js';
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';
import { actionsSubject, chainIntakeSubject, querySubject, REGISTRY_SUBJECT } from '../../src/bus/subjects.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { allianceFixture } from '../helpers/alliance-fixture.js';
import { refused } from '../helpers/bus-refused.js';
import { startSecuredNats, type SecuredNats } from '../helpers/secured-nats.js';

const PROC = 'did:alliance:procuratorate-bus';
const POLICE = 'did:alliance:police-bus';
const fx = allianceFixture({
  chains: ['judicial', 'collab', 'ip'],
  extraMembers: [
    { did: PROC, roles: ['procuratorate'], chains: ['collab'] },
    { did: POLICE, roles: ['police'], chains: ['collab'] },
  ],
});

describe('organ bus users, on a real nats-server', () => {
  let secured: SecuredNats;
  let sec: BusSecurity;
  let ledger: DevLedger;
  let intake: CollabIntake;
  let blocks: ReturnType<typeof setInterval>;
  const as = (user: string): Promise<NatsConnection> => secured.as(user);

  beforeAll(async () => {
    secured = await startSecuredNats(fx.state, 'cb-organbus-');
    sec = secured.sec;
    ledger = DevLedger.open({ chainId: 'collab', contracts: contractsOf(collab) });
    blocks = setInterval(() => ledger.produceBlock(), 20);
    const adapterNc = await as('adapter-collab-adapter');
    intake = startCollabIntake({
      nc: adapterNc,
      ledger,
      authority: fx.authority,
      replay: new MemoryReplayGuard({ windowMs: 120_000 }),
      now: Date.now,
    });
    await adapterNc.flush();
  });
  afterAll(async () => {
    await intake?.stop();
    clearInterval(blocks);
    await secured?.stop();
  });

  it('derives one organ user per organ, for the chains its grant names, allowed only that intake and its inbox', () => {
    const organs = sec.participants.filter((p) => p.kind === 'organ');
    expect(organs.map((p) => [p.user, p.chains])).toEqual([
      ['organ-police-bus', ['collab']],
      ['organ-procuratorate-bus', ['collab']],
    ]);
    const p = organs[0]!;
    expect(p.permissions.publish.allow).toEqual([chainIntakeSubject('collab')]);
    expect(p.permissions.subscribe.allow).toEqual([`_INBOX_${p.nkey}.>`]);
    expect(p.permissions.allowResponses).toBe(false);
    // The chain's adapter serves the intake.
    expect(sec.participants.find((x) => x.user === 'adapter-collab-adapter')!.permissions.subscribe.allow).toContain(
      chainIntakeSubject('collab'),
    );
  });

  it("an organ's signed statement reaches the intake and its answer comes back to the organ's inbox", async () => {
    const nc = await as('organ-procuratorate-bus');
    const signer = fx.signers.get(PROC)!;
    const s = signStatement(signer, {
      type: 'evidence_share',
      schema: 1,
      signer: PROC,
      role: 'procuratorate',
      atMs: Date.now(),
      sha256: toHex(sha256(utf8('bus evidence'))),
      sharedWith: [POLICE],
    });
    expect((await submitStatement(nc, 'collab', signer, s, { nowMs: Date.now() })).outcome).toBe('committed');
  });

  it('an organ cannot publish elsewhere: queries, actions, another chain’s intake, the registry, JetStream', async () => {
    const nc = await as('organ-police-bus');
    for (const subject of [querySubject('collab'), actionsSubject('collab'), chainIntakeSubject('ip'), REGISTRY_SUBJECT, '$JS.API.INFO'])
      await refused(nc, 'publish', subject, () => nc.publish(subject, new Uint8Array(1)));
  });

  it('an organ cannot listen on the intake (other organs’ statements) nor on another participant’s inbox', async () => {
    const nc = await as('organ-police-bus');
    await refused(nc, 'subscription', chainIntakeSubject('collab'), () => nc.subscribe(chainIntakeSubject('collab')));
    const other = sec.participants.find((p) => p.user === 'organ-procuratorate-bus')!;
    await refused(nc, 'subscription', `_INBOX_${other.nkey}.>`, () => nc.subscribe(`_INBOX_${other.nkey}.>`));
  });
});
