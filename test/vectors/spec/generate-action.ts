import {
  encodeEnvelope,
  envelopeSignBytes,
  envelopeSigningInput,
  privateKeySigner,
  sealEnvelope,
  type Envelope,
} from '../../../src/bus/envelope.js';
import { SignTag, sha256, signingInput } from '../../../src/crypto/hash.js';
import { sign, toHighS } from '../../../src/crypto/secp256k1.js';
import { concatBytes, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { operatorOrderSigningInput } from '../../../src/relay/breaker.js';
import { actionIdOf, orderIdOf } from '../../../src/workflows/enforcement/action-id.js';
import { encodeMessage } from '../../../src/wire/codec.js';
import type { MessageInput } from '../../../src/wire/messages.js';
import { keysJson, privateKeyOf, type RegistryJson, writeVector } from './vector-kit.js';

const write = (name: string, v: unknown): void => writeVector(name, v);

// ---------------------------------------------------------------- action-id
const ID_TAG = 'courtbridge/v1/action-id';
const idCase = (name: string, caseId: string, step: string, chainId: string, target: string) => {
  const bytes = concatBytes(
    utf8(ID_TAG),
    Uint8Array.of(0),
    utf8(caseId),
    Uint8Array.of(0),
    utf8(step),
    Uint8Array.of(0),
    utf8(chainId),
    Uint8Array.of(0),
    utf8(target),
  );
  const actionId = actionIdOf(caseId, step, chainId, target);
  if (actionId !== toHex(sha256(bytes))) throw new Error('actionIdOf is not H of the documented bytes');
  return { name, fields: { caseId, step, chainId, target }, bytes: toHex(bytes), hash: actionId, actionId, orderId: orderIdOf(actionId) };
};
const idValid = [
  idCase('freeze step of a case', '(2024)京0101执1234号', 'freeze', 'finance', 'account/6222020200112345678'),
  idCase(
    'a deduction after a freeze (step names the freeze action)',
    '(2024)京0101执1234号',
    `deduct:${actionIdOf('(2024)京0101执1234号', 'freeze', 'finance', 'account/6222020200112345678')}`,
    'finance',
    'account/6222020200112345678',
  ),
  idCase('empty target', 'case-1', 'list', 'credit', ''),
];
const idInvalid = [
  { name: 'empty action id', reason: 'bad_action_id', why: 'an action id is 1-128 characters', actionId: '' },
  { name: '129 characters', reason: 'bad_action_id', why: 'an action id is at most 128 characters', actionId: 'a'.repeat(129) },
  {
    name: 'a slash',
    reason: 'bad_action_id',
    why: 'only [A-Za-z0-9._:-] are allowed (an id is a KV key and a subject token)',
    actionId: 'case/1',
  },
  { name: 'non-ASCII', reason: 'bad_action_id', why: 'only [A-Za-z0-9._:-] are allowed', actionId: '执行-1' },
];
write('action-id', {
  structure: 'action-id',
  title: 'Deterministic action id (hashed, not signed)',
  spec: 'docs/spec/action.md',
  tag: ID_TAG,
  layout: 'action-id-input',
  keys: {},
  valid: idValid,
  invalid: idInvalid,
});

// ---------------------------------------------------------------- action-result
const T = 1_760_000_000_000;
const ADAPTER = 'did:alliance:finance-adapter';
const resultRegistry: RegistryJson = {
  allianceId: 'courtbridge-vectors',
  quorum: 1,
  members: [
    { did: ADAPTER, roles: ['adapter'], chains: ['finance'], keys: [{ kid: '#key-1', key: '5', validFromMs: 0 }] },
    { did: 'did:alliance:credit-agency', roles: ['adapter'], chains: ['credit'], keys: [{ kid: '#key-1', key: '1', validFromMs: 0 }] },
    { did: 'did:alliance:gateway-1', roles: ['gateway'], chains: [], keys: [{ kid: '#key-1', key: '2', validFromMs: 0 }] },
    {
      did: 'did:alliance:old-finance-adapter',
      roles: ['adapter'],
      chains: ['finance'],
      keys: [{ kid: '#key-1', key: '8', validFromMs: 0 }],
      revokedAtMs: T + 60_000,
    },
  ],
};
const freezeId = idValid[0]!.actionId;
const result = (
  status: NonNullable<MessageInput<'ActionResult'>['status']>,
  extra: Pick<MessageInput<'ActionResult'>, 'reason' | 'detail'> = {},
): MessageInput<'ActionResult'> => ({
  actionId: freezeId,
  chainId: 'finance',
  status,
  reason: '',
  detail: '',
  finishedAtMs: T,
  ...extra,
});
const sealResult = (key: number, did: string, r: MessageInput<'ActionResult'>, msgId: string, type = 'action.result'): Envelope =>
  sealEnvelope(privateKeySigner(did, `${did}#key-1`, privateKeyOf(key)), type, encodeMessage('ActionResult', r), T, msgId);
const envelopeJson = (e: Envelope) => ({
  senderDid: e.senderDid,
  kid: e.kid,
  type: e.type,
  msgId: e.msgId,
  timestampMs: e.timestampMs,
  body: toHex(e.body),
  signature: toHex(e.signature),
});
/** The stored action a signed result is judged for: its id, chain and the status it claims. */
const actionFor = (status: string, chainId = 'finance', actionId = freezeId) => ({ actionId, chainId, status });
const NOW = T + 3_600_000;

const resultValid = [
  ['executed', 'ACTION_STATUS_EXECUTED', result('ACTION_STATUS_EXECUTED', { detail: 'account frozen' }), 'res-1'],
  [
    'rejected with a reason',
    'ACTION_STATUS_REJECTED',
    result('ACTION_STATUS_REJECTED', { reason: 'order_mismatch', detail: 'the order names another account' }),
    'res-2',
  ],
  ['delivered (acknowledged)', 'ACTION_STATUS_DELIVERED', result('ACTION_STATUS_DELIVERED'), 'res-3'],
].map(([name, status, r, msgId]) => {
  const e = sealResult(5, ADAPTER, r as MessageInput<'ActionResult'>, msgId as string);
  const input = envelopeSigningInput(e);
  return {
    name: name as string,
    fields: { senderDid: e.senderDid, kid: e.kid, type: e.type, msgId: e.msgId, timestampMs: e.timestampMs, body: toHex(e.body) },
    bytes: toHex(envelopeSignBytes(e)),
    hash: toHex(sha256(envelopeSignBytes(e))),
    signer: '5',
    signingInput: toHex(input.bytes('secp256k1')),
    signature: toHex(e.signature),
    result: r,
    wire: toHex(encodeEnvelope(e)),
    action: actionFor(status as string),
    nowMs: NOW,
  };
});
const executed = sealResult(5, ADAPTER, result('ACTION_STATUS_EXECUTED', { detail: 'account frozen' }), 'res-1');
const rInv = (name: string, why: string, e: Envelope, action = actionFor('ACTION_STATUS_EXECUTED'), cause?: string) => ({
  name,
  reason: 'action_state_unproven',
  why,
  ...(cause === undefined ? {} : { envelopeDrop: cause }),
  signedResult: envelopeJson(e),
  action,
  nowMs: NOW,
});
const flippedBody = Uint8Array.from(executed.body);
flippedBody[flippedBody.length - 1]! ^= 1;
const resultInvalid = [
  rInv(
    'body changed after signing',
    'one byte of the encoded ActionResult flipped: the envelope signature fails',
    { ...executed, body: flippedBody },
    undefined,
    'tampered',
  ),
  rInv(
    'signed under the action-result tag',
    'the envelope sign bytes signed under courtbridge/v1/action-result: results are signed as envelopes, under courtbridge/v1/envelope only',
    {
      ...executed,
      signature: sign(signingInput(SignTag.ActionResult, envelopeSignBytes(executed)), privateKeyOf(5)),
    },
    undefined,
    'tampered',
  ),
  rInv('high-S twin', 's replaced by n - s', { ...executed, signature: toHighS(executed.signature) }, undefined, 'tampered'),
  rInv(
    'signed by an adapter of another chain',
    'credit-agency adapts credit only; its result for a finance action proves nothing',
    sealResult(1, 'did:alliance:credit-agency', result('ACTION_STATUS_EXECUTED'), 'res-x1'),
    undefined,
    'out_of_role',
  ),
  rInv(
    'signed by the gateway',
    'action.result needs the adapter role',
    sealResult(2, 'did:alliance:gateway-1', result('ACTION_STATUS_EXECUTED'), 'res-x2'),
    undefined,
    'out_of_role',
  ),
  rInv(
    'adapter revoked since',
    'old-finance-adapter signed while a member, was revoked a minute later: a revoked adapter proves nothing now',
    sealResult(8, 'did:alliance:old-finance-adapter', result('ACTION_STATUS_EXECUTED'), 'res-x3'),
    undefined,
    'revoked',
  ),
  rInv(
    'an envelope of another type',
    'a correctly signed asset.report envelope carrying the same bytes is not an action.result',
    sealResult(5, ADAPTER, result('ACTION_STATUS_EXECUTED'), 'res-x4', 'asset.report'),
  ),
  rInv(
    'result for another action',
    'the signed result names another action id',
    executed,
    actionFor('ACTION_STATUS_EXECUTED', 'finance', idValid[2]!.actionId),
  ),
  rInv(
    'result says another status',
    'the signed result says EXECUTED; the entry claims REJECTED',
    executed,
    actionFor('ACTION_STATUS_REJECTED'),
  ),
  rInv(
    'body is not an ActionResult',
    'the signed body does not decode as the protobuf ActionResult',
    sealEnvelope(
      privateKeySigner(ADAPTER, `${ADAPTER}#key-1`, privateKeyOf(5)),
      'action.result',
      Uint8Array.of(0xff, 0xff, 0xff),
      T,
      'res-x5',
    ),
  ),
];
write('action-result', {
  structure: 'action-result',
  title: "An adapter's signed action result (an action.result envelope)",
  spec: 'docs/spec/action.md',
  tag: SignTag.Envelope,
  layout: 'action-result-envelope',
  keys: keysJson([1, 2, 5, 8]),
  registry: resultRegistry,
  valid: resultValid,
  invalid: resultInvalid,
});

// ---------------------------------------------------------------- operator-order
const NOW_ORDER = 1_770_000_000_000;
const WINDOW = 600_000;
const orderRegistry: RegistryJson = {
  allianceId: 'courtbridge-vectors',
  quorum: 2,
  members: [
    { did: 'did:alliance:admin-1', roles: ['admin'], chains: [], keys: [{ kid: '#key-1', key: '11', validFromMs: 0 }] },
    {
      did: 'did:alliance:admin-2',
      roles: ['admin'],
      chains: [],
      keys: [
        { kid: '#key-1', key: '12', validFromMs: 0 },
        { kid: '#key-0', key: '16', validFromMs: 0, validUntilMs: NOW_ORDER - WINDOW },
      ],
    },
    { did: 'did:alliance:admin-3', roles: ['admin'], chains: [], keys: [{ kid: '#key-1', key: '13', validFromMs: 0 }] },
    { did: 'did:alliance:court-a', roles: ['court'], chains: [], keys: [{ kid: '#key-1', key: '14', validFromMs: 0 }] },
    {
      did: 'did:alliance:admin-old',
      roles: ['admin'],
      chains: [],
      keys: [{ kid: '#key-1', key: '15', validFromMs: 0 }],
      revokedAtMs: NOW_ORDER - 1,
    },
  ],
};
type Order = MessageInput<'OperatorOrder'>;
const nonce = (s: string): Uint8Array => sha256(utf8(s)).subarray(0, 16);
const orderJson = (o: Order) => ({
  operation: o.operation,
  chainId: o.chainId ?? '',
  reason: o.reason ?? '',
  issuedAtMs: o.issuedAtMs ?? 0,
  nonce: toHex((o.nonce ?? new Uint8Array()) as Uint8Array),
  trustedHeaderHash: toHex((o.trustedHeaderHash ?? new Uint8Array()) as Uint8Array),
});
const approve = (o: Order, did: string, key: number, kid = `${did}#key-1`, tag: SignTag = SignTag.OperatorOrder) => ({
  adminDid: did,
  kid,
  signature: toHex(
    tag === SignTag.OperatorOrder
      ? sign(operatorOrderSigningInput(o), privateKeyOf(key))
      : sign(signingInput(tag, operatorOrderSigningInput(o).data), privateKeyOf(key)),
  ),
});
const trip: Order = {
  operation: 'OPERATOR_OPERATION_TRIP_BREAKER',
  chainId: 'finance',
  reason: 'bank maintenance window',
  issuedAtMs: NOW_ORDER - 60_000,
  nonce: nonce('trip-1'),
};
const reset: Order = {
  operation: 'OPERATOR_OPERATION_RESET_BREAKER',
  chainId: 'credit',
  reason: '',
  issuedAtMs: NOW_ORDER - 1_000,
  nonce: nonce('reset-1'),
};
const unfreeze: Order = {
  operation: 'OPERATOR_OPERATION_UNFREEZE_CHAIN',
  chainId: 'property',
  reason: '恢复：已核实新的可信区块头',
  issuedAtMs: NOW_ORDER,
  nonce: nonce('unfreeze-1'),
  trustedHeaderHash: sha256(utf8('property header 900')),
};
const orderCase = (name: string, o: Order, approvals: ReturnType<typeof approve>[], signer: string) => {
  const bytes = operatorOrderSigningInput(o).data;
  return {
    name,
    fields: { orderProto: toHex(bytes) },
    bytes: toHex(bytes),
    hash: toHex(sha256(bytes)),
    signer,
    signingInput: toHex(operatorOrderSigningInput(o).bytes('secp256k1')),
    signature: approvals[0]!.signature,
    order: orderJson(o),
    method: o.operation,
    approvals,
    nowMs: NOW_ORDER,
    orderWindowMs: WINDOW,
  };
};
const orderValid = [
  orderCase(
    'trip a breaker, two admins',
    trip,
    [approve(trip, 'did:alliance:admin-1', 11), approve(trip, 'did:alliance:admin-2', 12)],
    '11',
  ),
  orderCase(
    'reset a breaker, empty reason omitted from the bytes',
    reset,
    [approve(reset, 'did:alliance:admin-3', 13), approve(reset, 'did:alliance:admin-1', 11)],
    '13',
  ),
  orderCase(
    'unfreeze a chain, UTF-8 reason, three admins',
    unfreeze,
    [
      approve(unfreeze, 'did:alliance:admin-2', 12),
      approve(unfreeze, 'did:alliance:admin-3', 13),
      approve(unfreeze, 'did:alliance:admin-1', 11),
    ],
    '12',
  ),
];
const good1 = approve(trip, 'did:alliance:admin-1', 11);
const oInv = (
  name: string,
  reason: string,
  why: string,
  o: Order | null,
  approvals: ReturnType<typeof approve>[],
  extra: Record<string, unknown> = {},
) => ({
  name,
  reason,
  why,
  order: o === null ? null : orderJson(o),
  method: trip.operation,
  approvals,
  nowMs: NOW_ORDER,
  orderWindowMs: WINDOW,
  ...extra,
});
/** One good approval and one discarded for `discarded`: the quorum of 2 is not met. */
const oneBad = (name: string, why: string, bad: ReturnType<typeof approve>, discarded: string, o: Order = trip) =>
  oInv(name, 'approval_quorum_not_met', why, o, [good1, bad], { discarded: { [bad.adminDid]: discarded } });
const highS = (a: ReturnType<typeof approve>) => ({ ...a, signature: toHex(toHighS(Buffer.from(a.signature, 'hex'))) });
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const orderInvalid = [
  oInv('no order', 'order_malformed', 'the request carries no order', null, [good1]),
  oInv('sent to another method', 'operation_mismatch', 'a RESET_BREAKER order sent to TripBreaker', reset, [
    approve(reset, 'did:alliance:admin-1', 11),
    approve(reset, 'did:alliance:admin-2', 12),
  ]),
  oInv('chain id outside the grammar', 'bad_chain_id', 'a chain id is 1-64 characters [a-z0-9-]', { ...trip, chainId: 'Finance' }, [good1]),
  oInv('nonce of 15 bytes', 'order_malformed', 'the nonce is 16 random bytes', { ...trip, nonce: nonce('trip-1').subarray(1) }, [good1]),
  oInv(
    'issued before the order window',
    'stale_order',
    'issued 600,001 ms before now; the window is 600,000 ms',
    { ...trip, issuedAtMs: NOW_ORDER - WINDOW - 1 },
    [good1],
  ),
  oInv(
    'issued in the future',
    'stale_order',
    'issued 30,001 ms after now; 30,000 ms of skew are allowed',
    { ...trip, issuedAtMs: NOW_ORDER + 30_001 },
    [good1],
  ),
  oneBad(
    'the same admin twice',
    'admin-1 approves twice: an admin counts once',
    approve(trip, 'did:alliance:admin-1', 11),
    'duplicate_approver',
  ),
  oneBad(
    'signature of 63 bytes',
    'every approval signature is 64 bytes',
    { ...approve(trip, 'did:alliance:admin-2', 12), signature: approve(trip, 'did:alliance:admin-2', 12).signature.slice(2) },
    'bad_signature_length',
  ),
  oneBad('approver not in the registry', 'did:alliance:stranger is no member', approve(trip, 'did:alliance:stranger', 17), 'unknown_admin'),
  oneBad('approver is not an admin', 'court-a holds the court role', approve(trip, 'did:alliance:court-a', 14), 'not_admin'),
  oneBad('approver revoked', 'admin-old was revoked 1 ms before now', approve(trip, 'did:alliance:admin-old', 15), 'revoked_admin'),
  oneBad(
    'kid a bare fragment',
    'an approval names the full key id did:...#key-1',
    approve(trip, 'did:alliance:admin-2', 12, '#key-1'),
    'kid_not_of_admin',
  ),
  oneBad(
    'kid of another DID',
    "admin-2's approval names admin-3's key",
    approve(trip, 'did:alliance:admin-2', 13, 'did:alliance:admin-3#key-1'),
    'kid_not_of_admin',
  ),
  oneBad(
    'key no longer valid',
    "admin-2's #key-0 was rotated away before now",
    approve(trip, 'did:alliance:admin-2', 16, 'did:alliance:admin-2#key-0'),
    'key_not_valid_at_time',
  ),
  oneBad('high-S twin', 's replaced by n - s', highS(approve(trip, 'did:alliance:admin-2', 12)), 'high_s_signature'),
  oneBad(
    'r = 0',
    'r must be in [1, n-1]',
    {
      ...approve(trip, 'did:alliance:admin-2', 12),
      signature: `${'00'.repeat(32)}${approve(trip, 'did:alliance:admin-2', 12).signature.slice(64)}`,
    },
    'signature_out_of_range',
  ),
  oneBad(
    'r = n',
    'r must be in [1, n-1]',
    {
      ...approve(trip, 'did:alliance:admin-2', 12),
      signature: `${N.toString(16)}${approve(trip, 'did:alliance:admin-2', 12).signature.slice(64)}`,
    },
    'signature_out_of_range',
  ),
  oneBad(
    'signed under the registry-update tag',
    'the same order bytes signed under courtbridge/v1/registry-update by the right key',
    approve(trip, 'did:alliance:admin-2', 12, undefined, SignTag.RegistryUpdate),
    'bad_signature',
  ),
  oneBad(
    'approval of another order',
    'admin-2 approved the same order with another reason; it does not verify for this one',
    approve({ ...trip, reason: 'bank maintenance window (extended)' }, 'did:alliance:admin-2', 12),
    'bad_signature',
  ),
];
write('operator-order', {
  structure: 'operator-order',
  title: 'An operator order approved by a quorum of admins',
  spec: 'docs/spec/action.md',
  tag: SignTag.OperatorOrder,
  layout: 'operator-order-signed',
  keys: keysJson([11, 12, 13, 14, 15, 16, 17]),
  registry: orderRegistry,
  valid: orderValid,
  invalid: orderInvalid,
});
console.error(
  `wrote action-id ${idValid.length}/${idInvalid.length}, action-result ${resultValid.length}/${resultInvalid.length}, operator-order ${orderValid.length}/${orderInvalid.length}`,
);
