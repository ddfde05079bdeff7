/**
 * The collab chain's contract (adapters/collab/contract.ts) on a real in-memory DevLedger: every
 * accept path proven by membership (and absence) proofs, every refusal with its reason.
 */
import { describe, expect, it } from 'vitest';
import { collab } from '../../../adapters/collab/definition.js';
import { accessKey, evidenceKey, transferKey } from '../../../adapters/collab/contract.js';
import { CollabTx, txTypeOf, type Statement } from '../../../adapters/collab/schema.js';
import { signStatement, statementId } from '../../../adapters/collab/statement.js';
import type { Tx } from '../../../src/chain/ledger/transaction.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { encodeCanonical } from '../../../src/encoding/canonical-json.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { createSigner, type Signer } from '../../../src/identity/signer.js';
import type { Role } from '../../../src/identity/authority.js';
import { action, COURT, openLedger, proveAbsent, proveMember, refused, run } from './harness.js';

const key = (n: number): Uint8Array => sha256(utf8(`collab contract test key ${n}`));
const POLICE = createSigner('did:alliance:police-t', 'did:alliance:police-t#key-1', key(1));
const PROC = createSigner('did:alliance:procuratorate-t', 'did:alliance:procuratorate-t#key-1', key(2));
const JUSTICE = createSigner('did:alliance:justice-t', 'did:alliance:justice-t#key-1', key(3));
const COURT_S = createSigner(COURT, `${COURT}#key-1`, key(4));
const BANK = createSigner('did:alliance:agency-t', 'did:alliance:agency-t#key-1', key(5));
const ROLE: Record<string, Role> = {
  [POLICE.did]: 'police',
  [PROC.did]: 'procuratorate',
  [JUSTICE.did]: 'justice',
  [COURT]: 'court',
  [BANK.did]: 'agency',
};

let clock = 1_780_000_000_000;
/** A signed statement tx from `signer` (sender = signer unless told). */
function stmt(signer: Signer, body: Record<string, unknown>, opts: { sender?: string; role?: Role; txType?: string } = {}): Tx {
  clock += 1000;
  const s = { schema: 1, signer: signer.did, role: opts.role ?? ROLE[signer.did]!, atMs: clock, ...body } as Statement;
  const signed = signStatement(signer, s);
  return { type: opts.txType ?? txTypeOf(s.type), sender: opts.sender ?? signer.did, id: statementId(s), body: encodeCanonical(signed) };
}
const hashOf = (s: string): string => toHex(sha256(utf8(s)));
const share = (owner: Signer, sha: string, sharedWith: string[] = []): Tx =>
  stmt(owner, { type: 'evidence_share', sha256: sha, sharedWith });
const transfer = (from: Signer, to: string, transferId: string, evidence: string[], extra: { role?: Role; sender?: string } = {}): Tx =>
  stmt(from, { type: 'transfer', transferId, receiver: to, caseRef: '京公东刑诉字〔2026〕0099号', evidence }, extra);
const accept = (by: Signer, transferId: string): Tx => stmt(by, { type: 'transfer_accept', transferId });
const giveBack = (by: Signer, transferId: string, reason = '证据不足 insufficient evidence'): Tx =>
  stmt(by, { type: 'transfer_return', transferId, reason });
const access = (by: Signer, sha: string, purpose = '审查起诉 review'): Tx => stmt(by, { type: 'evidence_access', sha256: sha, purpose });

describe('collab contract: accepts', () => {
  it('share, transfer, accept (evidence follows the case), access logged in sequence; all proven', async () => {
    const l = openLedger(collab);
    const ev = hashOf('footage');
    await run(l, share(POLICE, ev, [JUSTICE.did]));
    let e = proveMember(l, evidenceKey(ev));
    expect(e).toMatchObject({ type: 'evidence', owner: POLICE.did, sharedWith: [JUSTICE.did], accessCount: 0 });
    expect((e.shared as { kid: string }).kid).toBe(POLICE.kid);

    await run(l, transfer(POLICE, PROC.did, 'T-1', [ev]));
    expect(proveMember(l, transferKey('T-1'))).toMatchObject({
      sender: POLICE.did,
      senderRole: 'police',
      receiver: PROC.did,
      evidence: [ev],
      status: 'sent',
      answeredAtMs: 0,
    });
    expect(l.lookup('organ', PROC.did)).toContain(transferKey('T-1'));
    // Before the acceptance the receiver may not use the evidence.
    await refused(run(l, access(PROC, ev)), 'not_shared');

    await run(l, accept(PROC, 'T-1'));
    const t = proveMember(l, transferKey('T-1'));
    expect(t.status).toBe('accepted');
    expect((t.answer as { statement: { type: string; signer: string } }).statement).toMatchObject({
      type: 'transfer_accept',
      signer: PROC.did,
    });
    e = proveMember(l, evidenceKey(ev));
    expect(e.sharedWith).toEqual([JUSTICE.did, PROC.did]);

    await run(l, access(PROC, ev));
    await run(l, access(POLICE, ev, '补充侦查 further investigation'));
    expect(proveMember(l, accessKey(ev, 1))).toMatchObject({ type: 'access', seq: 1, accessor: PROC.did, purpose: '审查起诉 review' });
    expect(proveMember(l, accessKey(ev, 2))).toMatchObject({ seq: 2, accessor: POLICE.did });
    expect(proveMember(l, evidenceKey(ev)).accessCount).toBe(2);
    proveAbsent(l, accessKey(ev, 3));
    proveAbsent(l, transferKey('T-unknown'));
  });

  it('a return with its reason; a court sends a case; an empty evidence list', async () => {
    const l = openLedger(collab);
    await run(l, transfer(PROC, JUSTICE.did, 'T-2', []));
    await run(l, giveBack(JUSTICE, 'T-2', '不属本机关管辖 not our jurisdiction'));
    const t = proveMember(l, transferKey('T-2'));
    expect(t.status).toBe('returned');
    expect((t.answer as { statement: { reason: string } }).statement.reason).toBe('不属本机关管辖 not our jurisdiction');
    await run(l, transfer(COURT_S, PROC.did, 'T-3', []));
    expect(proveMember(l, transferKey('T-3'))).toMatchObject({ sender: COURT, senderRole: 'court' });
  });

  it("a court's seal stops access and transfers until the same case releases it", async () => {
    const l = openLedger(collab);
    const ev = hashOf('ledger book');
    await run(l, share(POLICE, ev, [PROC.did]));
    const seal = action('seal', ev, { caseId: '(2026)京0101民初7号' });
    await run(l, collab.actionTx(seal));
    expect(proveMember(l, collab.actionResultKey(seal)).seal).toMatchObject({
      court: COURT,
      caseId: '(2026)京0101民初7号',
      orderId: seal.orderId,
    });
    await refused(run(l, access(PROC, ev)), 'evidence_sealed');
    await refused(run(l, transfer(POLICE, JUSTICE.did, 'T-4', [ev])), 'evidence_sealed');
    await refused(run(l, collab.actionTx(action('seal', ev))), 'already_sealed');
    await refused(run(l, collab.actionTx(action('release', ev, { caseId: '(2026)京0101民初8号' }))), 'not_sealed');
    await run(l, collab.actionTx(action('release', ev, { caseId: '(2026)京0101民初7号' })));
    expect(proveMember(l, evidenceKey(ev)).seal).toBeUndefined();
    await run(l, access(PROC, ev));
    await refused(run(l, collab.actionTx(action('release', ev))), 'not_sealed');
    await refused(run(l, collab.actionTx(action('seal', hashOf('nothing')))), 'unknown_record');
  });
});

describe('collab contract: refusals', () => {
  it('who signs: the statement signer must be the sender; the role a court or an organ', async () => {
    const l = openLedger(collab);
    const ev = hashOf('a');
    await refused(run(l, stmt(POLICE, { type: 'evidence_share', sha256: ev, sharedWith: [] }, { sender: PROC.did })), 'signer_mismatch');
    await refused(run(l, stmt(BANK, { type: 'evidence_share', sha256: ev, sharedWith: [] })), 'sender_not_organ');
    await refused(run(l, transfer(BANK, PROC.did, 'T-x', [])), 'sender_not_organ');
    await refused(run(l, transfer(POLICE, PROC.did, 'T-x', [], { role: 'gateway' })), 'sender_not_organ');
    proveAbsent(l, evidenceKey(ev));
    proveAbsent(l, transferKey('T-x'));
  });

  it('transfers: once, not to oneself, only registered evidence the sender may use', async () => {
    const l = openLedger(collab);
    const ev = hashOf('b');
    await run(l, share(JUSTICE, ev));
    await refused(run(l, transfer(POLICE, POLICE.did, 'T-5', [])), 'self_transfer');
    await refused(run(l, transfer(POLICE, PROC.did, 'T-5', [hashOf('never shared')])), 'unknown_evidence');
    await refused(run(l, transfer(POLICE, PROC.did, 'T-5', [ev])), 'not_shared');
    await run(l, transfer(POLICE, PROC.did, 'T-5', []));
    await refused(run(l, transfer(POLICE, JUSTICE.did, 'T-5', [])), 'record_exists');
    expect(proveMember(l, transferKey('T-5')).receiver).toBe(PROC.did);
  });

  it('answers: only the named receiver, only once, only for a transfer that exists', async () => {
    const l = openLedger(collab);
    await run(l, transfer(POLICE, PROC.did, 'T-6', []));
    await refused(run(l, accept(JUSTICE, 'T-6')), 'not_receiver');
    await refused(run(l, giveBack(POLICE, 'T-6')), 'not_receiver');
    await refused(run(l, accept(PROC, 'T-none')), 'unknown_record');
    await run(l, accept(PROC, 'T-6'));
    await refused(run(l, giveBack(PROC, 'T-6')), 'already_answered');
    // A second acceptance statement (another time, so another tx id) is refused too.
    await refused(run(l, accept(PROC, 'T-6')), 'already_answered');
    expect(proveMember(l, transferKey('T-6')).status).toBe('accepted');
  });

  it('evidence: registered once; access only by the owner or an organ it is shared with', async () => {
    const l = openLedger(collab);
    const ev = hashOf('c');
    await run(l, share(POLICE, ev, [PROC.did]));
    await refused(run(l, share(JUSTICE, ev)), 'record_exists');
    await refused(run(l, access(JUSTICE, ev)), 'not_shared');
    await refused(run(l, access(JUSTICE, hashOf('unregistered'))), 'unknown_evidence');
    expect(proveMember(l, evidenceKey(ev)).accessCount).toBe(0);
    proveAbsent(l, accessKey(ev, 1));
  });

  it('malformed: a statement in the wrong tx type, a bad signature field, an owner shared with itself', async () => {
    const l = openLedger(collab);
    const ev = hashOf('d');
    await refused(
      run(l, stmt(POLICE, { type: 'evidence_share', sha256: ev, sharedWith: [] }, { txType: CollabTx.Access })),
      'invalid_record',
    );
    const good = share(POLICE, ev);
    const body = JSON.parse(new TextDecoder().decode(good.body)) as { signature: string };
    body.signature = 'x';
    await refused(run(l, { ...good, body: encodeCanonical(body) }), 'invalid_record');
    await refused(run(l, share(POLICE, ev, [POLICE.did])), 'invalid_record');
    proveAbsent(l, evidenceKey(ev));
  });
});
