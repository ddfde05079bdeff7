/**
 * The collab chain's intake (adapters/collab/intake-server.ts) over a real nats-server, against the
 * real alliance registry: organs' signed statements become txs; a non-organ, a revoked DID, an organ
 * of another chain, a replayed envelope, a forged or stale statement and an acceptance by someone
 * other than the receiver are refused with their reasons. Statements kept in the proven records
 * re-verify afterwards from the registry alone (the key the signer held at signing time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { startCollabIntake, submitEnvelope, submitStatement, type CollabIntake } from '../../../adapters/collab/intake-server.js';
import { evidenceKey, transferKey } from '../../../adapters/collab/contract.js';
import { collab } from '../../../adapters/collab/definition.js';
import { readTransfer, type Statement } from '../../../adapters/collab/schema.js';
import { checkStatementSignature, signStatement, statementBytes, statementSigningInput } from '../../../adapters/collab/statement.js';
import { encodeEnvelope, sealEnvelope } from '../../../src/bus/envelope.js';
import { MemoryReplayGuard } from '../../../src/bus/replay-guard.js';
import { DevLedger } from '../../../src/chain/ledger/ledger.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { encodeCanonical } from '../../../src/encoding/canonical-json.js';
import { concatBytes, fromUtf8, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { readTyped } from '../../../src/chain/ledger/record.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import type { RegistryState } from '../../../src/identity/registry.js';
import type { Role } from '../../../src/identity/authority.js';
import type { Signer } from '../../../src/identity/signer.js';
import { contractsOf } from '../../../adapters/sdk/definition.js';
import { allianceFixture, FixtureDids, type AllianceFixture } from '../../helpers/alliance-fixture.js';
import { revokeMemberUpdate, stateAfterUpdate } from '../../helpers/registry-stream.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';

const POLICE = 'did:alliance:police-test';
const PROC = 'did:alliance:procuratorate-test';
const JUSTICE = 'did:alliance:justice-test';
const POLICE_FIN = 'did:alliance:police-finance-only';
const POLICE_GONE = 'did:alliance:police-revoked';

let nats: NatsServerHandle;
let nc: NatsConnection;
let fx: AllianceFixture;
let ledger: DevLedger;
let intake: CollabIntake;
let state: RegistryState;
let blocks: ReturnType<typeof setInterval>;

const signer = (did: string): Signer => fx.signers.get(did)!;
const ROLE: Record<string, Role> = {
  [POLICE]: 'police',
  [PROC]: 'procuratorate',
  [JUSTICE]: 'justice',
  [POLICE_FIN]: 'police',
  [POLICE_GONE]: 'police',
  [FixtureDids.court]: 'court',
};
function statement(did: string, body: Record<string, unknown>, atMs = Date.now()): Statement {
  return { schema: 1, signer: did, role: ROLE[did] ?? 'police', atMs, ...body } as Statement;
}
const send = (did: string, s: Statement) =>
  submitStatement(nc, 'collab', signer(did), signStatement(signer(did), s), { nowMs: Date.now() });
const sha = (s: string): string => toHex(sha256(utf8(s)));

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  fx = allianceFixture({
    chains: ['judicial', 'collab'],
    extraMembers: [
      { did: POLICE, roles: ['police'], chains: ['collab'] },
      { did: PROC, roles: ['procuratorate'], chains: ['collab'] },
      { did: JUSTICE, roles: ['justice'], chains: ['collab'] },
      { did: POLICE_FIN, roles: ['police'], chains: ['finance'] },
      { did: POLICE_GONE, roles: ['police'], chains: ['collab'] },
    ],
  });
  state = fx.state;
  ledger = DevLedger.open({ chainId: 'collab', contracts: contractsOf(collab) });
  blocks = setInterval(() => ledger.produceBlock(), 20);
  intake = startCollabIntake({
    nc,
    ledger,
    authority: new AllianceAuthority(() => state),
    replay: new MemoryReplayGuard({ windowMs: 120_000 }),
    now: Date.now,
  });
});

afterAll(async () => {
  await intake?.stop();
  clearInterval(blocks);
  await nc?.close();
  await nats?.stop();
});

describe('collab statements: the signed bytes', () => {
  it('are the tag, a zero byte and the SHA-256 of the canonical JSON (keys sorted)', () => {
    const s = statement(POLICE, { type: 'transfer_accept', transferId: 'T-vec' }, 1_780_000_000_000);
    expect(fromUtf8(statementBytes(s))).toBe(
      '{"atMs":1780000000000,"role":"police","schema":1,"signer":"did:alliance:police-test","transferId":"T-vec","type":"transfer_accept"}',
    );
    expect(toHex(statementSigningInput(s).bytes('secp256k1'))).toBe(
      toHex(concatBytes(utf8('courtbridge/v1/collab-statement'), Uint8Array.of(0), sha256(statementBytes(s)))),
    );
  });

  it('verify under the key held at signing time; a changed field, a foreign key or an unknown signer do not', () => {
    const s = statement(POLICE, { type: 'evidence_access', sha256: sha('x'), purpose: 'review' });
    const signed = signStatement(signer(POLICE), s);
    expect(checkStatementSignature(signed, fx.authority)).toMatchObject({ ok: true, did: POLICE, kid: `${POLICE}#key-1` });
    expect(checkStatementSignature({ ...signed, statement: { ...s, purpose: 'other' } as Statement }, fx.authority)).toMatchObject({
      ok: false,
      reason: 'statement_signature_invalid',
    });
    expect(checkStatementSignature({ ...signed, kid: `${PROC}#key-1` }, fx.authority)).toMatchObject({
      ok: false,
      reason: 'signer_mismatch',
    });
    const stranger = { ...s, signer: 'did:alliance:nobody' };
    expect(checkStatementSignature({ ...signed, statement: stranger, kid: 'did:alliance:nobody#key-1' }, fx.authority)).toMatchObject({
      ok: false,
      reason: 'unknown_did',
    });
  });
});

describe('collab intake: accepts', () => {
  it("an organ's transfer, accepted by its receiver; the statements re-verify from the proven record", async () => {
    const ev = sha('intake footage');
    expect((await send(POLICE, statement(POLICE, { type: 'evidence_share', sha256: ev, sharedWith: [] }))).outcome).toBe('committed');
    const t = statement(POLICE, {
      type: 'transfer',
      transferId: 'IT-1',
      receiver: PROC,
      caseRef: '京公东刑诉字〔2026〕0100号',
      evidence: [ev],
    });
    expect((await send(POLICE, t)).outcome).toBe('committed');
    // The same statement again (a new envelope): applied once.
    expect((await send(POLICE, t)).outcome).toBe('already_committed');
    expect((await send(PROC, statement(PROC, { type: 'transfer_accept', transferId: 'IT-1' }))).outcome).toBe('committed');

    const p = ledger.prove(transferKey('IT-1'));
    const rec = readTyped(p.value!, 'transfer', 'transfer', 1, readTransfer);
    expect(rec).toMatchObject({ sender: POLICE, receiver: PROC, status: 'accepted' });
    expect(checkStatementSignature(rec.sent, fx.authority)).toMatchObject({ ok: true, did: POLICE });
    expect(checkStatementSignature(rec.answer!, fx.authority)).toMatchObject({ ok: true, did: PROC });
    expect(ledger.prove(evidenceKey(ev)).value).not.toBeNull();
  });
});

describe('collab intake: refusals', () => {
  it('a transfer signed by a non-organ: out of role (claiming an organ role) or not an organ role at all', async () => {
    const bank = FixtureDids.agency;
    const asPolice = {
      schema: 1,
      signer: bank,
      role: 'police',
      atMs: Date.now(),
      type: 'transfer',
      transferId: 'IT-2',
      receiver: PROC,
      caseRef: 'x',
      evidence: [],
    } as Statement;
    await expect(send(bank, asPolice)).rejects.toMatchObject({ reason: 'out_of_role', code: 'PERMISSION_DENIED' });
    const asAgency = { ...asPolice, role: 'agency' } as Statement;
    await expect(send(bank, asAgency)).rejects.toMatchObject({ reason: 'sender_not_organ', code: 'PERMISSION_DENIED' });
    // An organ granted another chain only may not act on collab.
    await expect(
      send(POLICE_FIN, statement(POLICE_FIN, { type: 'transfer', transferId: 'IT-2', receiver: PROC, caseRef: 'x', evidence: [] })),
    ).rejects.toMatchObject({ reason: 'out_of_role', message: expect.stringContaining('chain collab') });
    expect(ledger.prove(transferKey('IT-2')).value).toBeNull();
  });

  it('a transfer signed by a revoked DID', async () => {
    const made = Date.now() - 5_000;
    // Sent while active: accepted.
    const early = statement(POLICE_GONE, { type: 'transfer', transferId: 'IT-3', receiver: PROC, caseRef: 'x', evidence: [] }, made);
    await send(POLICE_GONE, early);
    state = stateAfterUpdate(state, revokeMemberUpdate(fx, state, POLICE_GONE, Date.now()));
    const late = statement(POLICE_GONE, { type: 'transfer', transferId: 'IT-4', receiver: PROC, caseRef: 'x', evidence: [] });
    await expect(send(POLICE_GONE, late)).rejects.toMatchObject({ reason: 'revoked', code: 'PERMISSION_DENIED' });
    expect(ledger.prove(transferKey('IT-4')).value).toBeNull();
    // What it signed before its revocation still verifies against the registry (key at signing time).
    const rec = readTyped(ledger.prove(transferKey('IT-3')).value!, 'transfer', 'transfer', 1, readTransfer);
    expect(checkStatementSignature(rec.sent, new AllianceAuthority(() => state))).toMatchObject({ ok: true });
    // And a transfer to a revoked organ is refused.
    await expect(
      send(POLICE, statement(POLICE, { type: 'transfer', transferId: 'IT-5', receiver: POLICE_GONE, caseRef: 'x', evidence: [] })),
    ).rejects.toMatchObject({ reason: 'receiver_not_organ' });
  });

  it('a replayed envelope, a stale one, and a stale statement in a fresh one', async () => {
    const s = statement(POLICE, { type: 'evidence_share', sha256: sha('replay'), sharedWith: [] });
    const wire = encodeEnvelope(
      sealEnvelope(signer(POLICE), 'collab.submit', encodeCanonical(signStatement(signer(POLICE), s)), Date.now()),
    );
    expect((await submitEnvelope(nc, 'collab', wire)).outcome).toBe('committed');
    await expect(submitEnvelope(nc, 'collab', wire)).rejects.toMatchObject({ reason: 'replayed', code: 'UNAUTHENTICATED' });
    const old = encodeEnvelope(
      sealEnvelope(signer(POLICE), 'collab.submit', encodeCanonical(signStatement(signer(POLICE), s)), Date.now() - 120_000),
    );
    await expect(submitEnvelope(nc, 'collab', old)).rejects.toMatchObject({ reason: 'stale' });
    const oldStatement = statement(POLICE, { type: 'evidence_share', sha256: sha('old'), sharedWith: [] }, Date.now() - 600_000);
    await expect(send(POLICE, oldStatement)).rejects.toMatchObject({ reason: 'stale_statement' });
    // Bytes that are no envelope, and an envelope whose body is no statement.
    await expect(submitEnvelope(nc, 'collab', utf8('not an envelope'))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      reason: 'malformed',
    });
    const noStatement = encodeEnvelope(sealEnvelope(signer(POLICE), 'collab.submit', encodeCanonical({ type: 'transfer' }), Date.now()));
    await expect(submitEnvelope(nc, 'collab', noStatement)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', reason: 'invalid_record' });
  });

  it("an acceptance signed by someone other than the receiver; another's statement in one's envelope; a forged statement", async () => {
    await send(POLICE, statement(POLICE, { type: 'transfer', transferId: 'IT-6', receiver: PROC, caseRef: 'x', evidence: [] }));
    await expect(send(JUSTICE, statement(JUSTICE, { type: 'transfer_accept', transferId: 'IT-6' }))).rejects.toMatchObject({
      reason: 'not_receiver',
      code: 'PERMISSION_DENIED',
    });
    // The receiver's genuine acceptance, sent in the justice organ's envelope.
    const procAccept = signStatement(signer(PROC), statement(PROC, { type: 'transfer_accept', transferId: 'IT-6' }));
    await expect(
      submitStatement(
        nc,
        'collab',
        signer(JUSTICE),
        { ...procAccept, statement: { ...procAccept.statement, role: 'justice' } },
        { nowMs: Date.now() },
      ),
    ).rejects.toMatchObject({
      reason: 'signer_mismatch',
    });
    // An acceptance claiming to be the receiver's, signed with the justice organ's key.
    const forged = { ...signStatement(signer(JUSTICE), statement(JUSTICE, { type: 'transfer_accept', transferId: 'IT-6' })) };
    const asProc = { ...forged, statement: { ...forged.statement, signer: PROC, role: 'procuratorate' as const }, kid: `${PROC}#key-1` };
    await expect(submitStatement(nc, 'collab', signer(PROC), asProc, { nowMs: Date.now() })).rejects.toMatchObject({
      reason: 'statement_signature_invalid',
      code: 'UNAUTHENTICATED',
    });
    expect(readTyped(ledger.prove(transferKey('IT-6')).value!, 'transfer', 'transfer', 1, readTransfer).status).toBe('sent');
    // A transfer to a member who is no organ (the gateway).
    await expect(
      send(POLICE, statement(POLICE, { type: 'transfer', transferId: 'IT-7', receiver: FixtureDids.gateway, caseRef: 'x', evidence: [] })),
    ).rejects.toMatchObject({ reason: 'receiver_not_organ', code: 'FAILED_PRECONDITION' });
    // Evidence shared with a member who is no organ.
    await expect(
      send(POLICE, statement(POLICE, { type: 'evidence_share', sha256: sha('to the bank'), sharedWith: [PROC, FixtureDids.agency] })),
    ).rejects.toMatchObject({ reason: 'receiver_not_organ', message: expect.stringContaining(FixtureDids.agency) });
  });
});
