/**
 * The judicial chain's transactions and its write door's wire format (adapters/judicial/tx-server.ts
 * serves it, src/workflows/network/nats-judicial-ledger.ts calls it):
 *   `judicial.tx` envelope body  string type, string txId, bytes body (canonical JSON)
 *     -> reply u8 outcome (1 committed, 2 already_committed), u64 height, u64 timeMs
 *   prove request                u32 n (<= MAX_PROVE_KEYS), n x string key
 *     -> reply bytes light block, u32 n, n x (u8 present, [bytes value], bytes SMT proof)
 */
import { ByteReader, ByteWriter } from '../encoding/bytes.js';

export const JudicialTx = {
  CaseFile: 'case.file',
  CaseStatus: 'case.status',
  AgreementRegister: 'agreement.register',
  PerformanceReport: 'performance.report',
  AnchorPut: 'anchor.put',
  ServiceRecord: 'service.record',
  ServiceReceipt: 'service.receipt',
  OrderIssue: 'order.issue',
  AuditAppend: 'audit.append',
  TerminationRecord: 'termination.record',
  TerminationResume: 'termination.resume',
  RegistryPut: 'registry.put',
} as const;

/** Envelope type of a write to the judicial chain. */
export const JUDICIAL_TX_TYPE = 'judicial.tx';
/** Keys per prove request (a reply stays well under NATS's 1 MB max payload). */
export const MAX_PROVE_KEYS = 200;
/** At most this many anchors in one `anchor.put` tx. */
export const MAX_ANCHORS_PER_TX = 10_000;
/** At most this many signed batches in one `anchor.put` tx. */
export const MAX_BATCHES_PER_TX = 1_000;

export interface JudicialTxRequest {
  type: string;
  txId: string;
  body: Uint8Array;
}

export function encodeTxRequest(type: string, txId: string, body: Uint8Array): Uint8Array {
  return new ByteWriter().string(type).string(txId).bytes(body).finish();
}

/** @throws RangeError naming the field when the bytes are not a tx request */
export function decodeTxRequest(bytes: Uint8Array): JudicialTxRequest {
  const r = new ByteReader(bytes);
  const type = r.string('type');
  const txId = r.string('txId');
  const body = r.bytes('body').slice();
  r.end('judicial.tx');
  return { type, txId, body };
}
