/**
 * What a court's client sees when NATS fails under a call, over real gRPC and a real
 * nats-server (harness) with the five adapters and a gateway (e2e-setup.ts): every transport
 * failure is UNAVAILABLE with a named reason and a `retry-after-ms` trailer, never INTERNAL; a
 * call in flight when nats-server is killed (SIGKILL) fails within a second or two, not at its
 * deadline; a judicial write issued while NATS is down goes through once it is back, well inside
 * its 15 s budget; and the first query after the restart succeeds.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startJudicialTxServer, type JudicialTxServer } from '../../../adapters/judicial/tx-server.js';
import { connectBus, type BusConnection } from '../../../src/bus/connection.js';
import { MemoryReplayGuard } from '../../../src/bus/replay-guard.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import type { QueryHeight } from '../../../adapters/sdk/chain-backend.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { RETRY_AFTER_TRAILER } from '../../../src/relay/host/grpc-status.js';
import { demoCast } from '../../../src/seed/demo-cast.js';
import { REASON_TRAILER } from '../../../src/wire/reason-trailer.js';
import { NatsJudicialLedger } from '../../../src/workflows/network/nats-judicial-ledger.js';
import { FixtureDids } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { courtCaller, startE2e, type CourtCaller, type E2e } from '../e2e/e2e-setup.js';

const cast = demoCast();
const query = (chainId: string, recordType: string, key: string) => ({ query: { chainId, recordType, key, height: { latest: {} } } });

/** How a call failed: status, reason trailer, retry-after-ms trailer, and how long it took. */
async function failed(p: Promise<unknown>, started = Date.now()) {
  try {
    await p;
  } catch (e) {
    const s = e as grpc.ServiceError;
    return {
      code: s.code,
      codeName: grpc.status[s.code],
      reason: String(s.metadata?.get(REASON_TRAILER)[0] ?? ''),
      retryAfterMs: Number(s.metadata?.get(RETRY_AFTER_TRAILER)[0] ?? Number.NaN),
      details: s.details,
      ms: Date.now() - started,
    };
  }
  throw new Error('expected the call to fail');
}

let e2e: E2e;
let gw: RunningGateway;
let court: CourtCaller;
let doorBus: BusConnection;
let writerBus: BusConnection;
let door: JudicialTxServer;
/** Extra wait the credit adapter adds to each record read (a slow chain, to kill NATS under a call). */
let slowMs = 0;
let reads = 0;

beforeAll(async () => {
  e2e = await startE2e({ records: 5 });
  gw = await e2e.startGateway();
  court = courtCaller(e2e.fx, gw.address);
  const backend = e2e.backends.credit;
  const read = backend.queryRecord.bind(backend);
  backend.queryRecord = async (key: string, height: QueryHeight) => {
    reads += 1;
    if (slowMs > 0) await new Promise((r) => setTimeout(r, slowMs));
    return read(key, height);
  };
  // The judicial chain's write door and a writer (as the workflow service holds it), each on its own connection.
  const fast = { reconnectTimeWaitMs: 250, reconnectJitterMs: 50 };
  // On the secured bus: the door is the operator's (the harness plays the judicial chain), the writer the workflow service's.
  doorBus = await connectBus({ servers: e2e.nats.url, name: 'judicial-door', auth: e2e.natsAuth('operator'), ...fast });
  writerBus = await connectBus({ servers: e2e.nats.url, name: 'judicial-writer', auth: e2e.natsAuth('workflows'), ...fast });
  door = startJudicialTxServer({
    nc: doorBus.nc,
    ledger: e2e.backends.judicial.ledger,
    authority: e2e.fx.authority,
    replay: new MemoryReplayGuard({ windowMs: 120_000 }),
    now: Date.now,
  });
}, 90_000);

afterAll(async () => {
  court?.close();
  await door?.stop().catch(() => undefined);
  await doorBus?.close().catch(() => undefined);
  await writerBus?.close().catch(() => undefined);
  await e2e?.stop();
}, 60_000);

const party = (s: string): string => toHex(sha256(utf8(`transport status test|${s}`)));
const caseBody = (caseId: string) => ({
  type: 'case_file',
  schema: 1,
  caseId,
  court: FixtureDids.court,
  kind: 'civil',
  cause: '民间借贷纠纷',
  parties: [
    { role: 'plaintiff', party: party(`${caseId} plaintiff`) },
    { role: 'defendant', party: party(`${caseId} defendant`) },
  ],
});

describe('transport failures reach the caller as UNAVAILABLE with retry advice', () => {
  it('a query answers while NATS is up (baseline)', async () => {
    const r = await court.call('QueryService', 'Query', query('credit', 'dishonest', cast.debtor.dishonestKey));
    expect((r.bundle as Record<string, unknown>).result).toBe('absence');
  });

  it('nats-server killed (SIGKILL) under a query: UNAVAILABLE nats_disconnected within ~1-2 s, not at the 20 s deadline', async () => {
    slowMs = 10_000;
    const before = reads;
    const started = Date.now();
    const pending = failed(court.call('QueryService', 'Query', query('credit', 'dishonest', cast.debtor.dishonestKey)));
    await eventually(() => reads > before, { timeoutMs: 10_000, what: 'the credit adapter to receive the query' });
    const killedAt = Date.now();
    await e2e.nats.kill9();
    const f = await pending;
    const afterKillMs = f.ms - (killedAt - started);
    expect(f.codeName, `status after the kill: ${f.details}`).toBe('UNAVAILABLE');
    expect(f.reason).toBe('nats_disconnected');
    expect(f.retryAfterMs).toBeGreaterThan(0);
    expect(
      afterKillMs,
      `the call ended ${afterKillMs} ms after the kill; it should fail fast (< 3 s), not wait for its deadline`,
    ).toBeLessThan(3_000);
  });

  it('while NATS is down, a KV read (GetAction) is UNAVAILABLE with retry-after-ms, never INTERNAL', async () => {
    const f = await failed(court.call('ActionService', 'GetAction', { actionId: 'no-such-action-while-nats-is-down' }));
    expect(f.codeName, f.details).toBe('UNAVAILABLE');
    expect([
      'action_store_unavailable',
      'nats_timeout',
      'nats_disconnected',
      'nats_closed',
      'jetstream_unavailable',
      'no_responders',
    ]).toContain(f.reason);
    expect(f.retryAfterMs).toBeGreaterThan(0);
  });

  it('a judicial write issued while NATS is down goes through right after NATS is back, not after its 15 s budget', async () => {
    const ledger = new NatsJudicialLedger({ nc: writerBus.nc, signer: e2e.fx.gateway, now: Date.now });
    const write = ledger.submit('case.file', 'case:faults-1', caseBody('faults-1'));
    let outcome: string | undefined;
    void write.then(
      (c) => (outcome = c.outcome),
      () => undefined,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(outcome, 'the write cannot be done while NATS is down').toBeUndefined();
    const back = Date.now();
    await e2e.nats.start();
    const committed = await write;
    const ms = Date.now() - back;
    expect(committed.outcome).toBe('committed');
    expect(ms, `the write finished ${ms} ms after NATS came back; it must not wait out its 15 s budget`).toBeLessThan(10_000);
  });

  it('after the restart the next query succeeds without waiting out old timeouts', async () => {
    slowMs = 0;
    const back = Date.now();
    const r = await eventually(() => court.call('QueryService', 'Query', query('credit', 'dishonest', cast.debtor.dishonestKey)), {
      timeoutMs: 12_000,
      what: 'a query to answer after the restart',
    });
    expect((r.bundle as Record<string, unknown>).result).toBe('absence');
    expect(Date.now() - back).toBeLessThan(12_000);
  });

  it('a chain without a running adapter (no responders): UNAVAILABLE adapter_unavailable with retry-after-ms', async () => {
    await e2e.adapters.ip.drain();
    const f = await failed(court.call('QueryService', 'Query', query('ip', 'patent', 'no-such-patent')));
    expect(f.codeName, f.details).toBe('UNAVAILABLE');
    expect(f.reason).toBe('adapter_unavailable');
    expect(f.retryAfterMs).toBe(2_000);
  });
});
