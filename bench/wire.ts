import { createHash } from 'node:crypto';

import { decodeMessage, encodeMessage } from '../src/wire/codec.js';
import { opsPerSecond, withCeiling, type BenchSuite } from './lib.js';

/**
 * The wire codec on the query path: one QueryResponse (a record, a 20-sibling proof, a header
 * reference) encoded and decoded per answer, including the strict pre-scan and the
 * integer/enum checks. Compared with sha256.native: DESIGN.md "Budgets" allows a few dozen
 * hashes per query, so the codec should cost no more than a handful.
 */
export const wire: BenchSuite = {
  name: 'wire',
  async run(ctx) {
    const h = (n: number) => createHash('sha256').update(String(n)).digest();
    const response = {
      requestId: 'q-000001',
      record: { chainId: 'property', key: 'title/0123456789abcdef/1', value: Buffer.alloc(200, 7), recordType: 'property.title' },
      proof: {
        kind: 'PROOF_KIND_MEMBER' as const,
        siblings: Array.from({ length: 20 }, (_, i) => h(i)),
        leafKeyHash: h(100),
        leafValueHash: h(101),
      },
      header: { chainId: 'property', height: 1_234_567, headerHash: h(102) },
    };
    const bytes = encodeMessage('QueryResponse', response);
    ctx.progress('wire.encode.query_response');
    ctx.emit(
      withCeiling(
        ctx,
        'wire.encode.query_response',
        opsPerSecond(() => encodeMessage('QueryResponse', response), ctx.durationMs),
        'ops/s',
        'sha256.native',
      ),
    );
    ctx.progress('wire.decode.query_response');
    ctx.emit(
      withCeiling(
        ctx,
        'wire.decode.query_response',
        opsPerSecond(() => decodeMessage('QueryResponse', bytes), ctx.durationMs),
        'ops/s',
        'sha256.native',
      ),
    );
  },
};
