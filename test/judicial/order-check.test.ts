/**
 * The one order check (src/judicial/order-check.ts) the gateway and the adapters both run. The
 * gateway's and the adapter's checks used to differ; each rule that only one of them had is
 * pinned here on the pure function, with and without the chain's schema.
 */
import { describe, expect, it } from 'vitest';

import {
  checkOrderRequest,
  orderRejectionError,
  requestTargetOf,
  type OrderCheckRequest,
  type OrderCheckSchema,
  type OrderCheckVerdict,
} from '../../src/judicial/order-check.js';
import type { JudicialOrder } from '../../src/judicial/order.js';
import { orderClaimsOf } from '../../src/judicial/order.js';
import { ErrorCode } from '../../src/errors.js';

const COURT = 'did:alliance:court-bj-01';
const order: JudicialOrder = {
  orderId: 'o-1',
  court: COURT,
  caseId: '(2026) Jing 0101 Zhi 77',
  chain: 'finance',
  actionId: 'act-1',
  kind: 'freeze',
  target: 'acct-1',
  amount: '100000',
};

const schema: OrderCheckSchema = {
  chainId: 'finance',
  actions: [{ kind: 'freeze', targetRecordType: 'account' }],
  recordTypes: [{ name: 'account', keyPrefix: 'account/' }],
};

const request = (more: Partial<OrderCheckRequest> = {}): OrderCheckRequest => ({
  actionId: 'act-1',
  chainId: 'finance',
  kind: 'ACTION_KIND_FREEZE',
  target: { recordType: 'account', key: 'account/acct-1' },
  amount: '100000',
  judicialProof: { caseId: order.caseId },
  ...more,
});

const claims = (o: JudicialOrder = order): Record<string, unknown> => ({ ...orderClaimsOf(o), iss: COURT, jti: 'j-1' });

function refusal(v: OrderCheckVerdict): { reason: string; field?: string } {
  if (v.ok) throw new Error('expected a refusal');
  return v.field === undefined ? { reason: v.reason } : { reason: v.reason, field: v.field };
}

describe('checkOrderRequest', () => {
  it('accepts a request that states what the order states, with and without the schema', () => {
    for (const s of [undefined, schema]) {
      const v = checkOrderRequest({ claims: claims(), issuer: COURT, request: request(), ...(s === undefined ? {} : { schema: s }) });
      expect(v).toEqual({ ok: true, order, targetKey: 'account/acct-1' });
    }
  });

  it('refuses claims that do not read as an order: order_malformed', () => {
    const { amount: _amount, ...rest } = claims();
    expect(refusal(checkOrderRequest({ claims: rest, issuer: COURT, request: request() })).reason).toBe('order_malformed');
  });

  // The gateway called this order_mismatch, the adapter order_wrong_chain.
  it('refuses an order addressed to another chain than the request: order_wrong_chain', () => {
    const v = checkOrderRequest({ claims: claims({ ...order, chain: 'property' }), issuer: COURT, request: request() });
    expect(refusal(v)).toEqual({ reason: 'order_wrong_chain', field: 'chain' });
  });

  it.each([
    ['actionId', request({ actionId: 'act-2' })],
    ['kind', request({ kind: 'ACTION_KIND_SEIZE' })],
    ['amount', request({ amount: '1' })],
    ['amount', request({ amount: '100001' })],
    ['amount', request({ amount: '99999' })],
    ['amount', request({ amount: '' })],
  ])('refuses a request whose %s differs: order_mismatch', (field, req) => {
    expect(refusal(checkOrderRequest({ claims: claims(), issuer: COURT, request: req }))).toEqual({ reason: 'order_mismatch', field });
  });

  // Only the gateway had it: an order naming no target authorises nothing.
  it('refuses an order with an empty target, with or without the schema: order_mismatch', () => {
    const empty = { ...order, target: '' };
    expect(refusal(checkOrderRequest({ claims: claims(empty), issuer: COURT, request: request() }))).toEqual({
      reason: 'order_mismatch',
      field: 'target.key',
    });
    const withSchema = checkOrderRequest({
      claims: claims(empty),
      issuer: COURT,
      request: request({ target: { recordType: 'account', key: 'account/' } }),
      schema,
    });
    expect(refusal(withSchema)).toEqual({ reason: 'order_mismatch', field: 'target.key' });
  });

  it('without the schema, refuses a target key that does not end with the order target: order_mismatch', () => {
    const v = checkOrderRequest({
      claims: claims(),
      issuer: COURT,
      request: request({ target: { recordType: 'account', key: 'account/acct-2' } }),
    });
    expect(refusal(v)).toEqual({ reason: 'order_mismatch', field: 'target.key' });
  });

  // Only the adapter had these (they need the chain's definition).
  it('with the schema, refuses a kind the chain has no action for: unknown_action', () => {
    const v = checkOrderRequest({
      claims: claims({ ...order, kind: 'seize' }),
      issuer: COURT,
      request: request({ kind: 'ACTION_KIND_SEIZE' }),
      schema,
    });
    expect(refusal(v)).toEqual({ reason: 'unknown_action', field: 'kind' });
  });

  it('with the schema, refuses a target key that only ends with the order target: order_mismatch', () => {
    const req = request({ target: { recordType: 'account', key: 'loan/acct-1' } });
    expect(checkOrderRequest({ claims: claims(), issuer: COURT, request: req }).ok).toBe(true);
    expect(refusal(checkOrderRequest({ claims: claims(), issuer: COURT, request: req, schema }))).toEqual({
      reason: 'order_mismatch',
      field: 'target.key',
    });
  });

  it('with the schema, refuses a target under another record type: order_mismatch', () => {
    const req = request({ target: { recordType: 'loan', key: 'account/acct-1' } });
    expect(checkOrderRequest({ claims: claims(), issuer: COURT, request: req }).ok).toBe(true);
    expect(refusal(checkOrderRequest({ claims: claims(), issuer: COURT, request: req, schema }))).toEqual({
      reason: 'order_mismatch',
      field: 'target.recordType',
    });
  });

  it('with the schema, refuses a target that is no record of the action type: order_mismatch', () => {
    const multi: OrderCheckSchema = { ...schema, actions: [{ kind: 'freeze', targetRecordType: 'account|loan' }] };
    const v = checkOrderRequest({
      claims: claims({ ...order, target: 'deposit/acct-1' }),
      issuer: COURT,
      request: request({ target: { recordType: 'account', key: 'deposit/acct-1' } }),
      schema: multi,
    });
    expect(refusal(v)).toEqual({ reason: 'order_mismatch', field: 'target' });
  });

  // The gateway said judicial_proof_invalid for both; the adapter named them as here.
  it('refuses a request without a judicial proof: judicial_proof_missing (FAILED_PRECONDITION at the gateway)', () => {
    const v = checkOrderRequest({ claims: claims(), issuer: COURT, request: request({ judicialProof: null }) });
    expect(refusal(v)).toEqual({ reason: 'judicial_proof_missing', field: 'judicialProof' });
    if (v.ok) return;
    expect(orderRejectionError(v).code).toBe(ErrorCode.FailedPrecondition);
  });

  it('refuses a judicial proof for another case: order_mismatch (INVALID_ARGUMENT at the gateway)', () => {
    const v = checkOrderRequest({ claims: claims(), issuer: COURT, request: request({ judicialProof: { caseId: 'other' } }) });
    expect(refusal(v)).toEqual({ reason: 'order_mismatch', field: 'judicialProof.caseId' });
    if (v.ok) return;
    const e = orderRejectionError(v);
    expect(e.code).toBe(ErrorCode.InvalidArgument);
    expect(e.reason).toBe('order_mismatch');
    expect(e.details['field']).toBe('judicialProof.caseId');
  });
});

describe('checkOrderRequest: what a refusal carries', () => {
  // The message names what failed to read: the order's claims.
  it('names the order claims in an order_malformed message, and carries no field', () => {
    const { amount: _amount, ...rest } = claims();
    const v = checkOrderRequest({ claims: rest, issuer: COURT, request: request() });
    if (v.ok) throw new Error('expected a refusal');
    expect(v.message).toContain('order claims');
    expect('field' in v).toBe(false);
    // At the gateway: no details at all, not a field of undefined.
    expect(Object.keys(orderRejectionError(v).details)).toEqual([]);
  });

  // Claims that throw while read are not a malformed order but a fault of the caller: thrown on.
  it('throws what reading the claims throws when it is not a refusal', () => {
    const fault = new TypeError('claims getter failed');
    const bad = {
      ...claims(),
      get kind(): string {
        throw fault;
      },
    };
    expect(() => checkOrderRequest({ claims: bad, issuer: COURT, request: request() })).toThrow(fault);
  });

  it('refuses a request without a target, with or without the schema: order_mismatch', () => {
    const without = checkOrderRequest({ claims: claims(), issuer: COURT, request: request({ target: null }) });
    expect(refusal(without)).toEqual({ reason: 'order_mismatch', field: 'target.key' });
    // The missing key reads as empty.
    if (!without.ok) expect(without.message).toContain('request target.key ""');
    const withSchema = checkOrderRequest({ claims: claims(), issuer: COURT, request: request({ target: undefined }), schema });
    expect(refusal(withSchema)).toEqual({ reason: 'order_mismatch', field: 'target.recordType' });
  });

  it('refuses a request whose judicial proof is absent (undefined, as a decoded message leaves it): judicial_proof_missing', () => {
    const v = checkOrderRequest({ claims: claims(), issuer: COURT, request: request({ judicialProof: undefined }) });
    expect(refusal(v)).toEqual({ reason: 'judicial_proof_missing', field: 'judicialProof' });
  });
});

describe('requestTargetOf (what a client sends so the check passes)', () => {
  it("names the record as the schema does: prefix + target, the action's record type", () => {
    const t = requestTargetOf(schema, 'freeze', 'acct-1');
    expect(t).toEqual({ recordType: 'account', key: 'account/acct-1' });
    const v = checkOrderRequest({ claims: claims(), issuer: COURT, request: request({ target: t! }), schema });
    expect(v.ok).toBe(true);
  });

  it('a target of several record types is the state key itself, of one of them', () => {
    const ip: OrderCheckSchema = {
      chainId: 'ip',
      actions: [{ kind: 'freeze', targetRecordType: 'copyright|patent' }],
      recordTypes: [
        { name: 'copyright', keyPrefix: 'copyright/' },
        { name: 'patent', keyPrefix: 'patent/' },
      ],
    };
    expect(requestTargetOf(ip, 'freeze', 'patent/CN-1')).toEqual({ recordType: 'patent', key: 'patent/CN-1' });
    expect(requestTargetOf(ip, 'freeze', 'trademark/T-1')).toBeUndefined();
    // A bare prefix names no record.
    expect(requestTargetOf(ip, 'freeze', 'patent/')).toBeUndefined();
  });

  it('an action the chain does not have gives nothing (the check then refuses unknown_action)', () => {
    expect(requestTargetOf(schema, 'seize', 'acct-1')).toBeUndefined();
    const v = checkOrderRequest({
      claims: claims({ ...order, kind: 'seize' }),
      issuer: COURT,
      request: request({ kind: 'ACTION_KIND_SEIZE' }),
      schema,
    });
    expect(refusal(v).reason).toBe('unknown_action');
  });
});
