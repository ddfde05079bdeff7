/**
 * One report for every message a NATS subscriber or consumer drops (STYLE.md 6: rejections have
 * named reasons, counted in metrics): the shared counter `courtbridge_bus_dropped_total
 * {subject_kind, reason}` and one `warn` line naming the reason and the sender. The sender is a
 * DID (an institution's, public in the registry), never a personal identifier; the reason is a
 * named reason of this build, never text a sender chose (it would grow the label set).
 */
import type { Logger } from '../log.js';
import type { CourtbridgeMetrics } from '../metrics.js';
import { parseChainSubject, type ChainSubjectKind } from './subjects.js';

/** What kind of traffic a dropped message was (the `subject_kind` label). */
export type DroppedKind =
  | 'adapter_announce'
  | 'header_announce'
  | 'registry_update'
  | 'action'
  | 'action_result'
  | 'asset_report'
  | 'notarization'
  | 'witness'
  | 'query'
  | 'judicial_tx'
  | 'mediation_call'
  | 'filing'
  | 'envelope';

export interface DropSink {
  readonly metrics?: CourtbridgeMetrics | undefined;
  readonly logger?: Logger | undefined;
}

export interface Drop {
  readonly kind: DroppedKind;
  /** A named reason (envelope drop reason, CourtbridgeError reason, or a receiver's own). */
  readonly reason: string;
  /** The sender's DID as claimed, when known. */
  readonly sender?: string | undefined;
  readonly subject?: string | undefined;
  /** For a person: what was wrong. */
  readonly message: string;
  /** More facts for the log line (never secrets or personal identifiers). */
  readonly details?: Readonly<Record<string, string | number | boolean | undefined>>;
}

/** Count and log one dropped message. */
export function reportDrop(to: DropSink, d: Drop): void {
  to.metrics?.busDropped.inc({ subject_kind: d.kind, reason: d.reason });
  to.logger?.warn(
    { event: 'message_dropped', subjectKind: d.kind, reason: d.reason, sender: d.sender, subject: d.subject, ...d.details },
    `message dropped (${d.kind}): ${d.message}`,
  );
}

const KIND_OF_SUBJECT: Readonly<Record<ChainSubjectKind, DroppedKind>> = {
  query: 'query',
  index: 'query',
  announce: 'adapter_announce',
  headers: 'header_announce',
  actions: 'action',
  results: 'action_result',
  lightblock: 'witness',
  assets: 'asset_report',
};

/** The kind of traffic on `subject` (`envelope` for subjects that are not `cb.v1.<kind>.<chain>`). */
export function droppedKindOf(subject: string): DroppedKind {
  const parsed = parseChainSubject(subject);
  return parsed === undefined ? 'envelope' : KIND_OF_SUBJECT[parsed.kind];
}
