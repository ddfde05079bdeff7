/**
 * The enforcement ports over the gateway's public API (the network path), through the typed
 * gateway client (src/client/gateway-client.ts; a failed call is the gateway's named reason):
 *   `GatewayInvestigator`  InvestigationService.Investigate: every item proven against a verified
 *       header of its chain; a chain that failed is `unavailable` with its reason (partial).
 *   `GatewayOrderer`       the order record on the judicial chain (`order.issue`, idempotent by tx
 *       id), then ActionService.SubmitAction with the court's order credential and the judicial
 *       proof reference, then GetAction until the target chain's signed result with the proof of
 *       the new state. Idempotent by action id: the gateway dedupes a resubmission, so a restart
 *       after a crash gets the first execution's result (`already_applied`), never a second one.
 */
import { wireKindOf } from '../../judicial/wire-kind.js';
import { judicialOrderTxId } from '../../judicial/order.js';
import { orderKey } from '../../judicial/record-keys.js';
import { fromHex } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, foreignReason } from '../../errors.js';
import { type AssetChainProfile, investigatedAsset } from '../enforcement/asset-profiles.js';
import { orderIssueBody } from '../judicial-records.js';
import type {
  ActionOrderer,
  AssetInvestigator,
  ChainAnswer,
  InvestigatedAsset,
  Investigation,
  JudicialLedger,
  OrderOutcome,
  OrderRequest,
} from '../ports.js';
import type { GatewayConnection } from '../../client/gateway-client.js';
import { viaGateway } from '../../client/gateway-error.js';
import { provenRecordOf } from '../../verify/record-bundle.js';

// Equity rides the property domain: the market chain is served as a property-kind chain (adapters/catalog.ts).
const WIRE_DOMAIN = {
  finance: 'ASSET_DOMAIN_FINANCE',
  property: 'ASSET_DOMAIN_PROPERTY',
  equity: 'ASSET_DOMAIN_PROPERTY',
  ip: 'ASSET_DOMAIN_IP',
} as const;

export class GatewayInvestigator implements AssetInvestigator {
  constructor(
    private readonly gateway: GatewayConnection,
    private readonly profiles: readonly AssetChainProfile[],
  ) {}

  async investigate(ownerHash: string): Promise<Investigation> {
    const g = this.gateway;
    const domains = [...new Set(this.profiles.map((p) => WIRE_DOMAIN[p.domain]))];
    const r = await viaGateway(
      'InvestigationService.Investigate',
      g.unary(g.client('InvestigationService'), 'investigate', { ownerIdHash: fromHex(ownerHash, 'ownerHash'), domains }),
    );
    const items: InvestigatedAsset[] = [];
    for (const it of r.items) {
      if (it.bundle === null) continue;
      const record = provenRecordOf(it.bundle);
      const profile = this.profiles.find((p) => p.chainId === record.chainId);
      const asset = profile === undefined ? undefined : investigatedAsset(profile, record, ownerHash);
      if (asset) items.push(asset);
    }
    const failures = r.failures;
    const chains: ChainAnswer[] = this.profiles.map((p) => {
      const f = failures.find((x) => x.chainId === p.chainId);
      return f
        ? { chainId: p.chainId, domain: p.domain, status: 'unavailable', reason: f.reason || 'adapter_unavailable' }
        : { chainId: p.chainId, domain: p.domain, status: 'answered' };
    });
    chains.sort((a, b) => (a.chainId < b.chainId ? -1 : 1));
    return { ownerHash, items, chains, completeness: chains.every((c) => c.status === 'answered') ? 'complete' : 'partial' };
  }
}

export interface GatewayOrdererOptions {
  gateway: GatewayConnection;
  judicial: JudicialLedger;
  /** How long to wait for the signed result; 30 s unless told. */
  resultTimeoutMs?: number;
  pollMs?: number;
}

const FINAL: ReadonlySet<string> = new Set(['ACTION_STATUS_EXECUTED', 'ACTION_STATUS_REJECTED', 'ACTION_STATUS_FAILED']);

export class GatewayOrderer implements ActionOrderer {
  constructor(private readonly o: GatewayOrdererOptions) {}

  async order(req: OrderRequest): Promise<OrderOutcome> {
    const ord = req.order;
    await this.o.judicial.submit('order.issue', judicialOrderTxId(ord.orderId), orderIssueBody(req));
    const g = this.o.gateway;
    const actions = g.client('ActionService');
    const submitted = await viaGateway(
      'ActionService.SubmitAction',
      g.unary(actions, 'submitAction', {
        actionId: ord.actionId,
        chainId: ord.chain,
        kind: wireKindOf(ord.kind),
        target: req.target,
        amount: ord.amount,
        orderJwt: req.credential,
        judicialProof: { caseId: ord.caseId, recordKey: orderKey(ord.orderId) },
      }),
    );
    // Final at submission: an earlier submission (before a crash) already ran it.
    const already = FINAL.has(submitted.status);
    let a = submitted;
    const until = Date.now() + (this.o.resultTimeoutMs ?? 30_000);
    while (!FINAL.has(a.status)) {
      if (Date.now() > until)
        throw new CourtbridgeError(
          ErrorCode.DeadlineExceeded,
          'action_result_timeout',
          `no result for action ${ord.actionId} within ${this.o.resultTimeoutMs ?? 30_000} ms`,
        );
      await new Promise((r) => setTimeout(r, this.o.pollMs ?? 100));
      a = await viaGateway('ActionService.GetAction', g.unary(actions, 'getAction', { actionId: ord.actionId }));
    }
    if (a.status !== 'ACTION_STATUS_EXECUTED')
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        a.reason ? foreignReason(String(a.reason)) : 'action_rejected',
        `action ${ord.actionId} on ${ord.chain}: ${String(a.status)} ${String(a.reason)}`,
      );
    // The new state, proven: the adapter's signed result names the header it executed at; the
    // contracts keep a full proof bundle, so the target record is read back through the query
    // path (verified header, SMT proof, the gateway's receipt) at the latest height, which is at
    // or after the execution.
    const q = await viaGateway(
      'QueryService.Query',
      g.unary(g.client('QueryService'), 'query', {
        query: { chainId: ord.chain, recordType: req.target.recordType, key: req.target.key, height: { latest: {} } },
      }),
    );
    if (q.bundle === null)
      throw new CourtbridgeError(
        ErrorCode.Unavailable,
        'unverifiable_answer',
        `the gateway answered the query of ${req.target.key} without a proof bundle`,
      );
    const state = provenRecordOf(q.bundle);
    const executedAt = Number(a.outcome?.result?.header?.height ?? 0);
    if (state.light.signedHeader.header.height < executedAt)
      throw new CourtbridgeError(
        ErrorCode.Unavailable,
        'stale_state',
        `action ${ord.actionId}: the proof of ${req.target.key} is older than the execution`,
      );
    return { outcome: already ? 'already_applied' : 'applied', actionId: ord.actionId, state };
  }
}
