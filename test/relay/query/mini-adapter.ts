/**
 * A minimal adapter for the query-path tests and the bench: a real DevLedger served over a real
 * NATS connection with the wire messages of wire.proto (record queries, index queries, light
 * blocks, signed header announcements on the JetStream headers stream, signed adapter
 * announcements). Stands in for adapters/sdk until its runtime lands; same subjects, same bytes.
 */
import type { Msg, NatsConnection, Subscription } from 'nats';
import { encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../../../src/bus/envelope.js';
import { publishWithId } from '../../../src/bus/jetstream.js';
import { replyError, replyOk } from '../../../src/bus/request.js';
import { announceSubject, headersSubject, indexSubject, lightblockSubject, querySubject, queryQueue } from '../../../src/bus/subjects.js';
import { DevLedger } from '../../../src/chain/ledger/ledger.js';
import { ContractRegistry } from '../../../src/chain/ledger/contract.js';
import { validatorKeyOf, type ValidatorKey } from '../../../src/chain/ledger/validator-keys.js';
import { encodeLightBlock, type LightBlock } from '../../../src/chain/signed-header.js';
import { sha256 } from '../../../src/crypto/hash.js';
import type { HashSuite } from '../../../src/crypto/hash-suite.js';
import { ByteReader, fromHex, fromUtf8, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../../src/errors.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import { headerRefOf, proofToWire, signedHeaderToWire, validatorSetToWire } from '../../../src/verify/bundle-convert.js';

/** Validator keys of the mini chains: sha256("courtbridge vector key N"), N from 200. */
export const miniValidatorKeys = (n = 4, from = 200): ValidatorKey[] =>
  Array.from({ length: n }, (_, i) => validatorKeyOf(sha256(utf8(`courtbridge vector key ${from + i}`))));

export interface PutRecord {
  key: string;
  value: Uint8Array;
  /** Owner id hash (hex): the record is filed under index `owner`. */
  owner?: string;
}

export interface MiniAdapterOptions {
  nc: NatsConnection;
  chainId: string;
  signer: EnvelopeSigner;
  /** Record type answered for every key (its name is echoed). */
  recordType: string;
  validatorKeys?: ValidatorKey[];
  /** Block clock (tests shift it to forge a conflicting header). */
  clock?: () => number;
  /** Publish headers to JetStream (default true). */
  publishHeaders?: boolean;
  replicaId?: string;
  /** The chain's hash suite (its registry entry's): the ledger hashes with it and headers are named by it. */
  hashSuite?: HashSuite;
}

export class MiniAdapter {
  readonly ledger: DevLedger;
  /** While set, queries are answered only once it resolves (deadline tests: an adapter slower than any deadline). */
  hold: Promise<void> | undefined;
  private subs: Subscription[] = [];
  private publishing: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: MiniAdapterOptions) {
    const contracts = new ContractRegistry().register({
      types: ['put'],
      apply: (tx, state) => {
        const recs = JSON.parse(fromUtf8(tx.body)) as { key: string; value: string; owner?: string }[];
        const writes = [];
        const owners = new Map<string, Set<string>>();
        for (const r of recs) {
          writes.push({
            key: r.key,
            value: fromHex(r.value),
            ...(r.owner === undefined ? {} : { index: [{ name: 'owner', value: r.owner }] }),
          });
          if (r.owner !== undefined) {
            const k = `index/owner/${r.owner}`;
            const prev = owners.get(k) ?? new Set<string>(JSON.parse(fromUtf8(state.get(k) ?? utf8('[]'))) as string[]);
            prev.add(r.key);
            owners.set(k, prev);
          }
        }
        for (const [k, keys] of owners) writes.push({ key: k, value: utf8(JSON.stringify([...keys].sort())) });
        return writes;
      },
    });
    this.ledger = DevLedger.open({
      chainId: o.chainId,
      contracts,
      validatorKeys: o.validatorKeys ?? miniValidatorKeys(),
      ...(o.clock === undefined ? {} : { clock: o.clock }),
      ...(o.hashSuite === undefined ? {} : { hashSuite: o.hashSuite }),
    });
  }

  /** Serve queries and publish headers (the current one now, then each new block). */
  start(): void {
    const { nc, chainId } = this.o;
    const queue = queryQueue(chainId);
    const serve = (subject: string, answer: (data: Uint8Array) => Uint8Array | Promise<Uint8Array>): Subscription =>
      nc.subscribe(subject, {
        queue,
        callback: (err, msg: Msg) => {
          if (err !== null) return;
          void (async () => {
            try {
              if (this.hold !== undefined) await this.hold;
              replyOk(msg, await answer(msg.data));
            } catch (e) {
              replyError(msg, e);
            }
          })();
        },
      });
    this.subs = [
      serve(querySubject(chainId), (d) => this.answerQuery(d)),
      serve(indexSubject(chainId), (d) => this.answerIndex(d)),
      serve(lightblockSubject(chainId), (d) => {
        const h = d.length === 0 ? 0 : new ByteReader(d).u64n('height');
        return encodeLightBlock(h === 0 ? this.ledger.latest() : this.ledger.lightBlockAt(h));
      }),
    ];
    if (this.o.publishHeaders !== false) {
      this.ledger.onBlock((b) => void this.announce(b.light));
      void this.announce(this.ledger.latest());
    }
  }

  /** Stop answering (the chain "goes down"). */
  stop(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
  }

  /** Commit records in a new block; resolves once headers of it are published. */
  async put(records: PutRecord[]): Promise<LightBlock> {
    const done = this.ledger.submit({
      type: 'put',
      sender: this.o.signer.did,
      id: `put-${Math.random()}`,
      body: utf8(
        JSON.stringify(records.map((r) => ({ key: r.key, value: toHex(r.value), ...(r.owner === undefined ? {} : { owner: r.owner }) }))),
      ),
    });
    this.ledger.produceBlock();
    await done;
    await this.publishing;
    return this.ledger.latest();
  }

  /** Publish a header announcement (any light block: tests forge conflicting ones). */
  announce(lb: LightBlock, msgId = `${this.o.chainId}:${lb.signedHeader.header.height}`): Promise<unknown> {
    const body = encodeMessage('HeaderAnnouncement', {
      signedHeader: signedHeaderToWire(lb.signedHeader),
      validatorSet: validatorSetToWire(lb.validatorSet),
    });
    const env = sealEnvelope(this.o.signer, 'header.announce', body, Date.now());
    this.publishing = this.publishing
      .then(() => publishWithId(this.o.nc.jetstream(), headersSubject(this.o.chainId), encodeEnvelope(env), msgId))
      .catch(() => undefined);
    return this.publishing;
  }

  /** One signed `adapter.announce`. */
  announcePresence(version = '0.1.0'): void {
    const body = encodeMessage('AdapterAnnouncement', {
      chainId: this.o.chainId,
      adapterDid: this.o.signer.did,
      recordTypes: [this.o.recordType],
      version,
      replicaId: this.o.replicaId ?? 'r1',
    });
    this.o.nc.publish(announceSubject(this.o.chainId), encodeEnvelope(sealEnvelope(this.o.signer, 'adapter.announce', body, Date.now())));
  }

  private answerQuery(data: Uint8Array): Uint8Array {
    const req = decodeMessage('QueryRequest', data);
    if (req.chainId !== this.o.chainId)
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'wrong_chain', `this adapter serves ${this.o.chainId}`);
    const p = this.ledger.prove(req.key);
    const chainId = this.o.chainId;
    return encodeMessage('QueryResponse', {
      requestId: req.requestId,
      ...(p.value === null
        ? { absence: { chainId, key: req.key, recordType: req.recordType } }
        : { record: { chainId, key: req.key, value: p.value, recordType: req.recordType } }),
      proof: proofToWire(p.proof),
      header: headerRefOf(p.light, this.ledger.hashSuite),
    });
  }

  private answerIndex(data: Uint8Array): Uint8Array {
    const req = decodeMessage('IndexQueryRequest', data);
    const chainId = this.o.chainId;
    const entry = this.ledger.prove(`index/${req.index}/${req.indexKey}`);
    const keys = this.ledger.lookup(req.index, req.indexKey);
    return encodeMessage('IndexQueryResponse', {
      requestId: req.requestId,
      ...(entry.value === null
        ? { indexAbsence: { chainId, key: entry.key, recordType: req.recordType } }
        : { indexRecord: { chainId, key: entry.key, value: entry.value, recordType: req.recordType } }),
      indexProof: proofToWire(entry.proof),
      items: keys.map((k) => {
        const p = this.ledger.prove(k);
        return {
          record: { chainId, key: k, value: p.value ?? new Uint8Array(0), recordType: req.recordType },
          proof: proofToWire(p.proof),
        };
      }),
      header: headerRefOf(entry.light, this.ledger.hashSuite),
      truncated: false,
    });
  }
}
