/**
 * The judicial chain as the conformance tests run it: the judicial adapter's record types, with a
 * ledger contract that records a court's order in the format partner adapters check
 * (adapters/sdk/order.ts: `order/<orderId>` = `encodeJudicialOrder(order)`), and the order desk
 * the kit issues its test orders through.
 */
import type { ContractHandler } from '../../src/chain/ledger/contract.js';
import type { DevLedger } from '../../src/chain/ledger/ledger.js';
import { fromUtf8 } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { decodeJudicialOrder, encodeJudicialOrder, judicialOrderRecordKey, type JudicialOrder } from '../../adapters/sdk/order.js';
import type { AdapterDefinition } from '../../adapters/sdk/definition.js';
import { judicial } from '../../adapters/judicial/definition.js';
import type { OrderDesk } from '../../src/conformance/mod.js';

const ORDER_TX = 'conformance.order';

const orderContract: ContractHandler = {
  types: [ORDER_TX],
  apply(tx, state) {
    const o = decodeJudicialOrder(tx.body);
    const key = judicialOrderRecordKey(o.orderId);
    if (state.get(key) !== undefined) throw new CourtbridgeError(ErrorCode.AlreadyExists, 'record_exists', `order ${o.orderId} exists: ${fromUtf8(state.get(key)!).slice(0, 60)}`);
    return [{ key, value: tx.body, index: [{ name: 'case', value: o.caseId }] }];
  },
};

/** The judicial definition with the order-recording contract. */
export const judicialOrdersDefinition: AdapterDefinition = { ...judicial, contracts: [orderContract] };

/** Record `order` on `ledger` (resolves once committed). */
export async function issueOrder(ledger: DevLedger, order: JudicialOrder): Promise<void> {
  await ledger.submit({ type: ORDER_TX, sender: order.court, id: `order:${order.orderId}`, body: encodeJudicialOrder(order) });
}

/** The kit's order desk over `ledger()`. */
export const orderDeskOf = (ledger: () => DevLedger): OrderDesk => ({ issueOrder: (o) => issueOrder(ledger(), o) });
