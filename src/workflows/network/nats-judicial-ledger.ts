/**
 * The `JudicialLedger` port over NATS (the network path): writes are signed `judicial.tx`
 * envelopes to the judicial chain's write door (adapters/judicial/tx-server.ts), proofs come from
 * `judicialProveSubject` and are VERIFIED here (quorum-signed header, SMT proof, optional pinned
 * validator set) before the contracts see them: a record is only as good as its proof.
 */
import type { NatsConnection } from 'nats';
import { sealEnvelope, encodeEnvelope, type EnvelopeSigner } from '../../bus/envelope.js';
import { whenConnected } from '../../bus/connection-loss.js';
import { request } from '../../bus/request.js';
import { judicialProveSubject, judicialTxSubject } from '../../bus/subjects.js';
import { ByteReader, ByteWriter } from '../../encoding/bytes.js';
import { encodeCanonical, type CanonicalObject } from '../../encoding/canonical-json.js';
import { isCourtbridgeError, VerificationError } from '../../errors.js';
import { encodeTxRequest, JUDICIAL_TX_TYPE, MAX_PROVE_KEYS } from '../../judicial/tx.js';
import type { Committed, JudicialLedger, JudicialTxType, ProvenRecord } from '../ports.js';
import { verifyRecordBundle, type VerifyRecordBundleOptions } from '../../verify/record-bundle.js';
import { decodeLightBlock } from '../../chain/signed-header.js';
import { decodeProof } from '../../proof/proof-codec.js';
import type { HashSuite } from '../../crypto/hash-suite.js';

export interface NatsJudicialLedgerOptions {
  nc: NatsConnection;
  /** The gateway's key (role `gateway`): signs every write. */
  signer: EnvelopeSigner;
  chainId?: string;
  now: () => number;
  /** Per request; 15 s unless told (a write waits for its block). */
  timeoutMs?: number;
  verify?: VerifyRecordBundleOptions;
  /**
   * The judicial chain's hash suite, read per request from its registry entry (the registry may
   * change it): proofs are decoded and checked under it. SHA-256 unless told.
   */
  hashSuite?: () => HashSuite;
}

/** Failures of the bus, not of the write: asked again once NATS is back (`ask`). */
const RETRIED: ReadonlySet<string> = new Set(['nats_disconnected', 'no_responders', 'bus_error', 'nats_timeout']);

export class NatsJudicialLedger implements JudicialLedger {
  readonly chainId: string;
  constructor(private readonly o: NatsJudicialLedgerOptions) {
    this.chainId = o.chainId ?? 'judicial';
  }

  /**
   * One request to the judicial chain's door within the budget, asked again when the bus lost it:
   * a request cut by a lost connection (or sent while the door's server was not back yet) goes
   * again as soon as NATS is back, instead of waiting out the whole budget. Safe: a write is
   * idempotent by its tx id (`already_committed`), and `payload` is rebuilt per attempt so a
   * write's envelope is fresh. Other failures and the budget's end are thrown as they are.
   */
  private async ask(subject: string, payload: () => Uint8Array): Promise<Uint8Array> {
    const deadlineMs = this.o.now() + (this.o.timeoutMs ?? 15_000);
    for (let attempt = 0; ; attempt++) {
      try {
        return (await request(this.o.nc, subject, payload(), { deadlineMs, now: this.o.now })).data;
      } catch (e) {
        if (!isCourtbridgeError(e) || !RETRIED.has(e.reason) || this.o.now() >= deadlineMs) throw e;
        if (!(await whenConnected(this.o.nc, deadlineMs, this.o.now))) throw e;
        // The server behind the subject reconnects too; give it a moment, growing (100 ms .. 1 s).
        await new Promise((r) => setTimeout(r, Math.min(1_000, 100 * 2 ** Math.min(attempt, 4))));
      }
    }
  }

  async submit(type: JudicialTxType, txId: string, body: CanonicalObject): Promise<Committed> {
    const data = await this.ask(judicialTxSubject(this.chainId), () =>
      encodeEnvelope(sealEnvelope(this.o.signer, JUDICIAL_TX_TYPE, encodeTxRequest(type, txId, encodeCanonical(body, type)), this.o.now())),
    );
    const reply = { data };
    const r = new ByteReader(reply.data);
    const outcome = r.u8('outcome');
    const height = r.u64n('height');
    const timeMs = r.u64n('timeMs');
    r.end('judicial.tx reply');
    return { height, timeMs, outcome: outcome === 1 ? 'committed' : 'already_committed' };
  }

  hashSuite(): HashSuite {
    return this.o.hashSuite?.() ?? 'sha256';
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
    const bytes = w.finish();
    const reply = { data: await this.ask(judicialProveSubject(this.chainId), () => bytes) };
    const suite = this.hashSuite();
    const out: ProvenRecord[] = [];
    try {
      const r = new ByteReader(reply.data);
      const light = decodeLightBlock(r.bytes('lightBlock'));
      const n = r.u32('count');
      if (n !== keys.length) throw new RangeError(`asked ${keys.length} proofs, got ${n}`);
      for (let i = 0; i < n; i++) {
        const has = r.u8('present');
        const value = has === 1 ? r.bytes('value').slice() : null;
        out.push({ chainId: this.chainId, key: keys[i]!, value, proof: decodeProof(r.bytes('proof'), suite), light });
      }
      r.end('judicial.prove reply');
    } catch (e) {
      throw new VerificationError('bundle_malformed', `judicial.prove reply: ${(e as Error).message}`, { cause: e });
    }
    // The header's quorum is checked once per chunk; each record's proof against its state root.
    const verify: VerifyRecordBundleOptions = { ...this.o.verify, hashSuites: { ...this.o.verify?.hashSuites, [this.chainId]: suite } };
    for (const b of out) verifyRecordBundle(b, { chainId: this.chainId }, verify);
    return out;
  }
}
