/**
 * The one rule for "this judicial record is this order" (src/judicial/order.ts
 * `judicialRecordVerdict`), which both the gateway (before accepting an action) and the adapter
 * (before executing it) apply. Each forgery is a well-formed record of ANOTHER order, or this
 * order's record gone stale, and must be refused with its named reason and the differing field.
 */
import { describe, expect, it } from 'vitest';

import { judicialOrderRecordKey } from '../../src/judicial/record-keys.js';
import { judicialRecordVerdict, type JudicialOrder } from '../../src/judicial/order.js';
import { encodeCanonical, type CanonicalObject } from '../../src/encoding/canonical-json.js';
import { utf8 } from '../../src/encoding/bytes.js';

const NOW = 1_780_000_000_000;
const order: JudicialOrder = {
  orderId: 'o-1',
  court: 'did:alliance:court-bj-01',
  caseId: '(2026) Jing 0101 Zhi 77',
  chain: 'finance',
  actionId: 'act-1',
  kind: 'freeze',
  target: '6222020200112345678',
  amount: '100000',
};

/** The record the judicial contract writes for `o` (adapters/judicial/contract.ts orderIssue). */
function recordOf(o: JudicialOrder, extra: Partial<CanonicalObject> = {}): CanonicalObject {
  return {
    type: 'enforcement_order',
    schema: 1,
    orderId: o.orderId,
    court: o.court,
    caseId: o.caseId,
    chain: o.chain,
    kind: o.kind,
    target: o.target,
    ...(o.amount === '' ? {} : { amountCents: o.amount }),
    legalBasis: '《民事诉讼法》第二百四十九条',
    issuedAtMs: NOW - 60_000,
    expiresAtMs: NOW + 3_600_000,
    actionId: o.actionId,
    amount: o.amount,
    ...extra,
  } as CanonicalObject;
}
const bytes = (r: CanonicalObject): Uint8Array => encodeCanonical(r);
const KEY = judicialOrderRecordKey(order.orderId);

describe('judicialRecordVerdict', () => {
  it("the order's own record backs it", () => {
    const v = judicialRecordVerdict(KEY, bytes(recordOf(order)), order, NOW);
    expect(v.kind).toBe('backs');
    expect(v.kind === 'backs' && v.record.expiresAtMs).toBe(NOW + 3_600_000);
  });

  const mismatches: { name: string; recorded: JudicialOrder; field: string }[] = [
    { name: 'another target account', recorded: { ...order, target: '6217000010098765432' }, field: 'target' },
    { name: 'another amount', recorded: { ...order, amount: '100' }, field: 'amountCents' },
    { name: 'another case', recorded: { ...order, caseId: '(2026) Jing 0101 Zhi 78' }, field: 'caseId' },
    { name: 'another kind', recorded: { ...order, kind: 'deduct' }, field: 'kind' },
    { name: 'another court', recorded: { ...order, court: 'did:alliance:court-sh-02' }, field: 'court' },
    { name: 'another chain', recorded: { ...order, chain: 'property' }, field: 'chain' },
    { name: 'another action id', recorded: { ...order, actionId: 'act-2' }, field: 'actionId' },
  ];
  it.each(mismatches)('a record of $name: judicial_record_mismatch naming $field', ({ recorded, field }) => {
    const v = judicialRecordVerdict(KEY, bytes(recordOf(recorded)), order, NOW);
    expect(v).toMatchObject({ kind: 'refused', reason: 'judicial_record_mismatch' });
    expect(v.kind === 'refused' && v.message).toContain(`: ${field} `);
  });

  it("another order's record (its own key): judicial_record_mismatch", () => {
    const other = { ...order, orderId: 'o-2' };
    const v = judicialRecordVerdict(judicialOrderRecordKey(other.orderId), bytes(recordOf(other)), order, NOW);
    expect(v).toMatchObject({ kind: 'refused', reason: 'judicial_record_mismatch' });
    expect(v.kind === 'refused' && v.message).toContain(KEY);
  });

  it('an expired record (even if the JWT is still valid): judicial_order_expired', () => {
    const v = judicialRecordVerdict(KEY, bytes(recordOf(order, { expiresAtMs: NOW })), order, NOW);
    expect(v).toMatchObject({ kind: 'refused', reason: 'judicial_order_expired' });
  });

  it.each([
    { name: 'not JSON', value: utf8('not json') },
    { name: 'another record type', value: bytes(recordOf(order, { type: 'case' })) },
    { name: 'an unknown field', value: bytes(recordOf(order, { note: 'x' })) },
  ])('a record that is $name: judicial_record_malformed', ({ value }) => {
    expect(judicialRecordVerdict(KEY, value, order, NOW)).toMatchObject({ kind: 'refused', reason: 'judicial_record_malformed' });
  });
});
