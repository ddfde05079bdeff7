/**
 * Suite `bundle`: what an anchored proof bundle costs offline.
 * - `bundle.trace_bytes.valset_changes_0` / `_10`: bytes of the trace (field 14) from the
 *   registry anchor of a 4-validator chain, with no and with ten validator-set changes.
 * - `bundle.verify.offline` (no set change) and `bundle.verify.offline.valset_changes_10`:
 *   complete verifications from the bundle's protobuf bytes with the alliance registry
 *   (decode, anchored trace, quorum, every commit signature, proof, receipt). Compared with
 *   native secp256k1 verify scaled by the signatures each needs: the header's 4 (every one is
 *   checked, to name a forged extra) and the receipt's 1; plus 3 of 4 per trace step.
 */
import type { LightBlock } from '../src/chain/signed-header.js';
import { nativeReceiptSigner } from '../src/relay/receipts/root-signer.js';
import { verifyBundleBytes } from '../src/verify/bundle-verify.js';
import { encodeMessage } from '../src/wire/codec.js';
import type { MessageInput } from '../src/wire/messages.js';
import { allianceFixture } from '../test/helpers/alliance-fixture.js';
import { makeBundle, stateWith } from '../test/helpers/bundle-maker.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators } from '../test/helpers/chain-fixture.js';
import { opsPerSecond, withCeiling, type BenchSuite } from './lib.js';

const RECORD = '{"owner":"hash:ab12","area_m2":89.5}'.padEnd(1024, ' ');

async function anchoredBundle(changes: number): Promise<{ bytes: Uint8Array; traceBytes: number; verify: () => void }> {
  const { root, proof } = stateWith({ 'title/1': RECORD }, 'title/1');
  const chain = new ChainFixture('property', fixtureValidators(4, { from: 2000 }));
  const lb = (h: number): LightBlock => chain.at(h);
  let from = 3000;
  for (let i = 0; i < changes; i++) {
    chain.next({ stateRoot: root });
    from += 4;
    chain.next({ stateRoot: root, nextValidators: fixtureValidators(4, { from }) });
  }
  chain.next({ stateRoot: root });
  chain.next({ stateRoot: root });
  const fx = allianceFixture({ chains: ['property'], anchors: { property: lb(1) } });
  const trace = chain.blocks.filter(
    (b) =>
      b.header.height === 1 ||
      (b.header.height < chain.height && !Buffer.from(b.header.validatorsHash).equals(Buffer.from(b.header.nextValidatorsHash))),
  );
  const nowMs = FIXTURE_START_MS + 60_000;
  const bundle = await makeBundle({
    block: lb(chain.height),
    trace,
    recordType: 'property.title',
    key: 'title/1',
    value: RECORD,
    proof,
    receiptSigner: nativeReceiptSigner(fx.gateway.did, fx.gateway.kid, fx.privateKeys.get(fx.gateway.did)!),
    nowMs,
  });
  const bytes = encodeMessage('ProofBundle', bundle as unknown as MessageInput<'ProofBundle'>);
  const traceBytes = encodeMessage('ProofBundle', { trace: bundle.trace as unknown as MessageInput<'TraceBlock'>[] }).length;
  const verify = (): void => {
    if (verifyBundleBytes(bytes, { atMs: nowMs, authority: fx.authority }).verdict !== 'valid')
      throw new Error('bench: the anchored bundle does not verify');
  };
  verify();
  return { bytes, traceBytes, verify };
}

export const bundleSuite: BenchSuite = {
  name: 'bundle',
  async run(ctx) {
    for (const changes of [0, 10]) {
      const b = await anchoredBundle(changes);
      ctx.emit({ name: `bundle.trace_bytes.valset_changes_${changes}`, value: b.traceBytes, unit: 'bytes' });
      const name = changes === 0 ? 'bundle.verify.offline' : `bundle.verify.offline.valset_changes_${changes}`;
      ctx.progress(name);
      const value = opsPerSecond(b.verify, ctx.durationMs, 4);
      ctx.emit(withCeiling(ctx, name, value, 'bundles/s', 'secp256k1.verify.native', 1 / (5 + 3 * changes)));
    }
  },
};
