/**
 * A signed change to the alliance registry and its exact sign bytes (DESIGN.md "Identity":
 * keys rotate and DIDs are revoked by registry transactions signed by a quorum of admins).
 *
 * Sign bytes (fixed layout of src/encoding/bytes.ts, fields in this order, no maps; the reference
 * for other implementations is docs/spec/registry.md; the op byte is not the proto enum number):
 * ```
 *   string  allianceId
 *   u64     sequence          (1 for the first update after genesis)
 *   fixed32 prevStateHash     (the registry state hash the update applies to)
 *   string  updateId          (unique; an update applies exactly once)
 *   u64     effectiveAtMs     (when it takes effect: rotation/revocation time)
 *   u8      op kind           1 register_member, 2 rotate_key, 3 revoke_member, 4 change_grants,
 *                             5 admit_chain, 6 update_chain, 7 remove_chain
 *   op fields:
 *     register_member: string did, string org, roles, chains, u32 n, n × (string kid, publicKey)
 *     rotate_key:      string did, string newKid, newPublicKey
 *     revoke_member:   string did
 *     change_grants:   string did, roles, chains
 *     admit_chain:     the chain entry (chain-entry.ts)
 *     update_chain:    the chain entry (replaces the one in force; a new anchor re-anchors the chain)
 *     remove_chain:    string chainId
 *   roles / chains: u32 count, then each as string, in the order given
 *   publicKey: 33 bytes (secp256k1) or 35 bytes (SM2, 0x86 0x24 || point), src/crypto/signature-suite.ts
 * ```
 * Each approval is `sign(signingInput(SignTag.RegistryUpdate, signBytes))` by an admin key.
 */
import { writePublicKey } from '../crypto/signature-suite.js';
import { ByteWriter, fromHex, toHex } from '../encoding/bytes.js';
import { sha256, signingInput, SignTag } from '../crypto/hash.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import type { Role } from './authority.js';
import type { Signer } from './signer.js';
import { chainEntryFromJson, chainEntryToJson, writeChainEntry, type ChainEntry } from './chain-entry.js';

export type RegistryOp =
  | {
      kind: 'register_member';
      did: string;
      org: string;
      roles: Role[];
      chains: string[];
      keys: Array<{ kid: string; publicKey: Uint8Array }>;
    }
  | { kind: 'rotate_key'; did: string; newKid: string; newPublicKey: Uint8Array }
  | { kind: 'revoke_member'; did: string }
  | { kind: 'change_grants'; did: string; roles: Role[]; chains: string[] }
  | { kind: 'admit_chain'; chain: ChainEntry }
  | { kind: 'update_chain'; chain: ChainEntry }
  | { kind: 'remove_chain'; chainId: string };

/** Operations on a member (they name its DID). */
export type MemberOp = Extract<RegistryOp, { did: string }>;
/** Operations on a chain entry. */
export type ChainOp = Exclude<RegistryOp, MemberOp>;

export function isChainOp(op: RegistryOp): op is ChainOp {
  return op.kind === 'admit_chain' || op.kind === 'update_chain' || op.kind === 'remove_chain';
}

/** What an operation concerns, for logs: the member's DID or `chain:<id>`. */
export function opSubject(op: RegistryOp): string {
  if (!isChainOp(op)) return op.did;
  return `chain:${op.kind === 'remove_chain' ? op.chainId : op.chain.chainId}`;
}

export type RegistryOpKind = RegistryOp['kind'];

const OP_CODE: Record<RegistryOpKind, number> = {
  register_member: 1,
  rotate_key: 2,
  revoke_member: 3,
  change_grants: 4,
  admit_chain: 5,
  update_chain: 6,
  remove_chain: 7,
};

/** One admin's signature over the update's signing input. */
export interface Approval {
  adminDid: string;
  /** Full DID URL of the admin key, e.g. `did:alliance:court-a#key-1`. */
  kid: string;
  signature: Uint8Array;
}

/** The signed body of an update (what approvals sign). */
export interface RegistryUpdateBody {
  allianceId: string;
  sequence: number;
  prevStateHash: Uint8Array;
  updateId: string;
  effectiveAtMs: number;
  op: RegistryOp;
}

export interface RegistryUpdate extends RegistryUpdateBody {
  approvals: Approval[];
}

/** The exact bytes approvals sign (layout in the file header). */
export function registryUpdateSignBytes(body: RegistryUpdateBody): Uint8Array {
  const w = new ByteWriter()
    .string(body.allianceId)
    .u64(body.sequence)
    .fixed(body.prevStateHash, 32, 'prevStateHash')
    .string(body.updateId)
    .u64(body.effectiveAtMs)
    .u8(OP_CODE[body.op.kind]);
  const list = (xs: readonly string[]): void => {
    w.u32(xs.length);
    for (const x of xs) w.string(x);
  };
  const op = body.op;
  switch (op.kind) {
    case 'register_member':
      w.string(op.did).string(op.org);
      list(op.roles);
      list(op.chains);
      w.u32(op.keys.length);
      for (const k of op.keys) writePublicKey(w.string(k.kid), k.publicKey);
      break;
    case 'rotate_key':
      writePublicKey(w.string(op.did).string(op.newKid), op.newPublicKey, 'newPublicKey');
      break;
    case 'revoke_member':
      w.string(op.did);
      break;
    case 'change_grants':
      w.string(op.did);
      list(op.roles);
      list(op.chains);
      break;
    case 'admit_chain':
    case 'update_chain':
      writeChainEntry(w, op.chain);
      break;
    case 'remove_chain':
      w.string(op.chainId);
      break;
  }
  return w.finish();
}

/** sha256 of the sign bytes: names the update in the state-hash chain and in evidence. */
export function registryUpdateDigest(body: RegistryUpdateBody): Uint8Array {
  return sha256(registryUpdateSignBytes(body));
}

/** An admin's approval of `body`. */
export function approveRegistryUpdate(body: RegistryUpdateBody, admin: Signer): Approval {
  return {
    adminDid: admin.did,
    kid: admin.kid,
    signature: admin.sign(signingInput(SignTag.RegistryUpdate, registryUpdateSignBytes(body))),
  };
}

// ---- JSON form (stores, wire): hex for bytes, same field names ----

export interface RegistryUpdateJson {
  allianceId: string;
  sequence: number;
  prevStateHash: string;
  updateId: string;
  effectiveAtMs: number;
  op: Record<string, unknown>;
  approvals: Array<{ adminDid: string; kid: string; signature: string }>;
}

export function registryUpdateToJson(u: RegistryUpdate): RegistryUpdateJson {
  const op = u.op;
  let opJson: Record<string, unknown>;
  switch (op.kind) {
    case 'register_member':
      opJson = { ...op, keys: op.keys.map((k) => ({ kid: k.kid, publicKey: toHex(k.publicKey) })) };
      break;
    case 'rotate_key':
      opJson = { ...op, newPublicKey: toHex(op.newPublicKey) };
      break;
    case 'admit_chain':
    case 'update_chain':
      opJson = { kind: op.kind, chain: chainEntryToJson(op.chain) };
      break;
    default:
      opJson = { ...op };
  }
  return {
    allianceId: u.allianceId,
    sequence: u.sequence,
    prevStateHash: toHex(u.prevStateHash),
    updateId: u.updateId,
    effectiveAtMs: u.effectiveAtMs,
    op: opJson,
    approvals: u.approvals.map((a) => ({ adminDid: a.adminDid, kid: a.kid, signature: toHex(a.signature) })),
  };
}

const bad = (message: string, cause?: unknown): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_update', `registry update: ${message}`, { cause });

/** Parse an untrusted JSON update, checking every field's type and naming the one that is wrong. */
export function registryUpdateFromJson(json: unknown): RegistryUpdate {
  try {
    const o = obj(json, 'update');
    const op = obj(o.op, 'op');
    let parsed: RegistryOp;
    const did = (): string => str(op.did, 'op.did');
    switch (op.kind) {
      case 'admit_chain':
      case 'update_chain':
        parsed = { kind: op.kind, chain: chainEntryFromJson(op.chain, 'op.chain') };
        break;
      case 'remove_chain':
        parsed = { kind: 'remove_chain', chainId: str(op.chainId, 'op.chainId') };
        break;
      case 'register_member':
        parsed = {
          kind: 'register_member',
          did: did(),
          org: str(op.org, 'op.org'),
          roles: strs(op.roles, 'op.roles') as Role[],
          chains: strs(op.chains, 'op.chains'),
          keys: arr(op.keys, 'op.keys').map((k, i) => {
            const ko = obj(k, `op.keys[${i}]`);
            return {
              kid: str(ko.kid, `op.keys[${i}].kid`),
              publicKey: fromHex(str(ko.publicKey, `op.keys[${i}].publicKey`), `op.keys[${i}].publicKey`),
            };
          }),
        };
        break;
      case 'rotate_key':
        parsed = {
          kind: 'rotate_key',
          did: did(),
          newKid: str(op.newKid, 'op.newKid'),
          newPublicKey: fromHex(str(op.newPublicKey, 'op.newPublicKey'), 'op.newPublicKey'),
        };
        break;
      case 'revoke_member':
        parsed = { kind: 'revoke_member', did: did() };
        break;
      case 'change_grants':
        parsed = { kind: 'change_grants', did: did(), roles: strs(op.roles, 'op.roles') as Role[], chains: strs(op.chains, 'op.chains') };
        break;
      default:
        throw new TypeError(`op.kind: unknown ${String(op.kind)}`);
    }
    return {
      allianceId: str(o.allianceId, 'allianceId'),
      sequence: int(o.sequence, 'sequence'),
      prevStateHash: fromHex(str(o.prevStateHash, 'prevStateHash'), 'prevStateHash'),
      updateId: str(o.updateId, 'updateId'),
      effectiveAtMs: int(o.effectiveAtMs, 'effectiveAtMs'),
      op: parsed,
      approvals: arr(o.approvals, 'approvals').map((a, i) => {
        const ao = obj(a, `approvals[${i}]`);
        return {
          adminDid: str(ao.adminDid, `approvals[${i}].adminDid`),
          kid: str(ao.kid, `approvals[${i}].kid`),
          signature: fromHex(str(ao.signature, `approvals[${i}].signature`), `approvals[${i}].signature`),
        };
      }),
    };
  } catch (e) {
    if (e instanceof CourtbridgeError) throw e;
    throw bad(e instanceof Error ? e.message : String(e), e);
  }
}

function obj(v: unknown, at: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TypeError(`${at}: expected an object`);
  return v as Record<string, unknown>;
}
function arr(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) throw new TypeError(`${at}: expected an array`);
  return v;
}
function str(v: unknown, at: string): string {
  if (typeof v !== 'string') throw new TypeError(`${at}: expected a string`);
  return v;
}
function strs(v: unknown, at: string): string[] {
  return arr(v, at).map((x, i) => str(x, `${at}[${i}]`));
}
function int(v: unknown, at: string): number {
  if (!Number.isSafeInteger(v) || (v as number) < 0) throw new TypeError(`${at}: expected a non-negative integer`);
  return v as number;
}
