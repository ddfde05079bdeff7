/**
 * Writing a court's order on the judicial chain, through the chain's write door
 * (adapters/judicial/tx-server.ts, `judicial.tx` envelopes signed by a GATEWAY key) with the same
 * port the judicial workflows use (src/workflows/network/nats-judicial-ledger.ts). Two callers:
 * `courtbridge action order` (a court's real order, before SubmitAction) and the conformance
 * kit's order desk (src/conformance/options.ts `OrderDesk`, test orders).
 *
 * The real judicial contract (adapters/judicial/contract.ts `orderIssue`) refuses an order whose
 * case is not filed by the ordering court, so the case is filed first when asked (`case.file`,
 * idempotent by its tx id `case:<caseId>`; a case already on the chain is kept), then the order
 * is issued (`order.issue`, tx id `order:<orderId>`). A defective order (another court's case,
 * an agency posing as a court) is refused by the judicial chain itself.
 *
 * Limitation (docs/cli.md "conformance"): the write door must be served next to the judicial
 * chain's ledger (`startJudicialTxServer`); a judicial adapter that does not serve it cannot
 * take orders, and the checks that need an accepted order fail saying so.
 */
import type { NatsConnection } from 'nats';
import type { EnvelopeSigner } from '../bus/envelope.js';
import { sha256 } from '../crypto/hash.js';
import { toHex, utf8 } from '../encoding/bytes.js';
import type { OrderDesk } from '../conformance/mod.js';
import { isCourtbridgeError } from '../errors.js';
import type { CaseKind, PartyRole } from '../judicial/records.js';
import type { Committed, JudicialLedger } from '../workflows/ports.js';
import { NatsJudicialLedger } from '../workflows/network/nats-judicial-ledger.js';
import { judicialOrderIssueBody, judicialOrderTxId, type JudicialOrder, type JudicialOrderIssueOptions } from '../judicial/order.js';
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

/** The case an order needs, filed with the order when it is not on the judicial chain yet. */
export interface OrderCaseFiling {
  /** The court the case is filed for; the order's court unless told (a defective test order names another). */
  court?: string;
  kind: CaseKind;
  cause: string;
  /** Parties by keyed hash of their id (64 hex): never a clear identifier on a chain. */
  parties: { role: PartyRole; party: string }[];
}

/**
 * File `order`'s case (when `caseFiling` is given and the chain has no such case) and issue the
 * order: the record `order/<orderId>` a SubmitAction's judicial proof names.
 * @throws CourtbridgeError the judicial contract's refusal (`unknown_case`, `court_mismatch`, `record_exists` ...)
 */
export async function issueOrderOnJudicialChain(
  ledger: JudicialLedger,
  order: JudicialOrder,
  options: JudicialOrderIssueOptions & { caseFiling?: OrderCaseFiling },
): Promise<Committed> {
  if (options.caseFiling !== undefined) {
    const f = options.caseFiling;
    const body = {
      type: 'case_file',
      schema: 1,
      caseId: order.caseId,
      court: f.court ?? order.court,
      kind: f.kind,
      cause: f.cause,
      parties: f.parties,
    };
    await ledger.submit(JudicialTx.CaseFile, `case:${order.caseId}`, body).catch((e: unknown) => {
      // Filed before under another tx id (the court's case system): the contract then checks its court.
      if (!isCourtbridgeError(e) || e.reason !== 'record_exists') throw e;
    });
  }
  return ledger.submit(
    JudicialTx.OrderIssue,
    judicialOrderTxId(order.orderId),
    judicialOrderIssueBody(order, { legalBasis: options.legalBasis, expiresAtMs: options.expiresAtMs }),
  );
}

/** The judicial chain's write door over NATS, writing as `gateway`. */
export function judicialLedgerOverNats(
  o: Pick<JudicialOrderDeskOptions, 'nc' | 'gateway' | 'judicialChainId' | 'now' | 'timeoutMs'>,
): JudicialLedger {
  return new NatsJudicialLedger({ nc: o.nc, signer: o.gateway, chainId: o.judicialChainId, now: o.now, timeoutMs: o.timeoutMs });
}

/** An order desk writing through the judicial chain's write door over NATS. */
export function judicialOrderDesk(o: JudicialOrderDeskOptions): OrderDesk {
  const ledger = judicialLedgerOverNats(o);
  return {
    issueOrder(order: JudicialOrder) {
      // The parties of a test case are keyed-hash look-alikes of nobody (never a real person).
      const party = (role: string): string => toHex(sha256(utf8(`courtbridge conformance ${order.caseId} ${role}`)));
      return issueOrderOnJudicialChain(ledger, order, {
        legalBasis: CONFORMANCE_LEGAL_BASIS,
        expiresAtMs: o.now() + (o.orderLifetimeMs ?? 3_600_000),
        caseFiling: {
          court: o.courtDid,
          kind: 'enforcement',
          cause: 'conformance kit test case',
          parties: [
            { role: 'applicant', party: party('applicant') },
            { role: 'respondent', party: party('respondent') },
          ],
        },
      });
    },
  };
}
