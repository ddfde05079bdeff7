/**
 * docs/spec/trace.md `trace`: the product's anchored-trace verifier on a case's light blocks,
 * target header, registry anchors and hash suite. The blocks enter as a bundle's TraceBlock
 * messages do (the product's wire conversion builds and checks each validator set). A valid
 * case's bytes must also be the product's own light-block encoding of its blocks.
 */
import { writeLightBlock, type LightBlock } from '../../../src/chain/signed-header.js';
import type { HashSuite } from '../../../src/crypto/hash-suite.js';
import { ByteWriter } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import type { ChainAnchor } from '../../../src/identity/chain-entry.js';
import { verifyAnchoredTrace } from '../../../src/verify/anchored-trace.js';
import { traceBlockFromWire } from '../../../src/verify/bundle-convert.js';
import type { MessageOutput } from '../../../src/wire/messages.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { headerOf } from './header.js';

const hex = (v: unknown): Uint8Array => new Uint8Array(Buffer.from(String(v), 'hex'));

interface BlockFields {
  header: Record<string, unknown>;
  commit: { height: number; headerHash: string; signatures: { validatorDid: string; signature: string }[] };
  validatorSet: { validators: { did: string; publicKey: string; power: number }[] };
}

/** A block of the vector as the TraceBlock message a bundle carries. */
function wireOf(b: BlockFields): MessageOutput<'TraceBlock'> {
  const h = headerOf(b.header);
  return {
    signedHeader: {
      header: { ...h },
      commit: {
        height: b.commit.height,
        headerHash: hex(b.commit.headerHash),
        signatures: b.commit.signatures.map((s) => ({ validatorDid: s.validatorDid, signature: hex(s.signature) })),
      },
    },
    validatorSet: { validators: b.validatorSet.validators.map((v) => ({ did: v.did, publicKey: hex(v.publicKey), power: v.power })) },
  } as unknown as MessageOutput<'TraceBlock'>;
}

export function check(_file: VectorFile, c: VectorCase | InvalidCase): string {
  const blocks = (c.fields as { blocks: BlockFields[] }).blocks;
  let trace: LightBlock[];
  try {
    trace = blocks.map((b, i) => traceBlockFromWire(wireOf(b), `trace[${i}]`));
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
  if (typeof c.bytes === 'string') {
    const w = new ByteWriter().u32(trace.length);
    for (const b of trace) writeLightBlock(w, b);
    if (Buffer.from(w.finish()).toString('hex') !== c.bytes) return 'bytes_differ';
  }
  const anchors: ChainAnchor[] = (c.anchors as { height: number; headerHash: string; validatorsHash: string }[]).map((a) => ({
    height: a.height,
    headerHash: hex(a.headerHash),
    validatorsHash: hex(a.validatorsHash),
  }));
  const v = verifyAnchoredTrace(trace, headerOf(c.target as Record<string, unknown>), anchors, c.hashSuite as HashSuite);
  return v.ok ? 'ok' : v.reason;
}
