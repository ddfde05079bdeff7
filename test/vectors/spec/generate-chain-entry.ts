import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { digest } from '../../../src/crypto/hash-suite.js';
import { ByteWriter, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import {
  type ChainEntry,
  type ChainSchema,
  chainEntryToJson,
  validateChainEntry,
  writeChainEntry,
} from '../../../src/identity/chain-entry.js';
import { chainEntryFields, writeVector } from './vector-kit.js';

const _here = dirname(fileURLToPath(import.meta.url));

/** Anchor hashes are opaque 32-byte values to the entry: hashes of fixed strings under the chain's suite. */
const anchor = (chainId: string, suite: 'sha256' | 'sm3', height: number): ChainEntry['anchor'] => ({
  height,
  headerHash: digest(suite, utf8(`${chainId} header ${height}`)),
  validatorsHash: digest(suite, utf8(`${chainId} validators ${height}`)),
});

const schema: ChainSchema = {
  recordTypes: [
    { name: 'judgment', keyPrefix: 'judgment/', indexes: ['case_number', 'court'] },
    { name: 'enforcement', keyPrefix: 'enforcement/', indexes: [] },
  ],
  actions: [
    { kind: 'freeze', targetRecordType: 'enforcement' },
    { kind: 'annotate', targetRecordType: 'judgment|enforcement' },
  ],
};

const bftSmt: ChainEntry = {
  chainId: 'court-ledger',
  kind: 'bft-smt',
  displayName: 'Provincial court ledger',
  hashSuite: 'sha256',
  signatureSuite: 'secp256k1',
  anchor: anchor('court-ledger', 'sha256', 1),
  servers: ['did:alliance:court-adapter'],
};

const bftSmtSm: ChainEntry = {
  chainId: 'ip-chain',
  kind: 'bft-smt',
  displayName: '知识产权存证链',
  hashSuite: 'sm3',
  signatureSuite: 'sm2',
  anchor: anchor('ip-chain', 'sm3', 4096),
  servers: ['did:alliance:ip-adapter', 'did:alliance:ip-adapter-2'],
};

const notary: ChainEntry = {
  chainId: 'notary-store',
  kind: 'notary',
  displayName: 'Notary office archive',
  hashSuite: 'sha256',
  signatureSuite: 'secp256k1',
  anchor: anchor('notary-store', 'sha256', 17),
  servers: ['did:alliance:notary-adapter'],
  attestation: { threshold: 2, attesters: ['did:alliance:notary-a', 'did:alliance:notary-b', 'did:alliance:notary-c'] },
};

const withSchema: ChainEntry = {
  chainId: 'enforcement-chain',
  kind: 'bft-smt',
  displayName: 'Enforcement chain',
  hashSuite: 'sha256',
  signatureSuite: 'secp256k1',
  anchor: anchor('enforcement-chain', 'sha256', 1_000_000),
  servers: ['did:alliance:enforcement-adapter'],
  attestation: { threshold: 1, attesters: ['did:alliance:procuratorate'] },
  schema,
};

const evm: ChainEntry = {
  chainId: 'evm-consortium',
  kind: 'evm',
  displayName: 'EVM consortium chain',
  hashSuite: 'sha256',
  signatureSuite: 'secp256k1',
  anchor: anchor('evm-consortium', 'sha256', 250),
  servers: ['did:alliance:evm-adapter'],
  attestation: { threshold: 2, attesters: ['did:alliance:notary-a', 'did:alliance:notary-b'] },
  evmContract: digest('sha256', utf8('evm-consortium records contract')).slice(0, 20),
};

const evmWithSchema: ChainEntry = {
  ...evm,
  chainId: 'evm-enforcement',
  displayName: 'EVM enforcement chain',
  anchor: anchor('evm-enforcement', 'sha256', 77),
  attestation: { threshold: 1, attesters: ['did:alliance:notary-c'] },
  evmContract: digest('sha256', utf8('evm-enforcement records contract')).slice(0, 20),
  schema,
};

function valid(name: string, e: ChainEntry): Record<string, unknown> {
  validateChainEntry(e);
  return {
    name,
    fields: chainEntryFields(e),
    bytes: toHex(writeChainEntry(new ByteWriter(), e).finish()),
    json: chainEntryToJson(e),
  };
}

/** The product's verdict on an entry: its reason (the case must be refused). */
function invalid(name: string, why: string, e: ChainEntry, reason: string): Record<string, unknown> {
  let got = 'ok';
  try {
    validateChainEntry(e);
  } catch (err) {
    if (!isCourtbridgeError(err)) throw err;
    got = err.reason;
  }
  if (got !== reason) throw new Error(`${name}: the product says ${got}, expected ${reason}`);
  return { name, reason, why, fields: chainEntryFields(e) };
}

/** An entry with a field set to a value its type does not allow (what a peer may send). */
const bad = (e: ChainEntry, patch: Record<string, unknown>): ChainEntry => ({ ...e, ...patch }) as ChainEntry;
const noAttestation = (e: ChainEntry): ChainEntry => {
  const { attestation: _, ...rest } = e;
  return rest;
};
const noContract = (e: ChainEntry): ChainEntry => {
  const { evmContract: _, ...rest } = e;
  return rest;
};
const hash31 = bftSmt.anchor.headerHash.slice(0, 31);
const withSchemaOf = (s: unknown): ChainEntry => bad(withSchema, { schema: s });
const rt = schema.recordTypes;

const chainEntryFile = {
  structure: 'chain-entry',
  title: 'Chain entries (bft-smt and notary) as a registry update carries them, and the entries a registry refuses',
  spec: 'docs/spec/registry.md',
  tag: null,
  layout: 'registry-chain-entry',
  keys: {},
  valid: [
    valid('bft-smt chain, SHA-256 and secp256k1, no attestations, no schema', bftSmt),
    valid('bft-smt chain on the national suite: SM3 hashes, SM2 validator keys, two servers', bftSmtSm),
    valid('notary chain with its notaries: 2 of 3 attesters', notary),
    valid('bft-smt chain with one attester and a schema (two record types, two actions)', withSchema),
  ],
  invalid: [
    invalid(
      'chainId with an upper-case letter',
      'a chain id is [a-z0-9][a-z0-9-]{0,62}',
      bad(bftSmt, { chainId: 'Court-Ledger' }),
      'invalid_chain_entry',
    ),
    invalid(
      'chainId of 64 characters',
      'a chain id is at most 63 characters',
      bad(bftSmt, { chainId: 'c'.repeat(64) }),
      'invalid_chain_entry',
    ),
    invalid('chainId starting with a hyphen', 'a chain id starts with [a-z0-9]', bad(bftSmt, { chainId: '-court' }), 'invalid_chain_entry'),
    invalid(
      'unknown kind',
      'kind is one of bft-smt, evm, notary; "fabric" is none of them',
      bad(bftSmt, { kind: 'fabric' }),
      'invalid_chain_entry',
    ),
    invalid('empty displayName', 'a display name has 1..200 UTF-16 code units', bad(bftSmt, { displayName: '' }), 'invalid_chain_entry'),
    invalid(
      'displayName of 201 characters',
      'a display name has at most 200 UTF-16 code units',
      bad(bftSmt, { displayName: 'x'.repeat(201) }),
      'invalid_chain_entry',
    ),
    invalid('unknown hashSuite', 'hashSuite is "sha256" or "sm3"', bad(bftSmt, { hashSuite: 'sha3-256' }), 'invalid_chain_entry'),
    invalid(
      'hashSuite sm3 on a notary chain',
      'only a bft-smt chain is hashed under its entry\'s suite; a notary chain\'s entry says "sha256"',
      bad(notary, { hashSuite: 'sm3' }),
      'invalid_chain_entry',
    ),
    invalid(
      'unknown signatureSuite',
      'signatureSuite is "secp256k1" or "sm2"',
      bad(bftSmt, { signatureSuite: 'ed25519' }),
      'invalid_chain_entry',
    ),
    invalid(
      'anchor height 0',
      'an anchor height is at least 1',
      bad(bftSmt, { anchor: { ...bftSmt.anchor, height: 0 } }),
      'invalid_chain_entry',
    ),
    invalid(
      'anchor headerHash of 31 bytes',
      'an anchor header hash is 32 bytes',
      bad(bftSmt, { anchor: { ...bftSmt.anchor, headerHash: hash31 } }),
      'invalid_chain_entry',
    ),
    invalid(
      'anchor validatorsHash of 33 bytes',
      'an anchor validators hash is 32 bytes',
      bad(bftSmt, { anchor: { ...bftSmt.anchor, validatorsHash: new Uint8Array(33) } }),
      'invalid_chain_entry',
    ),
    invalid(
      'server that is not an alliance DID',
      'every server is did:alliance:<org>',
      bad(bftSmt, { servers: ['did:web:court.example'] }),
      'invalid_chain_entry',
    ),
    invalid(
      'server listed twice',
      'servers are distinct',
      bad(bftSmt, { servers: ['did:alliance:court-adapter', 'did:alliance:court-adapter'] }),
      'invalid_chain_entry',
    ),
    invalid('no servers', 'at least one DID serves the chain', bad(bftSmt, { servers: [] }), 'invalid_chain_entry'),
    invalid(
      'attester that is not an alliance DID',
      'every attester is did:alliance:<org>',
      bad(notary, { attestation: { threshold: 1, attesters: ['did:alliance:Notary-A'] } }),
      'invalid_chain_entry',
    ),
    invalid(
      'attester listed twice',
      'attesters are distinct',
      bad(notary, { attestation: { threshold: 1, attesters: ['did:alliance:notary-a', 'did:alliance:notary-a'] } }),
      'invalid_chain_entry',
    ),
    invalid(
      'threshold above the number of attesters',
      'the threshold is 1..len(attesters): 4 of 3 can never be met',
      bad(notary, { attestation: { ...notary.attestation!, threshold: 4 } }),
      'invalid_chain_entry',
    ),
    invalid(
      'threshold 0 with attesters',
      'threshold 0 is only written for an entry without attesters (no attestations asked for)',
      bad(notary, { attestation: { ...notary.attestation!, threshold: 0 } }),
      'invalid_chain_entry',
    ),
    invalid(
      'notary chain without notaries',
      "a notary chain is final by its notaries' signatures; its entry must name them",
      noAttestation(notary),
      'notaries_required',
    ),
    invalid(
      'bft-smt chain naming a contract',
      'only an evm chain names a contract (the field only exists in the evm layout)',
      bad(bftSmt, { evmContract: evm.evmContract }),
      'invalid_chain_entry',
    ),
    invalid(
      'notary chain without notaries naming a contract',
      'the notaries are checked before the contract',
      bad(noAttestation(notary), { evmContract: evm.evmContract }),
      'notaries_required',
    ),
    invalid(
      'schema without record types',
      'a schema has 1..64 record types',
      withSchemaOf({ recordTypes: [], actions: [] }),
      'invalid_chain_entry',
    ),
    invalid(
      'schema with 65 record types',
      'a schema has at most 64 record types',
      withSchemaOf({
        recordTypes: Array.from({ length: 65 }, (_, i) => ({ name: `t${i}`, keyPrefix: `t${i}/`, indexes: [] })),
        actions: [],
      }),
      'invalid_chain_entry',
    ),
    invalid(
      'record type name with an upper-case letter',
      'a record type name is [a-z][a-z0-9_]{0,62}',
      withSchemaOf({ ...schema, recordTypes: [{ ...rt[0]!, name: 'Judgment' }, rt[1]!] }),
      'invalid_chain_entry',
    ),
    invalid(
      'record type listed twice',
      'record type names are distinct',
      withSchemaOf({ ...schema, recordTypes: [rt[0]!, { ...rt[1]!, name: 'judgment' }] }),
      'invalid_chain_entry',
    ),
    invalid(
      'empty key prefix',
      'a key prefix has 1..64 characters',
      withSchemaOf({ ...schema, recordTypes: [rt[0]!, { ...rt[1]!, keyPrefix: '' }] }),
      'invalid_chain_entry',
    ),
    invalid(
      'index name with a hyphen',
      'an index name is [a-z][a-z0-9_]{0,62}',
      withSchemaOf({ ...schema, recordTypes: [{ ...rt[0]!, indexes: ['case-number'] }, rt[1]!] }),
      'invalid_chain_entry',
    ),
    invalid(
      'key prefix that starts another',
      '"judgment/" starts "judgment/appeal/": a key would name two record types',
      withSchemaOf({ ...schema, recordTypes: [rt[0]!, { ...rt[1]!, keyPrefix: 'judgment/appeal/' }] }),
      'invalid_chain_entry',
    ),
    invalid(
      '65 actions',
      'a schema has at most 64 actions',
      withSchemaOf({ ...schema, actions: Array.from({ length: 65 }, (_, i) => ({ kind: `a${i}`, targetRecordType: 'judgment' })) }),
      'invalid_chain_entry',
    ),
    invalid(
      'action kind with an upper-case letter',
      'an action kind is [a-z][a-z0-9_]{0,62}',
      withSchemaOf({ ...schema, actions: [{ kind: 'Freeze', targetRecordType: 'enforcement' }] }),
      'invalid_chain_entry',
    ),
    invalid(
      'action listed twice',
      'action kinds are distinct',
      withSchemaOf({ ...schema, actions: [schema.actions[0]!, { ...schema.actions[1]!, kind: 'freeze' }] }),
      'invalid_chain_entry',
    ),
    invalid(
      'action on an unknown record type',
      'an action\'s target names record types of the schema; "judgment|appeal" names one that is not',
      withSchemaOf({ ...schema, actions: [{ kind: 'annotate', targetRecordType: 'judgment|appeal' }] }),
      'invalid_chain_entry',
    ),
  ],
};

const evmFile = {
  structure: 'chain-entry-evm',
  title: 'Chain entries of evm chains (the contract address after the attesters), and the evm entries a registry refuses',
  spec: 'docs/spec/registry.md',
  tag: null,
  layout: 'registry-chain-entry-evm',
  keys: {},
  valid: [
    valid('evm chain with its contract and 2 of 2 notaries', evm),
    valid('evm chain with its contract, 1 notary and a schema', evmWithSchema),
  ],
  invalid: [
    invalid(
      'hashSuite sm3 on an evm chain',
      'an evm chain\'s hashes are keccak-256; its entry says "sha256"',
      bad(evm, { hashSuite: 'sm3' }),
      'invalid_chain_entry',
    ),
    invalid(
      'evm chain without notaries',
      "an evm chain is final by its notaries' signatures; its entry must name them",
      noAttestation(evm),
      'notaries_required',
    ),
    invalid(
      'evm chain without notaries or contract',
      'the notaries are checked before the contract',
      noContract(noAttestation(evm)),
      'notaries_required',
    ),
    invalid(
      'evm chain without a contract',
      "an evm chain's records are proven from one contract's storage; its entry must name it",
      noContract(evm),
      'evm_contract_required',
    ),
    invalid(
      'evm contract of 19 bytes',
      'a contract address is 20 bytes',
      bad(evm, { evmContract: evm.evmContract!.slice(0, 19) }),
      'evm_contract_required',
    ),
    invalid(
      'evm contract of 32 bytes',
      'a contract address is 20 bytes, not a 32-byte hash',
      bad(evm, { evmContract: digest('sha256', utf8('evm-consortium records contract')) }),
      'evm_contract_required',
    ),
    invalid(
      'evm entry with an empty schema',
      'a schema has 1..64 record types',
      bad(evm, { schema: { recordTypes: [], actions: [] } }),
      'invalid_chain_entry',
    ),
  ],
};

writeVector('chain-entry', chainEntryFile);
writeVector('chain-entry-evm', evmFile);
