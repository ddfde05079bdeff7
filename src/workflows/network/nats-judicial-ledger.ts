/**
 * The `JudicialLedger` port over NATS (the network path): writes are signed `judicial.tx`
 * envelopes to the judicial chain's write door (adapters/judicial/tx-server.ts), proofs come from
 * `judicialProveSubject` and are VERIFIED here (quorum-signed header, SMT proof, optional pinned
 * validator set) before the contracts see them: a record is only as good as its proof.
 */
import type { NatsConnection } from 'nats';
import { sealEnvelope, encodeEnvelope, type EnvelopeSigner } from '../../bus/envelope.js';
import { request } from '../../bus/request.js';
import { judicialProveSubject, judicialTxSubject } from '../../bus/subjects.js';
import { ByteReader, ByteWriter } from '../../encoding/bytes.js';
import { encodeCanonical, type CanonicalObject } from '../../encoding/canonical-json.js';
import { VerificationError } from '../../errors.js';
import { encodeTxRequest, JUDICIAL_TX_TYPE, MAX_PROVE_KEYS } from '../../judicial/tx.js';
import type { Committed, JudicialLedger, JudicialTxType, ProvenRecord } from '../ports.js';
import { verifyRecordBundle, type VerifyRecordBundleOptions } from '../../verify/record-bundle.js';
import { decodeLightBlock } from '../../chain/signed-header.js';
import { decodeProof } from '../../proof/proof-codec.js';

export interface NatsJudicialLedgerOptions {
  nc: NatsConnection;
  /** The gateway's key (role `gateway`): signs every write. */
  signer: EnvelopeSigner;
  chainId?: string;
  now: () => number;
  /** Per request; 15 s unless told (a write waits for its block). */
  timeoutMs?: number;
  verify?: VerifyRecordBundleOptions;
}

export class NatsJudicialLedger implements JudicialLedger {
  readonly chainId: string;
  constructor(private readonly o: NatsJudicialLedgerOptions) {
    this.chainId = o.chainId ?? 'judicial';
  }

  private deadline(): { deadlineMs: number; now: () => number } {
    return { deadlineMs: this.o.now() + (this.o.timeoutMs ?? 15_000), now: this.o.now };
  }

  async submit(type: JudicialTxType, txId: string, body: CanonicalObject): Promise<Committed> {
    const env = sealEnvelope(this.o.signer, JUDICIAL_TX_TYPE, encodeTxRequest(type, txId, encodeCanonical(body, type)), this.o.now());
    const reply = await request(this.o.nc, judicialTxSubject(this.chainId), encodeEnvelope(env), this.deadline());
    const r = new ByteReader(reply.data);
    const outcome = r.u8('outcome');
    const height = r.u64n('height');
    const timeMs = r.u64n('timeMs');
    r.end('judicial.tx reply');
    return { height, timeMs, outcome: outcome === 1 ? 'committed' : 'already_committed' };
  }

  async prove(key: string): Promise<ProvenRecord> {
    return (await this.proveMany([key]))[0]!;
  }

  /**
   * Keys are asked in chunks of `MAX_PROVE_KEYS`; each chunk is one header, and the chunks are
   * asked again (up to 3 times) until they all share one (the port's contract).
   * @throws VerificationError `bundle_*` / `header_quorum_invalid` / `record_proof_invalid`, or
   *   `bundle_header_mismatch` when no single header could be had
   */
  async proveMany(keys: readonly string[]): Promise<ProvenRecord[]> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const chunks: ProvenRecord[][] = [];
      for (let i = 0; i < keys.length; i += MAX_PROVE_KEYS) chunks.push(await this.proveChunk(keys.slice(i, i + MAX_PROVE_KEYS)));
      const heights = new Set(chunks.map((c) => c[0]?.light.signedHeader.header.height));
      if (heights.size <= 1) return chunks.flat();
    }
    throw new VerificationError('bundle_header_mismatch', 'the judicial chain moved on between the proof requests three times');
  }

  private async proveChunk(keys: readonly string[]): Promise<ProvenRecord[]> {
    const w = new ByteWriter().u32(keys.length);
    for (const k of keys) w.string(k);
    const reply = await request(this.o.nc, judicialProveSubject(this.chainId), w.finish(), this.deadline());
    const out: ProvenRecord[] = [];
    try {
      const r = new ByteReader(reply.data);
      const light = decodeLightBlock(r.bytes('lightBlock'));
      const n = r.u32('count');
      if (n !== keys.length) throw new RangeError(`asked ${keys.length} proofs, got ${n}`);
      for (let i = 0; i < n; i++) {
        const has = r.u8('present');
        const value = has === 1 ? r.bytes('value').slice() : null;
        out.push({ chainId: this.chainId, key: keys[i]!, value, proof: decodeProof(r.bytes('proof')), light });
      }
      r.end('judicial.prove reply');
    } catch (e) {
      throw new VerificationError('bundle_malformed', `judicial.prove reply: ${(e as Error).message}`, { cause: e });
    }
    // The header's quorum is checked once per chunk; each record's proof against its state root.
    for (const b of out) verifyRecordBundle(b, { chainId: this.chainId }, this.o.verify ?? {});
    return out;
  }
}
