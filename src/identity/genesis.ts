/**
 * The alliance registry's genesis: the first admins and members, as a JSON file whose SHA-256
 * (of the exact file bytes, not of a re-serialisation) every node pins (DESIGN.md "Identity").
 *
 * File shape:
 * ```json
 * { "allianceId": "courtbridge-dev", "quorum": 2, "members": [
 *   { "did": "did:alliance:court-a", "org": "Court A", "roles": ["admin", "court"], "chains": [],
 *     "keys": [{ "kid": "#key-1", "publicKeyHex": "02…", "validFromMs": 0 }] } ],
 *   "chains": [ { "chainId": "property", "kind": "bft-smt", "displayName": "…",
 *     "anchor": { "height": 1, "headerHash": "<hex>", "validatorsHash": "<hex>" },
 *     "servers": ["did:alliance:property-adapter"] } ] }
 * ```
 */
import { CourtbridgeError, ErrorCode } from '../errors.js';
import { equalBytes, fromHex, fromUtf8, toHex } from '../encoding/bytes.js';
import { sha256 } from '../crypto/hash.js';
import { isValidPublicKey } from '../crypto/signature-suite.js';
import { Roles, type Role } from './authority.js';
import { isAllianceDid, keyIndexOf } from './did-url.js';
import { chainEntryFromJson, type ChainEntry } from './chain-entry.js';

export interface GenesisKey {
  /** `#key-N`, numbered from 1 without gaps. */
  kid: string;
  publicKeyHex: string;
  validFromMs: number;
}

export interface GenesisMember {
  did: string;
  org: string;
  roles: Role[];
  chains: string[];
  keys: GenesisKey[];
}

export interface Genesis {
  allianceId: string;
  /** Approvals (distinct active admins) every registry update needs. */
  quorum: number;
  members: GenesisMember[];
  /** Chains admitted from the start (JSON form of chain-entry.ts; optional, later ones come by registry update). */
  chains?: ChainEntry[];
}

/** A genesis checked and pinned: the parsed content and the hash of the exact bytes. */
export interface LoadedGenesis {
  genesis: Genesis;
  /** sha256(file bytes): the state hash before the first update. */
  hash: Uint8Array;
}

const CHAIN_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;

const invalid = (message: string): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_genesis', `genesis: ${message}`);

/**
 * Check `bytes` against the pinned hash, then parse and validate them.
 * @throws CourtbridgeError `genesis_hash_mismatch` (FAILED_PRECONDITION) when the file is not the pinned one,
 *   `invalid_genesis` when its content breaks a rule.
 */
export function loadGenesis(bytes: Uint8Array, pinnedHashHex: string): LoadedGenesis {
  const hash = sha256(bytes);
  const pinned = fromHex(pinnedHashHex, 'pinnedHashHex');
  if (pinned.length !== 32 || !equalBytes(hash, pinned)) {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'genesis_hash_mismatch',
      `genesis: file hash ${toHex(hash)} does not match the pinned hash ${pinnedHashHex}; refusing to start with another alliance's registry`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(bytes));
  } catch (e) {
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_genesis', 'genesis: not valid UTF-8 JSON', { cause: e });
  }
  return { genesis: validateGenesis(json), hash };
}

/** The hash to pin for a genesis file (hex). */
export function genesisHashHex(bytes: Uint8Array): string {
  return toHex(sha256(bytes));
}

/** Validate an untrusted genesis object field by field, naming the field that is wrong. */
export function validateGenesis(json: unknown): Genesis {
  if (!isObject(json)) throw invalid('expected an object');
  const { allianceId, quorum, members, chains } = json;
  if (typeof allianceId !== 'string' || !CHAIN_RE.test(allianceId)) throw invalid('allianceId: expected [a-z0-9-]{1,63}');
  if (!Array.isArray(members) || members.length === 0) throw invalid('members: expected a non-empty array');
  const seen = new Set<string>();
  const out: GenesisMember[] = members.map((m, i) => {
    const member = validateMember(m, `members[${i}]`);
    if (seen.has(member.did)) throw invalid(`members[${i}].did: duplicate ${member.did}`);
    seen.add(member.did);
    return member;
  });
  const admins = out.filter((m) => m.roles.includes('admin')).length;
  if (typeof quorum !== 'number' || !Number.isSafeInteger(quorum) || quorum < 1 || quorum > admins) {
    throw invalid(`quorum: expected an integer in 1..${admins} (the number of admins)`);
  }
  if (chains === undefined) return { allianceId, quorum, members: out };
  if (!Array.isArray(chains)) throw invalid('chains: expected an array of chain entries');
  const entries = chains.map((c, i) => {
    try {
      return chainEntryFromJson(c, `chains[${i}]`);
    } catch (e) {
      throw invalid((e as Error).message);
    }
  });
  if (new Set(entries.map((e) => e.chainId)).size !== entries.length) throw invalid('chains: duplicate chainId');
  return { allianceId, quorum, members: out, chains: entries };
}

function validateMember(m: unknown, at: string): GenesisMember {
  if (!isObject(m)) throw invalid(`${at}: expected an object`);
  const { did, org, roles, chains, keys } = m;
  if (!isAllianceDid(did)) throw invalid(`${at}.did: expected did:alliance:<org>`);
  if (typeof org !== 'string' || org.length === 0 || org.length > 200) throw invalid(`${at}.org: expected a name`);
  const r = validateRoles(roles, `${at}.roles`);
  const c = validateChains(chains, `${at}.chains`);
  if (!Array.isArray(keys) || keys.length === 0) throw invalid(`${at}.keys: expected a non-empty array`);
  const k = keys.map((key, j): GenesisKey => {
    const where = `${at}.keys[${j}]`;
    if (!isObject(key)) throw invalid(`${where}: expected an object`);
    if (key.kid !== `#key-${j + 1}` || keyIndexOf(key.kid) !== j + 1) throw invalid(`${where}.kid: expected #key-${j + 1}`);
    if (
      typeof key.publicKeyHex !== 'string' ||
      !/^([0-9a-f]{66}|8624[0-9a-f]{66})$/.test(key.publicKeyHex) ||
      !isValidPublicKey(fromHex(key.publicKeyHex))
    ) {
      throw invalid(`${where}.publicKeyHex: expected a secp256k1 key (33 bytes) or an SM2 key (8624 + 33 bytes), lower-case hex`);
    }
    if (typeof key.validFromMs !== 'number' || !Number.isSafeInteger(key.validFromMs) || key.validFromMs < 0) {
      throw invalid(`${where}.validFromMs: expected a non-negative integer`);
    }
    return { kid: key.kid, publicKeyHex: key.publicKeyHex, validFromMs: key.validFromMs };
  });
  return { did, org, roles: r, chains: c, keys: k };
}

/** Roles: known, distinct. Throws `invalid` naming `at`. */
export function validateRoles(roles: unknown, at: string): Role[] {
  if (!Array.isArray(roles) || roles.length === 0) throw invalid(`${at}: expected a non-empty array`);
  for (const r of roles) if (!(Roles as readonly string[]).includes(r as string)) throw invalid(`${at}: unknown role ${String(r)}`);
  if (new Set(roles).size !== roles.length) throw invalid(`${at}: duplicate role`);
  return roles as Role[];
}

/** Chains: names `[a-z0-9-]`, distinct. */
export function validateChains(chains: unknown, at: string): string[] {
  if (!Array.isArray(chains)) throw invalid(`${at}: expected an array`);
  for (const c of chains) if (typeof c !== 'string' || !CHAIN_RE.test(c)) throw invalid(`${at}: bad chain name ${String(c)}`);
  if (new Set(chains).size !== chains.length) throw invalid(`${at}: duplicate chain`);
  return chains as string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
