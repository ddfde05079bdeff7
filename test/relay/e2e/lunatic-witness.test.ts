/**
 * Fork detection at the gateway (adversarial; real nats-server, real adapters, a gateway composed
 * from config, gRPC over loopback). A second party serving the credit chain ("mallory", in the
 * registry with the adapter role) announces forward "lunatic" headers: a made-up validator set,
 * signed by half of the credit validators' power (more than 1/3, less than 2/3) and by all of its
 * own set. The gateway trusts a header it would reach by skipping only once another party (the
 * honest credit adapter, as a witness) returns the same header:
 * - beyond the real tip: the witness is behind, the header is held (not trusted);
 * - at a height the witness holds: the client freezes with `lunatic_attack` evidence (both
 *   headers in GetChainStatus), the breaker trips and its log names `lunatic_attack`.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEnvelope, sealEnvelope } from '../../../src/bus/envelope.js';
import type { NatsConnection } from 'nats';
import { publishWithId } from '../../../src/bus/jetstream.js';
import { busUserOf } from '../../../src/bus/permissions.js';
import { headersSubject } from '../../../src/bus/subjects.js';
import { headerHash, type Header } from '../../../src/chain/header.js';
import { newValidatorKeys, type ValidatorKey } from '../../../src/chain/ledger/validator-keys.js';
import { newValidatorSet, validatorSetHash } from '../../../src/chain/validator-set.js';
import { signVote } from '../../../src/chain/vote.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { REASON_TRAILER } from '../../../src/wire/reason-trailer.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { signedHeaderToWire, validatorSetToWire } from '../../../src/verify/bundle-convert.js';
import { encodeMessage } from '../../../src/wire/codec.js';
import { FixtureDids } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { authToken, serviceClient, startE2e, type E2e } from './e2e-setup.js';

type Obj = Record<string, unknown>;
const MALLORY = 'did:alliance:credit-adapter-mallory';
let e2e: E2e;
let gw: RunningGateway;
let anchor: number;
const clients: grpc.Client[] = [];

function call(service: string, method: string, req: object): Promise<Obj> {
  const c = serviceClient(service, gw.address);
  clients.push(c);
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${authToken(e2e.fx.court, FixtureDids.gateway)}`);
  return new Promise((resolve, reject) =>
    c[method]!.call(c, req, md, { deadline: Date.now() + 10_000 }, (e: grpc.ServiceError | null, r?: Obj) =>
      e === null ? resolve(r ?? {}) : reject(e),
    ),
  );
}
const status = () => call('ChainService', 'GetChainStatus', { chainId: 'credit' });

/** Malformed credit announcements the gateway's header feed dropped so far (its /metrics counter). */
async function malformedDrops(): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${gw.metricsPort}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('courtbridge_lightclient_header_drops_total{') && l.includes('chain="credit"') && l.includes('reason="malformed"'),
    );
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

let markers = 0;
/** Mallory's own bus connection: on the secured bus only a server of credit may publish its headers. */
let malloryNc: NatsConnection | undefined;
async function mallory(): Promise<NatsConnection> {
  malloryNc ??= await e2e.connectAs(busUserOf('adapter', MALLORY));
  return malloryNc;
}
/**
 * Resolve once the gateway's header feed has handled every credit announcement published so far:
 * the feed handles the stream in order, so a malformed marker published last is handled (dropped,
 * counted as malformed, which no signed announcement is) only after them. This shows that
 * something did NOT happen without sleeping.
 */
async function feedCaughtUp(): Promise<void> {
  const before = await malformedDrops();
  await publishWithId(
    (await mallory()).jetstream(),
    headersSubject('credit'),
    utf8('feed marker: not an envelope'),
    `feed-marker-${++markers}`,
  );
  await eventually(async () => expect(await malformedDrops()).toBeGreaterThan(before), { what: 'the header feed reached the marker' });
}

/** A made-up credit header at `height`: two of the four real validators and one key of mallory's sign it. */
function lunatic(height: number): { header: Header; bytes: Uint8Array } {
  const keys: ValidatorKey[] = [...e2e.validators.credit.slice(0, 2), ...newValidatorKeys(1)];
  const real = e2e.backends.credit.ledger.latest();
  const power = real.validatorSet.validators[0]!.power;
  const vs = newValidatorSet(keys.map((k) => ({ did: k.did, publicKey: k.publicKey, power })));
  const header: Header = {
    ...real.signedHeader.header,
    height,
    timeMs: Date.now() - 50,
    prevHash: sha256(utf8(`no such parent ${height}`)),
    stateRoot: sha256(utf8('a debtor list that exists under no real header')),
    validatorsHash: validatorSetHash(vs),
    nextValidatorsHash: validatorSetHash(vs),
    proposer: keys[0]!.did,
  };
  const commit = {
    height,
    headerHash: headerHash(header),
    signatures: keys.map((k) => ({ validatorDid: k.did, signature: signVote(header, k.privateKey) })),
  };
  const body = encodeMessage('HeaderAnnouncement', {
    signedHeader: signedHeaderToWire({ header, commit }),
    validatorSet: validatorSetToWire(vs),
  });
  return { header, bytes: encodeEnvelope(sealEnvelope(e2e.fx.signers.get(MALLORY)!, 'header.announce', body, Date.now())) };
}

async function announce(height: number): Promise<Header> {
  const l = lunatic(height);
  await publishWithId((await mallory()).jetstream(), headersSubject('credit'), l.bytes, `mallory-${toHex(headerHash(l.header))}`);
  return l.header;
}

beforeAll(async () => {
  e2e = await startE2e({ records: 5, extraAdapters: [{ did: MALLORY, chains: ['credit'] }] });
  const lb = e2e.backends.credit.ledger.latest();
  anchor = lb.signedHeader.header.height;
  // The chain moves on before the gateway starts: it will have to skip to reach these heights.
  for (let i = 0; i < 6; i++) e2e.backends.credit.ledger.produceBlock();
  gw = await e2e.startGateway({
    chainTrust: {
      credit: {
        start: { kind: 'anchor', height: anchor, headerHash: toHex(headerHash(lb.signedHeader.header)) },
        trustingPeriodMs: 14 * 86_400_000,
        maxClockDriftMs: 10_000,
        defaultMaxStalenessMs: 0,
      },
    },
    // Any free port: the header feed's drop counter tells the tests when it has handled an announcement.
    metricsPort: 0,
  });
  await eventually(
    async () => {
      const s = await status();
      expect(s.status).toBe('CLIENT_STATUS_ACTIVE');
      expect((s.replicas as unknown[]).length).toBeGreaterThan(0);
    },
    { intervalMs: 100 },
  );
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await e2e?.stop();
}, 30_000);

describe('forward lunatic headers at the gateway', () => {
  it('beyond the real tip: held, never trusted (the witness is behind)', async () => {
    const tip = e2e.backends.credit.ledger.latest().signedHeader.header.height;
    const before = Number((await status()).trustedHeight);
    expect(before).toBeLessThan(tip);
    await announce(tip + 5);
    await feedCaughtUp();
    const s = await status();
    expect(s.status).toBe('CLIENT_STATUS_ACTIVE');
    expect(Number(s.trustedHeight)).toBe(before);
    expect((await gw.deps.breakers.get('credit')).state).toBe('closed');
  });

  it('a height the witness holds: frozen, lunatic_attack with both headers, breaker tripped naming it, queries refused', async () => {
    const height = anchor + 3;
    const forged = await announce(height);
    await eventually(async () => expect((await status()).status).toBe('CLIENT_STATUS_FROZEN'));
    const s = await status();
    const m = s.misbehaviour as {
      kind: string;
      headerA: { header: { height: unknown; validatorsHash: Uint8Array } };
      headerB: { header: { height: unknown; validatorsHash: Uint8Array } };
    };
    expect(m.kind).toBe('lunatic_attack');
    expect(Number(m.headerA.header.height)).toBe(height);
    expect(toHex(Uint8Array.from(m.headerA.header.validatorsHash))).toBe(toHex(forged.validatorsHash));
    const real = e2e.backends.credit.ledger.lightBlockAt(height).signedHeader.header;
    expect(Number(m.headerB.header.height)).toBe(height);
    expect(toHex(Uint8Array.from(m.headerB.header.validatorsHash))).toBe(toHex(real.validatorsHash));
    await eventually(async () => expect((await gw.deps.breakers.get('credit')).state).toBe('open'));
    const rec = await gw.deps.breakers.get('credit');
    expect(rec.state === 'open' && rec.cause).toBe('misbehaviour');
    expect(rec.reason).toContain('lunatic_attack');
    expect(rec.reason).toContain(`height ${height}`);
    const f = await call('QueryService', 'Query', {
      query: { chainId: 'credit', recordType: 'dishonest', key: 'dishonest/x', height: { latest: {} } },
    }).then(
      () => undefined,
      (e: grpc.ServiceError) => e,
    );
    expect(f?.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(String(f?.metadata.get(REASON_TRAILER)[0])).toBe('client_frozen');
  });
});
