/**
 * Creditor rank and payee account on an obligation (proto Obligation.creditor_rank/payee_account,
 * the judgment's canonical JSON): signed when set, left out of the sign bytes when default, so
 * agreements and instruments signed before keep their bytes; malformed values refused naming the field.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import { agreementBytes, checkAgreement, type MediationAgreement, type Obligation } from '../../src/workflows/enforcement/agreement.js';
import {
  checkInstrument,
  decodeInstrument,
  instrumentBytes,
  signInstrument,
  verifyInstrument,
} from '../../src/workflows/enforcement/instrument.js';
import { decodeMessage } from '../../src/wire/codec.js';
import { COURT, didKeyAuthority } from './fixtures/world.js';

const h = (s: string): Uint8Array => sha256(utf8(s));
const base: MediationAgreement = {
  caseId: 'V-1',
  documentHash: h('doc'),
  parties: [
    { partyIdHash: h('debtor'), role: 'obligor' },
    { partyIdHash: h('creditor'), role: 'obligee' },
  ],
  obligations: [
    {
      obligationId: '1',
      obligorIdHash: h('debtor'),
      obligeeIdHash: h('creditor'),
      amount: '10000000',
      description: 'repay',
      dueAtMs: 1_750_000_000_000,
    },
  ],
  courtDid: 'did:alliance:court-bj-01',
  kid: 'did:alliance:court-bj-01#k1',
  confirmedAtMs: 1_749_000_000_000,
};
const withOb = (extra: Partial<Obligation>): MediationAgreement => ({ ...base, obligations: [{ ...base.obligations[0]!, ...extra }] });
const judgmentOf = (a: MediationAgreement) => {
  const { confirmedAtMs, ...rest } = a;
  return { ...rest, kind: 'judgment' as const, effectiveAtMs: confirmedAtMs };
};

// sha256 of the sign bytes as the code wrote them before the fields existed (pinned).
const AGREEMENT_BYTES_SHA256 = '58c41a5a322b0873926ae67023baf3913956d21db1549b66e03c0c26810efee5';
const JUDGMENT_BYTES_SHA256 = '32a989d3b3e4f92882f3e453facaee037a76a192a66625d3f19d057863682e1e';

describe('creditor rank and payee account', () => {
  it('leave the sign bytes of an agreement or judgment without them unchanged (ordinary = unset)', () => {
    expect(toHex(sha256(agreementBytes(base)))).toBe(AGREEMENT_BYTES_SHA256);
    expect(toHex(sha256(agreementBytes(withOb({ creditorRank: 'ordinary' }))))).toBe(AGREEMENT_BYTES_SHA256);
    expect(toHex(sha256(instrumentBytes(judgmentOf(base))))).toBe(JUDGMENT_BYTES_SHA256);
    expect(toHex(sha256(instrumentBytes(judgmentOf(withOb({ creditorRank: 'ordinary' })))))).toBe(JUDGMENT_BYTES_SHA256);
  });

  it('are signed when set: in the protobuf and in the canonical JSON, and read back', () => {
    const a = withOb({ creditorRank: 'secured', payeeAccount: '6225880112233445' });
    expect(toHex(sha256(agreementBytes(a)))).not.toBe(AGREEMENT_BYTES_SHA256);
    const ob = decodeMessage('MediationAgreement', agreementBytes(a)).obligations[0]!;
    expect([ob.creditorRank, ob.payeeAccount]).toEqual(['CREDITOR_RANK_SECURED', '6225880112233445']);
    const j = judgmentOf(a);
    const json = decodeCanonicalObject(instrumentBytes(j), 'instrument') as { obligations: Record<string, unknown>[] };
    expect(json.obligations[0]).toMatchObject({ creditorRank: 'secured', payeeAccount: '6225880112233445' });
    expect(decodeInstrument(instrumentBytes(j)).obligations[0]).toMatchObject({
      creditorRank: 'secured',
      payeeAccount: '6225880112233445',
    });
    // Preferential too; a changed rank or account breaks the court's signature.
    const { instrument, signature } = signInstrument(
      COURT,
      judgmentOf(withOb({ creditorRank: 'preferential', payeeAccount: '6225880112233445' })),
    );
    verifyInstrument(instrument, signature, didKeyAuthority);
    const { creditorRank: _r, ...unranked } = instrument.obligations[0]!;
    for (const ob of [
      { ...unranked, creditorRank: 'secured' as const },
      { ...instrument.obligations[0]!, payeeAccount: '6225880112239999' },
      unranked,
    ]) {
      const forged = { ...instrument, obligations: [ob] };
      expect(() => verifyInstrument(forged, signature, didKeyAuthority)).toThrow(
        expect.objectContaining({ reason: 'court_signature_invalid' }),
      );
    }
  });

  const bad: { name: string; extra: Record<string, unknown>; field: string }[] = [
    { name: 'unknown rank', extra: { creditorRank: 'wages' }, field: 'obligations[0].creditorRank' },
    { name: 'empty account', extra: { payeeAccount: '' }, field: 'obligations[0].payeeAccount' },
    {
      name: 'account with a slash (a custody account)',
      extra: { payeeAccount: 'court-custody/ab12cd' },
      field: 'obligations[0].payeeAccount',
    },
    { name: 'account too short', extra: { payeeAccount: '12345' }, field: 'obligations[0].payeeAccount' },
    { name: 'account not a string', extra: { payeeAccount: 6225880112233445 }, field: 'obligations[0].payeeAccount' },
  ];
  for (const b of bad) {
    it(`refuses: ${b.name} (agreement_malformed / instrument_malformed naming the field)`, () => {
      const a = withOb(b.extra as Partial<Obligation>);
      expect(() => checkAgreement(a)).toThrow(
        expect.objectContaining({ reason: 'agreement_malformed', message: expect.stringContaining(`agreement.${b.field}`) }),
      );
      expect(() => checkInstrument(judgmentOf(a))).toThrow(
        expect.objectContaining({ reason: 'instrument_malformed', message: expect.stringContaining(`instrument.${b.field}`) }),
      );
    });
  }
});
