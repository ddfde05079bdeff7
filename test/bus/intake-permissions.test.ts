/**
 * The officer devices' bus user (`intake-mobile`, src/bus/permissions.ts) against a real nats-server
 * started with the generated config: it reaches the mobile chain's intake (the mobile adapter's user
 * answers it) and reads its own replies; it may publish nowhere else and subscribe to nothing else.
 */
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusSecurity } from '../../src/bus/bus-security-files.js';
import { intakeBusUserOf, inboxPrefixOf } from '../../src/bus/permissions.js';
import {
  announceSubject,
  headersSubject,
  judicialTxSubject,
  chainIntakeSubject,
  querySubject,
  REGISTRY_SUBJECT,
  resultsSubject,
} from '../../src/bus/subjects.js';
import { allianceFixture } from '../helpers/alliance-fixture.js';
import { refused } from '../helpers/bus-refused.js';
import { startSecuredNats, type SecuredNats } from '../helpers/secured-nats.js';

const fx = allianceFixture({ chains: ['judicial', 'mobile', 'property'] });

describe('device bus user on a real nats-server', () => {
  let secured: SecuredNats;
  let sec: BusSecurity;
  const as = (user: string): Promise<NatsConnection> => secured.as(user);

  beforeAll(async () => {
    secured = await startSecuredNats(fx.state, 'cb-device-perm-');
    sec = secured.sec;
  });
  afterAll(async () => {
    await secured?.stop();
  });

  it('one device user per mobile chain, none for other chains', () => {
    const devices = sec.participants.filter((p) => p.kind === 'intake');
    expect(devices.map((p) => p.user)).toEqual([intakeBusUserOf('mobile')]);
    expect(devices[0]!.permissions).toMatchObject({
      publish: { allow: [chainIntakeSubject('mobile')] },
      subscribe: { allow: [`${inboxPrefixOf(devices[0]!.nkey)}.>`] },
      allowResponses: false,
    });
  });

  it('a device reaches the intake and gets the mobile adapter’s reply', async () => {
    const adapter = await as('adapter-mobile-adapter');
    adapter.subscribe(chainIntakeSubject('mobile'), { queue: 'mobile-intake', callback: (_e, m) => m.respond(new Uint8Array([7])) });
    await adapter.flush();
    const dev = await as(intakeBusUserOf('mobile'));
    const reply = await dev.request(chainIntakeSubject('mobile'), new Uint8Array([1]), { timeout: 3_000 });
    expect([...reply.data]).toEqual([7]);
  });

  it('a device publishes nowhere else: queries, judicial txs, headers, results, announcements, the registry, JetStream, another chain’s intake', async () => {
    const dev = await as(intakeBusUserOf('mobile'));
    for (const subject of [
      querySubject('mobile'),
      querySubject('property'),
      judicialTxSubject('judicial'),
      headersSubject('mobile'),
      resultsSubject('mobile'),
      announceSubject('mobile'),
      REGISTRY_SUBJECT,
      '$JS.API.INFO',
      '$KV.cb_actions.x',
      chainIntakeSubject('property'),
    ])
      await refused(dev, 'publish', subject, () => dev.publish(subject, new Uint8Array(1)));
  });

  it('a device subscribes to nothing but its own inbox: not the intake, not announcements, not another’s inbox', async () => {
    const dev = await as(intakeBusUserOf('mobile'));
    const gwKey = sec.participants.find((p) => p.user === 'gateway-gateway-1')!.nkey;
    for (const subject of [chainIntakeSubject('mobile'), announceSubject('mobile'), '>', `_INBOX_${gwKey}.>`, '_INBOX.>'])
      await refused(dev, 'subscription', subject, () => dev.subscribe(subject));
  });

  it('only the mobile chain’s adapter may answer the intake', async () => {
    const other = await as('adapter-property-adapter');
    await refused(other, 'subscription', chainIntakeSubject('mobile'), () => other.subscribe(chainIntakeSubject('mobile')));
  });
});
