/**
 * validateChainEntry field by field: every rule of a chain entry refuses with
 * `invalid_chain_entry` and a message naming the exact field a person must fix (its path under the
 * caller's `at`, record types and actions by index), and every length limit is exact (the
 * largest allowed value is accepted, one more is refused). The id and name grammars, the
 * refusal builder and the list of notarized kinds are module-level, so those tests evaluate
 * chain-entry.ts afresh.
 */
import { describe, expect, it, vi } from 'vitest';
import { ByteWriter } from '../../src/encoding/bytes.js';
import { type ChainEntry, type ChainSchema, validateChainEntry, writeChainEntry } from '../../src/identity/chain-entry.js';
import { refusal } from '../helpers/refusal.js';

type ChainEntryModule = typeof import('../../src/identity/chain-entry.js');

/** chain-entry.ts evaluated after the test started, so edits to its module-level constants show. */
async function loadedAfresh(): Promise<ChainEntryModule> {
  vi.resetModules();
  return import('../../src/identity/chain-entry.js');
}

/**
 * How a call was refused, read off the error's fields: an afresh module throws its own
 * CourtbridgeError class, which `instanceof` against the statically imported one would not see.
 */
function refusedWith(f: () => unknown): { name: string; reason: unknown; message: string } {
  try {
    f();
  } catch (e) {
    if (!(e instanceof Error)) throw new Error(`expected an Error, got ${String(e)}`);
    return { name: e.name, reason: (e as { reason?: unknown }).reason, message: e.message };
  }
  throw new Error('expected a refusal');
}

const SERVER = 'did:alliance:land-adapter';
const AGENCY = 'did:alliance:land-agency';
const NOTARY = 'did:alliance:land-notary';

function entry(over: Partial<ChainEntry> = {}): ChainEntry {
  return {
    chainId: 'land-registry',
    kind: 'bft-smt',
    displayName: 'Land registry',
    hashSuite: 'sha256',
    signatureSuite: 'secp256k1',
    anchor: { height: 7, headerHash: new Uint8Array(32).fill(1), validatorsHash: new Uint8Array(32).fill(2) },
    servers: [SERVER],
    ...over,
  };
}

const SCHEMA: ChainSchema = {
  recordTypes: [
    { name: 'licence', keyPrefix: 'licence/', indexes: ['holder'] },
    { name: 'sanction', keyPrefix: 'sanction/', indexes: [] },
  ],
  actions: [{ kind: 'suspend', targetRecordType: 'licence' }],
};

const withSchema = (schema: ChainSchema): ChainEntry => entry({ schema });
const refused = (message: string) => ({ reason: 'invalid_chain_entry', message });

describe('validateChainEntry: the entry fields', () => {
  it('accepts a well-formed entry and returns it unchanged', () => {
    const e = entry({ schema: SCHEMA });
    expect(validateChainEntry(e)).toBe(e);
  });

  it('names the chain id, kind, display name and signature suite it refuses', () => {
    expect(refusal(() => validateChainEntry(entry({ chainId: 'Land' })))).toEqual(
      refused('chain entry chain.chainId: expected [a-z0-9-]{1,63}'),
    );
    expect(refusal(() => validateChainEntry(entry({ chainId: 42 as unknown as string })))).toEqual(
      refused('chain entry chain.chainId: expected [a-z0-9-]{1,63}'),
    );
    expect(refusal(() => validateChainEntry(entry({ kind: 'cosmos' as ChainEntry['kind'] })))).toEqual(
      refused('chain entry chain.kind: expected one of bft-smt, evm, notary, got cosmos'),
    );
    expect(refusal(() => validateChainEntry(entry({ displayName: '' })))).toEqual(
      refused('chain entry chain.displayName: expected a name of 1..200 characters'),
    );
    expect(refusal(() => validateChainEntry(entry({ signatureSuite: 'ed25519' as ChainEntry['signatureSuite'] })))).toEqual(
      refused('chain entry chain.signatureSuite: expected "secp256k1" or "sm2", got "ed25519"'),
    );
  });

  it('takes display names of 1 to 200 characters, exactly', () => {
    expect(validateChainEntry(entry({ displayName: 'L' })).displayName).toBe('L');
    expect(validateChainEntry(entry({ displayName: 'L'.repeat(200) })).displayName).toHaveLength(200);
    expect(refusal(() => validateChainEntry(entry({ displayName: 'L'.repeat(201) })))).toEqual(
      refused('chain entry chain.displayName: expected a name of 1..200 characters'),
    );
    expect(refusal(() => validateChainEntry(entry({ displayName: 7 as unknown as string })))).toEqual(
      refused('chain entry chain.displayName: expected a name of 1..200 characters'),
    );
  });

  it('names the anchor field it refuses, under the caller’s path', () => {
    const a = entry().anchor;
    expect(refusal(() => validateChainEntry(entry({ anchor: { ...a, height: 0 } })))).toEqual(
      refused('chain entry chain.anchor.height: expected a positive integer'),
    );
    expect(refusal(() => validateChainEntry(entry({ anchor: { ...a, headerHash: new Uint8Array(31) } })))).toEqual(
      refused('chain entry chain.anchor.headerHash: expected 32 bytes'),
    );
    expect(refusal(() => validateChainEntry(entry({ anchor: { ...a, validatorsHash: new Uint8Array(33) } })))).toEqual(
      refused('chain entry chain.anchor.validatorsHash: expected 32 bytes'),
    );
    expect(refusal(() => validateChainEntry(entry({ anchor: { ...a, headerHash: new Uint8Array(31) } }), 'genesis.chains[3]'))).toEqual(
      refused('chain entry genesis.chains[3].anchor.headerHash: expected 32 bytes'),
    );
  });

  it('names the server list it refuses: not an array, not a DID, a duplicate', () => {
    expect(refusal(() => validateChainEntry(entry({ servers: SERVER as unknown as string[] })))).toEqual(
      refused('chain entry chain.servers: expected an array of DIDs'),
    );
    expect(refusal(() => validateChainEntry(entry({ servers: [SERVER, 'did:web:land'] })))).toEqual(
      refused('chain entry chain.servers: did:web:land is not did:alliance:<org>'),
    );
    expect(refusal(() => validateChainEntry(entry({ servers: [SERVER, SERVER] })))).toEqual(
      refused('chain entry chain.servers: duplicate DID'),
    );
  });

  it('names the attestation field it refuses: its attesters, then a threshold above their number', () => {
    expect(refusal(() => validateChainEntry(entry({ attestation: { threshold: 1, attesters: [AGENCY, 'agency'] } })))).toEqual(
      refused('chain entry chain.attestation.attesters: agency is not did:alliance:<org>'),
    );
    expect(refusal(() => validateChainEntry(entry({ attestation: { threshold: 1, attesters: [AGENCY, AGENCY] } })))).toEqual(
      refused('chain entry chain.attestation.attesters: duplicate DID'),
    );
    expect(refusal(() => validateChainEntry(entry({ attestation: { threshold: 3, attesters: [AGENCY, NOTARY] } })))).toEqual(
      refused('chain entry chain.attestation.threshold: expected 1..2 (the number of attesters)'),
    );
    expect(validateChainEntry(entry({ attestation: { threshold: 2, attesters: [AGENCY, NOTARY] } })).attestation?.threshold).toBe(2);
  });

  it('refuses a contract on a chain that is not evm, naming the field and the kind', () => {
    expect(refusal(() => validateChainEntry(entry({ evmContract: new Uint8Array(20).fill(7) })))).toEqual(
      refused('chain entry chain.evmContract: only an evm chain names a contract, not a bft-smt chain'),
    );
  });
});

describe('validateChainEntry: the schema', () => {
  const recordTypes = (n: number): ChainSchema['recordTypes'] =>
    Array.from({ length: n }, (_, i) => ({ name: `r${i}`, keyPrefix: `r${i}/`, indexes: [] }));
  const actions = (n: number): ChainSchema['actions'] =>
    Array.from({ length: n }, (_, i) => ({ kind: `a${i}`, targetRecordType: 'licence' }));

  it('takes 1 to 64 record types, exactly', () => {
    expect(validateChainEntry(withSchema({ recordTypes: recordTypes(64), actions: [] })).schema?.recordTypes).toHaveLength(64);
    expect(refusal(() => validateChainEntry(withSchema({ recordTypes: recordTypes(65), actions: [] })))).toEqual(
      refused('chain entry chain.schema.recordTypes: expected 1..64 record types'),
    );
    expect(refusal(() => validateChainEntry(withSchema({ recordTypes: [], actions: [] })))).toEqual(
      refused('chain entry chain.schema.recordTypes: expected 1..64 record types'),
    );
  });

  it('takes at most 64 actions, exactly', () => {
    expect(validateChainEntry(withSchema({ recordTypes: SCHEMA.recordTypes, actions: actions(64) })).schema?.actions).toHaveLength(64);
    expect(validateChainEntry(withSchema({ recordTypes: SCHEMA.recordTypes, actions: [] })).schema?.actions).toEqual([]);
    expect(refusal(() => validateChainEntry(withSchema({ recordTypes: SCHEMA.recordTypes, actions: actions(65) })))).toEqual(
      refused('chain entry chain.schema.actions: expected at most 64 actions'),
    );
    expect(
      refusal(() =>
        validateChainEntry(withSchema({ recordTypes: SCHEMA.recordTypes, actions: 'suspend' as unknown as ChainSchema['actions'] })),
      ),
    ).toEqual(refused('chain entry chain.schema.actions: expected at most 64 actions'));
  });

  it('names the record type, by index, whose name, key prefix or indexes it refuses', () => {
    const [licence, sanction] = SCHEMA.recordTypes as [ChainSchema['recordTypes'][0], ChainSchema['recordTypes'][0]];
    const second = (r: Partial<ChainSchema['recordTypes'][0]>) =>
      withSchema({ recordTypes: [licence, { ...sanction, ...r }], actions: [] });
    expect(refusal(() => validateChainEntry(second({ name: 'Sanction' })))).toEqual(
      refused('chain entry chain.schema.recordTypes[1].name: expected [a-z][a-z0-9_]{0,62}'),
    );
    expect(refusal(() => validateChainEntry(second({ name: 5 as unknown as string })))).toEqual(
      refused('chain entry chain.schema.recordTypes[1].name: expected [a-z][a-z0-9_]{0,62}'),
    );
    // Not a string, though it reads as a good name once converted to one.
    expect(refusal(() => validateChainEntry(second({ name: ['sanction'] as unknown as string })))).toEqual(
      refused('chain entry chain.schema.recordTypes[1].name: expected [a-z][a-z0-9_]{0,62}'),
    );
    expect(refusal(() => validateChainEntry(second({ name: 'licence' })))).toEqual(
      refused('chain entry chain.schema.recordTypes[1].name: record type licence is listed twice'),
    );
    expect(refusal(() => validateChainEntry(second({ indexes: ['holder', 'Case'] })))).toEqual(
      refused('chain entry chain.schema.recordTypes[1].indexes: expected index names [a-z][a-z0-9_]{0,62}'),
    );
    expect(refusal(() => validateChainEntry(second({ indexes: [['holder']] as unknown as string[] })))).toEqual(
      refused('chain entry chain.schema.recordTypes[1].indexes: expected index names [a-z][a-z0-9_]{0,62}'),
    );
    expect(refusal(() => validateChainEntry(second({ indexes: 'holder' as unknown as string[] })))).toEqual(
      refused('chain entry chain.schema.recordTypes[1].indexes: expected index names [a-z][a-z0-9_]{0,62}'),
    );
  });

  it('takes key prefixes of 1 to 64 characters, exactly', () => {
    const one = (keyPrefix: unknown) =>
      withSchema({ recordTypes: [{ name: 'licence', keyPrefix: keyPrefix as string, indexes: [] }], actions: [] });
    const keyPrefixRefused = refused('chain entry chain.schema.recordTypes[0].keyPrefix: expected a key prefix of 1..64 characters');
    expect(validateChainEntry(one('l')).schema?.recordTypes[0]?.keyPrefix).toBe('l');
    expect(validateChainEntry(one('k'.repeat(64))).schema?.recordTypes[0]?.keyPrefix).toHaveLength(64);
    expect(refusal(() => validateChainEntry(one('k'.repeat(65))))).toEqual(keyPrefixRefused);
    expect(refusal(() => validateChainEntry(one('')))).toEqual(keyPrefixRefused);
    expect(refusal(() => validateChainEntry(one(12)))).toEqual(keyPrefixRefused);
  });

  it('refuses one key prefix that starts another, naming both record types', () => {
    const schema: ChainSchema = {
      recordTypes: [...SCHEMA.recordTypes, { name: 'licence_note', keyPrefix: 'licence/note/', indexes: [] }],
      actions: [],
    };
    expect(refusal(() => validateChainEntry(withSchema(schema)))).toEqual(
      refused('chain entry chain.schema.recordTypes: key prefix licence/ (licence) is the start of licence/note/ (licence_note)'),
    );
  });

  it('names the action, by index, whose kind or target it refuses', () => {
    const second = (a: Partial<ChainSchema['actions'][0]>) =>
      withSchema({ recordTypes: SCHEMA.recordTypes, actions: [SCHEMA.actions[0]!, { kind: 'revoke', targetRecordType: 'licence', ...a }] });
    expect(refusal(() => validateChainEntry(second({ kind: 'Revoke' })))).toEqual(
      refused('chain entry chain.schema.actions[1].kind: expected [a-z][a-z0-9_]{0,62}'),
    );
    expect(refusal(() => validateChainEntry(second({ kind: ['revoke'] as unknown as string })))).toEqual(
      refused('chain entry chain.schema.actions[1].kind: expected [a-z][a-z0-9_]{0,62}'),
    );
    expect(refusal(() => validateChainEntry(second({ kind: 'suspend' })))).toEqual(
      refused('chain entry chain.schema.actions[1].kind: action suspend is listed twice'),
    );
    const unknownTarget = refused(
      "chain entry chain.schema.actions[1].targetRecordType: expected one of the schema's record types (licence, sanction), several joined by |",
    );
    expect(refusal(() => validateChainEntry(second({ targetRecordType: 'secret' })))).toEqual(unknownTarget);
    expect(refusal(() => validateChainEntry(second({ targetRecordType: 'licence|secret' })))).toEqual(unknownTarget);
    expect(refusal(() => validateChainEntry(second({ targetRecordType: 3 as unknown as string })))).toEqual(unknownTarget);
    expect(validateChainEntry(second({ targetRecordType: 'licence|sanction' })).schema?.actions[1]?.targetRecordType).toBe(
      'licence|sanction',
    );
  });
});

describe('writeChainEntry', () => {
  it('names the anchor hash whose length is wrong (an entry written without being validated)', () => {
    const a = entry().anchor;
    expect(() => writeChainEntry(new ByteWriter(), entry({ anchor: { ...a, headerHash: new Uint8Array(31) } }))).toThrowError(
      /^anchor\.headerHash: expected 32 bytes, got 31$/,
    );
    expect(() => writeChainEntry(new ByteWriter(), entry({ anchor: { ...a, validatorsHash: new Uint8Array(33) } }))).toThrowError(
      /^anchor\.validatorsHash: expected 32 bytes, got 33$/,
    );
  });
});

describe('module-level grammars and tables (chain-entry.ts evaluated afresh)', () => {
  it('chain ids: [a-z0-9] then up to 62 of [a-z0-9-], nothing before or after', async () => {
    const m = await loadedAfresh();
    const id63 = `a${'b-'.repeat(31)}`;
    const accepted = ['land-registry', 'a', '7', '7a', 'chain-', id63];
    const refusedIds = ['', '-chain', 'X-chain', 'Chain', 'chain-X', 'chain_1', 'land registry', `${id63}c`];
    for (const chainId of accepted) {
      expect(m.CHAIN_ID_RE.test(chainId), chainId).toBe(true);
      expect(m.validateChainEntry(entry({ chainId })).chainId).toBe(chainId);
    }
    for (const chainId of refusedIds) {
      expect(m.CHAIN_ID_RE.test(chainId), chainId).toBe(false);
      expect(
        refusedWith(() => m.validateChainEntry(entry({ chainId }))),
        chainId,
      ).toEqual({ name: 'CourtbridgeError', ...refused('chain entry chain.chainId: expected [a-z0-9-]{1,63}') });
    }
  });

  it('record type names, index names and action kinds: [a-z] then up to 62 of [a-z0-9_], nothing before or after', async () => {
    const m = await loadedAfresh();
    const name63 = `a${'b_'.repeat(31)}`;
    const accepted = ['licence', 'a', 'x9_', 'case_no2', name63];
    const refusedNames = ['', 'Licence', '9licence', '_licence', 'Xlicence', 'licence-X', 'licence-', 'lic ence', `${name63}c`];
    const schemaOf = (name: string): ChainSchema => ({
      recordTypes: [{ name, keyPrefix: 'k/', indexes: [name] }],
      actions: [{ kind: name, targetRecordType: name }],
    });
    for (const name of accepted) expect(m.validateChainEntry(withSchema(schemaOf(name))).schema, name).toEqual(schemaOf(name));
    for (const name of refusedNames) {
      const recordType = { name: 'licence', keyPrefix: 'k/', indexes: [] };
      expect(
        refusedWith(() => m.validateChainEntry(withSchema({ recordTypes: [{ ...recordType, name }], actions: [] }))),
        name,
      ).toEqual({ name: 'CourtbridgeError', ...refused('chain entry chain.schema.recordTypes[0].name: expected [a-z][a-z0-9_]{0,62}') });
      expect(
        refusedWith(() => m.validateChainEntry(withSchema({ recordTypes: [{ ...recordType, indexes: [name] }], actions: [] }))),
        name,
      ).toEqual({
        name: 'CourtbridgeError',
        ...refused('chain entry chain.schema.recordTypes[0].indexes: expected index names [a-z][a-z0-9_]{0,62}'),
      });
      expect(
        refusedWith(() =>
          m.validateChainEntry(withSchema({ recordTypes: [recordType], actions: [{ kind: name, targetRecordType: 'licence' }] })),
        ),
        name,
      ).toEqual({ name: 'CourtbridgeError', ...refused('chain entry chain.schema.actions[0].kind: expected [a-z][a-z0-9_]{0,62}') });
    }
  });

  it('evm and notary chains need their notaries; a bft-smt chain may go without', async () => {
    const m = await loadedAfresh();
    expect(m.NotarizedChainKinds).toEqual(['evm', 'notary']);
    const notaries = { threshold: 1, attesters: [NOTARY] };
    const contract = new Uint8Array(20).fill(7);
    expect(refusedWith(() => m.validateChainEntry(entry({ kind: 'notary' })))).toEqual({
      name: 'CourtbridgeError',
      reason: 'notaries_required',
      message:
        "chain entry chain.attestation: kind notary: the chain is final by its notaries' signatures; name them (attestation: { threshold, attesters })",
    });
    expect(refusedWith(() => m.validateChainEntry(entry({ kind: 'evm', evmContract: contract })))).toEqual({
      name: 'CourtbridgeError',
      reason: 'notaries_required',
      message:
        "chain entry chain.attestation: kind evm: the chain is final by its notaries' signatures; name them (attestation: { threshold, attesters })",
    });
    expect(m.validateChainEntry(entry({ kind: 'notary', attestation: notaries })).kind).toBe('notary');
    expect(m.validateChainEntry(entry({ kind: 'evm', attestation: notaries, evmContract: contract })).kind).toBe('evm');
    expect(m.validateChainEntry(entry()).attestation).toBeUndefined();
  });

  it('every refusal is a CourtbridgeError invalid_chain_entry naming its field', async () => {
    const m = await loadedAfresh();
    expect(refusedWith(() => m.validateChainEntry(entry({ servers: [] }), 'update.op.chain'))).toEqual({
      name: 'CourtbridgeError',
      ...refused('chain entry update.op.chain.servers: expected at least one DID that serves the chain'),
    });
  });
});
