/**
 * A chain entry's `hashSuite`: "sha256" or "sm3" (bft-smt chains only), validated wherever an
 * entry enters (the registry form, JSON files, the proto form), part of the sign bytes (a SHA-256
 * entry's bytes are what they always were), and so fixed by the admins' approvals: swapping it
 * after the fact voids them, and in a genesis file changes the pinned hash.
 */
import { describe, expect, it } from 'vitest';
import { chainEntryFromProto, chainEntryToProto } from '../../src/bus/chain-entry-proto.js';
import { headerHash } from '../../src/chain/header.js';
import { ByteWriter, toHex, utf8 } from '../../src/encoding/bytes.js';
import { sha256 } from '../../src/crypto/hash.js';
import { isCourtbridgeError } from '../../src/errors.js';
import {
  chainEntryFromJson,
  chainEntryToJson,
  hashSuiteAt,
  validateChainEntry,
  writeChainEntry,
  type ChainEntry,
} from '../../src/identity/chain-entry.js';
import { loadGenesis } from '../../src/identity/genesis.js';
import { applyRegistryUpdate, chainAtInState } from '../../src/identity/registry.js';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { chainConfigsOf } from '../../src/relay/gateway-chains.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import { allianceFixture, fixtureChainEntry, FixtureDids } from '../helpers/alliance-fixture.js';
import { ChainFixture, fixtureValidators } from '../helpers/chain-fixture.js';
import { approvedBy, fixtureAdmins, nextUpdateBody } from '../helpers/registry-next.js';

const T = 1_800_000_000_000;
const sm3Chain = new ChainFixture('judicial', fixtureValidators(4), undefined, undefined, 'sm3');
sm3Chain.advanceTo(2);
const sm3Entry = fixtureChainEntry('judicial', sm3Chain.at(1), [], 'sm3');

const reasonAndWhere = (f: () => unknown): string => {
  try {
    f();
    return 'accepted';
  } catch (e) {
    return isCourtbridgeError(e) ? `${e.reason} ${e.message}` : String(e);
  }
};
const signBytes = (e: ChainEntry): Uint8Array => writeChainEntry(new ByteWriter(), e).finish();

describe('the entry names its hash suite', () => {
  it('sm3 is accepted for a bft-smt chain; its anchor is the SM3 hash of the anchor header', () => {
    expect(validateChainEntry(sm3Entry).hashSuite).toBe('sm3');
    expect(sm3Entry.anchor.headerHash).toEqual(headerHash(sm3Chain.at(1).header, 'sm3'));
  });

  it('anything else is invalid_chain_entry naming the field', () => {
    for (const bad of ['SM3', 'sha-256', 'sm2', '', 'keccak256', undefined, 3]) {
      expect(reasonAndWhere(() => validateChainEntry({ ...sm3Entry, hashSuite: bad as never }))).toMatch(
        /^invalid_chain_entry chain entry chain\.hashSuite: expected "sha256" or "sm3"/,
      );
    }
  });

  it('an evm or notary entry cannot name sm3: nothing of theirs is hashed by the entry (invalid_chain_entry)', () => {
    const notaries = { threshold: 1, attesters: [FixtureDids.agency] };
    const evm: ChainEntry = { ...sm3Entry, kind: 'evm', attestation: notaries, evmContract: new Uint8Array(20).fill(1) };
    const notary: ChainEntry = { ...sm3Entry, kind: 'notary', attestation: notaries };
    for (const e of [evm, notary]) {
      expect(reasonAndWhere(() => validateChainEntry(e))).toMatch(
        /^invalid_chain_entry chain entry chain\.hashSuite: only a bft-smt chain/,
      );
      expect(validateChainEntry({ ...e, hashSuite: 'sha256' }).kind).toBe(e.kind);
    }
  });

  it("sign bytes: the suite is the fourth string; a SHA-256 entry's bytes are unchanged, an SM3 entry's differ there", () => {
    const sha = fixtureChainEntry('judicial', sm3Chain.at(1));
    const same = { ...sha, anchor: sm3Entry.anchor };
    const a = signBytes(same);
    const b = signBytes({ ...same, hashSuite: 'sm3' });
    expect(toHex(a)).toContain(toHex(utf8('sha256')));
    expect(toHex(b)).toContain(toHex(utf8('sm3')));
    expect(toHex(b)).not.toBe(toHex(a));
  });

  it('JSON: absent reads as sha256 (files written before suites), "sm3" round-trips, anything else is refused', () => {
    const json = chainEntryToJson(sm3Entry);
    expect(json.hashSuite).toBe('sm3');
    expect(chainEntryFromJson(json)).toEqual(sm3Entry);
    const { hashSuite: _dropped, ...old } = chainEntryToJson(fixtureChainEntry('judicial', sm3Chain.at(1)));
    expect(chainEntryFromJson(old).hashSuite).toBe('sha256');
    expect(reasonAndWhere(() => chainEntryFromJson({ ...json, hashSuite: 'SM3' }))).toMatch(/^invalid_chain_entry .*hashSuite/);
  });

  it('proto: empty reads as sha256, "sm3" round-trips through the wire bytes, anything else is refused', () => {
    const wire = decodeMessage('ChainEntry', encodeMessage('ChainEntry', chainEntryToProto(sm3Entry)));
    expect(wire.hashSuite).toBe('sm3');
    expect(chainEntryFromProto(wire)).toEqual(sm3Entry);
    expect(chainEntryFromProto({ ...wire, hashSuite: '' }).hashSuite).toBe('sha256');
    expect(reasonAndWhere(() => chainEntryFromProto({ ...wire, hashSuite: 'sm2' }))).toMatch(/^invalid_chain_entry .*hashSuite/);
  });
});

describe('the suite is fixed by the admins who approved the entry', () => {
  const fx = allianceFixture({ chains: ['judicial'] });
  const body = nextUpdateBody(fx.state, { kind: 'admit_chain', chain: sm3Entry }, T, 'admit-judicial-sm3');

  it('admitted as approved, the registry answers sm3 for the chain (and sha256 for a chain it does not list)', () => {
    const s = applyRegistryUpdate(fx.state, approvedBy(body, fixtureAdmins(fx)), T).state;
    expect(chainAtInState(s, 'judicial', T)?.hashSuite).toBe('sm3');
    const dir = { chainAt: (c: string, at: number) => chainAtInState(s, c, at) };
    expect(hashSuiteAt(dir, 'judicial', T)).toBe('sm3');
    expect(hashSuiteAt(dir, 'unlisted', T)).toBe('sha256');
    expect(hashSuiteAt(undefined, 'judicial', T)).toBe('sha256');
  });

  it('the same approvals on the entry with its suite swapped (either way) are void: quorum_not_met, each approval bad_signature', () => {
    for (const swapped of ['sha256', 'sm3'] as const) {
      const base = swapped === 'sha256' ? sm3Entry : { ...sm3Entry, hashSuite: 'sha256' as const };
      const b = { ...body, op: { kind: 'admit_chain' as const, chain: base } };
      const tampered = {
        ...approvedBy(b, fixtureAdmins(fx)),
        op: { kind: 'admit_chain' as const, chain: { ...base, hashSuite: swapped } },
      };
      let err: unknown;
      try {
        applyRegistryUpdate(fx.state, tampered, T);
      } catch (e) {
        err = e;
      }
      expect(isCourtbridgeError(err) && err.reason).toBe('quorum_not_met');
      expect((err as { details: Record<string, unknown> }).details).toMatchObject({
        [`discarded:${FixtureDids.admin1}`]: 'bad_signature',
        [`discarded:${FixtureDids.admin2}`]: 'bad_signature',
      });
    }
  });

  it('in a genesis file, the suite is under the pinned hash: swapped, the file is refused (genesis_hash_mismatch)', () => {
    const g = allianceFixture({ chains: ['judicial'], anchors: { judicial: sm3Chain.at(1) }, hashSuites: { judicial: 'sm3' } });
    expect(g.authority.chainAt('judicial', T)?.hashSuite).toBe('sm3');
    const text = new TextDecoder().decode(g.genesisBytes);
    expect(text).toContain('"hashSuite": "sm3"');
    const swapped = utf8(text.replace('"hashSuite": "sm3"', '"hashSuite": "sha256"'));
    expect(reasonAndWhere(() => loadGenesis(swapped, toHex(sha256(g.genesisBytes))))).toMatch(/^genesis_hash_mismatch/);
  });

  it("a gateway's chain configuration carries the entry's suite to the chain's light client", () => {
    const g = allianceFixture({ chains: ['judicial'], anchors: { judicial: sm3Chain.at(1) }, hashSuites: { judicial: 'sm3' } });
    const config = loadGatewayConfig({ env: {}, overrides: { genesisHash: '00'.repeat(32) } });
    const sel = chainConfigsOf(config, g.state, {
      judicial: {
        kind: 'judicial',
        displayName: 'judicial',
        recordTypes: [{ name: 'order', keyPrefix: 'order/', indexes: [] }],
        actions: [],
      },
    });
    expect(sel.chains.find((c) => c.chainId === 'judicial')?.hashSuite).toBe('sm3');
    const plain = allianceFixture({ chains: ['judicial'], anchors: { judicial: sm3Chain.at(1) } });
    const shaSel = chainConfigsOf(config, plain.state, {
      judicial: {
        kind: 'judicial',
        displayName: 'judicial',
        recordTypes: [{ name: 'order', keyPrefix: 'order/', indexes: [] }],
        actions: [],
      },
    });
    expect(shaSel.chains.find((c) => c.chainId === 'judicial')?.hashSuite).toBeUndefined();
  });
});
