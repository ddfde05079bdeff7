/**
 * Re-checking proven collab records from the registry (adapters/collab/record-check.ts): the records
 * a real ledger wrote check out, naming their signers; a record that says other than its statement,
 * a statement altered after signing, and one signed by a DID the registry does not know are refused.
 */
import { describe, expect, it } from 'vitest';
import { accessKey, evidenceKey, transferKey } from '../../../adapters/collab/contract.js';
import { collab } from '../../../adapters/collab/definition.js';
import { checkRecordStatements } from '../../../adapters/collab/record-check.js';
import { txTypeOf, type Statement } from '../../../adapters/collab/schema.js';
import { signStatement, statementId } from '../../../adapters/collab/statement.js';
import { contractsOf } from '../../../adapters/sdk/definition.js';
import { DevLedger } from '../../../src/chain/ledger/ledger.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { decodeCanonicalObject, encodeCanonical, type CanonicalObject } from '../../../src/encoding/canonical-json.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { createSigner } from '../../../src/identity/signer.js';
import { allianceFixture } from '../../helpers/alliance-fixture.js';

const POLICE = 'did:alliance:police-check';
const PROC = 'did:alliance:procuratorate-check';
const fx = allianceFixture({
  chains: ['judicial', 'collab'],
  extraMembers: [
    { did: POLICE, roles: ['police'], chains: ['collab'] },
    { did: PROC, roles: ['procuratorate'], chains: ['collab'] },
  ],
});
const EV = toHex(sha256(utf8('record-check evidence')));

async function world(): Promise<DevLedger> {
  const l = DevLedger.open({ chainId: 'collab', contracts: contractsOf(collab) });
  let t = 1_780_000_000_000;
  const say = async (did: string, role: string, body: Record<string, unknown>): Promise<void> => {
    t += 1000;
    const s = { schema: 1, signer: did, role, atMs: t, ...body } as Statement;
    const signed = signStatement(fx.signers.get(did)!, s);
    const p = l.submit({ type: txTypeOf(s.type), sender: did, id: statementId(s), body: encodeCanonical(signed) });
    l.produceBlock();
    await p;
  };
  await say(POLICE, 'police', { type: 'evidence_share', sha256: EV, sharedWith: [] });
  await say(POLICE, 'police', {
    type: 'transfer',
    transferId: 'RC-1',
    receiver: PROC,
    caseRef: '京公东刑诉字〔2026〕0300号',
    evidence: [EV],
  });
  await say(PROC, 'procuratorate', { type: 'transfer_accept', transferId: 'RC-1' });
  await say(PROC, 'procuratorate', { type: 'evidence_access', sha256: EV, purpose: '审查起诉 review' });
  return l;
}

const provenValue = (l: DevLedger, key: string): Uint8Array => l.prove(key).value!;
const edit = (value: Uint8Array, f: (o: Record<string, unknown>) => void): Uint8Array => {
  const o = structuredClone(decodeCanonicalObject(value)) as Record<string, unknown>;
  f(o);
  return encodeCanonical(o as CanonicalObject);
};

describe('checkRecordStatements', () => {
  it('checks out every record the ledger wrote, naming who signed what', async () => {
    const l = await world();
    expect(checkRecordStatements(provenValue(l, transferKey('RC-1')), fx.authority)).toMatchObject({
      ok: true,
      signers: [
        { did: POLICE, kid: `${POLICE}#key-1`, type: 'transfer' },
        { did: PROC, kid: `${PROC}#key-1`, type: 'transfer_accept' },
      ],
    });
    // The evidence now lists the receiver too (shared on acceptance): still the owner's statement.
    expect(checkRecordStatements(provenValue(l, evidenceKey(EV)), fx.authority)).toMatchObject({ ok: true, signers: [{ did: POLICE }] });
    expect(checkRecordStatements(provenValue(l, accessKey(EV, 1)), fx.authority)).toMatchObject({ ok: true, signers: [{ did: PROC }] });
  });

  it('refuses a record that says other than its statement', async () => {
    const l = await world();
    const t = provenValue(l, transferKey('RC-1'));
    for (const [field, v] of [
      ['receiver', POLICE],
      ['caseRef', 'another case'],
      ['sentAtMs', 1],
      ['status', 'returned'],
    ] as const) {
      const r = checkRecordStatements(
        edit(t, (o) => {
          o[field] = v;
        }),
        fx.authority,
      );
      expect(r, field).toMatchObject({ ok: false, reason: 'statement_mismatch' });
    }
    const e = edit(provenValue(l, evidenceKey(EV)), (o) => {
      o.owner = PROC;
    });
    expect(checkRecordStatements(e, fx.authority)).toMatchObject({
      ok: false,
      reason: 'statement_mismatch',
      message: expect.stringContaining('owner'),
    });
    const a = edit(provenValue(l, accessKey(EV, 1)), (o) => {
      o.purpose = 'curiosity';
    });
    expect(checkRecordStatements(a, fx.authority)).toMatchObject({ ok: false, reason: 'statement_mismatch' });
  });

  it('refuses a statement altered after signing, and one signed by a DID the registry does not know', async () => {
    const l = await world();
    const altered = edit(provenValue(l, transferKey('RC-1')), (o) => {
      (o.sent as { statement: Record<string, unknown> }).statement.caseRef = 'another case';
      o.caseRef = 'another case';
    });
    expect(checkRecordStatements(altered, fx.authority)).toMatchObject({ ok: false, reason: 'statement_signature_invalid' });
    // A whole record made by a stranger's key, consistent in itself.
    const stranger = createSigner('did:alliance:stranger', 'did:alliance:stranger#key-1', sha256(utf8('stranger')));
    const s = { type: 'evidence_access', schema: 1, signer: stranger.did, role: 'police', atMs: 5, sha256: EV, purpose: 'x' } as Statement;
    const forged = encodeCanonical({
      type: 'access',
      schema: 1,
      sha256: EV,
      seq: 2,
      accessor: stranger.did,
      purpose: 'x',
      atMs: 5,
      signed: signStatement(stranger, s),
    } as unknown as CanonicalObject);
    expect(checkRecordStatements(forged, fx.authority)).toMatchObject({ ok: false, reason: 'unknown_did' });
  });
});
