/**
 * The judicial chain on SM3 (its registry entry says so): a dev alliance admits it with an SM3
 * anchor; evidence anchored on it and a case history exported from it verify offline when the
 * verifier is told the chain's suite (from its entry), and are refused under SHA-256.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judicial as judicialDefinition } from '../../adapters/judicial/definition.js';
import { contractsOf } from '../../adapters/sdk/definition.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { headerHash } from '../../src/chain/header.js';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { createDevAlliance, type DevChainAnchor } from '../../src/devtools/dev-alliance.js';
import { DevJudicialLedger } from '../../src/devtools/in-process-ports.js';
import { loadGenesis } from '../../src/identity/genesis.js';
import { registryStateFromGenesis, chainAtInState } from '../../src/identity/registry.js';
import { verifyCaseHistory, type CaseHistoryJson } from '../../src/workflows/audit-log.js';
import { ManualClock } from '../../src/workflows/clock.js';
import { EvidenceRegistry, signEvidenceBatch, verifyEvidenceVerdict } from '../../src/workflows/evidence.js';
import { reasonOf } from '../helpers/reason-of.js';
import { agreementFor, DAY, didKeyAuthority, fixedSigner, makeWorld, T0, type World } from './fixtures/world.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('a dev alliance whose judicial chain is SM3', () => {
  it('admits the judicial chain with hashSuite sm3 and its SM3 anchor; the other chains stay SHA-256', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-sm3-alliance-'));
    dirs.push(dir);
    const ledger = DevLedger.open({ chainId: 'judicial', contracts: contractsOf(judicialDefinition), hashSuite: 'sm3' });
    const h = ledger.latest().signedHeader.header;
    const anchor = {
      displayName: '司法链 Judicial chain',
      height: h.height,
      headerHash: headerHash(h, 'sm3'),
      validatorsHash: h.validatorsHash,
    };
    const other = { ...anchor, displayName: 'ip' };
    const a = await createDevAlliance(
      dir,
      ['judicial', 'ip'],
      T0,
      new Map<string, DevChainAnchor>([
        ['judicial', { ...anchor, hashSuite: 'sm3' }],
        ['ip', other],
      ]),
    );
    const state = registryStateFromGenesis(loadGenesis(a.genesisBytes, a.genesisHashHex));
    expect(chainAtInState(state, 'judicial', T0)).toMatchObject({ hashSuite: 'sm3', anchor: { headerHash: headerHash(h, 'sm3') } });
    expect(chainAtInState(state, 'ip', T0)?.hashSuite).toBe('sha256');
    ledger.close();
  });
});

describe('evidence on an SM3 judicial chain', () => {
  const clock = new ManualClock(T0);
  const submitter = fixedSigner(3);
  let judicial: DevJudicialLedger;
  beforeAll(() => {
    judicial = new DevJudicialLedger({ chainId: 'judicial', sender: submitter.did, clock: () => clock.now(), hashSuite: 'sm3' });
  });
  afterAll(() => judicial.close());

  it("anchors and verifies offline under the entry's SM3; under SHA-256 the header check fails (header_quorum_invalid)", async () => {
    expect(judicial.hashSuite()).toBe('sm3');
    const registry = new EvidenceRegistry({ ledger: judicial, authority: didKeyAuthority, clock });
    const files = [0, 1, 2].map((i) => utf8(`evidence #${i}`));
    const batch = signEvidenceBatch(
      submitter,
      files.map((f) => ({ contentHash: sha256(f), metadata: [{ name: 'case_id', value: 'E-1' }] })),
      T0,
    );
    await registry.anchor(batch);
    for (const h of batch.hashes) {
      const r = await registry.verifyHash(h);
      const v = verifyEvidenceVerdict(h, r.bundle!, r.batchBundle, 'judicial', { hashSuites: { judicial: 'sm3' } });
      expect(v.status).toBe('anchored');
      expect(v.bundle.headerHash).toEqual(headerHash(r.bundle!.light.signedHeader.header, 'sm3'));
      expect(reasonOf(() => verifyEvidenceVerdict(h, r.bundle!, r.batchBundle, 'judicial'))).toBe('header_quorum_invalid');
    }
    const absent = await registry.verifyContent(utf8('never anchored'));
    expect(absent.status).toBe('not_anchored');
    expect(
      verifyEvidenceVerdict(sha256(utf8('never anchored')), absent.bundle!, undefined, 'judicial', { hashSuites: { judicial: 'sm3' } })
        .status,
    ).toBe('not_anchored');
  });
});

describe('a case history exported from an SM3 judicial chain', () => {
  let w: World;
  let history: CaseHistoryJson;
  beforeAll(async () => {
    w = await makeWorld({ judicialHashSuite: 'sm3' });
    const e = w.engine();
    const { agreement, signature } = agreementFor('S-1', '800000000', T0 + DAY);
    await e.registerAgreement(agreement, signature);
    w.clock.set(T0 + 2 * DAY);
    await e.tick();
    history = JSON.parse(JSON.stringify(await e.exportCaseHistory('S-1')));
  }, 60_000);
  afterAll(async () => {
    await w.close();
  });

  it("verifies offline under the judicial entry's SM3, and not under SHA-256", () => {
    const v = verifyCaseHistory(history, { hashSuites: { judicial: 'sm3' } });
    expect(v.entries).toBe(history.entries.length);
    expect(v.entries).toBeGreaterThanOrEqual(2);
    // Under SHA-256 the inclusion proofs decode to other siblings and the header's set does not
    // hash to its validators_hash: the judicial header is refused first.
    expect(reasonOf(() => verifyCaseHistory(history))).toBe('header_quorum_invalid');
  });
});
