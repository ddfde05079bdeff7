/**
 * The offline verifier of `evm` chain bundles (src/verify/evm/evm-bundle-verify.ts), with no node:
 * the bank chain's state trie, its block header, the notaries' signatures and the gateway's
 * receipt are made in-process (evm-bundle-fixture.ts). An honest record or absence is valid, each
 * check answered for the kind; each forgery fails its named check with its reason: too few
 * registry notaries, a signer outside the set, a forged or duplicated signature, a proof of another
 * contract or to another state root, a record the proof does not prove, a bundle whose chain,
 * height, time or request disagree with the header, a chain the registry does not admit as evm,
 * a block below the anchor; without a record layout or a registry the verdict stays open.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/encoding/bytes.js';
import type { ChainEntry } from '../../../src/identity/chain-entry.js';
import type { Signer } from '../../../src/identity/signer.js';
import { nativeReceiptSigner, type ReceiptSigner } from '../../../src/relay/receipts/root-signer.js';
import type { BundleVerification } from '../../../src/verify/bundle-verify.js';
import { type EvmBundleVerifyOptions, verifyEvmBundle } from '../../../src/verify/evm/evm-bundle-verify.js';
import { type EvmHeader, evmHeaderRlp } from '../../../src/verify/evm/evm-header.js';
import { type EvmRecordLayout, evmRecordSlots } from '../../../src/verify/evm/evm-record.js';
import type { NotarizedBlock } from '../../../src/verify/notary.js';
import { verifyProofBundleBytes } from '../../../src/verify/proof-bundle-verify.js';
import { encodeMessage } from '../../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../../src/wire/messages.js';
import { allianceFixture, fixtureNotaryDid } from '../../helpers/alliance-fixture.js';
import {
  accountKey,
  accountValue,
  addressOf,
  EVM_CHAIN,
  type EvmState,
  evmBlockOf,
  evmHeader,
  evmState,
  LAYOUT,
  makeEvmBundle,
  notarizeBlock,
} from './evm-bundle-fixture.js';

type Bundle = MessageOutput<'ProofBundle'>;

const NOW = 1_760_000_000_000;
/** The block answered at, a minute before NOW; the registry anchors the chain at ANCHOR. */
const HEIGHT = 120;
const ANCHOR = 100;
const TIME_S = BigInt(NOW / 1000 - 60);
const CONTRACT = addressOf('courtbridge bank ledger');
/** Another contract with the same storage layout (a forger's copy of the ledger). */
const COPY = addressOf('a copy of the bank ledger');
const LAND = 'land';

const ALICE = accountKey('6222 0000 1111 2222');
const NEVER_OPENED = accountKey('6222 0000 9999 9999');
const ALICE_VALUE = accountValue(100_000n, 2_500n);

// The anchor's hash is the registry's record of where the chain starts; an evm bundle is bound to it by height.
const fx = allianceFixture({
  chains: [EVM_CHAIN, LAND],
  evmChains: {
    [EVM_CHAIN]: { anchor: { height: ANCHOR, headerHash: new Uint8Array(32).fill(7) }, contract: CONTRACT, notaries: 3, threshold: 2 },
  },
  notaryChains: { [LAND]: { notaries: 3, threshold: 2 } },
});
const notary = (i: number): Signer => fx.signers.get(fixtureNotaryDid(EVM_CHAIN, i))!;
const receiptSigner = nativeReceiptSigner(fx.gateway.did, fx.gateway.kid, fx.privateKeys.get(fx.gateway.did)!);
const RECORDS: ReadonlyMap<string, EvmRecordLayout> = new Map([[LAYOUT.recordType, LAYOUT]]);

/** The bank chain at HEIGHT: Alice's account in the ledger, and the forger's copy holding another balance for her. */
const state = await evmState([
  { address: CONTRACT, accounts: { [ALICE]: [100_000n, 2_500n, true] } },
  { address: COPY, accounts: { [ALICE]: [9_000_000n, 0n, true] } },
]);
/** The same chain a block later, Alice having been credited: another state root. */
const later = await evmState([{ address: CONTRACT, accounts: { [ALICE]: [100_500n, 2_500n, true] } }]);
/** A state in which the registry's contract was never deployed. */
const undeployed = await evmState([{ address: COPY, accounts: { [ALICE]: [100_000n, 2_500n, true] } }]);

interface Make {
  key?: string;
  result?: { kind: 'record'; value: Uint8Array } | { kind: 'absence' };
  header?: EvmHeader;
  /** The state the proof is taken from (the header's unless told). */
  proofState?: EvmState;
  proofAddress?: Uint8Array;
  slots?: Uint8Array[];
  signers?: Signer[];
  /** The block the notaries sign (the header's unless told). */
  signed?: NotarizedBlock;
  askedHeight?: number;
  chainId?: string;
  receiptSigner?: ReceiptSigner;
}

/** A bundle of the bank chain as the gateway makes it; each field a forger may change is an option. */
async function make(o: Make = {}): Promise<Bundle> {
  const key = o.key ?? ALICE;
  const header = o.header ?? evmHeader(state.root, BigInt(HEIGHT), TIME_S);
  const proof = await (o.proofState ?? state).prove(o.proofAddress ?? CONTRACT, o.slots ?? evmRecordSlots(LAYOUT, key));
  const signed = o.signed ?? evmBlockOf(header, o.chainId ?? EVM_CHAIN);
  return makeEvmBundle({
    header,
    proof,
    key,
    result: o.result ?? (key === ALICE ? { kind: 'record', value: ALICE_VALUE } : { kind: 'absence' }),
    notarizations: (o.signers ?? [notary(1), notary(2)]).map((s) => notarizeBlock(s, signed)),
    receiptSigner: o.receiptSigner ?? receiptSigner,
    nowMs: NOW,
    ...(o.askedHeight === undefined ? {} : { askedHeight: o.askedHeight }),
    ...(o.chainId === undefined ? {} : { chainId: o.chainId }),
  });
}

/** What a test changes in the caller's options; undefined leaves the option out (no registry, no catalog). */
type Overrides = { [K in keyof EvmBundleVerifyOptions]?: EvmBundleVerifyOptions[K] | undefined };
const options = (o: Overrides = {}): EvmBundleVerifyOptions => {
  const all = { atMs: NOW, authority: fx.authority, evmRecords: RECORDS, ...o };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as unknown as EvmBundleVerifyOptions;
};
const verify = (b: Bundle, o: Overrides = {}) => verifyEvmBundle(b, options(o));

/** Every check, in order, as name:outcome[:reason]. */
const summary = (v: BundleVerification) => v.checks.map((c) => `${c.name}:${c.outcome}${c.reason === '' ? '' : `:${c.reason}`}`);
const check = (v: BundleVerification, name: string) => v.checks.find((c) => c.name === name)!;
const failures = (v: BundleVerification) =>
  Object.fromEntries(v.checks.filter((c) => c.outcome === 'failed').map((c) => [c.name, c.reason]));

const VALID = [
  'bundle_shape:passed',
  'chain_admitted:passed',
  'validator_set_hash:skipped:not_applicable',
  'anchored_trace:passed',
  'header_quorum:passed',
  'commit_signatures:passed',
  'header_trusted:skipped:offline',
  'header_binding:passed',
  'state_proof:passed',
  'attestations:skipped:not_applicable',
  'receipt_binding:passed',
  'receipt_signature:passed',
];

describe('an honest evm bundle', () => {
  it('two of three registry notaries signed the block, the proof proves the record: valid, each check answered for the kind', async () => {
    const b = await make();
    const v = await verify(b);
    expect(summary(v)).toEqual(VALID);
    expect(v.verdict).toBe('valid');
    expect(v.checkedAtMs).toBe(NOW);
    const hash = keccak_256(new Uint8Array(b.evm!.headerRlp));
    expect(v.verifiedHeader).toEqual({ chainId: EVM_CHAIN, height: HEIGHT, headerHash: hash });
    expect(check(v, 'chain_admitted').detail).toBe(
      `${EVM_CHAIN} (${EVM_CHAIN} chain (EVM)) is admitted as an evm chain, records in contract 0x${toHex(CONTRACT)}`,
    );
    expect(check(v, 'anchored_trace').detail).toBe(`block ${HEIGHT} is at or above the chain's registry anchor (${ANCHOR})`);
    expect(check(v, 'header_quorum').detail).toBe(
      `2 of the chain's notaries signed block ${HEIGHT} (${notary(1).did}, ${notary(2).did}); 2 needed`,
    );
    expect(check(v, 'commit_signatures').detail).toBe('every one of the 2 notary signatures verifies');
    expect(check(v, 'header_binding').detail).toBe(`the answer is of ${EVM_CHAIN} at block ${HEIGHT}, as asked`);
    expect(check(v, 'state_proof').detail).toBe(`the contract's storage proves this record at block ${HEIGHT}`);
    // The same bundle as its protobuf bytes goes to this verifier by its evidence.
    const bytes = encodeMessage('ProofBundle', b as MessageInput<'ProofBundle'>);
    expect(summary(await verifyProofBundleBytes(bytes, options()))).toEqual(VALID);
  });

  it("an absence (the account's slots are empty), signed by all three notaries, is valid too", async () => {
    const v = await verify(await make({ key: NEVER_OPENED, signers: [notary(1), notary(2), notary(3)] }));
    expect(summary(v)).toEqual(VALID);
    expect(check(v, 'state_proof').detail).toBe(`the contract's storage proves that there is no such record at block ${HEIGHT}`);
    expect(check(v, 'header_quorum').detail).toMatch(/^3 of the chain's notaries signed/);
  });

  it('asked at the very height answered: valid', async () => {
    expect(summary(await verify(await make({ askedHeight: HEIGHT })))).toEqual(VALID);
  });

  it('a block at the anchor height is within the chain; one below it is not: header_below_anchor', async () => {
    const at = await verify(await make({ header: evmHeader(state.root, BigInt(ANCHOR), TIME_S) }));
    expect(summary(at)).toEqual(VALID);
    expect(check(at, 'anchored_trace').detail).toBe(`block ${ANCHOR} is at or above the chain's registry anchor (${ANCHOR})`);
    const below = await verify(await make({ header: evmHeader(state.root, BigInt(ANCHOR - 1), TIME_S) }));
    expect(failures(below)).toEqual({ anchored_trace: 'header_below_anchor' });
    expect(check(below, 'anchored_trace').detail).toBe(`block ${ANCHOR - 1} is below the chain's registry anchor (${ANCHOR})`);
    expect(below.verdict).toBe('invalid');
  });
});

describe('what the caller gives decides how far the verdict goes', () => {
  it('without a registry nothing says who the notaries are or which contract holds the records: indeterminate', async () => {
    const v = await verify(await make(), { authority: undefined });
    expect(summary(v)).toEqual([
      'bundle_shape:passed',
      'chain_admitted:skipped:no_registry',
      'validator_set_hash:skipped:not_applicable',
      'anchored_trace:skipped:no_registry',
      'header_quorum:skipped:no_registry',
      'commit_signatures:skipped:no_registry',
      'header_trusted:skipped:offline',
      'header_binding:passed',
      'state_proof:skipped:earlier_check_failed',
      'attestations:skipped:not_applicable',
      'receipt_binding:passed',
      'receipt_signature:skipped:signer_key_unknown',
    ]);
    expect(v.verdict).toBe('indeterminate');
    expect(v.verifiedHeader).toBeUndefined();
    expect(check(v, 'anchored_trace').detail).toBe('not run: no evm registry entry');
    expect(check(v, 'state_proof').detail).toBe(
      "the proof leads to the block's state root; the chain's contract is not known to bind it to the record",
    );
  });

  it('without the record layout the proof cannot be bound to the record: no_record_layout, indeterminate', async () => {
    const b = await make();
    for (const evmRecords of [undefined, new Map<string, EvmRecordLayout>()]) {
      const v = await verify(b, { evmRecords });
      expect(summary(v)).toEqual(VALID.map((c) => (c === 'state_proof:passed' ? 'state_proof:skipped:no_record_layout' : c)));
      expect(v.verdict).toBe('indeterminate');
      expect(check(v, 'state_proof').detail).toBe(
        `the proof leads to the block's state root, but no storage layout of ${LAYOUT.recordType} was given to bind it to the record`,
      );
    }
  });

  it("the caller's notary book: the same block passes, another block at the height fails, none there leaves it to the notaries", async () => {
    const b = await make();
    const hash = keccak_256(new Uint8Array(b.evm!.headerRlp));
    const asked: [string, number][] = [];
    const same = await verify(b, {
      trustedHeaderHash: (c, h) => {
        asked.push([c, h]);
        return hash;
      },
    });
    expect(asked).toEqual([[EVM_CHAIN, HEIGHT]]);
    expect(check(same, 'header_trusted')).toMatchObject({
      outcome: 'passed',
      detail: `this gateway holds this very block of ${EVM_CHAIN} at ${HEIGHT} final`,
    });
    expect(same.verdict).toBe('valid');
    const other = await verify(b, { trustedHeaderHash: () => new Uint8Array(32).fill(1) });
    expect(failures(other)).toEqual({ header_trusted: 'header_conflicts_with_trusted' });
    expect(check(other, 'header_trusted').detail).toBe(
      `another block of ${EVM_CHAIN} is final at ${HEIGHT}: this one is not on the chain the notaries follow`,
    );
    const none = await verify(b, { trustedHeaderHash: () => undefined });
    expect(check(none, 'header_trusted')).toMatchObject({
      outcome: 'skipped',
      reason: 'height_not_trusted',
      detail: `no block of ${EVM_CHAIN} at ${HEIGHT} is final here: the notaries' signatures decide`,
    });
    expect(none.verdict).toBe('valid');
    expect(check(await verify(b), 'header_trusted').detail).toBe("no notary book was asked: the notaries' signatures decide");
  });
});

describe("the block's notaries come from the registry", () => {
  it('one notary of the two needed: header_quorum evm_notary_quorum_not_met, no verified header', async () => {
    const v = await verify(await make({ signers: [notary(1)] }));
    expect(failures(v)).toEqual({ header_quorum: 'evm_notary_quorum_not_met' });
    expect(check(v, 'header_quorum').detail).toBe(`1 valid signatures of the chain's notaries over block ${HEIGHT}, 2 needed`);
    expect(check(v, 'commit_signatures').detail).toBe('every one of the 1 notary signatures verifies');
    expect(v.verifiedHeader).toBeUndefined();
    expect(v.verdict).toBe('invalid');
  });

  it('no signature at all: header_quorum evm_notary_quorum_not_met', async () => {
    const v = await verify(await make({ signers: [] }));
    expect(failures(v)).toEqual({ header_quorum: 'evm_notary_quorum_not_met' });
  });

  it('a member outside the set, or a notary of another chain, signs in place of a notary: unknown_notary', async () => {
    for (const outsider of [fx.court, fx.signers.get(fixtureNotaryDid(LAND, 1))!]) {
      const v = await verify(await make({ signers: [notary(1), outsider] }));
      expect(failures(v)).toEqual({ header_quorum: 'evm_notary_quorum_not_met', commit_signatures: 'unknown_notary' });
      expect(check(v, 'commit_signatures').detail).toBe(
        `the signature of ${outsider.did} counts for nothing (unknown_notary): a bundle carries only its notaries' valid signatures`,
      );
    }
  });

  it('the same notary twice does not make two: duplicate_notary', async () => {
    const v = await verify(await make({ signers: [notary(1), notary(1)] }));
    expect(failures(v)).toEqual({ header_quorum: 'evm_notary_quorum_not_met', commit_signatures: 'duplicate_notary' });
  });

  it('signatures over another block (height, state root, chain) do not count, the receipt vouching all the same: bad_notary_signature', async () => {
    const header = evmHeader(state.root, BigInt(HEIGHT), TIME_S);
    const block = evmBlockOf(header);
    for (const signed of [
      { ...block, height: HEIGHT + 1 },
      { ...block, stateRoot: later.root },
      { ...block, chainId: LAND },
    ]) {
      const v = await verify(await make({ header, signed }));
      expect(failures(v)).toEqual({ header_quorum: 'evm_notary_quorum_not_met', commit_signatures: 'bad_notary_signature' });
      expect(check(v, 'header_quorum').detail).toBe(`0 valid signatures of the chain's notaries over block ${HEIGHT}, 2 needed`);
    }
  });

  it('three signatures, the quorum met, but one forged: commit_signatures names it, the bundle is invalid', async () => {
    const b = await make({ signers: [notary(1), notary(2), notary(3)] });
    const [n1, n2, n3] = b.evm!.notarizations;
    const bent = Buffer.from(n3!.signature);
    bent[10] = bent[10]! ^ 1;
    const v = await verify({ ...b, evm: { ...b.evm!, notarizations: [n1!, n2!, { ...n3!, signature: bent }] } });
    expect(check(v, 'header_quorum').outcome).toBe('passed');
    expect(failures(v)).toMatchObject({ commit_signatures: 'bad_notary_signature' });
    expect(v.verdict).toBe('invalid');
  });

  it('a block number or time beyond what a notary can sign: header_quorum evm_header_malformed, signatures not run', async () => {
    const b = await make();
    const huge = evmHeaderRlp(evmHeader(state.root, BigInt(HEIGHT), 2n ** 60n));
    const bent = { ...b, evm: { ...b.evm!, headerRlp: Buffer.from(huge) } };
    for (const authority of [fx.authority, undefined]) {
      const v = await verify(bent, { authority });
      expect(check(v, 'header_quorum')).toMatchObject({ outcome: 'failed', reason: 'evm_header_malformed' });
      expect(check(v, 'header_quorum').detail).toMatch(/number or timestamp out of range/);
      expect(check(v, 'commit_signatures')).toEqual({
        name: 'commit_signatures',
        outcome: 'skipped',
        reason: 'earlier_check_failed',
        detail: 'not run: the header is out of range',
      });
      expect(v.checks.filter((c) => c.name === 'header_quorum' || c.name === 'commit_signatures')).toHaveLength(2);
    }
  });
});

describe('the registry decides the kind and the contract, not the bundle', () => {
  it('a chain the registry does not hold: chain_admitted unknown_chain, the checks that need it skipped', async () => {
    const v = await verify(await make({ chainId: 'nowhere' }));
    expect(summary(v)).toEqual([
      'bundle_shape:passed',
      'chain_admitted:failed:unknown_chain',
      'validator_set_hash:skipped:not_applicable',
      'anchored_trace:skipped:earlier_check_failed',
      'header_quorum:skipped:earlier_check_failed',
      'commit_signatures:skipped:earlier_check_failed',
      'header_trusted:skipped:offline',
      'header_binding:passed',
      'state_proof:skipped:earlier_check_failed',
      'attestations:skipped:not_applicable',
      'receipt_binding:passed',
      'receipt_signature:passed',
    ]);
    expect(v.verdict).toBe('invalid');
  });

  it('a chain the registry verifies as a notary chain, its own notaries signing: unsupported_chain_kind', async () => {
    const land = (i: number) => fx.signers.get(fixtureNotaryDid(LAND, i))!;
    const v = await verify(await make({ chainId: LAND, signers: [land(1), land(2)] }));
    expect(failures(v)).toEqual({ chain_admitted: 'unsupported_chain_kind' });
    expect(check(v, 'chain_admitted').detail).toBe(
      `${LAND} is verified as notary in the alliance registry; this bundle carries an evm state proof`,
    );
    expect(check(v, 'header_quorum').outcome).toBe('skipped');
    expect(v.verdict).toBe('invalid');
  });

  it('only an evm entry naming its contract admits an evm bundle, whatever an unvalidated directory holds: unsupported_chain_kind', async () => {
    /** The fixture registry with each entry bent by `bend` (a directory that does not validate its entries). */
    const bentDirectory = (bend: (e: ChainEntry) => ChainEntry) => ({
      keyAt: fx.authority.keyAt.bind(fx.authority),
      mayAct: fx.authority.mayAct.bind(fx.authority),
      anchorsAt: fx.authority.anchorsAt.bind(fx.authority),
      chainAt: (id: string, atMs: number): ChainEntry | undefined => {
        const e = fx.authority.chainAt(id, atMs);
        return e === undefined ? undefined : bend(e);
      },
    });
    // The bank chain's evm entry without its contract: nothing to bind the record to.
    const noContract = bentDirectory(({ evmContract: _, ...rest }) => rest);
    const v = await verify(await make(), { authority: noContract });
    expect(failures(v)).toEqual({ chain_admitted: 'unsupported_chain_kind' });
    expect(check(v, 'state_proof').reason).toBe('earlier_check_failed');
    // The land chain's notary entry naming a contract: still a notary chain.
    const withContract = bentDirectory((e) => ({ ...e, evmContract: CONTRACT }));
    const land = (i: number) => fx.signers.get(fixtureNotaryDid(LAND, i))!;
    const w = await verify(await make({ chainId: LAND, signers: [land(1), land(2)] }), { authority: withContract });
    expect(failures(w)).toEqual({ chain_admitted: 'unsupported_chain_kind' });
  });

  it('a proof of another contract (a copy of the ledger holding another balance): state_proof evm_wrong_contract', async () => {
    const value = accountValue(9_000_000n, 0n);
    const v = await verify(await make({ proofAddress: COPY, result: { kind: 'record', value } }));
    expect(failures(v)).toEqual({ state_proof: 'evm_wrong_contract' });
    expect(check(v, 'state_proof').detail).toMatch(/^the state proof does not verify: the proof is of 0x/);
    expect(v.verdict).toBe('invalid');
  });

  it("a block in which the registry's contract does not exist: state_proof evm_contract_absent", async () => {
    const v = await verify(
      await make({ header: evmHeader(undeployed.root, BigInt(HEIGHT), TIME_S), proofState: undeployed, key: NEVER_OPENED }),
    );
    expect(failures(v)).toEqual({ state_proof: 'evm_contract_absent' });
  });
});

describe('the state proof binds the record to the notarized block', () => {
  it("a proof taken at another state than the header's: state_proof evm_root_mismatch", async () => {
    const v = await verify(await make({ proofState: later, result: { kind: 'record', value: accountValue(100_500n, 2_500n) } }));
    expect(failures(v)).toEqual({ state_proof: 'evm_root_mismatch' });
    expect(check(v, 'state_proof').detail).toMatch(/^the state proof does not verify: the account proof of 0x/);
  });

  it('a record value the proof does not prove: evm_value_mismatch, another value', async () => {
    const v = await verify(await make({ result: { kind: 'record', value: accountValue(100_000n, 0n) } }));
    expect(failures(v)).toEqual({ state_proof: 'evm_value_mismatch' });
    expect(check(v, 'state_proof').detail).toBe(`the proof proves another value for ${ALICE}, not what the bundle states`);
    // Only a proven answer gets a digest a view could bind to.
    expect(v.provenAnswer).toBeUndefined();
  });

  it('a record where the proof shows none: evm_value_mismatch, no record', async () => {
    const v = await verify(await make({ key: NEVER_OPENED, result: { kind: 'record', value: accountValue(1n, 0n) } }));
    expect(failures(v)).toEqual({ state_proof: 'evm_value_mismatch' });
    expect(check(v, 'state_proof').detail).toBe(`the proof proves no record for ${NEVER_OPENED}, not what the bundle states`);
  });

  it('an absence where the proof shows a record: evm_value_mismatch', async () => {
    const v = await verify(await make({ result: { kind: 'absence' } }));
    expect(failures(v)).toEqual({ state_proof: 'evm_value_mismatch' });
    expect(check(v, 'state_proof').detail).toBe(`the proof proves another value for ${ALICE}, not what the bundle states`);
  });

  it("a proof of some of the record's slots, or of another record's: evm_slots_mismatch", async () => {
    for (const slots of [evmRecordSlots(LAYOUT, ALICE).slice(0, 2), evmRecordSlots(LAYOUT, NEVER_OPENED)]) {
      const v = await verify(await make({ slots }));
      expect(failures(v)).toEqual({ state_proof: 'evm_slots_mismatch' });
    }
  });

  it('a proof node changed after the gateway vouched: state_proof fails and the receipt no longer binds', async () => {
    const b = await make();
    const proof = b.evm!.proof!;
    const storage = proof.storage.map((s, i) =>
      i === 0
        ? { ...s, proof: s.proof.map((n, j) => (j === s.proof.length - 1 ? Buffer.from(n.map((x, k) => (k === 5 ? x ^ 1 : x))) : n)) }
        : s,
    );
    const v = await verify({ ...b, evm: { ...b.evm!, proof: { ...proof, storage } } });
    expect(failures(v)).toEqual({ state_proof: 'evm_proof_invalid', receipt_binding: 'receipt_digest_mismatch' });
  });
});

describe("the bundle's claims agree with the header and the request", () => {
  const binding = async (b: Bundle) => {
    const v = await verify(b);
    expect(check(v, 'header_binding')).toMatchObject({ outcome: 'failed', reason: 'header_mismatch' });
    return check(v, 'header_binding').detail;
  };

  it('the request names another chain', async () => {
    const b = await make();
    expect(await binding({ ...b, request: { ...b.request!, chainId: LAND } })).toBe('the request names another chain');
  });

  it('the answer is for another key, or another record type, than asked', async () => {
    const b = await make();
    expect(await binding({ ...b, request: { ...b.request!, key: NEVER_OPENED } })).toBe('the answer is for another record than asked');
    expect(await binding({ ...b, request: { ...b.request!, recordType: 'bank_loan' } })).toBe(
      'the answer is for another record than asked',
    );
  });

  it("state_height or state_time_ms is not the block's", async () => {
    const b = await make();
    expect(await binding({ ...b, stateHeight: HEIGHT + 1 })).toBe(`state_height ${HEIGHT + 1} is not the block's number ${HEIGHT}`);
    expect(await binding({ ...b, stateTimeMs: b.stateTimeMs + 1 })).toBe("state_time_ms is not the block's time");
  });

  it('asked at another height than answered (the receipt vouching for it all the same): header_binding alone', async () => {
    const v = await verify(await make({ askedHeight: HEIGHT - 1 }));
    expect(failures(v)).toEqual({ header_binding: 'header_mismatch' });
    expect(check(v, 'header_binding').detail).toBe(`asked at ${HEIGHT - 1}, answered at ${HEIGHT}`);
  });
});

describe('bundle_shape', () => {
  const malformed = async (b: Bundle, reason: string, message: string) => {
    const v = await verify(b);
    expect(v.checks[0]).toEqual({
      name: 'bundle_shape',
      outcome: 'failed',
      reason,
      detail: expect.stringContaining(`the bundle is incomplete or malformed: ${message}`),
    });
    expect(summary(v).slice(1)).toEqual(VALID.slice(1).map((c) => `${c.split(':')[0]}:skipped:earlier_check_failed`));
    for (const c of v.checks.slice(1)) expect(c.detail).toBe('not run: the bundle is malformed');
    expect(v.verdict).toBe('invalid');
    expect(v.verifiedHeader).toBeUndefined();
  };

  it('no evm evidence, no request, no answer: malformed, every other check skipped', async () => {
    const b = await make();
    await malformed({ ...b, evm: null }, 'malformed', 'evm: missing (an evm bundle carries its header and state proof there)');
    await malformed({ ...b, request: null }, 'malformed', 'request: missing');
    await malformed({ ...b, result: 'absence', record: null }, 'malformed', 'bundle: neither record nor absence is set');
  });

  it('a header that is not RLP, or no state proof: named by the decoder', async () => {
    const b = await make();
    await malformed({ ...b, evm: { ...b.evm!, headerRlp: Buffer.from([1, 2, 3]) } }, 'evm_header_malformed', 'header_rlp');
    await malformed({ ...b, evm: { ...b.evm!, proof: null } }, 'evm_proof_malformed', 'evm.proof: required');
  });
});

describe('the receipt', () => {
  it("commits to this answer and the notaries' signatures: a bundle bent after it fails receipt_binding", async () => {
    const b = await make();
    // Dropping the third of three signatures leaves the quorum but not what the gateway vouched for.
    const three = await make({ signers: [notary(1), notary(2), notary(3)] });
    const two = await verify({ ...three, evm: { ...three.evm!, notarizations: three.evm!.notarizations.slice(0, 2) } });
    expect(failures(two)).toEqual({ receipt_binding: 'receipt_digest_mismatch' });
    // Another answer's receipt: the absence's receipt on the record's bundle.
    const absent = await make({ key: NEVER_OPENED });
    expect(failures(await verify({ ...b, receipt: absent.receipt }))).toEqual({ receipt_binding: 'receipt_digest_mismatch' });
  });

  it('signed by a notary, not a gateway: receipt_signature receipt_signer_not_gateway', async () => {
    const n1 = notary(1);
    const v = await verify(await make({ receiptSigner: nativeReceiptSigner(n1.did, n1.kid, fx.privateKeys.get(n1.did)!) }));
    expect(failures(v)).toEqual({ receipt_signature: 'receipt_signer_not_gateway' });
  });

  it('no receipt at all: receipt_binding missing_receipt', async () => {
    const v = await verify({ ...(await make()), receipt: null });
    expect(failures(v)).toEqual({ receipt_binding: 'missing_receipt' });
  });
});
