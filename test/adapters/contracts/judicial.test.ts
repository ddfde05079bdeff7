import { beforeEach, describe, expect, it } from 'vitest';
import type { DevLedger } from '../../../src/chain/ledger/ledger.js';
import { judicial } from '../../../adapters/judicial/definition.js';
import {
  agreementKey,
  anchorKey,
  auditHeadKey,
  auditKey,
  caseKey,
  orderKey,
  servedDocumentKey,
  serviceKey,
  terminationKey,
} from '../../../src/judicial/record-keys.js';
import { auditEntryHash } from '../../../src/judicial/audit-link.js';
import { AUDIT_GENESIS_HASH } from '../../../src/judicial/audit-link.js';
import { encodeCanonical } from '../../../src/encoding/canonical-json.js';
import { toBase64url, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { DEMO_CAST } from '../../../src/seed/demo-cast.js';
import { COURT, action, openLedger, proveAbsent, proveMember, refused, run, tx } from './harness.js';
import { ByteWriter } from '../../../src/encoding/bytes.js';
import { publicKeyFor } from '../../../src/crypto/signature-suite.js';
import { genesisHashHex, loadGenesis } from '../../../src/identity/genesis.js';
import { registryStateEntries, registryStateFromGenesis } from '../../../src/identity/registry.js';
import { verifyCommit } from '../../../src/chain/commit.js';
import { verifyProof } from '../../../src/proof/verify.js';
import {
  anchorBatchKey,
  batchIdOf,
  decodeAnchorPointer,
  decodeStoredBatch,
  encodeAnchorBatch,
} from '../../../src/judicial/anchor-batch.js';
import { anchorPutBody, signEvidenceBatch, type AnchorBatch } from '../../../src/workflows/evidence.js';
import { fixedSigner } from '../../workflows/fixtures/world.js';

const CASE = '(2024)京0101民初777号';
const { debtor, creditor } = DEMO_CAST;
const fileCase = (caseId = CASE, court = COURT) =>
  tx('case.file', {
    type: 'case_file',
    schema: 1,
    caseId,
    court,
    kind: 'civil',
    cause: '民间借贷纠纷',
    parties: [
      { role: 'plaintiff', party: creditor.idHash },
      { role: 'defendant', party: debtor.idHash },
    ],
  });
const agreement = (patch: Record<string, unknown> = {}) =>
  tx('agreement.register', {
    type: 'agreement_register',
    schema: 1,
    agreementId: 'AG-1',
    caseId: CASE,
    kind: 'mediation',
    court: COURT,
    parties: [debtor.idHash, creditor.idHash],
    obligations: [{ debtor: debtor.idHash, creditor: creditor.idHash, amountCents: '10000000', deadlineMs: 1_800_000_000_000 }],
    ...patch,
  });
const orderBody = {
  type: 'order_issue',
  schema: 1,
  orderId: 'ORD-1',
  court: COURT,
  caseId: CASE,
  chain: 'finance',
  kind: 'freeze',
  target: '6222020200112345678',
  amountCents: '10000000',
  legalBasis: '《民事诉讼法》第二百五十三条',
  expiresAtMs: 1_900_000_000_000,
};
const order = (patch: Record<string, unknown> = {}) =>
  tx('order.issue', {
    type: 'order_issue',
    schema: 1,
    orderId: 'ORD-1',
    court: COURT,
    caseId: CASE,
    chain: 'finance',
    kind: 'freeze',
    target: '6222020200112345678',
    amountCents: '10000000',
    legalBasis: '《民事诉讼法》第二百五十三条',
    expiresAtMs: 1_900_000_000_000,
    ...patch,
  });

describe('judicial contracts', () => {
  let l: DevLedger;
  beforeEach(async () => {
    l = openLedger(judicial);
    await run(l, fileCase());
  });

  it('files a case once, proves it and an absent case; status only moves forward', async () => {
    expect(proveMember(l, caseKey(CASE))).toMatchObject({ status: 'filed', court: COURT });
    expect(l.lookup('party', debtor.idHash)).toEqual([caseKey(CASE)]);
    proveAbsent(l, caseKey('(2024)京0101民初778号'));
    await refused(run(l, fileCase()), 'record_exists');
    await run(l, tx('case.status', { type: 'case_status', schema: 1, caseId: CASE, status: 'judged' }));
    await refused(
      run(l, tx('case.status', { type: 'case_status', schema: 1, caseId: CASE, status: 'in_mediation' })),
      'invalid_transition',
    );
    expect(() => judicial.actionTx(action('freeze', 'x'))).toThrow(expect.objectContaining({ reason: 'unknown_action' }));
  });

  it('registers an agreement, records performance up to the amount owed, then marks it performed', async () => {
    await refused(run(l, agreement({ caseId: 'no-such-case' })), 'unknown_case');
    await refused(run(l, agreement({ court: 'did:alliance:court-sh-01' })), 'court_mismatch');
    await refused(run(l, agreement({ parties: [debtor.idHash, DEMO_CAST.lawyer.nameHash] })), 'unknown_party');
    await run(l, agreement());
    const report = (reportId: string, amountCents: string) =>
      tx('performance.report', {
        type: 'performance_report',
        schema: 1,
        agreementId: 'AG-1',
        reportId,
        obligationIndex: 0,
        amountCents,
        reportedBy: COURT,
      });
    await run(l, report('R1', '4000000'));
    await refused(run(l, report('R2', '6000001')), 'overpayment');
    await refused(
      run(
        l,
        tx('performance.report', {
          type: 'performance_report',
          schema: 1,
          agreementId: 'AG-1',
          reportId: 'R3',
          obligationIndex: 5,
          amountCents: '1',
          reportedBy: COURT,
        }),
      ),
      'unknown_obligation',
    );
    expect(proveMember(l, agreementKey('AG-1'))).toMatchObject({
      status: 'effective',
      obligations: [expect.objectContaining({ paidCents: '4000000' })],
    });
    await run(l, report('R4', '6000000'));
    expect(proveMember(l, agreementKey('AG-1'))).toMatchObject({ status: 'performed' });
    expect(l.lookup('debtor', debtor.idHash)).toEqual([agreementKey('AG-1')]);
  });

  it('anchors a signed batch: one batch record, a 45-byte pointer per new hash; the first anchoring stands; a replay changes nothing', async () => {
    const signer = fixedSigner(3);
    const doc = utf8('judgment text v1');
    const items = (hs: Uint8Array[]) => hs.map((contentHash) => ({ contentHash, metadata: [{ name: 'case_id', value: CASE }] }));
    const hashes = [sha256(doc), ...Array.from({ length: 99 }, (_, i) => sha256(utf8(`evidence ${i}`)))];
    const put = (...bs: AnchorBatch[]) => tx('anchor.put', anchorPutBody(bs));
    const b1 = signEvidenceBatch(signer, items(hashes), 1_750_000_000_000);
    const first = await run(l, put(b1));
    const b2 = signEvidenceBatch(signer, items([hashes[0]!, sha256(utf8('new'))]), 1_750_000_000_001);
    await run(l, put(b2));
    const pointer = (h: Uint8Array) => {
      const p = l.prove(anchorKey(toHex(h)));
      verifyCommit(p.light.signedHeader.header, p.light.signedHeader.commit, p.light.validatorSet);
      expect(verifyProof(p.light.signedHeader.header.stateRoot, utf8(anchorKey(toHex(h))), p.value, p.proof).kind).toBe('member');
      expect(p.value!.length).toBe(45);
      return decodeAnchorPointer(p.value!);
    };
    expect(pointer(hashes[0]!)).toEqual({ batchId: batchIdOf(b1.claim), index: 0, anchoredAtMs: first.timeMs });
    expect(pointer(sha256(utf8('new')))).toMatchObject({ batchId: batchIdOf(b2.claim), index: 1 });
    const stored2 = decodeStoredBatch(l.prove(anchorBatchKey(toHex(batchIdOf(b2.claim)))).value!);
    expect(stored2.anchoredEarlier).toEqual([0]);
    expect(l.lookup('case', CASE)).toHaveLength(101);
    // A replay of b1: nothing is written again.
    const before = l.prove(anchorBatchKey(toHex(batchIdOf(b1.claim)))).value!;
    await run(l, put(b1));
    expect(toHex(l.prove(anchorBatchKey(toHex(batchIdOf(b1.claim)))).value!)).toBe(toHex(before));
    proveAbsent(l, anchorKey(toHex(sha256(utf8('judgment text v2')))));
  });

  it('refuses anchor batches: leaves not under the signed root, the same hash twice, malformed bytes, a bad metadata set', async () => {
    const signer = fixedSigner(3);
    const b = signEvidenceBatch(
      signer,
      [0, 1, 2].map((i) => ({ contentHash: sha256(utf8(`refused ${i}`)), metadata: [] })),
      1_750_000_000_000,
    );
    const put = (...bs: AnchorBatch[]) => tx('anchor.put', anchorPutBody(bs));
    await refused(run(l, put({ ...b, hashes: [b.hashes[0]!, sha256(utf8('squat')), b.hashes[2]!] })), 'anchor_root_mismatch');
    await refused(
      run(l, put({ ...b, metaIndex: Uint32Array.of(0, 0, 0), metadata: [[{ name: 'title', value: 'swapped' }]] })),
      'anchor_root_mismatch',
    );
    await refused(run(l, put({ ...b, hashes: [b.hashes[0]!, b.hashes[0]!, b.hashes[2]!] })), 'anchor_root_mismatch');
    const twice = signEvidenceBatch(
      signer,
      [0, 0].map(() => ({ contentHash: sha256(utf8('twice')), metadata: [] })),
      1_750_000_000_000,
    );
    await refused(run(l, put(twice)), 'duplicate_anchor');
    const bytes = encodeAnchorBatch(b);
    await refused(
      run(l, tx('anchor.put', { type: 'anchor_batch', schema: 2, batches: [toBase64url(bytes.slice(0, -1))] })),
      'invalid_record',
    );
    const outOfRange = bytes.slice();
    outOfRange[outOfRange.length - 1] = 9; // the last leaf names metadata set 9 of 1
    await refused(run(l, tx('anchor.put', { type: 'anchor_batch', schema: 2, batches: [toBase64url(outOfRange)] })), 'invalid_record');
    const bad = signEvidenceBatch(signer, [{ contentHash: sha256(utf8('bad kind')), metadata: [] }], 1_750_000_000_000);
    await refused(run(l, put({ ...bad, metadata: [[{ name: 'kind', value: 'rumour' }]] })), 'claim_malformed');
    await refused(run(l, tx('anchor.put', { type: 'anchor_batch', schema: 1, anchors: [] })), 'invalid_record');
    proveAbsent(l, anchorKey(toHex(b.hashes[0]!)));
  });

  it('records service and its receipt once', async () => {
    const svc = tx('service.record', {
      type: 'service_record',
      schema: 1,
      serviceId: 'SV-1',
      caseId: CASE,
      court: COURT,
      documentHash: toHex(sha256(utf8('summons'))),
      documentTitle: '传票',
      recipient: debtor.idHash,
      channel: 'electronic',
    });
    await run(l, svc);
    const receipt = tx('service.receipt', {
      type: 'service_receipt',
      schema: 1,
      serviceId: 'SV-1',
      signer: 'did:key:zQ3shrecipient',
      signature: 'a'.repeat(86),
    });
    await run(l, receipt);
    await refused(
      run(
        l,
        tx('service.receipt', {
          type: 'service_receipt',
          schema: 1,
          serviceId: 'SV-1',
          signer: 'did:key:zQ3shrecipient',
          signature: 'b'.repeat(86),
        }),
      ),
      'already_received',
    );
    expect(proveMember(l, serviceKey('SV-1'))).toMatchObject({ receipt: { status: 'received', signature: 'a'.repeat(86) } });
  });

  it("indexes each document's services at served-document/<hash>: a second service of it is added, another document has none", async () => {
    const doc = toHex(sha256(utf8('judgment served twice')));
    const svc = (serviceId: string) =>
      tx('service.record', {
        type: 'service_record',
        schema: 1,
        serviceId,
        caseId: CASE,
        court: COURT,
        documentHash: doc,
        documentTitle: '判决书',
        recipient: debtor.idHash,
        channel: 'postal',
      });
    await run(l, svc('SV-9'));
    expect(proveMember(l, servedDocumentKey(doc))).toEqual({ type: 'served_document', schema: 1, documentHash: doc, serviceIds: ['SV-9'] });
    await run(l, svc('SV-10'));
    expect(proveMember(l, servedDocumentKey(doc))).toMatchObject({ serviceIds: ['SV-10', 'SV-9'] });
    await refused(run(l, svc('SV-9')), 'record_exists');
    expect(proveMember(l, servedDocumentKey(doc))).toMatchObject({ serviceIds: ['SV-10', 'SV-9'] });
    proveAbsent(l, servedDocumentKey(toHex(sha256(utf8('judgment served twice!')))));
  });

  const orders: { name: string; patch: Record<string, unknown>; reason: string }[] = [
    { name: 'unknown case', patch: { caseId: 'nope' }, reason: 'unknown_case' },
    { name: 'another court', patch: { court: 'did:alliance:court-sh-01' }, reason: 'court_mismatch' },
    { name: 'already expired', patch: { expiresAtMs: 1_000 }, reason: 'already_expired' },
    { name: 'issuedAtMs set by the submitter', patch: { issuedAtMs: 5 }, reason: 'invalid_record' },
    { name: 'for the judicial chain', patch: { chain: 'judicial' }, reason: 'invalid_record' },
    { name: 'amount as a number', patch: { amountCents: 100 }, reason: 'invalid_record' },
    { name: 'unknown field', patch: { priority: 'high' }, reason: 'invalid_record' },
  ];
  for (const c of orders) {
    it(`refuses an order: ${c.name}`, async () => {
      await refused(run(l, order(c.patch)), c.reason);
      proveAbsent(l, orderKey('ORD-1'));
    });
  }

  it('issues an order (block time as issuedAtMs) and refuses orders on a closed case', async () => {
    const r = await run(l, order());
    expect(proveMember(l, orderKey('ORD-1'))).toMatchObject({
      type: 'enforcement_order',
      chain: 'finance',
      kind: 'freeze',
      amountCents: '10000000',
      issuedAtMs: r.timeMs,
    });
    await refused(run(l, order()), 'record_exists');
    await run(l, tx('case.status', { type: 'case_status', schema: 1, caseId: CASE, status: 'closed' }));
    await refused(run(l, order({ orderId: 'ORD-2' })), 'case_closed');
  });

  it('terminates an enforcement for lack of assets (终结本次执行) by round, resumes it once, and issues only releases meanwhile', async () => {
    const ENF = `enf-${CASE}`;
    const enf = tx('case.file', {
      type: 'case_file',
      schema: 1,
      caseId: ENF,
      court: COURT,
      kind: 'enforcement',
      cause: 'enforcement',
      parties: [{ role: 'respondent', party: debtor.idHash }],
      parentCaseId: CASE,
    });
    await run(l, enf);
    const terminate = (patch: Record<string, unknown> = {}) =>
      tx('termination.record', {
        type: 'termination_record',
        schema: 1,
        caseId: ENF,
        court: COURT,
        round: 1,
        outstandingCents: '5000',
        ...patch,
      });
    const resume = (patch: Record<string, unknown> = {}) =>
      tx('termination.resume', {
        type: 'termination_resume',
        schema: 1,
        caseId: ENF,
        court: COURT,
        round: 1,
        reason: 'assets_found',
        ...patch,
      });
    await refused(run(l, terminate({ caseId: CASE })), 'not_enforcement');
    await refused(run(l, terminate({ caseId: 'no-such-case' })), 'unknown_case');
    await refused(run(l, terminate({ court: 'did:alliance:court-sh-01' })), 'court_mismatch');
    await refused(run(l, terminate({ outstandingCents: '0' })), 'invalid_amount');
    await refused(run(l, terminate({ round: 2 })), 'termination_round');
    await refused(run(l, resume()), 'not_terminated');
    const r = await run(l, terminate());
    expect(proveMember(l, terminationKey(ENF))).toEqual({
      type: 'termination',
      schema: 1,
      caseId: ENF,
      court: COURT,
      round: 1,
      status: 'terminated',
      outstandingCents: '5000',
      terminatedAtMs: r.timeMs,
    });
    expect(l.lookup('case', ENF)).toContain(terminationKey(ENF));
    await refused(run(l, terminate({ round: 2 })), 'already_terminated');
    // While terminated: no new freeze; a release (of credit punishment, of a freeze) still goes.
    await refused(run(l, order({ caseId: ENF })), 'case_terminated');
    const giveBack = (patch: Record<string, unknown>) => {
      const { amountCents: _none, ...rest } = { ...JSON.parse(JSON.stringify(orderBody)), caseId: ENF, ...patch };
      return tx('order.issue', rest);
    };
    await run(l, giveBack({ orderId: 'ORD-REL', kind: 'release' }));
    await run(l, giveBack({ orderId: 'ORD-DEL', chain: 'credit', kind: 'delist', target: debtor.idHash }));
    await refused(run(l, resume({ round: 2 })), 'termination_round');
    await refused(run(l, resume({ reason: 'found_on_the_street' })), 'invalid_record');
    const back = await run(l, resume());
    expect(proveMember(l, terminationKey(ENF))).toMatchObject({
      status: 'resumed',
      resumedAtMs: back.timeMs,
      resumeReason: 'assets_found',
    });
    await refused(run(l, resume()), 'not_terminated');
    await run(l, order({ caseId: ENF, orderId: 'ORD-3' }));
    await refused(run(l, terminate()), 'termination_round');
    await run(l, terminate({ round: 2, outstandingCents: '4000' }));
    expect(proveMember(l, terminationKey(ENF))).toMatchObject({ round: 2, status: 'terminated', outstandingCents: '4000' });
    await run(l, tx('case.status', { type: 'case_status', schema: 1, caseId: ENF, status: 'closed' }));
    await refused(run(l, resume({ round: 2 })), 'case_closed');
  });

  it('appends a hash-linked audit log and refuses gaps and forks', async () => {
    const entry = (seq: number, prev: string, step = 'freeze.ordered') => ({
      type: 'audit_entry',
      schema: 1,
      caseId: CASE,
      seq,
      step,
      actor: 'did:alliance:gateway-1',
      atMs: 1_700_000_000_000 + seq,
      prevEntryHash: prev,
      proofs: [{ chain: 'finance', key: 'account/6222020200112345678', height: 12, stateRoot: 'ab'.repeat(32) }],
      details: { amountCents: '100' },
    });
    const e1 = entry(1, AUDIT_GENESIS_HASH);
    await run(l, tx('audit.append', e1));
    const h1 = auditEntryHash(encodeCanonical(e1));
    expect(proveMember(l, auditHeadKey(CASE))).toMatchObject({ seq: 1, entryHash: h1 });
    await refused(run(l, tx('audit.append', entry(3, h1))), 'audit_gap');
    await refused(run(l, tx('audit.append', entry(2, AUDIT_GENESIS_HASH))), 'audit_fork');
    const e2 = entry(2, h1, 'deduct.ordered');
    await run(l, tx('audit.append', e2));
    // The stored bytes are the submitted canonical bytes: an offline verifier re-links them.
    expect(l.get(auditKey(CASE, 2))).toEqual(encodeCanonical(e2));
    expect(proveMember(l, auditKey(CASE, 1))).toEqual(e1);
  });

  it('stores the alliance registry state; refuses a member value naming another DID and a rollback', async () => {
    const head = (seq: number) =>
      new ByteWriter().string('cb-alliance').u32(2).u64(seq).fixed(new Uint8Array(32), 32).fixed(new Uint8Array(32), 32).finish();
    const member = (did: string) => new ByteWriter().string(did).string('org').u8(1).u64(1).u64(0).u32(0).u32(0).finish();
    const put = (entries: { key: string; value: Uint8Array }[]) =>
      tx('registry.put', { type: 'registry_put', schema: 1, entries: entries.map((e) => ({ key: e.key, value: toBase64url(e.value) })) });
    await run(
      l,
      put([
        { key: 'registry/cb-alliance/head', value: head(3) },
        { key: `registry/cb-alliance/member/${COURT}`, value: member(COURT) },
      ]),
    );
    const p = l.prove(`registry/cb-alliance/member/${COURT}`);
    expect(p.value).toEqual(member(COURT));
    await refused(
      run(l, put([{ key: `registry/cb-alliance/member/${COURT}`, value: member('did:alliance:mallory') }])),
      'registry_key_mismatch',
    );
    await refused(run(l, put([{ key: 'registry/cb-alliance/head', value: head(2) }])), 'registry_rollback');
    await refused(run(l, put([{ key: 'registry/cb-alliance/head', value: new Uint8Array(3) }])), 'invalid_record');
    await refused(run(l, put([{ key: 'case/forged', value: member(COURT) }])), 'invalid_record');
  });

  it('stores registryStateEntries whole (head, chains, members) byte for byte; refuses a chain entry under another chain and a value that is not base64url', async () => {
    const key = publicKeyFor('secp256k1', sha256(utf8('courtbridge vector key 1')));
    const anchor = { height: 3, headerHash: 'aa'.repeat(32), validatorsHash: 'bb'.repeat(32) };
    const genesis = utf8(
      JSON.stringify({
        allianceId: 'cb-alliance',
        quorum: 1,
        members: [
          {
            did: COURT,
            org: 'Court',
            roles: ['admin', 'court'],
            chains: ['ip'],
            keys: [{ kid: '#key-1', publicKeyHex: toHex(key), validFromMs: 1 }],
          },
        ],
        chains: [
          { chainId: 'ip', kind: 'bft-smt', displayName: 'IP', anchor, servers: [COURT] },
          {
            chainId: 'credit',
            kind: 'notary',
            displayName: 'Credit',
            anchor,
            servers: [COURT],
            attestation: { threshold: 1, attesters: [COURT] },
          },
        ],
      }),
    );
    const entries = registryStateEntries(registryStateFromGenesis(loadGenesis(genesis, genesisHashHex(genesis))));
    expect(entries.filter((e) => e.key.includes('/chain/')).length).toBe(2);
    const put = (es: { key: string; value: string }[]) => tx('registry.put', { type: 'registry_put', schema: 1, entries: es });
    await run(l, put(entries.map((e) => ({ key: e.key, value: toBase64url(e.value) }))));
    for (const e of entries) expect(l.prove(e.key).value, e.key).toEqual(e.value);
    const ip = entries.find((e) => e.key === 'registry/cb-alliance/chain/ip')!;
    await refused(run(l, put([{ key: 'registry/cb-alliance/chain/credit', value: toBase64url(ip.value) }])), 'registry_key_mismatch');
    await refused(run(l, put([{ key: ip.key, value: toBase64url(ip.value.subarray(0, ip.value.length - 1)) }])), 'invalid_record');
    await refused(run(l, put([{ key: ip.key, value: `${toBase64url(ip.value)}=` }])), 'invalid_record');
    await refused(run(l, put([{ key: ip.key, value: 'not base64url!' }])), 'invalid_record');
  });
});
