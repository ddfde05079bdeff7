/**
 * A small Ethereum JSON-RPC client over HTTP (Node 20's fetch): the calls an EVM partner chain's
 * adapter and its tests need, and nothing that interprets or trusts an answer. Headers and proofs
 * are returned as the node gave them (plain JSON) for src/verify/evm to check; only the shapes the
 * client itself uses (quantities, hashes, receipts) are read here.
 *
 * Transactions: `sendTransaction` asks the node to sign with one of its own unlocked accounts,
 * which a hardhat test chain has and a production node must not. A production partner signs its
 * transactions itself (its own key, in its own custody) and submits them with `sendRawTransaction`.
 *
 * `snapshot`, `revert` and `mine` are hardhat's development methods (evm_snapshot, evm_revert,
 * hardhat_mine): tests use them to reorganise the test chain.
 */
import { fromHex } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { toRpcHex } from '../../src/verify/evm/rpc-hex.js';

/** A block as JSON-RPC names it: a number, or one of the tags. */
export type EvmBlockTag = bigint | 'latest' | 'earliest' | 'pending' | 'safe' | 'finalized';

/** A transaction as `eth_sendTransaction` and `eth_call` take it (hex fields). */
export interface EvmTxRequest {
  from?: string;
  /** Absent for a contract creation. */
  to?: string;
  data?: string;
  value?: bigint;
  gas?: bigint;
}

/** The fields of a receipt the adapter reads. */
export interface EvmReceipt {
  transactionHash: string;
  blockNumber: bigint;
  blockHash: string;
  /** 1 executed, 0 reverted. */
  status: bigint;
  /** The created contract's address, for a creation. */
  contractAddress: string | null;
  gasUsed: bigint;
}

export interface EvmRpcOptions {
  /** Per-call timeout (default 10 s). */
  timeoutMs?: number;
}

const QUANTITY = /^0x(?:0|[1-9a-fA-F][0-9a-fA-F]*)$/;
const HASH = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

const quantityHex = (n: bigint): string => `0x${n.toString(16)}`;
const blockParam = (tag: EvmBlockTag): string => (typeof tag === 'bigint' ? quantityHex(tag) : tag);

export class EvmRpc {
  private nextId = 1;
  private readonly timeoutMs: number;

  constructor(
    readonly url: string,
    options: EvmRpcOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** One JSON-RPC call; its `result`, or a CourtbridgeError with a typed reason. */
  async request(method: string, params: readonly unknown[]): Promise<unknown> {
    const id = this.nextId++;
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (cause) {
      throw new CourtbridgeError(
        ErrorCode.Unavailable,
        'evm_rpc_unavailable',
        `the EVM node at ${this.url} did not answer ${method} (${(cause as Error).message}); check that it runs and the URL is right`,
        { cause, details: { method, url: this.url } },
      );
    }
    if (res.status !== 200) {
      throw new CourtbridgeError(
        ErrorCode.Unavailable,
        'evm_rpc_http_error',
        `the EVM node at ${this.url} answered ${method} with HTTP ${res.status}; check the URL and the node's logs`,
        { details: { method, url: this.url, status: res.status } },
      );
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch (cause) {
      throw this.malformed(method, 'is not JSON', cause);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw this.malformed(method, 'is not a JSON-RPC object');
    const b = body as Record<string, unknown>;
    if (b['id'] !== id) throw this.malformed(method, `answers request ${String(b['id'])}, not ${id}`);
    if (b['error'] !== undefined) throw this.rpcError(method, b['error']);
    if (!('result' in b)) throw this.malformed(method, 'has neither result nor error');
    return b['result'];
  }

  async chainId(): Promise<bigint> {
    return this.quantity('eth_chainId', await this.request('eth_chainId', []));
  }

  async blockNumber(): Promise<bigint> {
    return this.quantity('eth_blockNumber', await this.request('eth_blockNumber', []));
  }

  /** The block (header fields and transaction hashes) as the node gave it, or null when there is none. */
  async getBlockByNumber(tag: EvmBlockTag): Promise<Record<string, unknown> | null> {
    const r = await this.request('eth_getBlockByNumber', [blockParam(tag), false]);
    if (r === null) return null;
    return this.object('eth_getBlockByNumber', r);
  }

  /**
   * The EIP-1186 proof of `address` and its storage `slots` at `tag`, as the node gave it. Slots are
   * sent as 32-byte hex: nodes echo the key as asked, and the verifier hashes the padded slot.
   */
  async getProof(address: string, slots: readonly Uint8Array[], tag: EvmBlockTag): Promise<Record<string, unknown>> {
    const keys = slots.map((s) => {
      if (s.length !== 32) throw invalidArgument(`a storage slot is ${s.length} bytes; pass slots as 32 bytes`);
      return toRpcHex(s);
    });
    return this.object('eth_getProof', await this.request('eth_getProof', [address, keys, blockParam(tag)]));
  }

  /** `eth_call`: the return data of executing `tx` at `tag` without a transaction. */
  async call(tx: EvmTxRequest, tag: EvmBlockTag = 'latest'): Promise<string> {
    const r = await this.request('eth_call', [txJson(tx), blockParam(tag)]);
    if (typeof r !== 'string' || !/^0x(?:[0-9a-fA-F]{2})*$/.test(r)) throw this.malformed('eth_call', 'result is not hex data');
    return r;
  }

  /** `eth_getTransactionCount`: the nonce of `address`'s next transaction (`pending` counts those not yet mined). */
  async transactionCount(address: string, tag: EvmBlockTag = 'pending'): Promise<bigint> {
    return this.quantity('eth_getTransactionCount', await this.request('eth_getTransactionCount', [address, blockParam(tag)]));
  }

  /** `eth_estimateGas`: the gas `tx` needs now; a call the contract refuses is `evm_execution_reverted` with its reason. */
  async estimateGas(tx: EvmTxRequest): Promise<bigint> {
    return this.quantity('eth_estimateGas', await this.request('eth_estimateGas', [txJson(tx)]));
  }

  /** `eth_maxPriorityFeePerGas`: the tip the node suggests (EIP-1559 chains). */
  async maxPriorityFeePerGas(): Promise<bigint> {
    return this.quantity('eth_maxPriorityFeePerGas', await this.request('eth_maxPriorityFeePerGas', []));
  }

  /** `eth_gasPrice`: the node's gas price (for legacy transactions on chains without a base fee). */
  async gasPrice(): Promise<bigint> {
    return this.quantity('eth_gasPrice', await this.request('eth_gasPrice', []));
  }

  /** Sent and signed by the node's own unlocked account `tx.from` (test chains only; see the file comment). */
  async sendTransaction(tx: EvmTxRequest): Promise<string> {
    return this.hash('eth_sendTransaction', await this.request('eth_sendTransaction', [txJson(tx)]));
  }

  /** A transaction the partner signed itself (RLP or typed envelope bytes). */
  async sendRawTransaction(raw: Uint8Array): Promise<string> {
    return this.hash('eth_sendRawTransaction', await this.request('eth_sendRawTransaction', [toRpcHex(raw)]));
  }

  /** Whether the node knows transaction `txHash` (pending or mined): `eth_getTransactionByHash` is not null. */
  async transactionKnown(txHash: string): Promise<boolean> {
    return (await this.request('eth_getTransactionByHash', [txHash])) !== null;
  }

  async getTransactionReceipt(txHash: string): Promise<EvmReceipt | null> {
    const r = await this.request('eth_getTransactionReceipt', [txHash]);
    if (r === null) return null;
    const j = this.object('eth_getTransactionReceipt', r);
    const m = 'eth_getTransactionReceipt';
    const contractAddress = j['contractAddress'];
    if (
      contractAddress !== null &&
      contractAddress !== undefined &&
      (typeof contractAddress !== 'string' || !ADDRESS.test(contractAddress))
    ) {
      throw this.malformed(m, 'contractAddress is not an address');
    }
    return {
      transactionHash: this.hash(m, j['transactionHash']),
      blockNumber: this.quantity(m, j['blockNumber']),
      blockHash: this.hash(m, j['blockHash']),
      status: this.quantity(m, j['status']),
      contractAddress: typeof contractAddress === 'string' ? contractAddress : null,
      gasUsed: this.quantity(m, j['gasUsed']),
    };
  }

  /**
   * Send `tx` and return its receipt once mined with status 1. A test chain mines at once
   * (hardhat's automine); a revert the node reports on sending is `evm_execution_reverted`, a
   * mined failure `evm_tx_failed`.
   */
  async sendAndConfirm(tx: EvmTxRequest): Promise<EvmReceipt> {
    const txHash = await this.sendTransaction(tx);
    const receipt = await this.getTransactionReceipt(txHash);
    if (receipt === null) {
      throw new CourtbridgeError(
        ErrorCode.Unavailable,
        'evm_tx_failed',
        `transaction ${txHash} has no receipt yet; the node does not mine on its own, mine a block (or wait for one) and read the receipt again`,
        { details: { txHash } },
      );
    }
    if (receipt.status !== 1n) {
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'evm_tx_failed',
        `transaction ${txHash} was mined in block ${receipt.blockNumber} but failed (status ${receipt.status}); nothing it would have changed was changed`,
        { details: { txHash, blockNumber: receipt.blockNumber.toString() } },
      );
    }
    return receipt;
  }

  /** hardhat/ganache `evm_snapshot`: an id to `revert` to. */
  async snapshot(): Promise<string> {
    const r = await this.request('evm_snapshot', []);
    if (typeof r !== 'string') throw this.malformed('evm_snapshot', 'result is not a snapshot id');
    return r;
  }

  /** `evm_revert`: back to the snapshot (which is used up); false when the node does not know it. */
  async revert(snapshotId: string): Promise<boolean> {
    const r = await this.request('evm_revert', [snapshotId]);
    if (typeof r !== 'boolean') throw this.malformed('evm_revert', 'result is not a boolean');
    return r;
  }

  /** `hardhat_mine`: mine `blocks` empty blocks (default 1). */
  async mine(blocks = 1n): Promise<void> {
    await this.request('hardhat_mine', [quantityHex(blocks)]);
  }

  /** `eth_accounts`: the node's unlocked accounts (a test chain's funded accounts). */
  async accounts(): Promise<string[]> {
    const r = await this.request('eth_accounts', []);
    if (!Array.isArray(r) || !r.every((a): a is string => typeof a === 'string' && ADDRESS.test(a))) {
      throw this.malformed('eth_accounts', 'result is not a list of addresses');
    }
    return r;
  }

  private quantity(method: string, v: unknown): bigint {
    if (typeof v !== 'string' || !QUANTITY.test(v)) throw this.malformed(method, `has ${String(v)} where a hex quantity belongs`);
    return BigInt(v);
  }

  private hash(method: string, v: unknown): string {
    if (typeof v !== 'string' || !HASH.test(v)) throw this.malformed(method, `has ${String(v)} where a 32-byte hash belongs`);
    return v;
  }

  private object(method: string, v: unknown): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw this.malformed(method, 'result is not an object');
    return v as Record<string, unknown>;
  }

  private malformed(method: string, what: string, cause?: unknown): CourtbridgeError {
    return new CourtbridgeError(
      ErrorCode.Unavailable,
      'evm_rpc_malformed',
      `the answer of ${this.url} to ${method} ${what}; the endpoint is not an Ethereum JSON-RPC node or is misbehaving`,
      cause === undefined ? { details: { method, url: this.url } } : { cause, details: { method, url: this.url } },
    );
  }

  private rpcError(method: string, error: unknown): CourtbridgeError {
    const e = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
    const code = typeof e['code'] === 'number' ? e['code'] : 0;
    const message = typeof e['message'] === 'string' ? e['message'] : JSON.stringify(error);
    const details: Record<string, string | number> = { method, rpcCode: code };
    // geth answers a revert with code 3 and the revert data; hardhat with -32603, the data, and a
    // message naming the revert. The reason string (the contract's refusal) is read from the data.
    const reverted = code === 3 || /\brevert(ed)?\b/i.test(message);
    if (reverted) {
      const data = revertData(e['data']);
      if (data !== undefined) details['revertData'] = data;
      const reason = data === undefined ? undefined : errorString(data);
      if (reason !== undefined) details['revertReason'] = reason;
      return new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'evm_execution_reverted',
        `${method} reverted${reason === undefined ? '' : ` (${reason})`}: the contract refused it and its state is unchanged; ${message}`,
        { details },
      );
    }
    return new CourtbridgeError(ErrorCode.InvalidArgument, 'evm_rpc_error', `the EVM node refused ${method}: ${message} (code ${code})`, {
      details,
    });
  }
}

/** The revert data as geth (`data: "0x.."`) or hardhat (`data: { data: "0x.." }`) attach it. */
function revertData(d: unknown): string | undefined {
  if (typeof d === 'string') return d;
  if (typeof d === 'object' && d !== null && typeof (d as Record<string, unknown>)['data'] === 'string') {
    return (d as Record<string, string>)['data'];
  }
  return undefined;
}

/**
 * The message of a Solidity `Error(string)` revert (`require(cond, "reason")`): selector 0x08c379a0,
 * then the ABI encoding of one string (offset word, length word, the bytes padded to words).
 * Undefined for any other revert data (a custom error, a panic, no data).
 */
export function errorString(data: string): string | undefined {
  const hex = data.toLowerCase();
  if (!hex.startsWith('0x08c379a0') || !/^0x[0-9a-f]*$/.test(hex)) return undefined;
  const body = hex.slice(10);
  const word = (i: number): bigint | undefined =>
    body.length >= (i + 1) * 64 ? BigInt(`0x${body.slice(i * 64, (i + 1) * 64)}`) : undefined;
  if (word(0) !== 32n) return undefined;
  const length = word(1);
  if (length === undefined || length > 1024n) return undefined;
  const text = body.slice(128, 128 + Number(length) * 2);
  if (text.length !== Number(length) * 2) return undefined;
  return new TextDecoder('utf-8', { fatal: false }).decode(fromHex(text));
}

function txJson(tx: EvmTxRequest): Record<string, string> {
  const j: Record<string, string> = {};
  if (tx.from !== undefined) j['from'] = tx.from;
  if (tx.to !== undefined) j['to'] = tx.to;
  if (tx.data !== undefined) j['data'] = tx.data;
  if (tx.value !== undefined) j['value'] = quantityHex(tx.value);
  if (tx.gas !== undefined) j['gas'] = quantityHex(tx.gas);
  return j;
}

function invalidArgument(message: string): CourtbridgeError {
  return new CourtbridgeError(ErrorCode.InvalidArgument, 'evm_invalid_argument', message);
}
