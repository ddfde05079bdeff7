/**
 * Where each judicial record lives in the judicial chain's state: the keys the contract writes,
 * the gateway proves and the adapters check (an order's record is `order/<orderId>`).
 */
import { recordKey } from '../chain/ledger/record-type.js';

export const caseKey = (caseId: string): string => recordKey('case', caseId);
export const agreementKey = (id: string): string => recordKey('agreement', id);
export const performanceKey = (agreementId: string, reportId: string): string => `performance/${agreementId}/${reportId}`;
export const anchorKey = (hashHex: string): string => recordKey('anchor', hashHex);
export const serviceKey = (id: string): string => recordKey('service', id);
/** The services of a document, by its hex sha256 (a file finds its service records). */
export const servedDocumentKey = (documentHashHex: string): string => recordKey('served-document', documentHashHex);
export const orderKey = (orderId: string): string => recordKey('order', orderId);
export const auditKey = (caseId: string, seq: number): string => `audit/${caseId}/${seq}`;
export const terminationKey = (enforcementCaseId: string): string => recordKey('termination', enforcementCaseId);
export const auditHeadKey = (caseId: string): string => recordKey('audit-head', caseId);

/** Key of an order's record on the judicial chain (the record adapters check before acting). */
export function judicialOrderRecordKey(orderId: string): string {
  return orderKey(orderId);
}
