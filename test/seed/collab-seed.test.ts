/**
 * The collab chain's seed: applied in full by its contract, the demo records there and proven, and
 * every seed statement's signature verifying against the dev alliance's registry (which lists the
 * demo organs under the keys the seed signs with).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collab } from '../../adapters/collab/definition.js';
import { accessKey, evidenceKey, transferKey } from '../../adapters/collab/contract.js';
import { checkStatementSignature, readSignedStatementFrom } from '../../adapters/collab/statement.js';
import { contractsOf } from '../../adapters/sdk/definition.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import { createDevAlliance } from '../../src/devtools/dev-alliance.js';
import { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import { loadGenesis } from '../../src/identity/genesis.js';
import { registryStateFromGenesis } from '../../src/identity/registry.js';
import { COLLAB_DEMO } from '../../src/seed/collab-seed.js';
import { loadSeed, seedChain } from '../../src/seed/seed.js';
import { proveAbsent, proveMember } from '../adapters/contracts/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'cb-collab-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('collab seed', () => {
  it('applies in full and holds the demo transfer, its evidence (shared on acceptance) and one logged access', async () => {
    const l = DevLedger.open({ chainId: 'collab', contracts: contractsOf(collab), clock: () => 1_780_000_000_000 });
    const txs = seedChain('collab', { records: 40, seed: 'collab-seed-test' });
    expect(await loadSeed(l, txs)).toHaveLength(txs.length);
    const d = COLLAB_DEMO;
    expect(proveMember(l, transferKey(d.transfer.transferId))).toMatchObject({
      sender: d.transfer.sender,
      receiver: d.transfer.receiver,
      status: 'accepted',
      evidence: [d.evidence.sha256],
    });
    expect(proveMember(l, evidenceKey(d.evidence.sha256))).toMatchObject({ owner: d.evidence.owner, accessCount: 1 });
    expect(proveMember(l, accessKey(d.evidence.sha256, 1)).accessor).toBe(d.transfer.receiver);
    proveAbsent(l, accessKey(d.evidence.sha256, 2));
    expect(txs.map((t) => t.type)).toEqual(expect.arrayContaining(['collab.share', 'collab.transfer', 'collab.answer', 'collab.access']));
  });

  it("every seed statement verifies against the dev alliance's registry; against another alliance it does not", async () => {
    const dev = await createDevAlliance(join(dir, 'alliance'), ['judicial', 'collab'], Date.now());
    const authority = new AllianceAuthority(() => registryStateFromGenesis(loadGenesis(dev.genesisBytes, dev.genesisHashHex)));
    const txs = seedChain('collab', { records: 20, seed: 'collab-seed-test' });
    for (const t of txs) {
      const signed = readSignedStatementFrom(decodeCanonicalObject(t.body), t.id);
      expect(checkStatementSignature(signed, authority), t.id).toMatchObject({ ok: true, did: t.sender });
    }
    const other = await createDevAlliance(join(dir, 'other'), ['judicial'], Date.now());
    const none = new AllianceAuthority(() => registryStateFromGenesis(loadGenesis(other.genesisBytes, other.genesisHashHex)));
    const first = readSignedStatementFrom(decodeCanonicalObject(txs[0]!.body), 'first');
    expect(checkStatementSignature(first, none)).toMatchObject({ ok: false, reason: 'unknown_did' });
  });
});
