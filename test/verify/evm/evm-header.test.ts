/**
 * Ethereum headers (src/verify/evm/evm-header.ts) against test/vectors/evm/headers.json: real
 * mainnet blocks 0 and 1 and self-consistent post-fork headers hash to their `hash`; a changed
 * field, a broken parent link and malformed hex are refused with their reasons.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCourtbridgeError } from '../../../src/errors.js';
import { evmHeaderFromRpc, evmHeaderHash, verifyEvmHeaderHash, verifyEvmParentLink } from '../../../src/verify/evm/evm-header.js';
import { toRpcHex } from '../../../src/verify/evm/rpc-hex.js';

type RpcHeader = Record<string, string>;
interface HeaderVectors {
  source: string;
  mainnet: RpcHeader[];
  selfConsistent: Record<string, RpcHeader>;
}
const vectors = JSON.parse(readFileSync(new URL('../../vectors/evm/headers.json', import.meta.url), 'utf8')) as HeaderVectors;
const [genesis, block1] = vectors.mainnet as [RpcHeader, RpcHeader];
const { prague, pragueChild, london } = vectors.selfConsistent as Record<'prague' | 'pragueChild' | 'london', RpcHeader>;

/** The reason and named field of the VerificationError `fn` throws. */
function refusal(fn: () => unknown): { reason: string; field?: string | number | boolean } {
  try {
    fn();
  } catch (e) {
    if (!isCourtbridgeError(e)) throw e;
    return e.details['field'] === undefined ? { reason: e.reason } : { reason: e.reason, field: e.details['field'] };
  }
  throw new Error('expected a refusal');
}

describe('evm header vectors', () => {
  it('reproduces the published mainnet genesis hash', () => {
    expect(toRpcHex(evmHeaderHash(evmHeaderFromRpc(genesis)))).toBe('0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3');
  });

  const all = [...vectors.mainnet.map((h, i): [string, RpcHeader] => [`mainnet[${i}]`, h]), ...Object.entries(vectors.selfConsistent)];
  it.each(all)('%s hashes to its hash', (_name, json) => {
    const { header, hash } = verifyEvmHeaderHash(json);
    expect(toRpcHex(hash)).toBe(json['hash']);
    expect(header.number).toBe(BigInt(json['number']!));
  });

  it('carries exactly the fork fields the result has', () => {
    const l = evmHeaderFromRpc(london);
    expect(l.baseFeePerGas).toBe(1_000_000_000n);
    expect('withdrawalsRoot' in l).toBe(false);
    const p = evmHeaderFromRpc(prague);
    expect(p.requestsHash).toBeInstanceOf(Uint8Array);
    expect(p.blobGasUsed).toBe(0n);
  });

  it('accepts the valid parent links: mainnet 0 -> 1 and a post-Prague pair', () => {
    expect(() => verifyEvmParentLink(evmHeaderFromRpc(block1), evmHeaderFromRpc(genesis))).not.toThrow();
    expect(() => verifyEvmParentLink(evmHeaderFromRpc(pragueChild), evmHeaderFromRpc(prague))).not.toThrow();
  });
});

describe('evm header forgeries', () => {
  const changed: [string, RpcHeader, string, string][] = [
    ['stateRoot', block1, 'stateRoot', `0x${'11'.repeat(32)}`],
    ['timestamp', block1, 'timestamp', '0x55ba4225'],
    ['miner', block1, 'miner', `0x${'22'.repeat(20)}`],
    ['extraData', genesis, 'extraData', '0x'],
    ['nonce', genesis, 'nonce', '0x0000000000000043'],
    ['difficulty', genesis, 'difficulty', '0x400000001'],
    ['baseFeePerGas', london, 'baseFeePerGas', '0x3b9aca01'],
    ['parentBeaconBlockRoot', prague, 'parentBeaconBlockRoot', `0x${'33'.repeat(32)}`],
    ['requestsHash', prague, 'requestsHash', `0x${'44'.repeat(32)}`],
    ['the hash itself', prague, 'hash', `0x${'55'.repeat(32)}`],
  ];
  it.each(changed)('one field changed (%s): evm_header_hash_mismatch', (_name, base, field, value) => {
    expect(refusal(() => verifyEvmHeaderHash({ ...base, [field]: value }))).toEqual({ reason: 'evm_header_hash_mismatch' });
  });

  it('a header with its last fork field dropped no longer hashes to its hash', () => {
    const { requestsHash: _dropped, ...cancunShaped } = prague;
    expect(refusal(() => verifyEvmHeaderHash(cancunShaped)).reason).toBe('evm_header_hash_mismatch');
  });

  it('a fork field after a missing earlier one is malformed, naming it', () => {
    const { withdrawalsRoot: _gap, ...gapped } = prague;
    expect(refusal(() => evmHeaderFromRpc(gapped))).toEqual({ reason: 'evm_header_malformed', field: 'header.blobGasUsed' });
  });

  it('a child whose number is not parent + 1: evm_parent_number_mismatch', () => {
    const skipped = evmHeaderFromRpc({ ...block1, number: '0x2' });
    expect(refusal(() => verifyEvmParentLink(skipped, evmHeaderFromRpc(genesis))).reason).toBe('evm_parent_number_mismatch');
    expect(refusal(() => verifyEvmParentLink(evmHeaderFromRpc(genesis), evmHeaderFromRpc(block1))).reason).toBe(
      'evm_parent_number_mismatch',
    );
  });

  it('a child naming another parent hash: evm_parent_hash_mismatch', () => {
    const child = evmHeaderFromRpc({ ...pragueChild, parentHash: `0x${'66'.repeat(32)}` });
    expect(refusal(() => verifyEvmParentLink(child, evmHeaderFromRpc(prague))).reason).toBe('evm_parent_hash_mismatch');
    const otherParent = evmHeaderFromRpc({ ...prague, gasUsed: '0x0' });
    expect(refusal(() => verifyEvmParentLink(evmHeaderFromRpc(pragueChild), otherParent)).reason).toBe('evm_parent_hash_mismatch');
  });
});

describe('evm header malformed input', () => {
  const bad: [string, string, unknown, string][] = [
    ['odd-length hash', 'stateRoot', `0x${'a'.repeat(63)}`, 'header.stateRoot'],
    ['short hash', 'parentHash', `0x${'aa'.repeat(31)}`, 'header.parentHash'],
    ['19-byte miner', 'miner', `0x${'aa'.repeat(19)}`, 'header.miner'],
    ['non-hex', 'receiptsRoot', `0x${'zz'.repeat(32)}`, 'header.receiptsRoot'],
    ['no 0x prefix', 'transactionsRoot', 'aa'.repeat(32), 'header.transactionsRoot'],
    ['255-byte logsBloom', 'logsBloom', `0x${'00'.repeat(255)}`, 'header.logsBloom'],
    ['7-byte nonce', 'nonce', '0x00000000000042', 'header.nonce'],
    ['quantity with a leading zero', 'number', '0x01', 'header.number'],
    ['empty quantity', 'gasUsed', '0x', 'header.gasUsed'],
    ['quantity as a number', 'timestamp', 0, 'header.timestamp'],
    ['quantity over 256 bits', 'difficulty', `0x1${'0'.repeat(64)}`, 'header.difficulty'],
    ['odd-length extraData', 'extraData', '0x123', 'header.extraData'],
    ['missing mixHash', 'mixHash', undefined, 'header.mixHash'],
    ['null baseFeePerGas', 'baseFeePerGas', null, 'header.baseFeePerGas'],
    ['short hash claim', 'hash', '0x1234', 'header.hash'],
  ];
  it.each(bad)('%s: evm_header_malformed naming the field', (_name, field, value, named) => {
    const json: Record<string, unknown> = { ...london, [field]: value };
    if (value === undefined) delete json[field];
    expect(refusal(() => verifyEvmHeaderHash(json))).toEqual({ reason: 'evm_header_malformed', field: named });
  });

  it('a header that is not an object: evm_header_malformed', () => {
    expect(refusal(() => evmHeaderFromRpc(null)).reason).toBe('evm_header_malformed');
    expect(refusal(() => evmHeaderFromRpc([genesis])).reason).toBe('evm_header_malformed');
  });
});
