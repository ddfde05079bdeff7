/**
 * A court's order in the demo, as the bank, equity and bankruptcy steps give it: the case filed on
 * the judicial chain once, then each order issued there (the record `order/<orderId>` the
 * SubmitAction's judicial proof names), its credential signed by the court for the destination's
 * adapter, SubmitAction, and GetAction polled until the action is no longer pending. The request
 * is kept so a step can submit it again and show it is the same action, executed once.
 */
import type { NatsConnection } from 'nats';
import { issueOrderOnJudicialChain, type OrderCaseFiling } from '../cli/order-desk.js';
import type { GatewayConnection } from '../client/gateway-client.js';
import type { Authority } from '../identity/authority.js';
import { hashSuiteAt, type ChainDirectory } from '../identity/chain-entry.js';
import type { Signer } from '../identity/signer.js';
import type { JudicialOrder } from '../judicial/order.js';
import { JudicialTx } from '../judicial/tx.js';
import { wireKindOf } from '../judicial/wire-kind.js';
import { signOrderCredential } from '../workflows/enforcement/order-credential.js';
import { NatsJudicialLedger } from '../workflows/network/nats-judicial-ledger.js';
import type { JudicialLedger } from '../workflows/ports.js';

/** How long an order stays valid on the judicial chain and in its credential. */
const ORDER_LIFETIME_MS = 10 * 60_000;
/** How long the demo waits for an action to leave pending / delivered. */
const ACTION_WAIT_MS = 60_000;

/** What the scenario hands a demo step in which the court gives orders. */
export interface CourtStepOptions {
  c: GatewayConnection;
  /** The court desk's bus identity (writes the case and the orders on the judicial chain). */
  nc: NatsConnection;
  court: Signer;
  /** Signs the judicial chain's write envelopes (a gateway key). */
  gatewaySigner: Signer;
  /** The destination adapter's DID (the credential's audience). */
  adapterDid: string;
  authority: Authority & ChainDirectory;
  detail: (line: string) => void;
}

/** Who gives the orders: the gateway connection, the judicial chain's write door, the court and the adapter it addresses. */
export interface CourtOrderDesk {
  c: GatewayConnection;
  judicial: JudicialLedger;
  court: Signer;
  /** The destination adapter's DID (the credential's audience). */
  adapterDid: string;
}

/** What an order came to: the action's status and reason, and the same request again. */
export interface CourtOrderOutcome {
  status: string;
  reason: string;
  /** Submits the same request again; resolves to the status SubmitAction answers (the same action). */
  again: () => Promise<string>;
}

/** The desk of a step's options: its orders written on the judicial chain through its write door. */
export function courtDeskOf(o: CourtStepOptions): CourtOrderDesk {
  return {
    c: o.c,
    judicial: new NatsJudicialLedger({
      nc: o.nc,
      signer: o.gatewaySigner,
      now: Date.now,
      hashSuite: () => hashSuiteAt(o.authority, 'judicial', Date.now()),
    }),
    court: o.court,
    adapterDid: o.adapterDid,
  };
}

/** Files the case the orders belong to (`case.file`, tx id `case:<caseId>`) for the desk's court. */
export async function fileDemoCase(desk: CourtOrderDesk, caseId: string, filing: OrderCaseFiling): Promise<void> {
  await desk.judicial.submit(JudicialTx.CaseFile, `case:${caseId}`, {
    type: 'case_file',
    schema: 1,
    caseId,
    court: filing.court ?? desk.court.did,
    kind: filing.kind,
    cause: filing.cause,
    parties: filing.parties,
  });
}

/**
 * Issues `order` on the judicial chain, signs its credential, submits it through the gateway
 * against the state record `target`, and waits until the action is no longer pending.
 */
export async function giveCourtOrder(
  desk: CourtOrderDesk,
  order: JudicialOrder,
  legalBasis: string,
  target: { recordType: string; key: string },
): Promise<CourtOrderOutcome> {
  const { c } = desk;
  await issueOrderOnJudicialChain(desk.judicial, order, { legalBasis, expiresAtMs: Date.now() + ORDER_LIFETIME_MS });
  const credential = signOrderCredential(desk.court, {
    order,
    legalBasis,
    audience: desk.adapterDid,
    nowMs: Date.now(),
    lifetimeMs: ORDER_LIFETIME_MS,
  });
  const actions = c.client('ActionService');
  const request = {
    actionId: order.actionId,
    chainId: order.chain,
    kind: wireKindOf(order.kind),
    target,
    amount: order.amount,
    orderJwt: credential,
    judicialProof: { caseId: order.caseId, recordKey: `order/${order.orderId}` },
  };
  await c.unary(actions, 'submitAction', request);
  const until = Date.now() + ACTION_WAIT_MS;
  let a = await c.unary(actions, 'getAction', { actionId: order.actionId });
  while (Date.now() < until && ['ACTION_STATUS_PENDING', 'ACTION_STATUS_DELIVERED'].includes(String(a.status))) {
    await new Promise((r) => setTimeout(r, 300));
    a = await c.unary(actions, 'getAction', { actionId: order.actionId });
  }
  return {
    status: String(a.status),
    reason: String(a.reason ?? ''),
    again: async () => String((await c.unary(actions, 'submitAction', request)).status),
  };
}
