/**
 * Group-committed batch receipts (DESIGN.md "Budgets"; Certificate Transparency's signed tree
 * heads, RFC 6962): answers wait for a receipt; the receipts that arrive while one batch root is
 * being signed form the next batch, which closes the moment that signature is done. One
 * signature per batch, signed off the event loop; each answer carries its RFC 6962 audit path
 * to the signed root. Idle, a lone answer waits one signature; under load a batch holds every
 * answer that arrived during the previous signature, so signatures per second stay bounded by
 * one signer while answers per second are not.
 *
 * Load-aware close (measured, bench/query.ts): a native signature takes about 0.45 ms of CPU,
 * about the gap between answers at 1,000 answers/s, so "close when the previous signature is
 * done" alone made batches of 1-2 leaves and spent a signature per answer on a 2-core machine
 * (the batch line measured no better than per-answer JWTs). So the issuer also knows how many
 * answers are on their way to a receipt (`begin` tickets, taken when a query starts): when
 * none is, a lone answer is signed at once (sequential latency unchanged); when some are, the
 * batch stays open until they have all arrived, `maxBatch` is reached, or its oldest leaf has
 * waited `holdMs`, whichever comes first.
 */
import { hashSuiteOfSignatureSuite } from '../../crypto/signature-suite.js';
import { allAuditPaths, leafHashIn } from '../../proof/binary-merkle.js';
import { batchRootSigningInput } from '../../verify/receipt-layout.js';
import type { ReceiptSigner } from './root-signer.js';

/** A receipt committed to by a signed batch root (mirrors courtbridge.v1.BatchReceipt). */
export interface BatchReceiptData {
  leafIndex: number;
  leafCount: number;
  path: Uint8Array[];
  batchRoot: Uint8Array;
  rootSignature: Uint8Array;
  gatewayDid: string;
  kid: string;
  signedAtMs: number;
}

export interface BatchReceiptsOptions {
  signer: ReceiptSigner;
  /** Clock for `signed_at_ms` (the shell's clock; tests pin it). */
  now: () => number;
  /** Most leaves in one batch (bounds path length and memory); 4,096 unless told. */
  maxBatch?: number;
  /**
   * Longest a leaf waits for answers still in flight (`begin` tickets) before its batch closes;
   * 4 ms unless told. 0 restores the plain group commit.
   */
  holdMs?: number;
  /** Called after each batch is signed (metrics: batch size, signing time). */
  onBatch?: (leafCount: number, signMs: number) => void;
}

interface Waiting {
  digest: Uint8Array;
  /** performance.now() when the leaf arrived (for `holdMs`). */
  atMs: number;
  resolve(r: BatchReceiptData): void;
  reject(e: unknown): void;
}

/** Issues batch receipts by group commit; `issue` resolves once the leaf's batch root is signed. */
export class BatchReceipts {
  private pending: Waiting[] = [];
  private signing = false;
  private scheduled = false;
  private closed = false;
  /** Answers that took a `begin` ticket and have not yet issued nor released it. */
  private expected = 0;
  private holdTimer: NodeJS.Timeout | undefined;
  private readonly maxBatch: number;
  private readonly holdMs: number;

  constructor(private readonly options: BatchReceiptsOptions) {
    this.maxBatch = options.maxBatch ?? 4096;
    if (!Number.isSafeInteger(this.maxBatch) || this.maxBatch < 1) throw new TypeError('options.maxBatch: expected an integer >= 1');
    this.holdMs = options.holdMs ?? 4;
    if (!Number.isFinite(this.holdMs) || this.holdMs < 0) throw new TypeError('options.holdMs: expected a number >= 0');
  }

  /**
   * Announce an answer on its way to a receipt (call when its query starts); the returned
   * function releases the ticket and must be called once, when the answer issues its receipt or
   * fails. Idempotent.
   */
  begin(): () => void {
    this.expected++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.expected--;
      if (this.pending.length > 0) this.kick();
    };
  }

  /** The receipt for `digest` (a 32-byte receipt digest, receipt-layout.ts). */
  issue(digest: Uint8Array): Promise<BatchReceiptData> {
    if (this.closed) return Promise.reject(new Error('batch receipts: closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ digest, atMs: performance.now(), resolve, reject });
      this.kick();
    });
  }

  /** Refuse new leaves; resolves once the batches in flight are signed. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.signing || this.pending.length > 0) await new Promise((r) => setTimeout(r, 1));
  }

  private kick(): void {
    if (this.signing || this.scheduled) return;
    // Let the answers of this event-loop turn join the batch before it closes.
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.signNext();
    });
  }

  /** Close now, or arm the hold timer (see the header: load-aware close). */
  private ready(): boolean {
    if (this.closed || this.expected <= 0 || this.pending.length >= this.maxBatch || this.holdMs === 0) return true;
    const waited = performance.now() - this.pending[0]!.atMs;
    if (waited >= this.holdMs) return true;
    if (this.holdTimer === undefined) {
      this.holdTimer = setTimeout(
        () => {
          this.holdTimer = undefined;
          void this.signNext();
        },
        Math.max(0, this.holdMs - waited),
      );
    }
    return false;
  }

  private async signNext(): Promise<void> {
    if (this.signing || this.pending.length === 0) return;
    if (!this.ready()) return;
    if (this.holdTimer !== undefined) {
      clearTimeout(this.holdTimer);
      this.holdTimer = undefined;
    }
    this.signing = true;
    const batch = this.pending.splice(0, this.maxBatch);
    try {
      // The batch tree is hashed as the digests are: SHA-256 for a secp256k1 gateway, SM3 for an SM2 one.
      const h = hashSuiteOfSignatureSuite(this.options.signer.suite);
      const { root, paths } = allAuditPaths(
        batch.map((w) => leafHashIn(h, w.digest)),
        h,
      );
      const signedAtMs = this.options.now();
      const t0 = performance.now();
      const rootSignature = await this.options.signer.sign(batchRootSigningInput(root, batch.length, signedAtMs));
      this.options.onBatch?.(batch.length, performance.now() - t0);
      const { did, kid } = this.options.signer;
      for (const [i, w] of batch.entries())
        w.resolve({
          leafIndex: i,
          leafCount: batch.length,
          path: paths[i]!,
          batchRoot: root,
          rootSignature,
          gatewayDid: did,
          kid,
          signedAtMs,
        });
    } catch (e) {
      for (const w of batch) w.reject(e);
    } finally {
      this.signing = false;
      // The batch that gathered during this signature closes now (group commit).
      if (this.pending.length > 0) void this.signNext();
    }
  }
}
