/**
 * The notary's pure decision (`decideNotarization`, adapters/evm/notary-follower.ts) on a Clique
 * chain, with headers sealed by @ethereumjs/block (test/vectors/evm/clique.json): with a sealer
 * set it signs a block sealed by one of the set and refuses, without halting, a block sealed by
 * another key, a block re-hashed after a field was changed (its seal no longer recovers the
 * sealer), an unsealed block and a high-S seal; a forged block at a signed height is refused for
 * its seal, not halted on. Without a sealer set nothing changes (hardhat blocks carry no seal).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decideNotarization, type JournalView, type NotaryStep } from '../../../adapters/evm/notary-follower.js';
import { CURVE_N } from '../../../src/crypto/secp256k1.js';
import { concatBytes, fromHex } from '../../../src/encoding/bytes.js';
import { evmHeaderFromRpc, evmHeaderHash } from '../../../src/verify/evm/evm-header.js';
import { toRpcHex } from '../../../src/verify/evm/rpc-hex.js';

type RpcHeader = Record<string, string>;
const clique = JSON.parse(readFileSync(new URL('../../vectors/evm/clique.json', import.meta.url), 'utf8')) as {
  sealers: { A: string; B: string };
  sealed: { name: string; header: RpcHeader }[];
};
const mainnet = (JSON.parse(readFileSync(new URL('../../vectors/evm/headers.json', import.meta.url), 'utf8')) as { mainnet: RpcHeader[] })
  .mainnet;
const plain = clique.sealed.find((v) => v.name === 'plain')!.header;
const HEIGHT = Number(plain['number']);
const A = fromHex(clique.sealers.A.slice(2));
const B = fromHex(clique.sealers.B.slice(2));
const CHAIN = 'bank-poa';

const journal = (signed: Record<number, string> = {}): JournalView => ({
  signedAt: (_chain, height) => (signed[height] === undefined ? undefined : fromHex(signed[height].slice(2))),
  resumedAt: () => false,
});

/** The RPC header with `change` applied to its fields and its hash recomputed: what a lying node serves. */
function rehashed(json: RpcHeader, change: RpcHeader): RpcHeader {
  const out = { ...json, ...change };
  return { ...out, hash: toRpcHex(evmHeaderHash(evmHeaderFromRpc(out))) };
}

function refused(step: NotaryStep): { reason: string; halt: boolean; message: string } {
  if (step.kind !== 'refuse') throw new Error(`expected a refusal, got ${step.kind}`);
  return { reason: step.error.reason, halt: step.halt, message: step.error.message };
}

describe('decideNotarization with a Clique sealer set', () => {
  it('signs a block sealed by one of the set', () => {
    const step = decideNotarization(CHAIN, HEIGHT, plain, journal(), [B, A]);
    expect(step.kind).toBe('sign');
    if (step.kind === 'sign') expect(toRpcHex(step.block.blockHash)).toBe(plain['hash']);
  });

  it('refuses, without halting, a block sealed by a key outside the set, naming the sealer', () => {
    expect(refused(decideNotarization(CHAIN, HEIGHT, plain, journal(), [B]))).toMatchObject({
      reason: 'evm_sealer_unknown',
      halt: false,
      message: expect.stringContaining(clique.sealers.A),
    });
  });

  it('refuses a block whose field was changed and re-hashed after sealing: its seal recovers someone else', () => {
    const forged = rehashed(plain, { stateRoot: `0x${'ab'.repeat(32)}` });
    expect(refused(decideNotarization(CHAIN, HEIGHT, forged, journal(), [A]))).toMatchObject({ reason: 'evm_sealer_unknown', halt: false });
  });

  it('refuses an unsealed block and a high-S seal', () => {
    expect(refused(decideNotarization(CHAIN, 1, mainnet[1], journal(), [A]))).toMatchObject({ reason: 'evm_seal_malformed', halt: false });
    const extra = fromHex(plain['extraData']!.slice(2));
    const s = BigInt(toRpcHex(extra.subarray(32 + 32, 32 + 64)));
    const highS = concatBytes(extra.subarray(0, 64), fromHex((CURVE_N - s).toString(16).padStart(64, '0')), Uint8Array.of(extra[96]! ^ 1));
    const twin = rehashed(plain, { extraData: toRpcHex(highS) });
    expect(refused(decideNotarization(CHAIN, HEIGHT, twin, journal(), [A]))).toMatchObject({ reason: 'evm_seal_invalid', halt: false });
  });

  it('a forged block at a height it signed is refused for its seal, not halted on: a lying node cannot stop the notary', () => {
    const forged = rehashed(plain, { stateRoot: `0x${'ab'.repeat(32)}` });
    const signed = journal({ [HEIGHT]: plain['hash']! });
    expect(refused(decideNotarization(CHAIN, HEIGHT, forged, signed, [A]))).toMatchObject({ reason: 'evm_sealer_unknown', halt: false });
    // The same block without a sealer set is a conflict with what was signed.
    expect(refused(decideNotarization(CHAIN, HEIGHT, forged, signed))).toMatchObject({
      reason: 'notary_refuses_conflicting_block',
      halt: true,
    });
  });
});

describe('decideNotarization without a sealer set', () => {
  it('looks at no seal: an unsealed block and a block sealed by anyone are signed', () => {
    expect(decideNotarization(CHAIN, 1, mainnet[1], journal()).kind).toBe('sign');
    expect(decideNotarization(CHAIN, HEIGHT, plain, journal()).kind).toBe('sign');
  });
});
