/**
 * docs/spec/service-of-process.md, the court's service: each case through the gateway's
 * RecordService reading (serviceOfRecordServiceRequest) and the product's ServiceRegistry up to
 * the judicial transaction (a ledger that stops at submit).
 */
import type { RecordServiceRequest__Output } from '../../../src/generated/courtbridge/v1/RecordServiceRequest.js';
import { serviceOfRecordServiceRequest } from '../../../src/workflows/gateway/evidence-service.js';
import type { JudicialLedger, ProvenRecord } from '../../../src/workflows/ports.js';
import { ServiceRegistry } from '../../../src/workflows/service-of-process.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { authorityOf, reasonOf } from './evidence.js';

export const REACHED_SUBMIT = new Error('every check passed: the judicial transaction was reached');

/** A judicial ledger holding at most one record (`value`, null for absent) that stops at submit. */
export function ledgerHolding(value: Uint8Array | null): JudicialLedger {
  return {
    chainId: 'judicial',
    submit: () => Promise.reject(REACHED_SUBMIT),
    prove: (key: string) => Promise.resolve({ chainId: 'judicial', key, value } as unknown as ProvenRecord),
    proveMany: () => Promise.reject(new Error('not reached')),
  } as unknown as JudicialLedger;
}

const HEX_FIELDS = ['documentHash', 'recipientIdHash', 'receiptHash', 'recipientBinding'] as const;

export async function check(file: VectorFile, c: VectorCase | InvalidCase): Promise<string> {
  const m = c.message as Record<string, unknown>;
  const service = { ...m, ...Object.fromEntries(HEX_FIELDS.map((f) => [f, Buffer.from(m[f] as string, 'hex')])) };
  const req = { service, signature: Buffer.from(c.signature as string, 'hex') } as unknown as RecordServiceRequest__Output;
  const registry = new ServiceRegistry({
    ledger: ledgerHolding(null),
    authority: authorityOf(file),
    clock: { now: () => c.nowMs as number },
  });
  try {
    const { service: s, signature } = serviceOfRecordServiceRequest(req);
    await registry.recordService(s, signature);
    return 'no_submit';
  } catch (e) {
    return e === REACHED_SUBMIT ? 'ok' : reasonOf(e);
  }
}
