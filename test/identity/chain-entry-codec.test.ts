/**
 * A chain entry's two encodings, field by field: its sign bytes (`writeChainEntry` /
 * `readChainEntry`, what the judicial contract decodes whole before storing a registry chain value)
 * and its JSON form (`chainEntryFromJson`, genesis and update files). Every refusal names the
 * field a person has to fix; bytes that decode to an entry decode to exactly the entry written, with
 * nothing shared with the input buffer and no attesters dropped.
 */
import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from '../../src/encoding/bytes.js';
import {
  type ChainEntry,
  type ChainEntryJson,
  chainEntryFromJson,
  chainEntryToJson,
  readChainEntry,
  validateChainEntry,
  writeChainEntry,
} from '../../src/identity/chain-entry.js';
import { refusal } from '../helpers/refusal.js';

const SERVER = 'did:alliance:ip-adapter';
const NOTARIES = ['did:alliance:notary-1', 'did:alliance:notary-2', 'did:alliance:notary-3'];
const HEADER = new Uint8Array(32).fill(0x11);
const VALIDATORS = new Uint8Array(32).fill(0x22);
const CONTRACT = new Uint8Array(20).fill(0x33);

/** Built per test: a bft-smt entry on the national suites, without attestations or schema. */
const bftEntry = (): ChainEntry => ({
  chainId: 'ip',
  kind: 'bft-smt',
  displayName: 'IP chain',
  hashSuite: 'sm3',
  signatureSuite: 'sm2',
  anchor: { height: 7, headerHash: HEADER.slice(), validatorsHash: VALIDATORS.slice() },
  servers: [SERVER],
});

/** Every optional part: notaries, contract and a schema with indexes and two actions. */
const evmEntry = (): ChainEntry => ({
  chainId: 'finance',
  kind: 'evm',
  displayName: 'Finance chain',
  hashSuite: 'sha256',
  signatureSuite: 'secp256k1',
  anchor: { height: 9, headerHash: HEADER.slice(), validatorsHash: VALIDATORS.slice() },
  servers: [SERVER, 'did:alliance:finance-adapter'],
  attestation: { threshold: 2, attesters: [...NOTARIES] },
  evmContract: CONTRACT.slice(),
  schema: {
    recordTypes: [
      { name: 'account', keyPrefix: 'account/', indexes: ['holder', 'bank'] },
      { name: 'freeze', keyPrefix: 'freeze/', indexes: [] },
    ],
    actions: [
      { kind: 'freeze', targetRecordType: 'account' },
      { kind: 'unfreeze', targetRecordType: 'account|freeze' },
    ],
  },
});

const encode = (e: ChainEntry): Uint8Array => writeChainEntry(new ByteWriter(), e).finish();
const decode = (b: Uint8Array): ChainEntry => {
  const r = new ByteReader(b);
  const e = readChainEntry(r);
  r.end('chain entry');
  return e;
};
const rangeErrorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof RangeError || e instanceof TypeError) return e.message;
    throw e;
  }
  throw new Error('expected a RangeError');
};

/** Sign bytes written field by field (the layout in chain-entry.ts), so any field can be wrong. */
function rawEntry(o: {
  kind?: string;
  hashSuite?: string;
  signatureSuite?: string;
  threshold?: number;
  attesters?: string[];
  contract?: Uint8Array;
  hasSchema?: number;
}): Uint8Array {
  const w = new ByteWriter();
  w.string('ip')
    .string(o.kind ?? 'bft-smt')
    .string('IP chain')
    .string(o.hashSuite ?? 'sha256')
    .string(o.signatureSuite ?? 'secp256k1');
  w.u64(7).fixed(HEADER, 32).fixed(VALIDATORS, 32);
  w.u32(1).string(SERVER);
  w.u32(o.threshold ?? 0);
  const attesters = o.attesters ?? [];
  w.u32(attesters.length);
  for (const d of attesters) w.string(d);
  if (o.contract !== undefined) w.fixed(o.contract, o.contract.length);
  w.u8(o.hasSchema ?? 0);
  return w.finish();
}

describe('chain entry sign bytes', () => {
  it('read back as the entry written, with and without attestations, contract and schema', () => {
    const bft = bftEntry();
    const back = decode(encode(bft));
    expect(back).toStrictEqual(bft);
    expect('attestation' in back).toBe(false);
    expect('schema' in back).toBe(false);
    expect('evmContract' in back).toBe(false);

    const evm = evmEntry();
    expect(decode(encode(evm))).toStrictEqual(evm);

    const notary: ChainEntry = {
      ...bftEntry(),
      kind: 'notary',
      hashSuite: 'sha256',
      attestation: { threshold: 1, attesters: [NOTARIES[0]!] },
    };
    expect(decode(encode(notary))).toStrictEqual(notary);

    // A schema with no actions reads back with an empty list, not a missing one.
    const noActions: ChainEntry = {
      ...bftEntry(),
      schema: { recordTypes: [{ name: 'patent', keyPrefix: 'patent/', indexes: [] }], actions: [] },
    };
    expect(decode(encode(noActions))).toStrictEqual(noActions);
  });

  it('the decoded entry shares no bytes with the input: a buffer reused afterwards leaves it unchanged', () => {
    const bytes = encode(evmEntry());
    const e = decode(bytes);
    bytes.fill(0xff);
    expect(e.anchor.headerHash).toEqual(HEADER);
    expect(e.anchor.validatorsHash).toEqual(VALIDATORS);
    expect(e.evmContract).toEqual(CONTRACT);
  });

  it('attesters written with threshold 0, or a threshold with no attesters, are kept so the entry rules refuse them', () => {
    // Both are in the signed bytes: dropping either would make two byte strings read as one entry.
    const zeroThreshold = decode(rawEntry({ threshold: 0, attesters: [NOTARIES[0]!] }));
    expect(zeroThreshold.attestation).toStrictEqual({ threshold: 0, attesters: [NOTARIES[0]] });
    expect(refusal(() => validateChainEntry(zeroThreshold))).toEqual({
      reason: 'invalid_chain_entry',
      message: 'chain entry chain.attestation.threshold: expected 1..1 (the number of attesters)',
    });

    const noAttesters = decode(rawEntry({ threshold: 2 }));
    expect(noAttesters.attestation).toStrictEqual({ threshold: 2, attesters: [] });
    expect(refusal(() => validateChainEntry(noAttesters))).toEqual({
      reason: 'invalid_chain_entry',
      message: 'chain entry chain.attestation.threshold: expected 1..0 (the number of attesters)',
    });

    // Threshold 0 and no attesters is how an entry without attestations is written.
    const none = decode(rawEntry({}));
    expect('attestation' in none).toBe(false);
    expect(none).toStrictEqual({ ...bftEntry(), hashSuite: 'sha256', signatureSuite: 'secp256k1' });
  });

  it('an unknown kind, suite or schema flag is refused where it is read, naming the field', () => {
    expect(rangeErrorOf(() => decode(rawEntry({ kind: 'cosmos' })))).toBe('kind: unknown chain kind "cosmos"');
    expect(rangeErrorOf(() => decode(rawEntry({ hashSuite: 'md5' })))).toBe('hashSuite: unknown suite "md5"');
    expect(rangeErrorOf(() => decode(rawEntry({ signatureSuite: 'rsa' })))).toBe('signatureSuite: unknown suite "rsa"');
    expect(rangeErrorOf(() => decode(rawEntry({ hasSchema: 2 })))).toBe('hasSchema: expected 0 or 1, got 2');
    // An evm entry's contract follows its attesters (offset 159 here): the one schema-flag byte is not it.
    expect(rangeErrorOf(() => decode(rawEntry({ kind: 'evm' })))).toBe('evmContract: truncated (need 20 bytes at offset 159)');
    // Only an evm entry carries a contract: after a bft-smt entry the same bytes are trailing.
    expect(rangeErrorOf(() => decode(rawEntry({ contract: CONTRACT, hasSchema: 0 })))).toMatch(/^hasSchema: expected 0 or 1, got 51$/);
    expect(decode(rawEntry({ kind: 'evm', contract: CONTRACT })).evmContract).toEqual(CONTRACT);
  });

  it('bytes cut short anywhere are refused naming the field being read, in layout order', () => {
    const bytes = encode(evmEntry());
    const labels: string[] = [];
    for (let n = 0; n < bytes.length; n++) {
      const message = rangeErrorOf(() => decode(bytes.subarray(0, n)));
      expect(message).toMatch(/^[a-zA-Z.]+: truncated \(need \d+ bytes at offset \d+\)$/);
      const label = message.slice(0, message.indexOf(':'));
      if (labels.at(-1) !== label) labels.push(label);
    }
    expect(labels).toEqual([
      'chainId',
      'kind',
      'displayName',
      'hashSuite',
      'signatureSuite',
      'anchor.height',
      'anchor.headerHash',
      'anchor.validatorsHash',
      'servers',
      'attestation.threshold',
      'attestation.attesters',
      'evmContract',
      'hasSchema',
      'schema.recordTypes',
      // account, then freeze
      'recordType.name',
      'recordType.keyPrefix',
      'recordType.indexes',
      'recordType.name',
      'recordType.keyPrefix',
      'recordType.indexes',
      'schema.actions',
      // freeze, then unfreeze
      'action.kind',
      'action.targetRecordType',
      'action.kind',
      'action.targetRecordType',
    ]);
  });

  it("an evm entry's contract that is not a byte array is refused naming the field", () => {
    const e = { ...evmEntry(), evmContract: Array.from(CONTRACT) as unknown as Uint8Array };
    expect(rangeErrorOf(() => encode(e))).toBe('evmContract: expected Uint8Array');
  });
});

describe('chain entry JSON', () => {
  const json = (): ChainEntryJson => JSON.parse(JSON.stringify(chainEntryToJson(evmEntry())));
  const refused = (v: unknown): { reason: string; message: string } => refusal(() => chainEntryFromJson(v));
  const invalid = (message: string): { reason: string; message: string } => ({ reason: 'invalid_chain_entry', message });

  it('writes every field, the schema as a copy, and reads back the same entry', () => {
    const e = evmEntry();
    const j = chainEntryToJson(e);
    expect(j).toStrictEqual({
      chainId: 'finance',
      kind: 'evm',
      displayName: 'Finance chain',
      hashSuite: 'sha256',
      signatureSuite: 'secp256k1',
      anchor: { height: 9, headerHash: '11'.repeat(32), validatorsHash: '22'.repeat(32) },
      servers: [SERVER, 'did:alliance:finance-adapter'],
      attestation: { threshold: 2, attesters: NOTARIES },
      evmContract: `0x${'33'.repeat(20)}`,
      schema: e.schema,
    });
    expect(j.schema).not.toBe(e.schema);
    expect(j.schema?.recordTypes[0]?.indexes).not.toBe(e.schema?.recordTypes[0]?.indexes);
    expect(chainEntryFromJson(j)).toStrictEqual(e);
  });

  it('a schema without actions or indexes reads them as empty lists', () => {
    const j = { ...json(), schema: { recordTypes: [{ name: 'account', keyPrefix: 'account/' }] } };
    expect(chainEntryFromJson(j).schema).toStrictEqual({
      recordTypes: [{ name: 'account', keyPrefix: 'account/', indexes: [] }],
      actions: [],
    });
  });

  it('refuses a value that is not an object, naming where it is', () => {
    expect(refused(null)).toEqual(invalid('chain entry chain: expected an object'));
    expect(refused([])).toEqual(invalid('chain entry chain: expected an object'));
    expect(refused({ ...json(), anchor: undefined })).toEqual(invalid('chain entry chain.anchor: expected an object'));
    expect(refused({ ...json(), anchor: null })).toEqual(invalid('chain entry chain.anchor: expected an object'));
    expect(refused({ ...json(), attestation: 2 })).toEqual(invalid('chain entry chain.attestation: expected an object'));
    expect(refused({ ...json(), schema: 'account' })).toEqual(invalid('chain entry chain.schema: expected an object'));
    // The caller's name for the entry is the path's start.
    expect(refusal(() => chainEntryFromJson({ ...json(), schema: null }, 'op.chain'))).toEqual(
      invalid('chain entry op.chain.schema: expected an object'),
    );
  });

  it('refuses schema lists and their items of the wrong shape, naming the item', () => {
    const withSchema = (schema: unknown): unknown => ({ ...json(), schema });
    const rt = { name: 'account', keyPrefix: 'account/', indexes: [] };
    expect(refused(withSchema({ recordTypes: 'account' }))).toEqual(invalid('chain entry chain.schema.recordTypes: expected an array'));
    expect(refused(withSchema({ recordTypes: { 0: rt } }))).toEqual(invalid('chain entry chain.schema.recordTypes: expected an array'));
    expect(refused(withSchema({ recordTypes: [rt, 'freeze'] }))).toEqual(
      invalid('chain entry chain.schema.recordTypes[1]: expected an object'),
    );
    expect(refused(withSchema({ recordTypes: [{ ...rt, indexes: 'holder' }] }))).toEqual(
      invalid('chain entry chain.schema.recordTypes[0].indexes: expected an array'),
    );
    expect(refused(withSchema({ recordTypes: [rt], actions: 'freeze' }))).toEqual(
      invalid('chain entry chain.schema.actions: expected an array'),
    );
    expect(refused(withSchema({ recordTypes: [rt], actions: [null] }))).toEqual(
      invalid('chain entry chain.schema.actions[0]: expected an object'),
    );
  });

  it('refuses anchor hashes that are not exactly 64 lower-case hex digits, naming the hash', () => {
    const withAnchor = (anchor: Partial<ChainEntryJson['anchor']>): unknown => ({ ...json(), anchor: { ...json().anchor, ...anchor } });
    const bad = (field: string): { reason: string; message: string } =>
      invalid(`chain entry chain.anchor.${field}: expected 64 lower-case hex digits`);
    const hex = '11'.repeat(32);
    for (const v of [17, [hex], `${hex}ff`, `ff${hex}`, `zz${hex}`, hex.toUpperCase().replace(/1/g, 'A'), hex.slice(2)]) {
      expect(refused(withAnchor({ headerHash: v as string })), String(v)).toEqual(bad('headerHash'));
      expect(refused(withAnchor({ validatorsHash: v as string })), String(v)).toEqual(bad('validatorsHash'));
    }
  });

  it('reads a contract address in either case, and refuses anything but 0x and 40 hex digits', () => {
    const addr = `0x${'aB'.repeat(20)}`;
    expect(chainEntryFromJson({ ...json(), evmContract: addr }).evmContract).toEqual(new Uint8Array(20).fill(0xab));
    expect(chainEntryFromJson({ ...json(), evmContract: addr.toUpperCase().replace('0X', '0x') }).evmContract).toEqual(
      new Uint8Array(20).fill(0xab),
    );
    const bad = invalid('chain entry chain.evmContract: expected 0x and 40 hex digits (a 20-byte address)');
    for (const v of [20, [addr], `${addr}ff`, `zz${addr}`, `00${addr}`, '0x1234', 'ab'.repeat(20), `0x${'ab'.repeat(19)}ag`])
      expect(refused({ ...json(), evmContract: v }), String(v)).toEqual(bad);
  });
});
