/**
 * The workflow service's side of asset reports (src/bus/asset-report.ts): every replica listens on
 * `cb.v1.assets.*` in one queue group, so each report is handled once. A report is only a HINT:
 * kept under its owner (`EnforcementEngine.requestReinvestigation`), it makes the replica holding
 * a terminated case's lease re-investigate at its next tick; the proven investigation decides.
 *
 * Trust: the envelope must verify (src/bus/envelope-verify.ts) and its signer must hold the
 * adapter role FOR THE CHAIN THE SUBJECT NAMES (a credit adapter cannot report finance assets);
 * then the body must decode; then at most one report per owner per `minIntervalMs` passes. Every
 * drop has a named reason, is counted (`counts`) and logged.
 */
import type { NatsConnection } from 'nats';
import { decodeAssetReport, ASSET_REPORT_TYPE } from '../../bus/asset-report.js';
import { DEFAULT_ENVELOPE_POLICY } from '../../bus/envelope-policy.js';
import type { DropReason } from '../../bus/envelope-verify.js';
import { subscribeEnvelopes } from '../../bus/receiver.js';
import { MemoryReplayGuard } from '../../bus/replay-guard.js';
import { ASSET_REPORTS_QUEUE, ASSET_REPORTS_WILDCARD } from '../../bus/subjects.js';
import type { Authority } from '../../identity/authority.js';
import { reportDrop } from '../../bus/dropped.js';
import type { Logger } from '../../log.js';
import type { CourtbridgeMetrics } from '../../metrics.js';
import type { EnforcementEngine } from '../enforcement/engine.js';

/** Why a report was dropped: the envelope's reasons, then the report's own. */
export type AssetReportDrop = DropReason | 'malformed_report' | 'rate_limited' | 'request_failed';

export interface AssetReportCounts {
  accepted: number;
  dropped: Partial<Record<AssetReportDrop, number>>;
}

export interface AssetReportSubscriberOptions {
  nc: NatsConnection;
  authority: Authority;
  engine: Pick<EnforcementEngine, 'requestReinvestigation'>;
  now: () => number;
  /** At most one report per owner this often, ms (later ones are dropped `rate_limited`). */
  minIntervalMs: number;
  logger: Logger;
  /** Where drops are counted (bus/dropped.ts), with their log lines. */
  metrics?: CourtbridgeMetrics;
  /** Oldest accepted report, ms (60,000 unless told). */
  maxAgeMs?: number;
  /** Called after each report is handled (tests). */
  onHandled?: (outcome: 'accepted' | AssetReportDrop) => void;
}

export interface AssetReportSubscriber {
  readonly counts: AssetReportCounts;
  /** Stop after the reports already delivered are handled. */
  drain(): Promise<void>;
}

const POLICY = Object.freeze({ [ASSET_REPORT_TYPE]: DEFAULT_ENVELOPE_POLICY[ASSET_REPORT_TYPE]! });

export function startAssetReportSubscriber(o: AssetReportSubscriberOptions): AssetReportSubscriber {
  const maxAgeMs = o.maxAgeMs ?? 60_000;
  const maxFutureSkewMs = 5_000;
  const counts: AssetReportCounts = { accepted: 0, dropped: {} };
  const drop = (reason: AssetReportDrop): void => {
    counts.dropped[reason] = (counts.dropped[reason] ?? 0) + 1;
    o.onHandled?.(reason);
  };
  const lastByOwner = new Map<string, number>();
  const sub = subscribeEnvelopes(o.nc, ASSET_REPORTS_WILDCARD, {
    authority: o.authority,
    replay: new MemoryReplayGuard({ windowMs: maxAgeMs + maxFutureSkewMs }),
    maxAgeMs,
    maxFutureSkewMs,
    policy: POLICY,
    now: o.now,
    logger: o.logger,
    ...(o.metrics === undefined ? {} : { metrics: o.metrics }),
    queue: ASSET_REPORTS_QUEUE,
    onDrop: (_msg, d) => drop(d.reason),
  });
  const loop = (async () => {
    for await (const { envelope } of sub) {
      const chainId = envelope.evidence.chain!;
      let ownerHash: string;
      try {
        ownerHash = decodeAssetReport(envelope.body).ownerHash;
      } catch (e) {
        reportDrop(o, {
          kind: 'asset_report',
          reason: 'malformed_report',
          sender: envelope.senderDid,
          message: `asset report dropped: ${(e as Error).message}`,
          details: { chain: chainId },
        });
        drop('malformed_report');
        continue;
      }
      const now = o.now();
      const last = lastByOwner.get(ownerHash);
      if (last !== undefined && now - last < o.minIntervalMs) {
        reportDrop(o, {
          kind: 'asset_report',
          reason: 'rate_limited',
          sender: envelope.senderDid,
          message: 'asset report dropped: another report of this owner was taken recently',
          details: { chain: chainId },
        });
        drop('rate_limited');
        continue;
      }
      if (lastByOwner.size >= 100_000) lastByOwner.clear();
      lastByOwner.set(ownerHash, now);
      try {
        await o.engine.requestReinvestigation(ownerHash, { atMs: now, chainId });
      } catch (e) {
        reportDrop(o, {
          kind: 'asset_report',
          reason: 'request_failed',
          sender: envelope.senderDid,
          message: `asset report not kept: ${(e as Error).message}`,
          details: { chain: chainId },
        });
        drop('request_failed');
        continue;
      }
      counts.accepted += 1;
      o.onHandled?.('accepted');
    }
  })();
  return {
    counts,
    drain: async () => {
      await sub.drain();
      await loop.catch(() => undefined);
    },
  };
}
