/**
 * The judicial chain as the conformance tests run it: the judicial adapter's record types, with a
 * ledger contract that records an `order.issue` body (src/judicial/order.ts
 * `judicialOrderIssueBody`) as the `EnforcementOrder` record partner adapters check, stamped with
 * the block time, WITHOUT the case checks of the real judicial contract (the kit's test orders
 * belong to no filed case), and the order desk the kit issues its test orders through.
 */
import type { ContractHandler } from '../../src/chain/ledger/contract.js';
import type { DevLedger } from '../../src/chain/ledger/ledger.js';
import { decodeCanonicalObject, encodeCanonical } from '../../src/encoding/canonical-json.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { judicialOrderIssueTx, type JudicialOrder } from '../../src/judicial/order.js';
import { judicialOrderRecordKey } from '../../src/judicial/record-keys.js';
import type { DevLedgerDefinition } from '../../adapters/sdk/definition.js';
import { judicial } from '../../adapters/judicial/definition.js';
import { JudicialTx } from '../../src/judicial/tx.js';
import type { OrderDesk } from '../../src/conformance/mod.js';

const orderContract: ContractHandler = {
  types: [JudicialTx.OrderIssue],
  apply(tx, state, ctx) {
    const body = decodeCanonicalObject(tx.body, 'order.issue');
    const key = judicialOrderRecordKey(String(body.orderId));
    if (state.get(key) !== undefined) throw new CourtbridgeError(ErrorCode.AlreadyExists, 'record_exists', `${key} exists`);
    return [
      {
        key,
        value: encodeCanonical({ ...body, type: 'enforcement_order', issuedAtMs: ctx.timeMs }, key),
        index: [{ name: 'case', value: String(body.caseId) }],
      },
    ];
  },
};

/** The judicial definition with the order-recording contract. */
export const judicialOrdersDefinition: DevLedgerDefinition = { ...judicial, contracts: [orderContract] };

/** Record `order` on `ledger` (resolves once committed), valid for an hour from `nowMs`. */
export async function issueOrder(ledger: DevLedger, order: JudicialOrder, nowMs = Date.now()): Promise<void> {
  await ledger.submit(judicialOrderIssueTx(order, { legalBasis: '《民事诉讼法》第二百四十九条', expiresAtMs: nowMs + 3_600_000 }));
}

/** The kit's order desk over `ledger()`. */
export const orderDeskOf = (ledger: () => DevLedger): OrderDesk => ({ issueOrder: (o) => issueOrder(ledger(), o) });
