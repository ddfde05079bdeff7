/**
 * `ChainBackend` of kind `evm` for a BankLedger-shaped contract (contracts/BankLedger.sol): the
 * records are entries of its mappings (`EvmRecordLayout`s), the actions its order calls
 * `freeze` / `deduct` / `release(accountId, amount, orderId)`.
 *
 * Queries: the block (`eth_getBlockByNumber`), its header re-encoded as RLP and hashed (the hash
 * must be the block's own), the `eth_getProof` answer for exactly the record's slots, verified
 * here against the header's state root (`verifyEvmRecordProof`) before it is served: the backend
 * never answers what it could not prove itself. Finality is not the backend's to judge: the
 * gateway names a block its notaries signed.
 *
 * Actions, exactly once: the order id is derived from the action id (`evmOrderId`), and the
 * contract executes an order id at most once (`executed` mapping; a second call reverts with
 * `order_replayed`). Before sending, the backend asks `executed(orderId)`; it signs the call with
 * the adapter's own key (signed-tx.ts), waits for the receipt, then until the receipt's block is
 * `confirmations` blocks deep and still the chain's block at that height. A block reorganised
 * out loses the transaction: the backend asks again and re-sends; should the old one be mined
 * after all, the contract refuses the second (`order_replayed`), so the order still applies
 * once. The effect is the target record proven at the block holding the transaction (for an
 * action applied before: at the final block where its order reads executed).
 *
 * Refusals: a revert for the state's reason (`insufficient_funds`, `insufficient_frozen`,
 * `unknown_record`, `invalid_amount`) is a final refusal (FAILED_PRECONDITION with that reason),
 * as the dev ledger's contracts refuse; everything else (node down, not final in time, the adapter
 * not an operator) is UNAVAILABLE or INTERNAL, which the action consumer retries.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { equalBytes, fromHex, utf8 } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../src/errors.js';
import { evmHeaderRlp, verifyEvmHeaderHash } from '../../src/verify/evm/evm-header.js';
import { evmProofFromRpc } from '../../src/verify/evm/evm-proof.js';
import { verifyEvmRecordProof } from '../../src/verify/evm/evm-answer.js';
import { type EvmRecordLayout, evmRecordId, evmRecordSlots } from '../../src/verify/evm/evm-record.js';
import type { AdapterProcessConfig } from '../sdk/adapter-config.js';
import { requiredField } from '../sdk/adapter-config.js';
import type { BackendMaker } from '../sdk/backend-factory.js';
import type { ActionInput, EvmActionEffect, EvmChainBackend, EvmProvenRecord, QueryHeight } from '../sdk/chain-backend.js';
import { type AdapterDefinition, checkAction } from '../sdk/definition.js';
import type { ContractRefusal } from '../sdk/reasons.js';
import { encodeExecutedGetter, encodeOrder, type OrderKind } from './bank-ledger.js';
import { type EvmKey, readEvmKeyFile } from './evm-key.js';
import { type EvmBlockTag, type EvmReceipt, EvmRpc } from './rpc.js';
import { sendSignedCall } from './signed-tx.js';

export interface EvmBackendOptions {
  /** The chain's definition: its id, record types and actions (each action kind a contract order call). */
  definition: AdapterDefinition;
  /** Where each record type lives in the contract's storage. */
  layouts: readonly EvmRecordLayout[];
  /** The node's JSON-RPC URL. */
  rpcUrl: string;
  /** The contract holding the records (0x + 40 hex): the registry entry's `evmContract`. */
  contract: string;
  /** The adapter's Ethereum key: a file (mode 600, evm-key.ts) or the key itself. */
  key: { file: string } | EvmKey;
  /** Blocks on top of an action's block before its effect counts as final (0: the block itself). */
  confirmations: number;
  /** How often to look for a receipt or a new block; 1,000 ms unless told. */
  pollIntervalMs?: number;
  /** Give up waiting for an action to be final after this long (UNAVAILABLE `evm_not_final`, retried); 300,000 ms unless told. */
  finalityTimeoutMs?: number;
  /** Send an action's transaction at most this many times (reorganisations); 5 unless told. */
  maxSends?: number;
}

/** Order calls of BankLedger.sol, by action kind. */
const ORDER_KINDS: readonly OrderKind[] = ['freeze', 'deduct', 'release'];

/** Reverts that are the state's answer to the order: final refusals, as a dev ledger contract's. */
const STATE_REFUSALS: ReadonlySet<string> = new Set<ContractRefusal>([
  'insufficient_funds',
  'insufficient_frozen',
  'unknown_record',
  'invalid_amount',
]);

const TRANSIENT_CODES: ReadonlySet<string> = new Set([ErrorCode.Unavailable, ErrorCode.Internal, ErrorCode.DeadlineExceeded]);

/**
 * The contract's order id for an action: sha256 of a domain tag, the chain id and the action id.
 * The same action id always gives the same order id (that is what makes it execute once); never zero.
 */
export function evmOrderId(chainId: string, actionId: string): Uint8Array {
  const id = sha256(utf8(`courtbridge/v1/evm-order\0${chainId}\0${actionId}`));
  if (id.every((b) => b === 0)) throw new CourtbridgeError(ErrorCode.Internal, 'order_missing', `action ${actionId}: its order id is zero`);
  return id;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A failure that is not the state's refusal: the action consumer retries it. */
function transient(e: unknown): unknown {
  if (!isCourtbridgeError(e) || TRANSIENT_CODES.has(e.code)) return e;
  return new CourtbridgeError(ErrorCode.Unavailable, e.reason, e.message, { cause: e, details: e.details });
}

export class EvmBackend implements EvmChainBackend {
  readonly kind = 'evm' as const;
  readonly chainId: string;
  readonly rpc: EvmRpc;
  private readonly opts: EvmBackendOptions;
  private readonly contractBytes: Uint8Array;
  private keyOrUndefined: EvmKey | undefined;
  private nodeChainId = 0n;
  private closed = false;
  /** Actions run one at a time: each takes the next nonce of one key. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(options: EvmBackendOptions) {
    if (!/^0x[0-9a-fA-F]{40}$/.test(options.contract))
      throw new TypeError(`contract: expected 0x and 40 hex digits, got ${options.contract}`);
    if (!Number.isSafeInteger(options.confirmations) || options.confirmations < 0)
      throw new TypeError(`confirmations: expected an integer >= 0, got ${options.confirmations}`);
    for (const a of options.definition.actions) {
      if (!ORDER_KINDS.includes(a.kind as OrderKind))
        throw new TypeError(`action ${a.kind}: the contract has no such order call (it has ${ORDER_KINDS.join(', ')})`);
      if (!options.layouts.some((l) => l.recordType === a.targetRecordType))
        throw new TypeError(`action ${a.kind}: no storage layout for its target record type ${a.targetRecordType}`);
    }
    this.opts = options;
    this.chainId = options.definition.chainId;
    this.contractBytes = fromHex(options.contract.slice(2).toLowerCase());
    this.rpc = new EvmRpc(options.rpcUrl);
  }

  /** The adapter's address (after `start`): the one the contract's owner makes an operator. */
  get address(): string {
    return this.key.address;
  }

  private get key(): EvmKey {
    if (this.keyOrUndefined === undefined)
      throw new CourtbridgeError(ErrorCode.FailedPrecondition, 'backend_not_started', `backend for ${this.chainId} is not started`);
    return this.keyOrUndefined;
  }

  // ---- life cycle ----

  async start(): Promise<void> {
    if (this.keyOrUndefined !== undefined) return;
    const k = this.opts.key;
    const key = 'file' in k ? await readEvmKeyFile(k.file) : k;
    this.nodeChainId = await this.rpc.chainId();
    this.keyOrUndefined = key;
    this.closed = false;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.tail.catch(() => undefined);
  }

  // ---- queries ----

  async queryRecord(key: string, height: QueryHeight): Promise<EvmProvenRecord> {
    const layout = this.layoutOfKey(key);
    if (height.kind === 'at' && (!Number.isSafeInteger(height.height) || height.height < 0))
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_height', `height: expected a block number >= 0, got ${height.height}`);
    return this.proveAt(key, layout, height.kind === 'latest' ? 'latest' : BigInt(height.height));
  }

  private layoutOfKey(key: string): EvmRecordLayout {
    const layout = this.opts.layouts.find((l) => key.startsWith(l.keyPrefix));
    if (layout === undefined) {
      throw new CourtbridgeError(
        ErrorCode.NotFound,
        'unknown_record_type',
        `chain ${this.chainId} has no record type whose keys start like ${JSON.stringify(key).slice(0, 80)} (prefixes: ${this.opts.layouts.map((l) => l.keyPrefix).join(', ')})`,
      );
    }
    try {
      evmRecordId(layout, key);
    } catch (e) {
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_key', (e as Error).message);
    }
    return layout;
  }

  /** `key` proven at block `tag`; a reorganisation between the block and the proof is retried once. */
  private async proveAt(key: string, layout: EvmRecordLayout, tag: EvmBlockTag): Promise<EvmProvenRecord> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.proveOnce(key, layout, tag);
      } catch (e) {
        if (!(isCourtbridgeError(e) && e.reason === 'evm_unprovable_answer') || attempt === 2) throw e;
      }
    }
  }

  private async proveOnce(key: string, layout: EvmRecordLayout, tag: EvmBlockTag): Promise<EvmProvenRecord> {
    const block = await this.rpc.getBlockByNumber(tag);
    if (block === null) {
      throw new CourtbridgeError(
        ErrorCode.NotFound,
        'unknown_height',
        `chain ${this.chainId} has no block ${String(tag)} yet (its latest is ${await this.rpc.blockNumber()})`,
      );
    }
    const unprovable = (e: unknown, what: string): CourtbridgeError =>
      new CourtbridgeError(
        ErrorCode.Unavailable,
        'evm_unprovable_answer',
        `the node's ${what} at block ${String(tag)} does not verify (${isCourtbridgeError(e) ? `${e.reason}: ${e.message}` : String(e)}); nothing served`,
        { cause: e },
      );
    let header: ReturnType<typeof verifyEvmHeaderHash>;
    try {
      header = verifyEvmHeaderHash(block);
    } catch (e) {
      throw unprovable(e, 'block header');
    }
    const headerRlp = evmHeaderRlp(header.header);
    if (!equalBytes(keccak_256(headerRlp), header.hash)) throw unprovable(new Error('RLP does not hash to the block hash'), 'block header');
    const json = await this.rpc.getProof(this.opts.contract, evmRecordSlots(layout, key), header.header.number);
    try {
      const proof = evmProofFromRpc(json);
      const proven = await verifyEvmRecordProof({ chainId: this.chainId, key, headerRlp, proof }, this.contractBytes, layout);
      return { key, value: proven.value, height: Number(header.header.number), blockHash: header.hash, evidence: { headerRlp, proof } };
    } catch (e) {
      throw unprovable(e, 'state proof');
    }
  }

  // ---- actions ----

  applyAction(action: ActionInput): Promise<EvmActionEffect> {
    const run = this.tail.then(
      () => this.apply(action),
      () => this.apply(action),
    );
    this.tail = run.catch(() => undefined);
    return run;
  }

  async actionApplied(actionId: string): Promise<boolean> {
    const final = (await this.rpc.blockNumber()) - BigInt(this.opts.confirmations);
    return final >= 0n && (await this.executedAt(evmOrderId(this.chainId, actionId), final));
  }

  private async executedAt(orderId: Uint8Array, tag: EvmBlockTag): Promise<boolean> {
    const out = await this.rpc.call({ to: this.opts.contract, data: encodeExecutedGetter(orderId) }, tag);
    return BigInt(out === '0x' ? 0 : out) !== 0n;
  }

  private async apply(action: ActionInput): Promise<EvmActionEffect> {
    // Checks of the action itself: a refusal here is final (INVALID_ARGUMENT).
    const spec = checkAction(this.opts.definition, action);
    const layout = this.opts.layouts.find((l) => l.recordType === spec.targetRecordType)!;
    const key = `${layout.keyPrefix}${action.target}`;
    let accountId: Uint8Array;
    try {
      accountId = evmRecordId(layout, key);
    } catch {
      throw new CourtbridgeError(
        ErrorCode.InvalidArgument,
        'invalid_target',
        `target ${JSON.stringify(action.target).slice(0, 80)}: a ${layout.recordType} is named by its bytes32 id, 64 lower-case hex digits`,
      );
    }
    const orderId = evmOrderId(this.chainId, action.actionId);
    const data = encodeOrder(spec.kind as OrderKind, accountId, BigInt(action.amount!), orderId);
    try {
      return await this.execute(action.actionId, key, layout, orderId, data);
    } catch (e) {
      if (isCourtbridgeError(e) && STATE_REFUSALS.has(e.reason) && e.code === ErrorCode.FailedPrecondition) throw e;
      throw transient(e);
    }
  }

  private async execute(
    actionId: string,
    key: string,
    layout: EvmRecordLayout,
    orderId: Uint8Array,
    data: string,
  ): Promise<EvmActionEffect> {
    const maxSends = this.opts.maxSends ?? 5;
    let sent = 0;
    while (sent < maxSends) {
      this.checkOpen();
      if (await this.executedAt(orderId, 'latest')) {
        const final = await this.waitExecutedFinal(orderId);
        if (final === 'gone') {
          // Reorganised out: send (again), after a pause (a node may put it back in a new block).
          await sleep(this.opts.pollIntervalMs ?? 1_000);
          continue;
        }
        const state = await this.proveAt(key, layout, final);
        return { outcome: sent > 0 ? 'applied' : 'already_applied', actionId, state };
      }
      const gas = await this.estimate(data);
      if (gas === 'replayed') {
        // Executed by a pending transaction (ours, or a replica's): wait for it to show at the head.
        await sleep(this.opts.pollIntervalMs ?? 1_000);
        continue;
      }
      const txHash = await sendSignedCall(this.rpc, this.key, this.nodeChainId, { to: this.opts.contract, data, gas });
      sent++;
      const receipt = await this.finalReceipt(txHash);
      // Dropped, reverted when mined (the state changed since the estimate) or reorganised out: the next round says why.
      if (receipt === undefined) continue;
      const state = await this.proveAt(key, layout, receipt.blockNumber);
      return { outcome: 'applied', actionId, height: Number(receipt.blockNumber), state };
    }
    throw new CourtbridgeError(
      ErrorCode.Unavailable,
      'evm_not_final',
      `action ${actionId}: sent ${sent} times, never final at depth ${this.opts.confirmations}; will be retried`,
    );
  }

  /**
   * The receipt of `txHash` once its block is final, or undefined when the transaction did not
   * execute there: dropped, reverted, or reorganised out (and not put back into the new branch).
   */
  private async finalReceipt(txHash: string): Promise<EvmReceipt | undefined> {
    const receipt = await this.waitReceipt(txHash);
    if (receipt === 'dropped' || receipt.status !== 1n) return undefined;
    if ((await this.waitFinal(receipt)) === 'final') return receipt;
    // The node may have put the transaction back into a block of the new branch.
    const again = await this.rpc.getTransactionReceipt(txHash);
    if (again === null || again.status !== 1n) return undefined;
    return (await this.waitFinal(again)) === 'final' ? again : undefined;
  }

  /** The gas the order needs now, or `replayed` when it executed meanwhile; a state refusal is final. */
  private async estimate(data: string): Promise<bigint | 'replayed'> {
    try {
      return await this.rpc.estimateGas({ from: this.key.address, to: this.opts.contract, data });
    } catch (e) {
      if (!isCourtbridgeError(e) || e.reason !== 'evm_execution_reverted') throw e;
      const why = e.details['revertReason'];
      if (why === 'order_replayed') return 'replayed';
      if (typeof why === 'string' && STATE_REFUSALS.has(why)) {
        throw new CourtbridgeError(ErrorCode.FailedPrecondition, why as ContractRefusal, `the contract refuses the order: ${why}`, {
          cause: e,
        });
      }
      throw new CourtbridgeError(
        ErrorCode.Internal,
        'evm_adapter_refused',
        `the contract refuses the adapter's call (${String(why ?? 'no reason given')}); is ${this.key.address} an operator of ${this.opts.contract}?`,
        { cause: e },
      );
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new CourtbridgeError(ErrorCode.Unavailable, 'backend_not_started', `backend for ${this.chainId} is closing`);
  }

  /** Poll `step` until it gives an answer or the finality timeout passes. */
  private async poll<T>(what: string, step: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + (this.opts.finalityTimeoutMs ?? 300_000);
    for (;;) {
      this.checkOpen();
      const out = await step();
      if (out !== undefined) return out;
      if (Date.now() > deadline)
        throw new CourtbridgeError(ErrorCode.Unavailable, 'evm_not_final', `${what}: not reached in time; will be retried`);
      await sleep(this.opts.pollIntervalMs ?? 1_000);
    }
  }

  /** The receipt, or `dropped` when the node no longer knows the transaction (a reorganisation took it). */
  private waitReceipt(txHash: string): Promise<EvmReceipt | 'dropped'> {
    return this.poll(`receipt of ${txHash}`, async () => {
      const receipt = await this.rpc.getTransactionReceipt(txHash);
      if (receipt !== null) return receipt;
      return (await this.rpc.transactionKnown(txHash)) ? undefined : 'dropped';
    });
  }

  /** `final` once the receipt's block is `confirmations` deep and still canonical; `reorged` when it no longer is. */
  private waitFinal(receipt: EvmReceipt): Promise<'final' | 'reorged'> {
    const target = receipt.blockNumber + BigInt(this.opts.confirmations);
    return this.poll(`block ${receipt.blockNumber} at depth ${this.opts.confirmations}`, async () => {
      const head = await this.rpc.blockNumber();
      const block = await this.rpc.getBlockByNumber(receipt.blockNumber);
      if (block === null || block['hash'] !== receipt.blockHash) return 'reorged';
      return head >= target ? 'final' : undefined;
    });
  }

  /** The final block (`confirmations` below the head) where the order reads executed, or `gone` once it no longer does at the head. */
  private waitExecutedFinal(orderId: Uint8Array): Promise<bigint | 'gone'> {
    return this.poll('an executed order at finality depth', async () => {
      const final = (await this.rpc.blockNumber()) - BigInt(this.opts.confirmations);
      if (final >= 0n && (await this.executedAt(orderId, final))) return final;
      return (await this.executedAt(orderId, 'latest')) ? undefined : 'gone';
    });
  }
}

/**
 * The `evm` backend as the bank adapter's process builds it (main.ts): its four fields from the
 * configuration, each required (`invalid_config` naming the one missing).
 */
export function evmBackendMaker(layouts: readonly EvmRecordLayout[]): BackendMaker {
  return ({ definition, config }: { definition: AdapterDefinition; config: AdapterProcessConfig }) =>
    new EvmBackend({
      definition,
      layouts,
      rpcUrl: requiredField(config, 'evmRpcUrl', 'evm'),
      contract: requiredField(config, 'evmContract', 'evm'),
      key: { file: requiredField(config, 'evmKeyFile', 'evm') },
      confirmations: requiredField(config, 'evmConfirmations', 'evm'),
    });
}
