/**
 * Everything the checks share: the NATS connection, the kit's signers and trust, what the
 * earlier checks learned (the adapter's DID from its announcement, the kit's light client of the
 * chain anchored on its headers, the order executed by the exactly-once check), and the
 * protocol exchanges every check is built from. Checks run in the kit's order (checks.ts), so a
 * later check may use what an earlier one learned; each falls back when it is missing.
 *
 * Every answer is checked with the verification core the gateway uses (light client, SMT
 * proofs, envelope policy): the kit trusts the adapter for nothing it can prove. An `evm` chain
 * (its registry kind, chain-under-test.ts) is judged as the gateway's evm query path judges it
 * (src/relay/modules/query-evm.ts): the kit asks at the newest block its registry notaries made
 * final (notary-finality.ts), the answer's header must be that block, and the `eth_getProof`
 * proof must verify against it, of the registry's contract, by the record type's layout. A
 * `notary` chain (a registry in a database) as the gateway's notary path judges it
 * (notary-answer.ts): at least the threshold of its registry notaries signed exactly the record or
 * absence stated, at the version and time stated.
 */
import { randomBytes } from 'node:crypto';
import type { JetStreamClient, NatsConnection } from 'nats';
import { encodeEnvelope, sealEnvelope, type Envelope } from '../bus/envelope.js';
import { publishWithId } from '../bus/jetstream.js';
import { request } from '../bus/request.js';
import { actionsSubject, querySubject } from '../bus/subjects.js';
import { headerHash } from '../chain/header.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import type { LightBlock } from '../chain/signed-header.js';
import { equalBytes, toHex, utf8 } from '../encoding/bytes.js';
import { isCourtbridgeError } from '../errors.js';
import type { Authority } from '../identity/authority.js';
import { signJwtNative } from '../identity/jwt.js';
import type { Signer } from '../identity/signer.js';
import { LightClient, type VerifiedStateRoot } from '../lightclient/light-client.js';
import { MemoryTrustedStore } from '../lightclient/memory-store.js';
import { verifyProof } from '../proof/verify.js';
import { decodeMessage, encodeMessage } from '../wire/codec.js';
import type { MessageInput, MessageOutput } from '../wire/messages.js';
import { fetchLightBlock } from '../../adapters/sdk/judicial-trust.js';
import { judicialOrderRecordKey } from '../judicial/record-keys.js';
import { orderClaimsOf, type JudicialOrder } from '../judicial/order.js';
import { wireKindOf } from '../judicial/wire-kind.js';
import { proofFromWire, proofToWire, signedHeaderToWire, validatorSetToWire } from '../verify/bundle-convert.js';
import { verifyEvmRecordProof } from '../verify/evm/evm-answer.js';
import { evmProofClaimFromWire } from '../verify/evm/evm-wire.js';
import { toRpcHex } from '../verify/evm/rpc-hex.js';
import type { FinalBlock } from '../relay/light-clients/notary-book.js';
import { failCheck, isCheckFailure } from './check.js';
import type { ChainUnderTest } from './chain-under-test.js';
import { NotaryFinality } from './notary-finality.js';
import { NOTARY_MAX_DRIFT_MS, proveNotaryAnswer } from './notary-answer.js';
import type { OrderDesk, ResolvedOptions } from './options.js';
import { ResultWatch } from './result-watch.js';

/** The announcement the kit accepted (announce check). */
export interface SeenAnnouncement {
  adapterDid: string;
  recordTypes: string[];
  actions: string[];
  version: string;
  replicaId: string;
}

/** A record (or its absence) proven against a header the kit's light client verified (evm: a block its notaries made final). */
export interface ProvenAnswer {
  key: string;
  kind: 'member' | 'absent';
  value: Uint8Array | null;
  height: number;
  headerHashHex: string;
}

/** What an answer carries to be proven (QueryResponse, ActionResult). */
export interface ProvableAnswer {
  record?: MessageOutput<'Record'> | null;
  absence?: MessageOutput<'Absence'> | null;
  proof?: MessageOutput<'SmtProof'> | null;
  header?: MessageOutput<'HeaderRef'> | null;
  /** `evm` chains: the header RLP and state proof, in place of `proof`. */
  evm?: MessageOutput<'EvmEvidence'> | null;
  /** `notary` chains: the version, time and notarizations, in place of `proof`. */
  notary?: MessageOutput<'NotaryRecordEvidence'> | null;
}

/** The order the exactly-once check had executed (the replay check reuses its jti). */
export interface ExecutedOrder {
  order: JudicialOrder;
  jti: string;
}

export class ConformanceContext {
  readonly chain: string;
  readonly js: JetStreamClient;
  readonly results: ResultWatch;
  /** Unique per run: every id the kit creates carries it, so runs never collide. */
  readonly runId: string;
  adapterDid: string | undefined;
  announcement: SeenAnnouncement | undefined;
  executed: ExecutedOrder | undefined;
  /** `evm` chains: the blocks the registry notaries made final (undefined for `bft-smt`). */
  readonly notaries: NotaryFinality | undefined;
  private lightClient: LightClient | undefined;
  private seq = 0;

  constructor(
    readonly nc: NatsConnection,
    readonly o: ResolvedOptions,
  ) {
    this.chain = o.chain;
    this.js = nc.jetstream();
    this.results = new ResultWatch(nc, o.chain, o.authority, o.now);
    this.runId = `${o.now().toString(36)}${toHex(randomBytes(3))}`;
    this.adapterDid = o.adapterDid;
    this.notaries = o.target.kind === 'evm' ? new NotaryFinality(this.js, o.chain, o.target, o.authority, o.now) : undefined;
  }

  /** The chain as the registry lists it. */
  get target(): ChainUnderTest {
    return this.o.target;
  }

  /** The hash suite of the chain's registry entry (SHA-256 when it names none): headers and proofs are judged under it. */
  get hashSuite(): HashSuite {
    return (this.o.target.kind === 'bft-smt' ? this.o.target.hashSuite : undefined) ?? 'sha256';
  }

  get authority(): Authority {
    return this.o.authority;
  }

  now(): number {
    return this.o.now();
  }

  deadline(): number {
    return this.o.now() + this.o.timeoutMs;
  }

  /** A fresh id for this run, e.g. `cf-<run>-3-forged`. */
  nextId(label: string): string {
    this.seq += 1;
    return `cf-${this.runId}-${this.seq}-${label}`;
  }

  async close(): Promise<void> {
    this.results.close();
    await this.notaries?.stop();
  }

  // ---- what a check needs -------------------------------------------------------------------

  requireAdapterDid(): string {
    if (this.adapterDid === undefined)
      failCheck(
        "the adapter's DID is unknown: no valid announcement was seen (give it with --adapter-did DID, or the kit's adapterDid option)",
      );
    return this.adapterDid;
  }

  requireGateway(): Signer {
    if (this.o.gateway === undefined) failCheck('the kit needs a gateway key to send action requests (--gateway-key)');
    return this.o.gateway;
  }

  requireAction(): NonNullable<ResolvedOptions['action']> {
    if (this.o.action === undefined)
      failCheck('the adapter announces actions; tell the kit one it may order on a test record (--action KIND:TYPE/ID[:AMOUNT])');
    return this.o.action;
  }

  requireDesk(): OrderDesk {
    if (this.o.orderDesk === undefined)
      failCheck(`an accepted order must exist on the ${this.o.judicialChainId} chain first; the kit was given no order desk to issue it`);
    return this.o.orderDesk;
  }

  // ---- queries and proofs -------------------------------------------------------------------

  /** A record query to the adapter (at `height`; 0: its latest); the reply decoded. Error replies and silence throw (request.ts). */
  async query(key: string, recordType: string, chain = this.chain, height = 0): Promise<MessageOutput<'QueryResponse'>> {
    const requestId = this.nextId('q');
    const req = encodeMessage('QueryRequest', { requestId, chainId: chain, recordType, key, height, deadlineMs: this.deadline() });
    const reply = await request(this.nc, querySubject(chain), req, { deadlineMs: this.deadline(), now: this.o.now });
    const resp = decodeMessage('QueryResponse', reply.data);
    if (resp.requestId !== requestId)
      failCheck(`query ${key}: the reply answers request ${JSON.stringify(resp.requestId).slice(0, 60)}, not ${requestId}`);
    return resp;
  }

  /** The light block at `height` (0 = latest), from the chain's `lightblock` service. */
  lightBlock(height: number, chain = this.chain): Promise<LightBlock> {
    return fetchLightBlock(this.nc, chain, height, this.deadline());
  }

  /**
   * Let the kit's light client of the chain judge `lb`: the first light block anchors it
   * (subjective initialisation, as any light client starts); every later one must link to what
   * it trusts with a >2/3 quorum (sequential, or skipping with the 1/3 rule). Returns the
   * verified state root at `lb`'s height.
   */
  async trust(lb: LightBlock): Promise<VerifiedStateRoot> {
    const nowMs = this.now();
    const h = lb.signedHeader.header;
    if (h.chainId !== this.chain) failCheck(`a header of chain ${h.chainId} was served for ${this.chain}`);
    try {
      if (this.lightClient === undefined) {
        const lc = new LightClient(this.chain, new MemoryTrustedStore());
        await lc.init(lb.signedHeader, lb.validatorSet, undefined, {
          hashSuite: this.hashSuite,
          trustingPeriodMs: 14 * 86_400_000,
          maxClockDriftMs: 30_000,
          nowMs,
        });
        this.lightClient = lc;
      } else {
        // One adapter under test is the only source on purpose: no witness to ask.
        const out = await this.lightClient.update(lb.signedHeader, lb.validatorSet, nowMs, { singleSource: true });
        if (out.kind === 'frozen')
          failCheck(`header ${h.height} conflicts with a header the kit trusts (misbehaviour: ${out.frozen.misbehaviour.kind})`);
      }
      const root = await this.lightClient.verifiedStateRoot({ kind: 'at', height: h.height }, nowMs);
      if (!equalBytes(root.headerHash, headerHash(h, this.hashSuite)))
        failCheck(`the trusted header at ${h.height} is another one than the one served`);
      return root;
    } catch (e) {
      if (isCheckFailure(e)) throw e;
      if (isCourtbridgeError(e))
        failCheck(`header ${h.chainId}@${h.height} rejected by the light client: ${e.reason}: ${e.message}`, {
          height: h.height,
          reason: e.reason,
        });
      throw e;
    }
  }

  /** Whether the kit's light client is anchored yet. */
  get anchored(): boolean {
    return this.lightClient !== undefined;
  }

  /**
   * Prove an answer: fetch the light block it names, check its hash, let the light client judge
   * it, and verify the SMT proof of the record or absence against its state root.
   */
  async prove(answer: ProvableAnswer, what: string): Promise<ProvenAnswer> {
    if (this.notaries !== undefined) return this.proveEvm(answer, what);
    if (this.o.target.kind === 'notary') return this.proveNotary(answer, what);
    const ref = answer.header;
    if (ref === null || ref === undefined) failCheck(`${what}: the answer names no header`);
    if (ref.chainId !== this.chain) failCheck(`${what}: the answer's header is of chain ${ref.chainId}`);
    let lb: LightBlock;
    try {
      lb = await this.lightBlock(ref.height);
    } catch (e) {
      if (isCourtbridgeError(e)) failCheck(`${what}: the light block at ${ref.height} could not be fetched: ${e.reason}: ${e.message}`);
      throw e;
    }
    const hash = headerHash(lb.signedHeader.header, this.hashSuite);
    if (!equalBytes(hash, Uint8Array.from(ref.headerHash)))
      failCheck(`${what}: the light block served at ${ref.height} is not the header the answer names`, { height: ref.height });
    const root = await this.trust(lb);
    const rec = answer.record ?? undefined;
    const abs = answer.absence ?? undefined;
    const key = rec?.key ?? abs?.key;
    if (key === undefined) failCheck(`${what}: the answer carries neither a record nor an absence`);
    const value = rec === undefined ? null : Uint8Array.from(rec.value);
    try {
      const ev = verifyProof(root.stateRoot, utf8(key), value, proofFromWire(answer.proof), root.hashSuite);
      return { key, kind: ev.kind, value, height: root.height, headerHashHex: toHex(root.headerHash) };
    } catch (e) {
      if (isCourtbridgeError(e))
        failCheck(`${what}: the proof of ${key} does not verify against header ${root.height}: ${e.reason}`, {
          height: root.height,
          reason: e.reason,
        });
      throw e;
    }
  }

  /**
   * Query `key` and prove the answer (member or absent). An `evm` chain is asked at the newest
   * block final by its notaries, and the answer must rest on exactly that block.
   */
  async queryProven(key: string, recordType: string): Promise<ProvenAnswer> {
    const final = this.notaries === undefined ? undefined : await this.notaries.newest(this.o.timeoutMs);
    let resp: MessageOutput<'QueryResponse'>;
    try {
      resp = await this.query(key, recordType, this.chain, final?.block.height ?? 0);
    } catch (e) {
      if (isCheckFailure(e)) throw e;
      if (isCourtbridgeError(e)) failCheck(`query ${key}: ${e.code} ${e.reason}: ${e.message}`, { reason: e.reason });
      throw e;
    }
    const what = `query ${key}`;
    if (this.o.target.kind === 'notary') return this.proveNotary(resp, what, { key, recordType });
    if (final === undefined) return this.prove(resp, what);
    // The layout the proof is read by follows the record type: it must be the one asked.
    const claimed = resp.record ?? resp.absence ?? undefined;
    if (claimed !== undefined && (claimed.key !== key || claimed.recordType !== recordType))
      failCheck(`${what}: the answer is about ${claimed.recordType} ${claimed.key.slice(0, 120)}`, { key });
    return this.proveEvm(resp, what, final);
  }

  /**
   * Prove an `evm` answer: its header must name the block the registry notaries made final at its
   * height (`final`, or waited for, up to the budget, for an action's block), the header RLP must
   * hash to it, and the state proof must verify against its state root, of the registry's
   * contract, of exactly the record's slots (`verifyEvmRecordProof`); the record or absence the
   * adapter claims must be the one proven.
   */
  async proveEvm(answer: ProvableAnswer, what: string, final?: FinalBlock): Promise<ProvenAnswer> {
    const t = this.o.target;
    if (t.kind !== 'evm' || this.notaries === undefined) failCheck(`${what}: ${this.chain} is not an evm chain in the registry`);
    const ref = answer.header;
    if (ref === null || ref === undefined) failCheck(`${what}: the answer names no block`);
    if (ref.chainId !== this.chain) failCheck(`${what}: the answer's block is of chain ${ref.chainId}`);
    const f = final ?? (await this.notaries.at(ref.height, this.o.timeoutMs));
    const b = f.block;
    const refHash = Uint8Array.from(ref.headerHash);
    if (ref.height !== b.height || !equalBytes(refHash, b.blockHash))
      failCheck(
        `${what}: the answer rests on block ${ref.height} ${toRpcHex(refHash)}, not on the block its notaries made final at ${b.height} (${toRpcHex(b.blockHash)})`,
        { height: b.height, reason: 'evm_block_not_notarized' },
      );
    const evm = answer.evm ?? undefined;
    if (evm === undefined)
      failCheck(`${what}: the answer carries no EVM evidence (header RLP and eth_getProof proof)`, { height: b.height });
    const rec = answer.record ?? undefined;
    const abs = answer.absence ?? undefined;
    const claimed = rec ?? abs;
    if (claimed === undefined) failCheck(`${what}: the answer carries neither a record nor an absence`);
    const key = claimed.key;
    const layout = t.records.get(claimed.recordType);
    if (layout === undefined)
      failCheck(`${what}: the kit knows no storage layout for record type ${JSON.stringify(claimed.recordType).slice(0, 60)} (evmRecords)`);
    let value: Uint8Array | null;
    try {
      const headerRlp = Uint8Array.from(evm.headerRlp);
      const ev = await verifyEvmRecordProof(
        { chainId: this.chain, key, headerRlp, proof: evmProofClaimFromWire(evm.proof) },
        t.contract,
        layout,
      );
      if (!equalBytes(ev.hash, b.blockHash) || !equalBytes(ev.header.stateRoot, b.stateRoot))
        failCheck(`${what}: the header RLP is not the block its notaries made final at ${b.height}`, {
          height: b.height,
          reason: 'evm_block_not_notarized',
        });
      value = ev.value;
    } catch (e) {
      if (isCheckFailure(e)) throw e;
      if (isCourtbridgeError(e))
        failCheck(
          `${what}: the proof of ${key} does not verify against block ${b.height} and contract ${toRpcHex(t.contract)}: ${e.reason}: ${e.message}`,
          { height: b.height, reason: e.reason },
        );
      throw e;
    }
    if (value === null ? rec !== undefined : rec === undefined || !equalBytes(Uint8Array.from(rec.value), value))
      failCheck(
        `${what}: the adapter claims ${rec === undefined ? 'an absence' : 'a record'} other than what the proof proves at ${b.height}`,
        {
          height: b.height,
          reason: 'evm_value_mismatch',
        },
      );
    return { key, kind: value === null ? 'absent' : 'member', value, height: b.height, headerHashHex: toHex(b.blockHash) };
  }

  /**
   * Prove a `notary` answer (notary-answer.ts): `asked`, for a query, is the record it must be
   * about; the statement must be read within this exchange's budget.
   */
  proveNotary(answer: ProvableAnswer, what: string, asked?: { key: string; recordType: string }): ProvenAnswer {
    const t = this.o.target;
    if (t.kind !== 'notary') failCheck(`${what}: ${this.chain} is not a notary chain in the registry`);
    return proveNotaryAnswer(answer, what, {
      chain: this.chain,
      policy: t.notaries,
      authority: this.authority,
      nowMs: this.now(),
      maxAgeMs: this.o.timeoutMs + NOTARY_MAX_DRIFT_MS,
      ...(asked === undefined ? {} : { asked }),
    });
  }

  // ---- orders and actions -------------------------------------------------------------------

  /** A test order for the configured action (`label` names the case it tests). */
  newOrder(label: string, overrides: Partial<JudicialOrder> = {}): JudicialOrder {
    const a = this.requireAction();
    const id = this.nextId(label);
    return {
      orderId: id,
      court: this.o.court.did,
      caseId: a.caseId ?? `conformance-${this.runId}`,
      chain: this.chain,
      actionId: id,
      kind: a.kind,
      target: a.target,
      amount: a.amount,
      ...overrides,
    };
  }

  /** The court's order JWT for `order` (purpose `order`, audience the adapter), signed by `issuer`. */
  mintOrder(order: JudicialOrder, opts: { issuer?: Signer; jti?: string } = {}): { jwt: string; jti: string } {
    const jti = opts.jti ?? `jti-${order.orderId}`;
    const jwt = signJwtNative(opts.issuer ?? this.o.court, {
      audience: this.requireAdapterDid(),
      purpose: 'order',
      nowMs: this.now(),
      lifetimeMs: 10 * 60_000,
      jti,
      claims: orderClaimsOf(order),
    });
    return { jwt, jti };
  }

  /** Issue `order` on the judicial chain (order desk) and return its proof bundle, fetched over NATS. */
  async issueAndProve(order: JudicialOrder): Promise<MessageInput<'JudicialProof'>> {
    await this.requireDesk().issueOrder(order);
    return this.judicialProof(order);
  }

  /** The judicial-chain proof of `order/<orderId>`, from the judicial chain's adapters. */
  async judicialProof(order: JudicialOrder): Promise<MessageInput<'JudicialProof'>> {
    const jc = this.o.judicialChainId;
    const key = judicialOrderRecordKey(order.orderId);
    let resp: MessageOutput<'QueryResponse'>;
    let lb: LightBlock;
    try {
      resp = await this.query(key, 'order', jc);
      if (resp.header === null || resp.header === undefined) failCheck(`the ${jc} chain answered ${key} without a header`);
      lb = await this.lightBlock(resp.header.height, jc);
    } catch (e) {
      if (isCheckFailure(e)) throw e;
      if (isCourtbridgeError(e)) failCheck(`cannot fetch the proof of ${key} from the ${jc} chain: ${e.reason}: ${e.message}`);
      throw e;
    }
    if (resp.result !== 'record' || resp.record === null || resp.record === undefined)
      failCheck(`the order ${key} is not on the ${jc} chain after it was issued`);
    return {
      caseId: order.caseId,
      recordKey: key,
      height: lb.signedHeader.header.height,
      bundle: {
        record: { chainId: jc, key, value: Uint8Array.from(resp.record.value), recordType: 'order' },
        proof: proofToWire(proofFromWire(resp.proof)),
        signedHeader: signedHeaderToWire(lb.signedHeader),
        validatorSet: validatorSetToWire(lb.validatorSet),
      },
    };
  }

  /** The ActionRequest a gateway forwards for `order`. */
  actionRequest(
    order: JudicialOrder,
    jwt: string,
    judicialProof: MessageInput<'JudicialProof'> | undefined,
  ): MessageInput<'ActionRequest'> {
    const a = this.requireAction();
    const req: MessageInput<'ActionRequest'> = {
      actionId: order.actionId,
      chainId: this.chain,
      kind: wireKindOf(order.kind),
      target: { recordType: a.recordType, key: a.key },
      amount: order.amount,
      orderJwt: jwt,
      acceptedAtMs: this.now(),
    };
    if (judicialProof !== undefined) req.judicialProof = judicialProof;
    return req;
  }

  /** Seal `req` as the gateway (`action.request`). */
  seal(req: MessageInput<'ActionRequest'>): Envelope {
    return sealEnvelope(this.requireGateway(), 'action.request', encodeMessage('ActionRequest', req), this.now());
  }

  /** Publish an envelope to the chain's actions stream under a fresh JetStream message id. */
  async publish(env: Envelope): Promise<void> {
    await publishWithId(this.js, actionsSubject(this.chain), encodeEnvelope(env), this.nextId('msg'));
  }
}
