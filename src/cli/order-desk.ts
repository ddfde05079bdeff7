/**
 * The conformance kit's order desk as the alliance runs it (src/conformance/options.ts
 * `OrderDesk`): a test order is written on the judicial chain through the chain's write door
 * (adapters/judicial/tx-server.ts, `judicial.tx` envelopes signed by a GATEWAY key) with the
 * same port the judicial workflows use (src/workflows/network/nats-judicial-ledger.ts).
 *
 * The real judicial contract (adapters/judicial/contract.ts `orderIssue`) refuses an order whose
 * case is not filed by the ordering court, so the desk first files the kit's test case
 * (`case.file`, idempotent by its tx id `case:<caseId>`) in the name of the configured court, then
 * issues the order (`order.issue`, tx id `order:<orderId>`). A defective test order (another
 * court, an agency posing as one) is then refused by the judicial chain itself: what the kit expects.
 *
 * Limitation (docs/cli.md "conformance"): the write door must be served next to the judicial
 * chain's ledger (`startJudicialTxServer`); a judicial adapter that does not serve it cannot
 * take test orders, and the checks that need an accepted order fail saying so.
 */
import type { NatsConnection } from 'nats';
import type { EnvelopeSigner } from '../bus/envelope.js';
import { sha256 } from '../crypto/hash.js';
import { toHex, utf8 } from '../encoding/bytes.js';
import type { OrderDesk } from '../conformance/mod.js';
import { NatsJudicialLedger } from '../workflows/network/nats-judicial-ledger.js';
import { judicialOrderIssueBody, judicialOrderTxId, type JudicialOrder } from '../judicial/order.js';
import { JudicialTx } from '../judicial/tx.js';

export interface JudicialOrderDeskOptions {
  nc: NatsConnection;
  /** Signs the `judicial.tx` envelopes: a DID holding the gateway role (`--gateway-key`). */
  gateway: EnvelopeSigner;
  /** The court the kit's test case is filed for (the kit's `--court-key` DID). */
  courtDid: string;
  /** The judicial chain's id. */
  judicialChainId: string;
  now: () => number;
  /** Per write (a write waits for its block). */
  timeoutMs: number;
  /** How long a test order stays valid on the judicial chain; one hour unless told. */
  orderLifetimeMs?: number;
}

/** The legal basis recorded with every test order (the contract requires one). */
export const CONFORMANCE_LEGAL_BASIS = 'courtbridge conformance kit test order (no legal effect)';

/** An order desk writing through the judicial chain's write door over NATS. */
export function judicialOrderDesk(o: JudicialOrderDeskOptions): OrderDesk {
  const ledger = new NatsJudicialLedger({ nc: o.nc, signer: o.gateway, chainId: o.judicialChainId, now: o.now, timeoutMs: o.timeoutMs });
  return {
    async issueOrder(order: JudicialOrder) {
      // The parties of a test case are keyed-hash look-alikes of nobody (never a real person).
      const party = (role: string): string => toHex(sha256(utf8(`courtbridge conformance ${order.caseId} ${role}`)));
      await ledger.submit(JudicialTx.CaseFile, `case:${order.caseId}`, {
        type: 'case_file',
        schema: 1,
        caseId: order.caseId,
        court: o.courtDid,
        kind: 'enforcement',
        cause: 'conformance kit test case',
        parties: [
          { role: 'applicant', party: party('applicant') },
          { role: 'respondent', party: party('respondent') },
        ],
      });
      return ledger.submit(
        JudicialTx.OrderIssue,
        judicialOrderTxId(order.orderId),
        judicialOrderIssueBody(order, { legalBasis: CONFORMANCE_LEGAL_BASIS, expiresAtMs: o.now() + (o.orderLifetimeMs ?? 3_600_000) }),
      );
    },
  };
}
