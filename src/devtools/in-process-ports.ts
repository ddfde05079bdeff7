/**
 * In-process adapters of the workflows' ports (src/workflows/ports.ts) over dev ledgers and adapter backends in this
 * process: for unit and integration tests and benches without the network. The network path
 * (gateway gRPC + NATS) implements the same ports.
 */
import { DevLedger, type DevLedgerOptions } from '../chain/ledger/ledger.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import type { Tx } from '../chain/ledger/transaction.js';
import { encodeCanonical, type CanonicalObject } from '../encoding/canonical-json.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../errors.js';
import type { BftSmtChainBackend } from '../../adapters/sdk/chain-backend.js';
import { judicialOrderTxId } from '../judicial/order.js';
import { contractsOf } from '../../adapters/sdk/definition.js';
import { judicial } from '../../adapters/judicial/definition.js';
import type {
  ActionOrderer,
  AssetInvestigator,
  ChainAnswer,
  Committed,
  InvestigatedAsset,
  Investigation,
  JudicialLedger,
  JudicialTxType,
  OrderOutcome,
  OrderRequest,
  ProvenRecord,
} from '../workflows/ports.js';
import { orderIssueBody } from '../workflows/judicial-records.js';
import { type AssetChainProfile, investigatedAsset } from '../workflows/enforcement/asset-profiles.js';

/**
 * The judicial chain as a dev ledger running THE judicial definition (adapters/judicial): the
 * same contract the judicial adapter serves over NATS, so in-process tests exercise its rules.
 */
export class DevJudicialLedger implements JudicialLedger {
  readonly chainId: string;
  readonly ledger: DevLedger;
  private readonly sender: string;

  constructor(opts: Omit<DevLedgerOptions, 'contracts'> & { sender: string; blockIntervalMs?: number }) {
    this.chainId = opts.chainId;
    this.sender = opts.sender;
    this.ledger = DevLedger.open({ ...opts, contracts: contractsOf(judicial) });
    this.ledger.start(opts.blockIntervalMs ?? 5, 60_000);
  }

  close(): void {
    this.ledger.close();
  }

  /** The ledger's suite (`hashSuite` in the options: the judicial chain entry's). */
  hashSuite(): HashSuite {
    return this.ledger.hashSuite;
  }

  async submit(type: JudicialTxType, txId: string, body: CanonicalObject): Promise<Committed> {
    const tx: Tx = { type, sender: this.sender, id: txId, body: encodeCanonical(body, type) };
    const latest = (): Committed => {
      const h = this.ledger.latest().signedHeader.header;
      return { height: h.height, timeMs: h.timeMs, outcome: 'already_committed' };
    };
    if (this.ledger.hasTx(tx.id)) return latest();
    try {
      const r = await this.ledger.submit(tx);
      return { height: r.height, timeMs: r.timeMs, outcome: 'committed' };
    } catch (e) {
      if (isCourtbridgeError(e) && e.reason === 'duplicate_tx') return latest();
      throw e;
    }
  }

  async prove(key: string): Promise<ProvenRecord> {
    return { chainId: this.chainId, ...this.ledger.prove(key) };
  }

  async proveMany(keys: readonly string[]): Promise<ProvenRecord[]> {
    // Synchronous loop: no block can be committed in between, so all share one header.
    return keys.map((k) => ({ chainId: this.chainId, ...this.ledger.prove(k) }));
  }
}

/** Investigate over adapter backends (one per asset chain); a failing chain gives a partial result. */
export class BackendInvestigator implements AssetInvestigator {
  constructor(private readonly chains: readonly { profile: AssetChainProfile; backend: BftSmtChainBackend }[]) {}

  async investigate(ownerHash: string): Promise<Investigation> {
    const items: InvestigatedAsset[] = [];
    const chains: ChainAnswer[] = [];
    await Promise.all(
      this.chains.map(async ({ profile, backend }) => {
        try {
          const found = await backend.queryIndex(profile.ownerIndex, ownerHash, 1000, { kind: 'latest' });
          for (const r of found.items) {
            const asset = investigatedAsset(profile, { chainId: profile.chainId, ...r }, ownerHash);
            if (asset) items.push(asset);
          }
          chains.push({ chainId: profile.chainId, domain: profile.domain, status: 'answered' });
        } catch (e) {
          chains.push({
            chainId: profile.chainId,
            domain: profile.domain,
            status: 'unavailable',
            reason: isCourtbridgeError(e) ? e.reason : 'adapter_unavailable',
          });
        }
      }),
    );
    chains.sort((a, b) => (a.chainId < b.chainId ? -1 : 1));
    return { ownerHash, items, chains, completeness: chains.every((c) => c.status === 'answered') ? 'complete' : 'partial' };
  }
}

/** Issue the order on the judicial chain, then apply the action on its backend (idempotent by id). */
export class BackendOrderer implements ActionOrderer {
  private readonly backends: Map<string, BftSmtChainBackend>;
  constructor(
    private readonly judicial: JudicialLedger,
    backends: readonly BftSmtChainBackend[],
  ) {
    this.backends = new Map(backends.map((b) => [b.chainId, b]));
  }

  async order(req: OrderRequest): Promise<OrderOutcome> {
    const o = req.order;
    const backend = this.backends.get(o.chain);
    if (!backend) throw new CourtbridgeError(ErrorCode.Unavailable, 'adapter_unavailable', `no adapter for chain ${o.chain}`);
    await this.judicial.submit('order.issue', judicialOrderTxId(o.orderId), orderIssueBody(req));
    const effect = await backend.applyAction(
      o.amount === ''
        ? { actionId: o.actionId, kind: o.kind, target: o.target, court: o.court, caseId: o.caseId, orderId: o.orderId }
        : { actionId: o.actionId, kind: o.kind, target: o.target, amount: o.amount, court: o.court, caseId: o.caseId, orderId: o.orderId },
    );
    return { outcome: effect.outcome, actionId: effect.actionId, state: { chainId: o.chain, ...effect.state } };
  }
}
