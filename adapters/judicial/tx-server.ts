/**
 * The judicial chain's write door for the gateway's workflows (wire format: src/judicial/tx.ts) (the judicial smart
 * contracts keep their state and audit trail on the judicial chain). Runs next to the judicial
 * chain (the process holding its dev ledger) and serves, in queue group `judicial-tx`:
 *   `judicialTxSubject(chain)`    a signed `judicial.tx` envelope (role `gateway`, fresh, not
 *       replayed: src/bus/envelope-verify.ts) whose body is
 *         string type, string txId, bytes body (canonical JSON the judicial contract reads)
 *       -> reply u8 outcome (1 committed, 2 already_committed), u64 height, u64 timeMs, once the
 *       tx is in a committed block; a refusal is an error reply with the contract's reason.
 *       The tx's sender is the envelope's DID. Idempotent by txId.
 *   `judicialProveSubject(chain)` u32 n (<= 200), n x string key -> bytes light block
 *       (src/chain/signed-header.ts), u32 n, n x (u8 present, [bytes value], bytes SMT proof):
 *       all against that ONE signed header. Not signed: the proofs
 *       and the header's quorum authenticate the answer (DESIGN.md "Transport").
 *   `judicialFilingsSubject(chain)` the chain's case filings in chain order after a position
 *       (src/judicial/filings-feed.ts, filing-index.ts), for the filings publisher, which proves
 *       each case record before it publishes it.
 */
import type { Msg, NatsConnection, Subscription } from 'nats';
import { openEnvelope } from '../../src/bus/envelope-verify.js';
import type { ReplayGuard } from '../../src/bus/replay-guard.js';
import { replyError, replyOk } from '../../src/bus/request.js';
import { judicialFilingsSubject, judicialProveSubject, judicialTxSubject } from '../../src/bus/subjects.js';
import type { DevLedger } from '../../src/chain/ledger/ledger.js';
import { ByteReader, ByteWriter } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../src/errors.js';
import type { Authority } from '../../src/identity/authority.js';
import { encodeLightBlock } from '../../src/chain/signed-header.js';
import { encodeProof } from '../../src/proof/proof-codec.js';
import { decodeFilingsRequest, encodeFilingsPage } from '../../src/judicial/filings-feed.js';
import { decodeTxRequest, JUDICIAL_TX_TYPE, JudicialTx, MAX_PROVE_KEYS } from '../../src/judicial/tx.js';
import { JudicialFilingIndex } from './filing-index.js';
const TX_TYPES: ReadonlySet<string> = new Set(Object.values(JudicialTx));

export interface JudicialTxServerOptions {
  nc: NatsConnection;
  ledger: DevLedger;
  authority: Authority;
  replay: ReplayGuard;
  now: () => number;
  /** Oldest accepted envelope age; 60 s unless told. */
  maxAgeMs?: number;
}

export interface JudicialTxServer {
  stop(): Promise<void>;
}

export function startJudicialTxServer(o: JudicialTxServerOptions): JudicialTxServer {
  const chain = o.ledger.chainId;
  const bad = (message: string): CourtbridgeError => new CourtbridgeError(ErrorCode.InvalidArgument, 'malformed_request', message);
  const onTx = async (data: Uint8Array): Promise<Uint8Array> => {
    const opened = await openEnvelope(data, {
      authority: o.authority,
      nowMs: o.now(),
      maxAgeMs: o.maxAgeMs ?? 60_000,
      maxFutureSkewMs: 5_000,
      policy: { [JUDICIAL_TX_TYPE]: { role: 'gateway', scope: 'alliance' } },
      replay: o.replay,
    });
    if (opened.kind === 'dropped') {
      const code =
        opened.drop.reason === 'out_of_role' || opened.drop.reason === 'revoked'
          ? ErrorCode.PermissionDenied
          : opened.drop.reason === 'malformed' || opened.drop.reason === 'unknown_type'
            ? ErrorCode.InvalidArgument
            : ErrorCode.Unauthenticated;
      throw new CourtbridgeError(code, opened.drop.reason, `judicial.tx dropped: ${opened.drop.message}`);
    }
    const env = opened.envelope;
    let type: string, txId: string, body: Uint8Array;
    try {
      ({ type, txId, body } = decodeTxRequest(env.body));
    } catch (e) {
      throw bad(`judicial.tx body: ${(e as Error).message}`);
    }
    if (!TX_TYPES.has(type) || type === JudicialTx.RegistryPut) throw bad(`judicial.tx: ${type.slice(0, 40)} is not a workflow tx`);
    const latest = (): Uint8Array => {
      const h = o.ledger.latest().signedHeader.header;
      return new ByteWriter().u8(2).u64(h.height).u64(h.timeMs).finish();
    };
    if (o.ledger.hasTx(txId)) return latest();
    try {
      const r = await o.ledger.submit({ type, sender: env.senderDid, id: txId, body });
      return new ByteWriter().u8(1).u64(r.height).u64(r.timeMs).finish();
    } catch (e) {
      if (isCourtbridgeError(e) && e.reason === 'duplicate_tx') return latest();
      throw e;
    }
  };
  const onProve = async (data: Uint8Array): Promise<Uint8Array> => {
    const keys: string[] = [];
    try {
      const r = new ByteReader(data);
      const n = r.u32('count');
      if (n > MAX_PROVE_KEYS) throw new RangeError(`at most ${MAX_PROVE_KEYS} keys`);
      for (let i = 0; i < n; i++) keys.push(r.string('key'));
      r.end('judicial.prove');
    } catch (e) {
      throw bad(`judicial.prove: ${(e as Error).message}`);
    }
    // One synchronous loop: no block is committed in between, so every proof shares one header.
    const light = o.ledger.latest();
    const w = new ByteWriter().bytes(encodeLightBlock(light)).u32(keys.length);
    for (const k of keys) {
      const p = o.ledger.prove(k);
      if (p.value === null) w.u8(0);
      else w.u8(1).bytes(p.value);
      // Empty siblings are H(0x02) of the ledger's suite (its chain entry's): the reader decodes under the same.
      w.bytes(encodeProof(p.proof, o.ledger.hashSuite));
    }
    return w.finish();
  };
  const serve = (subject: string, answer: (d: Uint8Array) => Promise<Uint8Array>): Subscription =>
    o.nc.subscribe(subject, {
      queue: 'judicial-tx',
      callback: (err, msg: Msg) => {
        if (err) return;
        void answer(msg.data).then(
          (out) => replyOk(msg, out),
          (e: unknown) => replyError(msg, e),
        );
      },
    });
  const filings = new JudicialFilingIndex(o.ledger);
  const onFilings = async (data: Uint8Array): Promise<Uint8Array> => {
    let req: ReturnType<typeof decodeFilingsRequest>;
    try {
      req = decodeFilingsRequest(data);
    } catch (e) {
      throw bad(`judicial.filings: ${(e as Error).message}`);
    }
    return encodeFilingsPage(filings.after(req.after, req.max));
  };
  const subs = [
    serve(judicialTxSubject(chain), onTx),
    serve(judicialProveSubject(chain), onProve),
    serve(judicialFilingsSubject(chain), onFilings),
  ];
  return {
    stop: async () => {
      for (const s of subs) s.unsubscribe();
      filings.stop();
    },
  };
}
