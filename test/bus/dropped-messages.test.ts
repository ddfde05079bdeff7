/**
 * Every dropped message leaves the same two traces: the shared counter
 * `courtbridge_bus_dropped_total{subject_kind, reason}` and a `warn` line naming the reason and
 * the sender (bus/dropped.ts). A real gateway on a real nats-server with the five adapters
 * (e2e-setup.ts) receives a bad adapter announcement, a bad header announcement and a bad
 * registry update; each is dropped, counted and logged, and the gateway keeps serving.
 */
import { Writable } from 'node:stream';

import type { NatsConnection } from 'nats';
import { busUserOf } from '../../src/bus/permissions.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encodeEnvelope, sealEnvelope } from '../../src/bus/envelope.js';
import { announceSubject, headersSubject, REGISTRY_SUBJECT } from '../../src/bus/subjects.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { createLogger } from '../../src/log.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { startGatewayNode } from '../../src/node/gateway-node.js';
import { FixtureDids } from '../helpers/alliance-fixture.js';
import { eventually } from '../helpers/eventually.js';
import { E2E_CHAINS, e2eGatewayConfig, startE2e, type E2e } from '../relay/e2e/e2e-setup.js';

let e2e: E2e;
let gw: RunningGateway;
let nc: NatsConnection;
const chunks: string[] = [];
const lines = (): Record<string, unknown>[] =>
  chunks
    .join('')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  e2e = await startE2e({ records: 5 });
  const destination = new Writable({
    write(c, _e, cb) {
      chunks.push(String(c));
      cb();
    },
  });
  gw = await startGatewayNode(
    e2eGatewayConfig(e2e.fx, e2e.nats.url, [...E2E_CHAINS], { natsAuth: e2e.natsAuth(busUserOf('gateway', e2e.fx.gateway.did)) }),
    {
      signer: e2e.fx.gateway,
      genesisBytes: e2e.fx.genesisBytes,
      watchIntervalMs: 200,
      logger: createLogger({ component: 'gateway', level: 'warn', destination }),
    },
  );
  e2e.gateways.push(gw);
  // Bad messages come from the operator's connection (it may publish on every subject).
  nc = await e2e.connectAs('operator');
}, 90_000);

afterAll(async () => {
  await nc?.close();
  await e2e?.stop();
}, 60_000);

const dropped = async (kind: string, reason: string): Promise<number> => {
  const m = await gw.deps.metrics.busDropped.get();
  return m.values.filter((v) => v.labels.subject_kind === kind && v.labels.reason === reason).reduce((s, v) => s + v.value, 0);
};
const dropLine = (kind: string, reason: string): Record<string, unknown> | undefined =>
  lines().find((l) => l.event === 'message_dropped' && l.subjectKind === kind && l.reason === reason);

describe('dropped messages: one counter and one log line each', () => {
  const credit = (): ReturnType<E2e['fx']['adapter']> => e2e.fx.adapter('credit');

  it('a bad adapter announcement (signed by the credit adapter, body not an announcement)', async () => {
    nc.publish(
      announceSubject('credit'),
      encodeEnvelope(sealEnvelope(credit(), 'adapter.announce', utf8('not an announcement'), Date.now())),
    );
    await eventually(async () => expect(await dropped('adapter_announce', 'malformed_announcement')).toBeGreaterThanOrEqual(1), {
      what: 'the announcement drop to be counted',
    });
    const line = dropLine('adapter_announce', 'malformed_announcement');
    expect(line, 'a warn line for the dropped announcement').toMatchObject({ level: 40, sender: FixtureDids.adapter('credit') });
    expect(String(line?.msg)).toContain('message dropped (adapter_announce)');
  });

  it('a bad header announcement on the headers stream', async () => {
    const js = nc.jetstream();
    await js.publish(headersSubject('credit'), encodeEnvelope(sealEnvelope(credit(), 'header.announce', utf8('not a header'), Date.now())));
    await eventually(async () => expect(await dropped('header_announce', 'malformed_announcement')).toBeGreaterThanOrEqual(1), {
      what: 'the header drop to be counted',
    });
    expect(dropLine('header_announce', 'malformed_announcement'), 'a warn line for the dropped header').toMatchObject({
      level: 40,
      sender: FixtureDids.adapter('credit'),
    });
  });

  it('a bad registry update on the registry stream (an adapter is no admin)', async () => {
    const js = nc.jetstream();
    await js.publish(REGISTRY_SUBJECT, encodeEnvelope(sealEnvelope(credit(), 'registry.update', utf8('not an update'), Date.now())));
    await eventually(async () => expect(await dropped('registry_update', 'out_of_role')).toBeGreaterThanOrEqual(1), {
      what: 'the registry drop to be counted',
    });
    expect(dropLine('registry_update', 'out_of_role'), 'a warn line for the dropped update').toMatchObject({
      level: 40,
      sender: FixtureDids.adapter('credit'),
    });
  });

  it('unsigned garbage on the announce subject is counted too, and the gateway keeps serving', async () => {
    nc.publish(announceSubject('credit'), utf8('garbage'));
    await eventually(
      async () => {
        const m = await gw.deps.metrics.busDropped.get();
        expect(m.values.some((v) => v.labels.subject_kind === 'adapter_announce' && v.labels.reason !== 'malformed_announcement')).toBe(
          true,
        );
      },
      { what: 'the garbage drop to be counted' },
    );
    expect(gw.services.length).toBeGreaterThan(0);
  });
});
