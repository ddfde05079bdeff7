/**
 * A chain as the alliance registry knows it (DESIGN.md "Trust ends at an anchor"): its id, how
 * it is verified (its kind), its trust anchor, its hash and signature suites, the DIDs that may
 * serve it and the agencies whose attestations count for it. Admitted, changed and removed only
 * by registry updates approved by an admin quorum (or listed in the genesis file): nothing about
 * chains is compiled in.
 *
 * Kinds: `bft-smt` (validator-signed headers, sparse-Merkle state proofs), `evm` (EVM consortium
 * chains) and `notary` (any store without validator signatures). The last two get finality from a
 * notary quorum (src/verify/notary.ts), and their notaries are the entry's `attestation` set: the
 * m of n agency DIDs whose signatures over a block make it final. An `evm` or `notary` entry
 * without one is refused (`notaries_required`); the sign bytes below are the same for every kind.
 *
 * Sign bytes (fixed layout of src/encoding/bytes.ts, in this order):
 * ```
 *   string  chainId
 *   string  kind              ("bft-smt", "evm", "notary")
 *   string  displayName
 *   string  hashSuite         ("sha256" or "sm3": H of the chain's headers, validator sets and trees)
 *   string  signatureSuite    ("secp256k1", "sm2": the suite of its validators' keys)
 *   u64     anchor.height
 *   fixed32 anchor.headerHash
 *   fixed32 anchor.validatorsHash
 *   u32 n servers,   n × string did
 *   u32 threshold    (0: the chain's answers need no attestations; evm/notary: its notaries)
 *   u32 n attesters, n × string did
 *   fixed20 evmContract    (only when kind is "evm": the contract whose storage holds the records)
 *   u8 hasSchema (0 or 1), then when 1:
 *     u32 n record types, n × (string name, string keyPrefix, u32 m indexes, m × string index)
 *     u32 n actions,      n × (string kind, string targetRecordType)
 * ```
 * The schema is what the chain answers (its record types, their key prefixes and indexes) and the
 * actions a court may order on it: approved by the admin quorum with the rest of the entry, so a
 * gateway serves a partner chain it was not built with (gateway-chains.ts) without taking one
 * adapter's word for what it proves. A gateway's own chain catalog, where it knows the chain,
 * takes precedence (it also knows how a person reads the records).
 * An `evm` entry names its contract (`evm_contract_required`): a record is proven from that
 * contract's storage only, so an adapter cannot answer from a contract of its own making.
 *
 * `hashSuite` is what every verifier of a `bft-smt` chain hashes its headers, validator sets,
 * state tree and transactions root with (src/crypto/hash-suite.ts): SHA-256, or SM3 for a chain
 * on the national cryptography suite. Verifiers take it from here, never from the data. An
 * `evm` chain's hashes are keccak-256 and a `notary` chain has no headers or trees, so their
 * entries say "sha256" (an SM3 entry for them would promise hashing no verifier does).
 */
import { isSignatureSuite, type SignatureSuite } from '../crypto/signature-suite.js';
import { isHashSuite, type HashSuite } from '../crypto/hash-suite.js';
import { type ByteReader, type ByteWriter, fromHex, toHex } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import { isAllianceDid } from './did-url.js';

/** Verification kinds, like IBC client types; each is a pure verifier in the core. */
export const ChainKinds = ['bft-smt', 'evm', 'notary'] as const;
export type ChainKind = (typeof ChainKinds)[number];

/** Kinds whose blocks are final by a notary quorum, so their entry must name the notaries. */
export const NotarizedChainKinds: readonly ChainKind[] = ['evm', 'notary'];

/** Where a chain's trust starts: a header the admin quorum vouched for. */
export interface ChainAnchor {
  height: number;
  headerHash: Uint8Array;
  validatorsHash: Uint8Array;
}

/** Agencies that vouch for a chain's answers, m of n (for `evm` and `notary` chains: its notaries). */
export interface ChainAttestation {
  threshold: number;
  attesters: string[];
}

export interface ChainEntry {
  chainId: string;
  kind: ChainKind;
  displayName: string;
  /** H of the chain's headers, validator sets and trees (bft-smt); "sha256" for evm and notary chains. */
  hashSuite: HashSuite;
  /**
   * The suite of the keys that sign the chain's headers (bft-smt validators). A light client
   * refuses a validator set holding a key of another suite (`signature_suite_mismatch`), so a
   * chain admitted as SM2 cannot be followed through secp256k1 signatures, or the reverse.
   */
  signatureSuite: SignatureSuite;
  anchor: ChainAnchor;
  /** Alliance DIDs that may serve the chain (its adapters); they also need the adapter grant. */
  servers: string[];
  /** Absent: answers rest on header proofs alone (only for `bft-smt`: `evm` and `notary` need their notaries here). */
  attestation?: ChainAttestation;
  /** `evm` only, required there: the 20-byte address of the contract holding the chain's records. */
  evmContract?: Uint8Array;
  /** What the chain answers and which actions a court may order on it (absent: the gateway's catalog must know it). */
  schema?: ChainSchema;
}

/** A chain's record types and actions, as the admin quorum approved them. */
export interface ChainSchema {
  recordTypes: { name: string; keyPrefix: string; indexes: string[] }[];
  /** `targetRecordType` names one of `recordTypes`, or several joined by `|`. */
  actions: { kind: string; targetRecordType: string }[];
}

const SCHEMA_NAME_RE = /^[a-z][a-z0-9_]{0,62}$/;

export const CHAIN_ID_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;

const invalid = (at: string, why: string): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_chain_entry', `chain entry ${at}: ${why}`);

/** Check every rule of an entry (used for genesis chains and registry updates alike). */
export function validateChainEntry(e: ChainEntry, at = 'chain'): ChainEntry {
  if (typeof e.chainId !== 'string' || !CHAIN_ID_RE.test(e.chainId)) throw invalid(`${at}.chainId`, 'expected [a-z0-9-]{1,63}');
  if (!(ChainKinds as readonly string[]).includes(e.kind))
    throw invalid(`${at}.kind`, `expected one of ${ChainKinds.join(', ')}, got ${String(e.kind)}`);
  if (typeof e.displayName !== 'string' || e.displayName.length === 0 || e.displayName.length > 200)
    throw invalid(`${at}.displayName`, 'expected a name of 1..200 characters');
  if (!isHashSuite(e.hashSuite)) throw invalid(`${at}.hashSuite`, `expected "sha256" or "sm3", got ${JSON.stringify(e.hashSuite)}`);
  if (e.hashSuite !== 'sha256' && e.kind !== 'bft-smt')
    throw invalid(`${at}.hashSuite`, `only a bft-smt chain is hashed by its entry's suite; a ${e.kind} chain's entry says "sha256"`);
  if (!isSignatureSuite(e.signatureSuite))
    throw invalid(`${at}.signatureSuite`, `expected "secp256k1" or "sm2", got ${JSON.stringify(e.signatureSuite)}`);
  const a = e.anchor;
  if (!Number.isSafeInteger(a.height) || a.height < 1) throw invalid(`${at}.anchor.height`, 'expected a positive integer');
  if (a.headerHash.length !== 32) throw invalid(`${at}.anchor.headerHash`, 'expected 32 bytes');
  if (a.validatorsHash.length !== 32) throw invalid(`${at}.anchor.validatorsHash`, 'expected 32 bytes');
  didList(e.servers, `${at}.servers`);
  if (e.servers.length === 0) throw invalid(`${at}.servers`, 'expected at least one DID that serves the chain');
  if (e.attestation !== undefined) {
    const t = e.attestation;
    didList(t.attesters, `${at}.attestation.attesters`);
    if (!Number.isSafeInteger(t.threshold) || t.threshold < 1 || t.threshold > t.attesters.length) {
      throw invalid(`${at}.attestation.threshold`, `expected 1..${t.attesters.length} (the number of attesters)`);
    }
  }
  if (NotarizedChainKinds.includes(e.kind) && e.attestation === undefined) {
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'notaries_required',
      `chain entry ${at}.attestation: kind ${e.kind}: the chain is final by its notaries' signatures; name them (attestation: { threshold, attesters })`,
    );
  }
  if (e.kind === 'evm' && e.evmContract?.length !== 20) {
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'evm_contract_required',
      `chain entry ${at}.evmContract: an evm chain's records are proven from one contract's storage; name its 20-byte address (0x + 40 hex)`,
    );
  }
  if (e.kind !== 'evm' && e.evmContract !== undefined)
    throw invalid(`${at}.evmContract`, `only an evm chain names a contract, not a ${e.kind} chain`);
  if (e.schema !== undefined) validateSchema(e.schema, `${at}.schema`);
  return e;
}

function validateSchema(s: ChainSchema, at: string): void {
  if (!Array.isArray(s.recordTypes) || s.recordTypes.length === 0 || s.recordTypes.length > 64)
    throw invalid(`${at}.recordTypes`, 'expected 1..64 record types');
  const names = new Set<string>();
  s.recordTypes.forEach((r, i) => {
    const where = `${at}.recordTypes[${i}]`;
    if (typeof r.name !== 'string' || !SCHEMA_NAME_RE.test(r.name)) throw invalid(`${where}.name`, 'expected [a-z][a-z0-9_]{0,62}');
    if (names.has(r.name)) throw invalid(`${where}.name`, `record type ${r.name} is listed twice`);
    names.add(r.name);
    if (typeof r.keyPrefix !== 'string' || r.keyPrefix.length === 0 || r.keyPrefix.length > 64)
      throw invalid(`${where}.keyPrefix`, 'expected a key prefix of 1..64 characters');
    if (!Array.isArray(r.indexes) || r.indexes.some((x) => typeof x !== 'string' || !SCHEMA_NAME_RE.test(x)))
      throw invalid(`${where}.indexes`, 'expected index names [a-z][a-z0-9_]{0,62}');
  });
  // One key prefix may not be another's start: a key must name exactly one record type.
  for (const a of s.recordTypes)
    for (const b of s.recordTypes)
      if (a !== b && b.keyPrefix.startsWith(a.keyPrefix))
        throw invalid(`${at}.recordTypes`, `key prefix ${a.keyPrefix} (${a.name}) is the start of ${b.keyPrefix} (${b.name})`);
  if (!Array.isArray(s.actions) || s.actions.length > 64) throw invalid(`${at}.actions`, 'expected at most 64 actions');
  const kinds = new Set<string>();
  s.actions.forEach((a, i) => {
    const where = `${at}.actions[${i}]`;
    if (typeof a.kind !== 'string' || !SCHEMA_NAME_RE.test(a.kind)) throw invalid(`${where}.kind`, 'expected [a-z][a-z0-9_]{0,62}');
    if (kinds.has(a.kind)) throw invalid(`${where}.kind`, `action ${a.kind} is listed twice`);
    kinds.add(a.kind);
    if (typeof a.targetRecordType !== 'string' || !a.targetRecordType.split('|').every((t) => names.has(t)))
      throw invalid(
        `${where}.targetRecordType`,
        `expected one of the schema's record types (${[...names].join(', ')}), several joined by |`,
      );
  });
}

function didList(dids: unknown, at: string): void {
  if (!Array.isArray(dids)) throw invalid(at, 'expected an array of DIDs');
  for (const d of dids) if (!isAllianceDid(d)) throw invalid(at, `${String(d)} is not did:alliance:<org>`);
  if (new Set(dids).size !== dids.length) throw invalid(at, 'duplicate DID');
}

/** Append the entry's sign bytes (layout in the file header). */
export function writeChainEntry(w: ByteWriter, e: ChainEntry): ByteWriter {
  w.string(e.chainId).string(e.kind).string(e.displayName).string(e.hashSuite).string(e.signatureSuite);
  w.u64(e.anchor.height).fixed(e.anchor.headerHash, 32, 'anchor.headerHash').fixed(e.anchor.validatorsHash, 32, 'anchor.validatorsHash');
  w.u32(e.servers.length);
  for (const d of e.servers) w.string(d);
  w.u32(e.attestation?.threshold ?? 0);
  const attesters = e.attestation?.attesters ?? [];
  w.u32(attesters.length);
  for (const d of attesters) w.string(d);
  // An entry without one is refused by validateChainEntry; its bytes are still well defined.
  if (e.kind === 'evm') w.fixed(e.evmContract?.length === 20 ? e.evmContract : new Uint8Array(20), 20, 'evmContract');
  w.u8(e.schema === undefined ? 0 : 1);
  if (e.schema !== undefined) {
    w.u32(e.schema.recordTypes.length);
    for (const r of e.schema.recordTypes) {
      w.string(r.name).string(r.keyPrefix).u32(r.indexes.length);
      for (const x of r.indexes) w.string(x);
    }
    w.u32(e.schema.actions.length);
    for (const a of e.schema.actions) w.string(a.kind).string(a.targetRecordType);
  }
  return w;
}

/**
 * Read one entry's sign bytes (layout in the file header), the inverse of `writeChainEntry`.
 * It reads the bytes only: `kind` decides whether `evmContract` follows, so an unknown kind (or
 * suite, or a schema flag other than 0 or 1) is a RangeError like a truncated field; the entry's
 * rules are `validateChainEntry`'s. An entry written without attestations (threshold 0, no
 * attesters) reads back without `attestation`. The entry shares no bytes with the input (its
 * hashes and contract are copies), so it outlives a buffer that is reused.
 */
export function readChainEntry(r: ByteReader): ChainEntry {
  const chainId = r.string('chainId');
  const kind = r.string('kind');
  if (!(ChainKinds as readonly string[]).includes(kind)) throw new RangeError(`kind: unknown chain kind ${JSON.stringify(kind)}`);
  const displayName = r.string('displayName');
  const hashSuite = r.string('hashSuite');
  if (!isHashSuite(hashSuite)) throw new RangeError(`hashSuite: unknown suite ${JSON.stringify(hashSuite)}`);
  const signatureSuite = r.string('signatureSuite');
  if (!isSignatureSuite(signatureSuite)) throw new RangeError(`signatureSuite: unknown suite ${JSON.stringify(signatureSuite)}`);
  const anchor = {
    height: r.u64n('anchor.height'),
    headerHash: r.fixed(32, 'anchor.headerHash').slice(),
    validatorsHash: r.fixed(32, 'anchor.validatorsHash').slice(),
  };
  const servers = stringList(r, 'servers');
  const threshold = r.u32('attestation.threshold');
  const attesters = stringList(r, 'attestation.attesters');
  const e: ChainEntry = { chainId, kind: kind as ChainKind, displayName, hashSuite, signatureSuite, anchor, servers };
  if (threshold !== 0 || attesters.length > 0) e.attestation = { threshold, attesters };
  if (kind === 'evm') e.evmContract = r.fixed(20, 'evmContract').slice();
  const hasSchema = r.u8('hasSchema');
  if (hasSchema > 1) throw new RangeError(`hasSchema: expected 0 or 1, got ${hasSchema}`);
  if (hasSchema === 1) {
    const recordTypes: ChainSchema['recordTypes'] = [];
    for (let i = 0, n = r.u32('schema.recordTypes'); i < n; i++)
      recordTypes.push({
        name: r.string('recordType.name'),
        keyPrefix: r.string('recordType.keyPrefix'),
        indexes: stringList(r, 'recordType.indexes'),
      });
    const actions: ChainSchema['actions'] = [];
    for (let i = 0, n = r.u32('schema.actions'); i < n; i++)
      actions.push({ kind: r.string('action.kind'), targetRecordType: r.string('action.targetRecordType') });
    e.schema = { recordTypes, actions };
  }
  return e;
}

function stringList(r: ByteReader, title: string): string[] {
  const out: string[] = [];
  for (let i = 0, n = r.u32(title); i < n; i++) out.push(r.string(title));
  return out;
}

// ---- JSON form (genesis files, registry update files, trust files): hex for bytes ----

export interface ChainEntryJson {
  chainId: string;
  kind: string;
  displayName: string;
  hashSuite?: string;
  signatureSuite?: string;
  anchor: { height: number; headerHash: string; validatorsHash: string };
  servers: string[];
  attestation?: { threshold: number; attesters: string[] };
  /** `evm` only: 0x + 40 hex. */
  evmContract?: string;
  schema?: ChainSchema;
}

export function chainEntryToJson(e: ChainEntry): ChainEntryJson {
  return {
    chainId: e.chainId,
    kind: e.kind,
    displayName: e.displayName,
    hashSuite: e.hashSuite,
    signatureSuite: e.signatureSuite,
    anchor: { height: e.anchor.height, headerHash: toHex(e.anchor.headerHash), validatorsHash: toHex(e.anchor.validatorsHash) },
    servers: [...e.servers],
    ...(e.attestation === undefined
      ? {}
      : { attestation: { threshold: e.attestation.threshold, attesters: [...e.attestation.attesters] } }),
    ...(e.evmContract === undefined ? {} : { evmContract: `0x${toHex(e.evmContract)}` }),
    ...(e.schema === undefined ? {} : { schema: schemaCopy(e.schema) }),
  };
}

function schemaCopy(s: ChainSchema): ChainSchema {
  return {
    recordTypes: s.recordTypes.map((r) => ({ name: r.name, keyPrefix: r.keyPrefix, indexes: [...r.indexes] })),
    actions: s.actions.map((a) => ({ kind: a.kind, targetRecordType: a.targetRecordType })),
  };
}

function schemaFromJson(v: unknown, at: string): ChainSchema {
  const o = obj(v, at);
  const list = (x: unknown, where: string): unknown[] => {
    if (!Array.isArray(x)) throw invalid(where, 'expected an array');
    return x;
  };
  return {
    recordTypes: list(o.recordTypes, `${at}.recordTypes`).map((r, i) => {
      const ro = obj(r, `${at}.recordTypes[${i}]`);
      return {
        name: ro.name as string,
        keyPrefix: ro.keyPrefix as string,
        indexes: list(ro.indexes ?? [], `${at}.recordTypes[${i}].indexes`) as string[],
      };
    }),
    actions: list(o.actions ?? [], `${at}.actions`).map((a, i) => {
      const ao = obj(a, `${at}.actions[${i}]`);
      return { kind: ao.kind as string, targetRecordType: ao.targetRecordType as string };
    }),
  };
}

/** Parse and validate an untrusted JSON entry, naming the field that is wrong. */
export function chainEntryFromJson(json: unknown, at = 'chain'): ChainEntry {
  const o = obj(json, at);
  const anchor = obj(o.anchor, `${at}.anchor`);
  const hash = (v: unknown, where: string): Uint8Array => {
    if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) throw invalid(where, 'expected 64 lower-case hex digits');
    return fromHex(v);
  };
  const att = o.attestation === undefined ? undefined : obj(o.attestation, `${at}.attestation`);
  const e: ChainEntry = {
    chainId: o.chainId as string,
    kind: o.kind as ChainKind,
    displayName: o.displayName as string,
    hashSuite: (o.hashSuite ?? 'sha256') as HashSuite,
    signatureSuite: (o.signatureSuite ?? 'secp256k1') as SignatureSuite,
    anchor: {
      height: anchor.height as number,
      headerHash: hash(anchor.headerHash, `${at}.anchor.headerHash`),
      validatorsHash: hash(anchor.validatorsHash, `${at}.anchor.validatorsHash`),
    },
    servers: o.servers as string[],
    ...(att === undefined ? {} : { attestation: { threshold: att.threshold as number, attesters: att.attesters as string[] } }),
  };
  if (o.evmContract !== undefined) {
    if (typeof o.evmContract !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(o.evmContract))
      throw invalid(`${at}.evmContract`, 'expected 0x and 40 hex digits (a 20-byte address)');
    // fromHex reads either case: a checksummed (mixed-case) address is the same 20 bytes.
    e.evmContract = fromHex(o.evmContract.slice(2));
  }
  if (o.schema !== undefined) e.schema = schemaFromJson(o.schema, `${at}.schema`);
  return validateChainEntry(e, at);
}

function obj(v: unknown, at: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(at, 'expected an object');
  return v as Record<string, unknown>;
}

/** Read access to the registry's chains (AllianceAuthority answers it from the registry state). */
export interface ChainDirectory {
  /** The entry of `chainId` in force at `atMs`; undefined when not admitted then. */
  chainAt(chainId: string, atMs: number): ChainEntry | undefined;
  /** Every anchor the chain had from its admission until `atMs`, oldest first. */
  anchorsAt(chainId: string, atMs: number): ChainAnchor[];
}

/**
 * The hash suite of `chainId` as its registry entry in force at `atMs` names it: what its headers
 * and proofs are checked under. SHA-256 for a chain the directory does not list (or no directory).
 */
export function hashSuiteAt(dir: Pick<ChainDirectory, 'chainAt'> | undefined, chainId: string, atMs: number): HashSuite {
  return dir?.chainAt(chainId, atMs)?.hashSuite ?? 'sha256';
}
