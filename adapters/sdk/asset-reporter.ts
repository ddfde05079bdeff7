/**
 * Asset reports: for each record newly filed under the chain's asset index (the definition's
 * `assetIndex`, e.g. finance `holder`), publish a signed `asset.report` envelope on
 * `cb.v1.assets.<chain>` (core pub/sub; src/bus/asset-report.ts is the body). The workflow service
 * takes it as a HINT to re-investigate that owner's terminated enforcement cases at once (恢复执行);
 * only its proven investigation decides. A lost report costs nothing but time: the scheduled
 * re-investigation still comes.
 */
import type { NatsConnection } from 'nats';
import { encodeAssetReport, ASSET_REPORT_TYPE } from '../../src/bus/asset-report.js';
import { encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../../src/bus/envelope.js';
import { assetsSubject } from '../../src/bus/subjects.js';
import type { IndexedRecord } from '../../src/chain/ledger/ledger.js';
import type { Logger } from '../../src/log.js';

export interface AssetReporterOptions {
  nc: NatsConnection;
  signer: EnvelopeSigner;
  chainId: string;
  /** The index whose new entries are reported (`AdapterDefinition.assetIndex`). */
  index: string;
  /** The backend's `subscribeIndexed`. */
  subscribe: (listener: (e: IndexedRecord) => void) => () => void;
  now: () => number;
  logger: Logger;
  /** Called after each report is published (metrics, tests). */
  onReported?: (e: IndexedRecord) => void;
}

/** Start reporting; returns the stop function. */
export function startAssetReporter(o: AssetReporterOptions): () => void {
  const subject = assetsSubject(o.chainId);
  return o.subscribe((e) => {
    // Only the asset index, and only values that are keyed hashes (an index may hold other values).
    if (e.index !== o.index || !/^[0-9a-f]{64}$/.test(e.value)) return;
    try {
      const body = encodeAssetReport({ ownerHash: e.value, index: e.index, recordKey: e.key, height: e.height });
      o.nc.publish(subject, encodeEnvelope(sealEnvelope(o.signer, ASSET_REPORT_TYPE, body, o.now())));
      o.onReported?.(e);
    } catch (err) {
      o.logger.warn({ err, key: e.key, height: e.height }, 'asset report not published');
    }
  });
}
