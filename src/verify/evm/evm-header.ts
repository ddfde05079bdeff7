/**
 * An Ethereum block header as an `eth_getBlockByNumber` result gives it, and its hash:
 * keccak256(RLP([fields in canonical order])) (Yellow Paper 4.3, with the fields later forks
 * append: London baseFeePerGas, Shanghai withdrawalsRoot, Cancun blobGasUsed, excessBlobGas and
 * parentBeaconBlockRoot, Prague requestsHash). Pure: JSON in, verdict out.
 *
 * Canonical order, pinned by test/vectors/evm/headers.json:
 *   parentHash, sha3Uncles (ommersHash), miner (beneficiary), stateRoot, transactionsRoot,
 *   receiptsRoot, logsBloom, difficulty, number, gasLimit, gasUsed, timestamp, extraData, mixHash,
 *   nonce, [baseFeePerGas, [withdrawalsRoot, [blobGasUsed, excessBlobGas, parentBeaconBlockRoot,
 *   [requestsHash]]]]
 * Hashes are 32 bytes, the miner 20, logsBloom 256, nonce 8; quantities are RLP'd as big-endian
 * bytes without leading zeros (zero is the empty string).
 */
import { RLP } from '@ethereumjs/rlp';
import { bigIntToUnpaddedBytes, bytesToBigInt } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { equalBytes } from '../../encoding/bytes.js';
import { VerificationError } from '../../errors.js';
import { rpcData, rpcObject, rpcQuantity, toRpcHex } from './rpc-hex.js';

export interface EvmHeader {
  parentHash: Uint8Array;
  ommersHash: Uint8Array;
  beneficiary: Uint8Array;
  stateRoot: Uint8Array;
  transactionsRoot: Uint8Array;
  receiptsRoot: Uint8Array;
  logsBloom: Uint8Array;
  difficulty: bigint;
  number: bigint;
  gasLimit: bigint;
  gasUsed: bigint;
  timestamp: bigint;
  extraData: Uint8Array;
  mixHash: Uint8Array;
  nonce: Uint8Array;
  /** London (EIP-1559). */
  baseFeePerGas?: bigint;
  /** Shanghai (EIP-4895). */
  withdrawalsRoot?: Uint8Array;
  /** Cancun (EIP-4844). */
  blobGasUsed?: bigint;
  /** Cancun (EIP-4844). */
  excessBlobGas?: bigint;
  /** Cancun (EIP-4788). */
  parentBeaconBlockRoot?: Uint8Array;
  /** Prague (EIP-7685). */
  requestsHash?: Uint8Array;
}

const M = 'evm_header_malformed';
const hash32 = (json: Record<string, unknown>, field: string): Uint8Array => rpcData(json[field], `header.${field}`, M, 32);
const quantity = (json: Record<string, unknown>, field: string): bigint => rpcQuantity(json[field], `header.${field}`, M);

/**
 * The fork fields in the order they were appended. Each fork's header carries every earlier one,
 * so a present field after an absent one is refused: its RLP position would be ambiguous.
 */
const FORK_FIELDS = ['baseFeePerGas', 'withdrawalsRoot', 'blobGasUsed', 'excessBlobGas', 'parentBeaconBlockRoot', 'requestsHash'] as const;
type ForkField = (typeof FORK_FIELDS)[number];

/** A header from an `eth_getBlockByNumber` result (RPC names: sha3Uncles, miner); every field is checked here. */
export function evmHeaderFromRpc(json: unknown): EvmHeader {
  const j = rpcObject(json, 'header', M);
  const header: EvmHeader = {
    parentHash: hash32(j, 'parentHash'),
    ommersHash: hash32(j, 'sha3Uncles'),
    beneficiary: rpcData(j['miner'], 'header.miner', M, 20),
    stateRoot: hash32(j, 'stateRoot'),
    transactionsRoot: hash32(j, 'transactionsRoot'),
    receiptsRoot: hash32(j, 'receiptsRoot'),
    logsBloom: rpcData(j['logsBloom'], 'header.logsBloom', M, 256),
    difficulty: quantity(j, 'difficulty'),
    number: quantity(j, 'number'),
    gasLimit: quantity(j, 'gasLimit'),
    gasUsed: quantity(j, 'gasUsed'),
    timestamp: quantity(j, 'timestamp'),
    extraData: rpcData(j['extraData'], 'header.extraData', M),
    mixHash: hash32(j, 'mixHash'),
    nonce: rpcData(j['nonce'], 'header.nonce', M, 8),
  };
  let missing: ForkField | undefined;
  for (const field of FORK_FIELDS) {
    if (j[field] === undefined) missing ??= field;
    else if (missing !== undefined) {
      throw new VerificationError(
        M,
        `header.${field} is present but header.${missing} is not; a fork's header carries every earlier fork's fields`,
        {
          details: { field: `header.${field}` },
        },
      );
    }
  }
  if (j['baseFeePerGas'] !== undefined) header.baseFeePerGas = quantity(j, 'baseFeePerGas');
  if (j['withdrawalsRoot'] !== undefined) header.withdrawalsRoot = hash32(j, 'withdrawalsRoot');
  if (j['blobGasUsed'] !== undefined) header.blobGasUsed = quantity(j, 'blobGasUsed');
  if (j['excessBlobGas'] !== undefined) header.excessBlobGas = quantity(j, 'excessBlobGas');
  if (j['parentBeaconBlockRoot'] !== undefined) header.parentBeaconBlockRoot = hash32(j, 'parentBeaconBlockRoot');
  if (j['requestsHash'] !== undefined) header.requestsHash = hash32(j, 'requestsHash');
  return header;
}

/** The header's fields in canonical order, as RLP items (quantities without leading zeros). */
function headerItems(h: EvmHeader): Uint8Array[] {
  const q = bigIntToUnpaddedBytes;
  const items = [
    h.parentHash,
    h.ommersHash,
    h.beneficiary,
    h.stateRoot,
    h.transactionsRoot,
    h.receiptsRoot,
    h.logsBloom,
    q(h.difficulty),
    q(h.number),
    q(h.gasLimit),
    q(h.gasUsed),
    q(h.timestamp),
    h.extraData,
    h.mixHash,
    h.nonce,
  ];
  const fork: (Uint8Array | undefined)[] = [
    h.baseFeePerGas === undefined ? undefined : q(h.baseFeePerGas),
    h.withdrawalsRoot,
    h.blobGasUsed === undefined ? undefined : q(h.blobGasUsed),
    h.excessBlobGas === undefined ? undefined : q(h.excessBlobGas),
    h.parentBeaconBlockRoot,
    h.requestsHash,
  ];
  for (const item of fork) {
    // The prefix rule of evmHeaderFromRpc: the first absent fork field ends the header.
    if (item === undefined) break;
    items.push(item);
  }
  return items;
}

/** The 32-, 20-, 256- and 8-byte fields, by their position in the RLP list. */
const FIXED_LENGTHS: Readonly<Record<number, number>> = {
  0: 32,
  1: 32,
  2: 20,
  3: 32,
  4: 32,
  5: 32,
  6: 256,
  13: 32,
  14: 8,
  16: 32,
  19: 32,
  20: 32,
};
/** Positions holding quantities (big-endian, no leading zeros). */
const QUANTITIES: ReadonlySet<number> = new Set([7, 8, 9, 10, 11, 15, 17, 18]);

/**
 * A header from its RLP (how bundles carry it: the bytes whose keccak256 is the block hash, so a
 * relay cannot change a field without changing the hash). 15 to 21 fields, each of its shape.
 * @throws VerificationError `evm_header_malformed`
 */
export function evmHeaderFromRlp(rlp: Uint8Array): EvmHeader {
  let decoded: unknown;
  try {
    decoded = RLP.decode(rlp);
  } catch (cause) {
    throw new VerificationError(M, 'header_rlp is not RLP', { cause });
  }
  if (!Array.isArray(decoded) || decoded.length < 15 || decoded.length > 15 + FORK_FIELDS.length) {
    throw new VerificationError(M, `header_rlp: expected a list of 15 to ${15 + FORK_FIELDS.length} fields`);
  }
  const items = decoded.map((item: unknown, i): Uint8Array => {
    if (!(item instanceof Uint8Array)) throw new VerificationError(M, `header_rlp field ${i} is a list, not bytes`);
    const len = FIXED_LENGTHS[i];
    if (len !== undefined && item.length !== len)
      throw new VerificationError(M, `header_rlp field ${i} is ${item.length} bytes, expected ${len}`);
    if (QUANTITIES.has(i) && item[0] === 0) throw new VerificationError(M, `header_rlp field ${i} is a quantity with leading zero bytes`);
    return item;
  });
  const at = (i: number): Uint8Array => items[i]!;
  // The empty string (zero) reads as 0n in bytesToBigInt itself.
  const q = (i: number): bigint => bytesToBigInt(at(i));
  const header: EvmHeader = {
    parentHash: at(0),
    ommersHash: at(1),
    beneficiary: at(2),
    stateRoot: at(3),
    transactionsRoot: at(4),
    receiptsRoot: at(5),
    logsBloom: at(6),
    difficulty: q(7),
    number: q(8),
    gasLimit: q(9),
    gasUsed: q(10),
    timestamp: q(11),
    extraData: at(12),
    mixHash: at(13),
    nonce: at(14),
  };
  if (items.length > 15) header.baseFeePerGas = q(15);
  if (items.length > 16) header.withdrawalsRoot = at(16);
  if (items.length > 17) header.blobGasUsed = q(17);
  if (items.length > 18) header.excessBlobGas = q(18);
  if (items.length > 19) header.parentBeaconBlockRoot = at(19);
  if (items.length > 20) header.requestsHash = at(20);
  return header;
}

/** RLP(header): the bytes whose keccak256 is the block hash. */
export function evmHeaderRlp(h: EvmHeader): Uint8Array {
  return RLP.encode(headerItems(h));
}

/** keccak256(RLP(header)): the block hash. */
export function evmHeaderHash(h: EvmHeader): Uint8Array {
  return keccak_256(evmHeaderRlp(h));
}

/**
 * The header of an `eth_getBlockByNumber` result whose `hash` is the hash of its fields; refused
 * with `evm_header_hash_mismatch` otherwise (a field changed, or a field this build does not know).
 */
export function verifyEvmHeaderHash(json: unknown): { header: EvmHeader; hash: Uint8Array } {
  const header = evmHeaderFromRpc(json);
  const claimed = rpcData((json as Record<string, unknown>)['hash'], 'header.hash', M, 32);
  const hash = evmHeaderHash(header);
  if (!equalBytes(hash, claimed)) {
    throw new VerificationError(
      'evm_header_hash_mismatch',
      `block ${header.number}: the header's fields hash to ${toRpcHex(hash)}, not the claimed ${toRpcHex(claimed)}; ` +
        'a field was changed or the header has a field this verifier does not know; do not trust this header',
      { details: { number: header.number.toString() } },
    );
  }
  return { header, hash };
}

/** `child` extends `parent`: number + 1 and parentHash = hash(parent); refused with the link that is broken. */
export function verifyEvmParentLink(child: EvmHeader, parent: EvmHeader): void {
  if (child.number !== parent.number + 1n) {
    throw new VerificationError(
      'evm_parent_number_mismatch',
      `block ${child.number} is not the child of block ${parent.number}; send the headers in consecutive order`,
      { details: { child: child.number.toString(), parent: parent.number.toString() } },
    );
  }
  const parentHash = evmHeaderHash(parent);
  if (!equalBytes(child.parentHash, parentHash)) {
    throw new VerificationError(
      'evm_parent_hash_mismatch',
      `block ${child.number} names parent ${toRpcHex(child.parentHash)}, but block ${parent.number} hashes to ${toRpcHex(parentHash)}; ` +
        'the headers are from different forks or one is forged',
      { details: { child: child.number.toString(), parent: parent.number.toString() } },
    );
  }
}
