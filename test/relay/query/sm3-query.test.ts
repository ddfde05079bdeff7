/**
 * The gateway's query path over a real nats-server for a chain whose registry entry says SM3: the
 * light-client manager is made with the entry's suite, follows the chain's SM3 headers, verifies
 * the adapter's SM3 proofs and answers with bundles the offline verifier accepts through the
 * entry. A gateway configured with another suite than the entry's cannot anchor the chain
 * (`trust_anchor_mismatch`: the adapter's header hashed under it is not the anchor), and the
 * trusted store it leaves is dropped by a correctly configured gateway, which re-anchors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBus, type BusConnection } from '../../../src/bus/connection.js';
import { provisionCourtbridge } from '../../../src/bus/jetstream.js';
import { headerHash } from '../../../src/chain/header.js';
import type { HashSuite } from '../../../src/crypto/hash-suite.js';
import { utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';
import type { ChainConfig } from '../../../src/relay/light-clients/chain-config.js';
import { startQueryPath, type QueryPath } from '../../../src/relay/modules/query-path.js';
import { nativeReceiptSigner } from '../../../src/relay/receipts/root-signer.js';
import { verifyBundle } from '../../../src/verify/bundle-verify.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import { allianceFixture, allianceKey, type AllianceFixture } from '../../helpers/alliance-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';
import { MiniAdapter } from './mini-adapter.js';

const CHAIN = 'credit';
const TYPE = 'credit.debtor';

let nats: NatsServerHandle;
let bus: BusConnection;
let adapter: MiniAdapter;
let fx: AllianceFixture;
const paths: QueryPath[] = [];

/** The chain's gateway configuration as chainConfigsOf makes it from the entry (`hashSuite` given). */
function configOf(suite: HashSuite | undefined): ChainConfig {
  const entry = fx.authority.chainAt(CHAIN, Date.now())!;
  return {
    chainId: CHAIN,
    kind: 'credit',
    displayName: 'Credit',
    operatorDid: entry.servers[0]!,
    recordTypes: [TYPE],
    trustBasis: 'header_proof',
    trustingPeriodMs: 7 * 86_400_000,
    maxClockDriftMs: 10_000,
    trustAnchor: { height: entry.anchor.height, headerHash: entry.anchor.headerHash },
    ...(suite === undefined ? {} : { hashSuite: suite }),
  };
}

async function pathWith(suite: HashSuite | undefined): Promise<QueryPath> {
  const p = await startQueryPath({
    nc: bus.nc,
    chains: [configOf(suite)],
    authority: fx.authority,
    signer: nativeReceiptSigner(fx.gateway.did, fx.gateway.kid, allianceKey(103)),
    now: Date.now,
    logger: silentLogger(),
  });
  paths.push(p);
  return p;
}

const ask = (p: QueryPath, key: string) =>
  p.engine.answer(
    { chainId: CHAIN, recordType: TYPE, key, height: 0 },
    { requestId: `r-${key}-${Math.random()}`, requesterDid: fx.court.did, maxStalenessMs: 0, deadlineMs: Date.now() + 5_000 },
  );

async function reasonOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    return isCourtbridgeError(e) ? e.reason : String(e);
  }
}

beforeAll(async () => {
  nats = await startNatsServer();
  bus = await connectBus({ servers: nats.url, name: 'sm3-query-test' });
  await provisionCourtbridge(bus.nc);
  fx = allianceFixture({ chains: ['judicial', CHAIN] });
  adapter = new MiniAdapter({ nc: bus.nc, chainId: CHAIN, signer: fx.adapter(CHAIN), recordType: TYPE, hashSuite: 'sm3' });
  adapter.start();
  await adapter.put([{ key: 'debtor/alice', value: utf8('{"listed":true}') }]);
  // The alliance admits the chain as SM3, anchored at its current head (hashed under SM3).
  fx = allianceFixture({ chains: ['judicial', CHAIN], anchors: { [CHAIN]: adapter.ledger.latest() }, hashSuites: { [CHAIN]: 'sm3' } });
}, 30_000);

afterAll(async () => {
  for (const p of paths) await p.stop().catch(() => undefined);
  adapter?.stop();
  adapter?.ledger.close();
  await bus?.close();
  await nats?.stop();
});

describe('an SM3 chain behind the gateway', () => {
  it("a gateway made with the entry's SM3 answers membership and absence with bundles that verify VALID through the entry", async () => {
    const p = await pathWith('sm3');
    await adapter.put([{ key: 'debtor/bob', value: utf8('{"listed":false}') }]);
    for (const key of ['debtor/alice', 'debtor/bob', 'debtor/nobody']) {
      const b = decodeMessage('ProofBundle', encodeMessage('ProofBundle', await ask(p, key)));
      const v = verifyBundle(b, { atMs: Date.now(), authority: fx.authority });
      expect(v.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
      expect(v.verdict).toBe('valid');
      expect(v.verifiedHeader?.hashSuite).toBe('sm3');
      // The gateway's receipt names the header by its SM3 hash.
      expect(v.verifiedHeader?.headerHash).toEqual(headerHash(adapter.ledger.lightBlockAt(b.stateHeight).signedHeader.header, 'sm3'));
    }
    const vh = p.manager.trustedHeaderHash(CHAIN, adapter.ledger.height);
    expect(vh).toEqual(headerHash(adapter.ledger.latest().signedHeader.header, 'sm3'));
    await p.stop();
    paths.pop();
  });

  it('a gateway whose configuration says SHA-256 cannot anchor the chain, drops the SM3 trust it finds, and a correct one re-anchors', async () => {
    const wrong = await pathWith(undefined);
    // Its client was not made: the adapter's header under SHA-256 is not the registry anchor.
    expect(wrong.manager.view(CHAIN).status).toBe('uninitialised');
    // Queries are refused (nothing is trusted), and initialising names why.
    expect(await reasonOf(ask(wrong, 'debtor/alice'))).toBe('client_not_initialised');
    expect(await reasonOf(wrong.manager.ensureVerified(CHAIN, adapter.ledger.height, undefined, Date.now() + 3_000))).toBe(
      'trust_anchor_mismatch',
    );
    await wrong.stop();
    paths.pop();
    const right = await pathWith('sm3');
    const b = decodeMessage('ProofBundle', encodeMessage('ProofBundle', await ask(right, 'debtor/alice')));
    expect(verifyBundle(b, { atMs: Date.now(), authority: fx.authority }).verdict).toBe('valid');
  });
});
