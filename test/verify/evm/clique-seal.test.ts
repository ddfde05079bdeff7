/**
 * Clique seals (src/verify/evm/clique-seal.ts) against test/vectors/evm/clique.json: real Görli
 * blocks recover their published sealers, blocks sealed by @ethereumjs/block recover their test
 * keys, and @ethereumjs/block's own cliqueSigHash/cliqueSigner agree on every vector. Refused:
 * a field changed after sealing (another sealer, `evm_sealer_unknown`), extraData too short or
 * with a partial signer (`evm_seal_malformed`), a high-S twin, a v out of range, a zero seal
 * (`evm_seal_invalid`), a sealer outside the set (`evm_sealer_unknown`).
 */
import { readFileSync } from 'node:fs';
import { cliqueSigHash as ethjsSigHash, cliqueSigner as ethjsSigner, createBlockHeaderFromRLP } from '@ethereumjs/block';
import { describe, expect, it } from 'vitest';
import { CURVE_N } from '../../../src/crypto/secp256k1.js';
import { concatBytes, fromHex } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { cliqueSealer, cliqueSigHash, verifyCliqueSeal } from '../../../src/verify/evm/clique-seal.js';
import { type EvmHeader, evmHeaderFromRpc, evmHeaderHash, evmHeaderRlp } from '../../../src/verify/evm/evm-header.js';
import { toRpcHex } from '../../../src/verify/evm/rpc-hex.js';
import { cliqueCommon } from '../../helpers/clique-common.js';

interface Vector {
  name: string;
  sealer: string;
  signers?: string[];
  header: Record<string, string>;
}
interface CliqueVectors {
  source: string;
  goerli: Vector[];
  sealers: { A: string; B: string };
  sealed: Vector[];
}
const vectors = JSON.parse(readFileSync(new URL('../../vectors/evm/clique.json', import.meta.url), 'utf8')) as CliqueVectors;
const address = (hex: string): Uint8Array => fromHex(hex.slice(2));
const byName = (name: string): EvmHeader => evmHeaderFromRpc([...vectors.goerli, ...vectors.sealed].find((v) => v.name === name)!.header);
const A = address(vectors.sealers.A);
const B = address(vectors.sealers.B);
const AFRI = address('0xe0a2bd4258d2768837baa26a28fe71dc079f84c7');

function refusal(fn: () => unknown): { reason: string; details: Record<string, unknown> } {
  try {
    fn();
  } catch (e) {
    if (!isCourtbridgeError(e)) throw e;
    return { reason: e.reason, details: e.details };
  }
  throw new Error('expected a refusal');
}

/** The header with its seal (the last 65 bytes of extraData) replaced by `seal(old)`. */
function reseal(h: EvmHeader, seal: (old: Uint8Array) => Uint8Array): EvmHeader {
  const cut = h.extraData.length - 65;
  return { ...h, extraData: concatBytes(h.extraData.subarray(0, cut), seal(h.extraData.subarray(cut))) };
}

describe('clique seal vectors', () => {
  const all = [...vectors.goerli, ...vectors.sealed].map((v): [string, Vector] => [v.name, v]);

  it.each(all)('%s recovers its sealer and hashes to its hash', (_name, v) => {
    const header = evmHeaderFromRpc(v.header);
    if (v.header['hash'] !== undefined) expect(toRpcHex(evmHeaderHash(header))).toBe(v.header['hash']);
    expect(toRpcHex(cliqueSealer(header))).toBe(v.sealer);
    expect(verifyCliqueSeal(header, [A, B, AFRI, address(v.sealer)])).toEqual(address(v.sealer));
  });

  it.each(all)('%s: @ethereumjs/block computes the same sig hash and sealer', (_name, v) => {
    const header = evmHeaderFromRpc(v.header);
    const common = cliqueCommon(header.baseFeePerGas === undefined ? 'istanbul' : 'london');
    const ethjs = createBlockHeaderFromRLP(evmHeaderRlp(header), { common });
    expect(toRpcHex(ethjsSigHash(ethjs))).toBe(toRpcHex(cliqueSigHash(header)));
    expect(ethjsSigner(ethjs).toString()).toBe(v.sealer);
  });

  it("Görli block 1 is block 2's parent: the real header is reproduced field for field", () => {
    expect(toRpcHex(evmHeaderHash(byName('goerli-1')))).toBe(toRpcHex(byName('goerli-2').parentHash));
  });

  it('an epoch block lists its signers between vanity and seal; its seal still recovers', () => {
    const epoch = vectors.sealed.find((v) => v.name === 'epoch')!;
    const header = evmHeaderFromRpc(epoch.header);
    expect(header.extraData.length).toBe(32 + 2 * 20 + 65);
    expect(epoch.signers).toEqual([vectors.sealers.A, vectors.sealers.B]);
    expect(toRpcHex(cliqueSealer(header))).toBe(vectors.sealers.B);
  });
});

describe('clique seal refusals', () => {
  const goerli1 = byName('goerli-1');
  const plain = byName('plain');

  it('a field changed after sealing recovers another sealer, refused as unknown', () => {
    for (const changed of [
      { ...goerli1, timestamp: goerli1.timestamp + 1n },
      { ...goerli1, beneficiary: A },
      { ...goerli1, nonce: fromHex('ffffffffffffffff') },
    ]) {
      const other = cliqueSealer(changed);
      expect(toRpcHex(other)).not.toBe(toRpcHex(AFRI));
      expect(refusal(() => verifyCliqueSeal(changed, [AFRI]))).toMatchObject({
        reason: 'evm_sealer_unknown',
        details: { sealer: toRpcHex(other) },
      });
    }
  });

  it('extraData too short for vanity and seal, or with a partial signer, is malformed', () => {
    for (const extraData of [
      goerli1.extraData.subarray(0, 96),
      goerli1.extraData.subarray(1),
      new Uint8Array(0),
      concatBytes(goerli1.extraData, new Uint8Array(7)),
    ]) {
      expect(refusal(() => cliqueSealer({ ...goerli1, extraData }))).toMatchObject({
        reason: 'evm_seal_malformed',
        details: { extraDataLength: extraData.length },
      });
      expect(refusal(() => verifyCliqueSeal({ ...goerli1, extraData }, [AFRI])).reason).toBe('evm_seal_malformed');
    }
  });

  it("the seal's high-S twin (S -> n - S, v flipped: the same key under plain ECDSA) is refused, though @ethereumjs/block accepts it", () => {
    const twin = reseal(goerli1, (seal) => {
      const s = BigInt(toRpcHex(seal.subarray(32, 64)));
      return concatBytes(seal.subarray(0, 32), fromHex((CURVE_N - s).toString(16).padStart(64, '0')), Uint8Array.of(seal[64]! ^ 1));
    });
    expect(refusal(() => cliqueSealer(twin)).reason).toBe('evm_seal_invalid');
    // Why the rule is here: a verifier without it recovers the same sealer from the twin.
    const ethjs = createBlockHeaderFromRLP(evmHeaderRlp(twin), { common: cliqueCommon('istanbul') });
    expect(ethjsSigner(ethjs).toString()).toBe(toRpcHex(AFRI));
  });

  it('a v other than 0 or 1, a zero seal, r or s out of range are invalid', () => {
    const withV = (v: number) => reseal(plain, (seal) => concatBytes(seal.subarray(0, 64), Uint8Array.of(v)));
    for (const v of [2, 3, 27, 28, 255])
      expect(refusal(() => cliqueSealer(withV(v)))).toMatchObject({ reason: 'evm_seal_invalid', details: { v } });
    expect(refusal(() => cliqueSealer(reseal(plain, () => new Uint8Array(65)))).reason).toBe('evm_seal_invalid');
    const n = fromHex(CURVE_N.toString(16));
    expect(refusal(() => cliqueSealer(reseal(plain, (seal) => concatBytes(n, seal.subarray(32))))).reason).toBe('evm_seal_invalid');
    expect(refusal(() => cliqueSealer(reseal(plain, (seal) => concatBytes(seal.subarray(0, 32), n, seal.subarray(64))))).reason).toBe(
      'evm_seal_invalid',
    );
  });

  it('a well-formed seal from a sealer outside the set is refused, naming the sealer', () => {
    expect(refusal(() => verifyCliqueSeal(plain, [B]))).toMatchObject({
      reason: 'evm_sealer_unknown',
      details: { sealer: vectors.sealers.A },
    });
    expect(refusal(() => verifyCliqueSeal(plain, [])).reason).toBe('evm_sealer_unknown');
    expect(verifyCliqueSeal(plain, [B, A])).toEqual(A);
  });
});
