/**
 * A notary's follower of one `evm` chain: polls its own node, and for every block past `depth`
 * (height <= latest - depth) checks the header's hash, links it to the block it signed just
 * below, journals it (notary-journal.ts, fsync'd), signs the notarized block
 * (src/verify/notary.ts) and publishes it to the `cb_notary` KV bucket (src/bus/notary-kv.ts).
 *
 * What to sign is decided by `decideNotarization`, a pure function of the node's block and the
 * journal; the loop around it does the I/O. A block that conflicts with what was signed (another
 * hash at a signed height, or a parent that is not the block signed below it: a reorg deeper
 * than the depth) stops the follower for good: only an operator resumes it (README "Notaries").
 * A header that does not hash to its claimed hash is refused and asked for again with backoff,
 * as are node and NATS failures: the loop never dies of them. On a proof-of-authority (Clique)
 * chain with a configured sealer set, a block not sealed by one of the set is refused the same
 * way: the node may be serving a forged block, or a signer was voted in that the set lacks.
 */
import type { KV } from 'nats';
import type { Registry } from 'prom-client';
import { publishNotarization } from '../../src/bus/notary-kv.js';
import { asCourtbridgeError, type CourtbridgeError, VerificationError } from '../../src/errors.js';
import type { Signer } from '../../src/identity/signer.js';
import { type Logger, silentLogger } from '../../src/log.js';
import { notarizedBlockOf } from '../../src/verify/evm/evm-answer.js';
import { verifyCliqueSeal } from '../../src/verify/evm/clique-seal.js';
import { verifyEvmHeaderHash } from '../../src/verify/evm/evm-header.js';
import { toRpcHex } from '../../src/verify/evm/rpc-hex.js';
import { type NotarizedBlock, notarySigningInput } from '../../src/verify/notary.js';
import { equalBytes } from '../../src/encoding/bytes.js';
import { conflictingBlock, type NotaryJournal } from './notary-journal.js';
import { type NotaryMetrics, notaryMetrics } from './notary-metrics.js';
import type { EvmRpc } from './rpc.js';

/** What the decision reads of the journal. */
export type JournalView = Pick<NotaryJournal, 'signedAt' | 'resumedAt'>;

/** Sign `block`, or refuse with `error`; `halt` when the refusal is a conflict with what was signed. */
export type NotaryStep = { kind: 'sign'; block: NotarizedBlock } | { kind: 'refuse'; error: CourtbridgeError; halt: boolean };

/** Refusals that contradict what the notary signed: nothing below the conflict may be signed on. */
const HALTING = new Set(['notary_refuses_conflicting_block', 'evm_parent_hash_mismatch']);

/**
 * What to do with the node's block `rpcBlock` at `height` of `chainId`, given the journal. Pure.
 * Refused: a header that does not hash to its hash or is malformed (`evm_header_*`), a block of
 * another height, another hash where one was signed (`notary_refuses_conflicting_block`), a
 * parent that is not the block signed at height - 1 (`evm_parent_hash_mismatch`, unless an
 * operator resumed at `height`). The same hash where it was signed is signed again.
 * With `sealers` (a Clique chain's authorised signers), a block whose seal is malformed, does not
 * recover or is not from one of them is refused too (`evm_seal_malformed`, `evm_seal_invalid`,
 * `evm_sealer_unknown`), not halting: the node is asked again. Without, no seal is looked at.
 */
export function decideNotarization(
  chainId: string,
  height: number,
  rpcBlock: unknown,
  journal: JournalView,
  sealers?: readonly Uint8Array[],
): NotaryStep {
  let block: NotarizedBlock;
  let parentHash: Uint8Array;
  try {
    const { header, hash } = verifyEvmHeaderHash(rpcBlock);
    if (header.number !== BigInt(height)) {
      throw new VerificationError('evm_header_malformed', `asked the node for block ${height}, it answered block ${header.number}`);
    }
    if (sealers !== undefined) verifyCliqueSeal(header, sealers);
    block = notarizedBlockOf(chainId, header, hash);
    parentHash = header.parentHash;
  } catch (e) {
    return { kind: 'refuse', error: asCourtbridgeError(e), halt: false };
  }
  const signed = journal.signedAt(chainId, height);
  if (signed !== undefined && !equalBytes(signed, block.blockHash)) {
    return { kind: 'refuse', error: conflictingBlock(chainId, height, signed, block.blockHash), halt: true };
  }
  const parentSigned = journal.resumedAt(chainId, height) ? undefined : journal.signedAt(chainId, height - 1);
  if (parentSigned !== undefined && !equalBytes(parentSigned, parentHash)) {
    const error = new VerificationError(
      'evm_parent_hash_mismatch',
      `公证人拒绝签署 / ${chainId} block ${height} names parent ${toRpcHex(parentHash)}, but this notary signed ${toRpcHex(parentSigned)} ` +
        `at ${height - 1}; the chain was reorganised deeper than the notary's depth. Signing stopped for ${chainId}; ` +
        'see adapters/evm/README.md "Notaries" for what to do',
      { details: { chainId, height, signedParent: toRpcHex(parentSigned), parentHash: toRpcHex(parentHash) } },
    );
    return { kind: 'refuse', error, halt: true };
  }
  return { kind: 'sign', block };
}

/** One refused block, as logged, counted and passed to `onRefusal`. */
export interface NotaryRefusal {
  chainId: string;
  height: number;
  error: CourtbridgeError;
  /** The follower stopped signing this chain (a conflict); only an operator resumes it. */
  halted: boolean;
  atMs: number;
}

export interface NotaryFollowerOptions {
  rpc: EvmRpc;
  chainId: string;
  /** Blocks at most latest - depth are signed. */
  depth: number;
  signer: Signer;
  kv: KV;
  journal: NotaryJournal;
  /** Between polls of the node; 1,000 ms unless told. */
  pollMs?: number;
  /** The longest wait between retries after failures; 30,000 ms unless told. */
  maxBackoffMs?: number;
  /**
   * The first height to sign: at a first start (nothing journaled for the chain), else only when
   * above everything journaled, where it is an operator's resume (journaled, parent not linked).
   * Unset: latest - depth at a first start, and the journal's top (republished) after.
   */
  startHeight?: number;
  /**
   * A Clique (EIP-225) chain's authorised sealers, 20-byte addresses: only blocks sealed by one of
   * them are signed. Unset: seals are not checked (chains without Clique seals, e.g. hardhat).
   */
  sealers?: readonly Uint8Array[];
  logger?: Logger;
  /** The clock, for the time of a refusal. */
  now?: () => number;
  /** Count signatures, refusals and retries here (notary-metrics.ts). */
  metrics?: Registry;
  onRefusal?: (refusal: NotaryRefusal) => void;
}

export interface NotaryFollower {
  /** Stop polling and wait for the block in hand to finish. */
  stop(): Promise<void>;
  /** The last height this follower signed (or republished), if any. */
  lastSigned(): number | undefined;
  /** The refusal that stopped the follower, if one did. */
  halted(): NotaryRefusal | undefined;
}

/** Start following `chainId` at `rpc`; the loop runs until `stop()` or a conflict. */
export function startNotaryFollower(options: NotaryFollowerOptions): NotaryFollower {
  const { rpc, chainId, depth, signer, kv, journal } = options;
  if (!Number.isSafeInteger(depth) || depth < 0) throw new TypeError(`depth: expected an integer >= 0, got ${depth}`);
  const pollMs = options.pollMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const now = options.now ?? Date.now;
  const log = (options.logger ?? silentLogger()).child({ chain: chainId, notary: signer.did });
  const metrics: NotaryMetrics | undefined = options.metrics === undefined ? undefined : notaryMetrics(options.metrics);

  let next: number | undefined;
  let last: number | undefined;
  let halt: NotaryRefusal | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;

  /** The first height this run signs (journal.ts: a resume is journaled before anything is signed past it). */
  const firstHeight = (latest: number): number => {
    const top = journal.top(chainId);
    const start = options.startHeight;
    if (start !== undefined && (top === undefined || start > top)) {
      if (top !== undefined) {
        journal.resume(chainId, start);
        log.warn(
          { height: start, top },
          '运营方指令：从新高度恢复签署 / resuming at the configured start height, not linked to what was signed',
        );
      }
      return start;
    }
    if (start !== undefined) log.info({ startHeight: start, top }, 'start height is at or below the journal; continuing from the journal');
    return top ?? Math.max(0, latest - depth);
  };

  const refuse = (height: number, error: CourtbridgeError, halted: boolean): void => {
    const refusal: NotaryRefusal = { chainId, height, error, halted, atMs: now() };
    log.error({ height, reason: error.reason, details: error.details, halted }, error.message);
    metrics?.refusals.inc({ chain: chainId, reason: error.reason });
    if (halted) halt = refusal;
    options.onRefusal?.(refusal);
  };

  /** Sign every final block not signed yet; false when a block was refused. */
  const tick = async (): Promise<boolean> => {
    const latest = Number(await rpc.blockNumber());
    next ??= firstHeight(latest);
    while (!stopping && next <= latest - depth) {
      const height: number = next;
      const rpcBlock = await rpc.getBlockByNumber(BigInt(height));
      // The node lost the block between its two answers (a reorg in progress): ask again later.
      if (rpcBlock === null) return true;
      const step = decideNotarization(chainId, height, rpcBlock, journal, options.sealers);
      if (step.kind === 'refuse') {
        refuse(height, step.error, step.halt);
        return false;
      }
      // Durable before the signature exists: a crash after this re-signs the same hash only.
      const outcome = journal.record(chainId, height, step.block.blockHash);
      const signature = { notaryDid: signer.did, kid: signer.kid, signature: signer.sign(notarySigningInput(step.block)) };
      await publishNotarization(kv, { block: step.block, signature });
      metrics?.signed.inc({ chain: chainId });
      log.debug({ height, hash: toRpcHex(step.block.blockHash), outcome }, 'block notarized');
      last = height;
      next = height + 1;
    }
    return true;
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      wake = (): void => {
        clearTimeout(t);
        wake = undefined;
        resolve();
      };
    });

  const loop = (async (): Promise<void> => {
    let failures = 0;
    while (!stopping && halt === undefined) {
      try {
        failures = (await tick()) ? 0 : failures + 1;
      } catch (e) {
        // A refusal inside the journal (its own conflict check) is a conflict like any other.
        const err = asCourtbridgeError(e);
        if (HALTING.has(err.reason) && next !== undefined) refuse(next, err, true);
        else {
          failures++;
          metrics?.retries.inc({ chain: chainId });
          log.warn({ reason: err.reason, failures, err: e }, '公证跟随器重试 / reading the node or publishing failed; retrying');
        }
      }
      if (stopping || halt !== undefined) break;
      await sleep(failures === 0 ? pollMs : Math.min(maxBackoffMs, pollMs * 2 ** Math.min(failures, 16)));
    }
    if (halt !== undefined)
      log.error(
        { height: halt.height, reason: halt.error.reason },
        '公证签署已停止，等待运营方处理 / notary stopped for this chain until an operator acts',
      );
  })();

  return {
    stop: async (): Promise<void> => {
      stopping = true;
      wake?.();
      await loop;
    },
    lastSigned: () => last,
    halted: () => halt,
  };
}
