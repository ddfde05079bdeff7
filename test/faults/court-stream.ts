/**
 * A court's stream of freeze orders against the cluster world, as a court's system would send it:
 * each order written on the judicial chain (through its write door, src/cli/order-desk.ts) with
 * its order JWT signed by the court, then submitted with SubmitAction and retried, with the same
 * action id (the idempotency key) and the same JWT, while the gateway answers UNAVAILABLE,
 * RESOURCE_EXHAUSTED (honouring a `retry-after-ms` trailer) or the call's deadline passes with
 * no answer: a call the gateway may or may not have acknowledged is safe to send again only
 * because of that key. Any other refusal is recorded, never retried. Then the stream waits for
 * every acknowledged action to be final and counts the executions on the chain's ledger.
 */
import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { connect, type NatsConnection } from 'nats';
import { courtBearer } from '../../src/client/court-bearer.js';
import { connectGateway, type GatewayConnection } from '../../src/client/gateway-client.js';
import { toHex } from '../../src/encoding/bytes.js';
import { readKeyFile } from '../../src/identity/keystore.js';
import { signJwtNative } from '../../src/identity/jwt.js';
import { judicialOrderRecordKey } from '../../src/judicial/record-keys.js';
import { orderClaimsOf, type JudicialOrder } from '../../src/judicial/order.js';
import { wireKindOf } from '../../src/judicial/wire-kind.js';
import { issueOrderOnJudicialChain, judicialLedgerOverNats } from '../../src/cli/order-desk.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { REASON_TRAILER } from '../../src/wire/reason-trailer.js';
import type { SubmitActionRequest } from '../../src/generated/courtbridge/v1/SubmitActionRequest.js';
import { sleep, until } from '../workflows/replica-harness.js';
import type { ClusterWorld } from './cluster-world.js';

/** The trailer a gateway may send with UNAVAILABLE / RESOURCE_EXHAUSTED: how long to wait before retrying. */
export const RETRY_AFTER_TRAILER = 'retry-after-ms';

/** Statuses after which the same request (same action id) is sent again. */
const RETRIED = new Set([grpc.status.UNAVAILABLE, grpc.status.RESOURCE_EXHAUSTED, grpc.status.DEADLINE_EXCEEDED]);

/** One action of the stream and what became of it. */
export interface StreamedAction {
  actionId: string;
  request: SubmitActionRequest;
  /** SubmitAction answered OK (the gateway acknowledged the action). */
  acked: boolean;
  /** Failed attempts, by status name and reason. */
  retries: string[];
  /** A refusal that is not retried (status, reason, details). */
  refused?: string;
  /** The final status read back with GetAction (EXECUTED, REJECTED, FAILED) and its reason. */
  final?: { status: string; reason: string };
}

export interface CourtStream {
  /** Write `n` orders on the judicial chain (one case, the debtor's first account) and sign their JWTs. */
  prepare(n: number): Promise<StreamedAction[]>;
  /** Submit `actions`, `concurrency` at a time, each worker pausing `paceMs` between actions, each retried until acknowledged or refused. */
  submit(actions: StreamedAction[], concurrency: number, paceMs?: number): Promise<void>;
  /** Read every acknowledged action until it is final (or `timeoutMs`). */
  settle(actions: StreamedAction[], timeoutMs: number): Promise<void>;
  conn: GatewayConnection;
  close(): Promise<void>;
}

const statusName = (code: number): string => grpc.status[code] ?? String(code);

/** The court of `w` sending freeze orders through `w`'s gateway. */
export async function courtStream(w: ClusterWorld, label: string): Promise<CourtStream> {
  const court = await readKeyFile(w.alliance.keyFiles.court!);
  const gatewaySigner = await readKeyFile(w.alliance.keyFiles.gateway!);
  const nc: NatsConnection = await connect({ servers: w.cluster.urls, name: `faults-court-${label}` });
  const conn = connectGateway({
    address: w.gatewayAddress,
    bearer: courtBearer({ caller: court, gatewayDid: w.alliance.dids.gateway!, now: Date.now }),
    timeoutMs: 10_000,
  });
  const ledger = judicialLedgerOverNats({ nc, gateway: gatewaySigner, judicialChainId: 'judicial', now: Date.now, timeoutMs: 15_000 });
  const account = DEMO_CAST.debtor.accounts[0];
  const caseId = `(2026) Faults ${label} ${toHex(randomBytes(3))}`;
  const actions = conn.client('ActionService');
  const audience = w.alliance.dids['adapter:finance']!;

  /** One call, retried while the status says the same request may be sent again. */
  async function retried<T>(a: StreamedAction, call: () => Promise<T>, deadlineMs: number): Promise<T | undefined> {
    const end = Date.now() + deadlineMs;
    for (;;) {
      try {
        return await call();
      } catch (e) {
        const s = e as grpc.ServiceError;
        const reason = String(s.metadata?.get(REASON_TRAILER)[0] ?? '');
        if (!RETRIED.has(s.code)) {
          a.refused = `${statusName(s.code)} ${reason}: ${s.details}`;
          return undefined;
        }
        a.retries.push(`${statusName(s.code)} ${reason}`.trim());
        if (Date.now() > end) {
          a.refused = `still ${statusName(s.code)} ${reason} after ${deadlineMs} ms of retries: ${s.details}`;
          return undefined;
        }
        const after = Number(s.metadata?.get(RETRY_AFTER_TRAILER)[0] ?? Number.NaN);
        await sleep(Number.isFinite(after) && after > 0 ? Math.min(after, 5_000) : 200);
      }
    }
  }

  return {
    conn,
    async prepare(n) {
      const out: StreamedAction[] = [];
      const orders: JudicialOrder[] = Array.from({ length: n }, (_, i) => {
        const id = `${label}-${i}-${toHex(randomBytes(3))}`;
        return {
          orderId: `order-${id}`,
          court: court.did,
          caseId,
          chain: 'finance',
          actionId: `freeze-${id}`,
          kind: 'freeze',
          target: account.accountNo,
          amount: '100',
        };
      });
      // The case is filed with the first order; the rest, ten at a time, land in a few blocks.
      const issue = (o: JudicialOrder, file: boolean) =>
        issueOrderOnJudicialChain(ledger, o, {
          legalBasis: '《民事诉讼法》第二百四十九条',
          expiresAtMs: Date.now() + 3_600_000,
          ...(file
            ? {
                caseFiling: { kind: 'enforcement', cause: 'fault test', parties: [{ role: 'respondent', party: DEMO_CAST.debtor.idHash }] },
              }
            : {}),
        });
      await issue(orders[0]!, true);
      for (let i = 1; i < n; i += 10) await Promise.all(orders.slice(i, i + 10).map((o) => issue(o, false)));
      for (const o of orders) {
        const orderJwt = signJwtNative(court, {
          audience,
          purpose: 'order',
          nowMs: Date.now(),
          lifetimeMs: 30 * 60_000,
          jti: `order-${o.orderId}-${o.actionId}`,
          claims: orderClaimsOf(o),
        });
        out.push({
          actionId: o.actionId,
          acked: false,
          retries: [],
          request: {
            actionId: o.actionId,
            chainId: 'finance',
            kind: wireKindOf('freeze'),
            target: { recordType: 'account', key: account.key },
            amount: o.amount,
            orderJwt,
            judicialProof: { caseId: o.caseId, recordKey: judicialOrderRecordKey(o.orderId) },
          },
        });
      }
      return out;
    },
    async submit(list, concurrency, paceMs = 0) {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < list.length) {
          const a = list[next++]!;
          const r = await retried(a, () => conn.unary(actions, 'submitAction', a.request), 60_000);
          if (r !== undefined) a.acked = true;
          if (paceMs > 0) await sleep(paceMs);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    },
    async settle(list, timeoutMs) {
      const pending = (): StreamedAction[] => list.filter((a) => a.acked && a.final === undefined);
      await until(
        () =>
          `every acknowledged action final; still pending: ${pending()
            .map((a) => a.actionId)
            .join(', ')}`,
        async () => {
          for (const a of pending()) {
            const got = await conn.unary(actions, 'getAction', { actionId: a.actionId }).catch(() => undefined);
            if (got === undefined) continue;
            if (got.status === 'ACTION_STATUS_PENDING' || got.status === 'ACTION_STATUS_DELIVERED') continue;
            a.final = { status: got.status.replace('ACTION_STATUS_', ''), reason: got.reason };
          }
          return pending().length === 0 ? true : undefined;
        },
        timeoutMs,
        250,
      );
    },
    async close() {
      conn.close();
      await nc.close();
    },
  };
}

/** How many times each action id was executed on `chain`'s ledger (a tx with that id in a committed block). */
export function executionsOnChain(w: ClusterWorld, actionIds: readonly string[]): Map<string, number> {
  const counts = new Map(actionIds.map((id) => [id, 0]));
  const ledger = w.openLedger('finance');
  try {
    for (const b of ledger.committedBlocks()) for (const tx of b.txs) if (counts.has(tx.id)) counts.set(tx.id, counts.get(tx.id)! + 1);
  } finally {
    ledger.close();
  }
  return counts;
}

/**
 * The fault tests' verdict, as one object so a failure shows everything at once: actions refused
 * (not retried), acknowledged but not EXECUTED (with status and reason), and executed other than
 * exactly once on the chain.
 */
export function exactlyOnceReport(actions: readonly StreamedAction[], executions: ReadonlyMap<string, number>) {
  return {
    refused: actions.filter((a) => a.refused !== undefined).map((a) => `${a.actionId}: ${a.refused}`),
    notExecuted: actions
      .filter((a) => a.acked && a.final?.status !== 'EXECUTED')
      .map((a) => `${a.actionId}: ${a.final === undefined ? 'not final' : `${a.final.status} ${a.final.reason}`}`),
    notExactlyOnce: actions
      .filter((a) => a.acked && executions.get(a.actionId) !== 1)
      .map((a) => `${a.actionId}: ${executions.get(a.actionId)}×`),
  };
}
