/**
 * The signed registry update on its own: every op field is in the sign bytes (so an approval of
 * one op cannot be replayed for another), and the JSON decoder refuses a forged update naming
 * the field that is wrong.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { signingInput, SignTag } from '../../src/crypto/hash.js';
import { verify } from '../../src/crypto/secp256k1.js';
import { ByteWriter, toHex } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { chainEntryToJson } from '../../src/identity/chain-entry.js';
import {
  approveRegistryUpdate,
  opSubject,
  registryUpdateDigest,
  registryUpdateFromJson,
  registryUpdateSignBytes,
  registryUpdateToJson,
  type RegistryOp,
  type RegistryUpdateBody,
} from '../../src/identity/registry-update.js';
import { pk, signers, T0 } from './fixture.js';

const load = (name: string): { update: unknown } =>
  JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8')) as { update: unknown };
const admitVector = registryUpdateFromJson(load('registry-admit-chain.json').update);
if (admitVector.op.kind !== 'admit_chain') throw new Error('registry-admit-chain.json: expected an admit_chain op');
const entry = admitVector.op.chain;

const ops: Record<RegistryOp['kind'], RegistryOp> = {
  register_member: {
    kind: 'register_member',
    did: 'did:alliance:court-b',
    org: 'Org court-b',
    roles: ['court'],
    chains: ['ip'],
    keys: [
      { kid: '#key-1', publicKey: pk(7) },
      { kid: '#key-2', publicKey: pk(8) },
    ],
  },
  rotate_key: { kind: 'rotate_key', did: 'did:alliance:court-a', newKid: '#key-2', newPublicKey: pk(9) },
  revoke_member: { kind: 'revoke_member', did: 'did:alliance:court-a' },
  change_grants: { kind: 'change_grants', did: 'did:alliance:court-a', roles: ['court', 'gateway'], chains: ['ip'] },
  admit_chain: { kind: 'admit_chain', chain: entry },
  update_chain: { kind: 'update_chain', chain: entry },
  remove_chain: { kind: 'remove_chain', chainId: 'ip' },
};
const opCode: Record<RegistryOp['kind'], number> = {
  register_member: 1,
  rotate_key: 2,
  revoke_member: 3,
  change_grants: 4,
  admit_chain: 5,
  update_chain: 6,
  remove_chain: 7,
};

const bodyOf = (op: RegistryOp): RegistryUpdateBody => ({
  allianceId: 'courtbridge-test',
  sequence: 3,
  prevStateHash: new Uint8Array(32).fill(0xab),
  updateId: 'u-3',
  effectiveAtMs: T0 + 60_000,
  op,
});

/** Does `admin`'s approval of `signed` verify as an approval of `other`? */
const approvalCarriesOver = (signed: RegistryUpdateBody, other: RegistryUpdateBody): boolean => {
  const admin = signers['admin-a'];
  const a = approveRegistryUpdate(signed, admin);
  return verify(a.signature, signingInput(SignTag.RegistryUpdate, registryUpdateSignBytes(other)), admin.publicKey);
};

describe('registry update sign bytes', () => {
  it('carry the op byte of the spec for every op kind, after the fixed header', async () => {
    // The op-code table is built at load: the module is evaluated inside the test.
    vi.resetModules();
    const { registryUpdateSignBytes } = await import('../../src/identity/registry-update.js');
    const b = bodyOf(ops.remove_chain);
    const header = new ByteWriter()
      .string(b.allianceId)
      .u64(b.sequence)
      .fixed(b.prevStateHash, 32)
      .string(b.updateId)
      .u64(b.effectiveAtMs)
      .finish();
    for (const [kind, op] of Object.entries(ops)) {
      const bytes = registryUpdateSignBytes(bodyOf(op));
      expect(toHex(bytes.subarray(0, header.length)), kind).toBe(toHex(header));
      expect(bytes[header.length], kind).toBe(opCode[kind as RegistryOp['kind']]);
    }
  });

  it('differ for every op and every op field, so one approval cannot be replayed for another op', () => {
    const variants: RegistryOp[] = [
      ...Object.values(ops),
      { ...ops.register_member, did: 'did:alliance:court-c' } as RegistryOp,
      { ...ops.register_member, org: 'Org court-c' } as RegistryOp,
      { ...ops.register_member, roles: ['admin'] } as RegistryOp,
      { ...ops.register_member, chains: [] } as RegistryOp,
      { ...ops.register_member, keys: [{ kid: '#key-1', publicKey: pk(7) }] } as RegistryOp,
      {
        ...ops.register_member,
        keys: [
          { kid: '#key-9', publicKey: pk(7) },
          { kid: '#key-2', publicKey: pk(8) },
        ],
      } as RegistryOp,
      {
        ...ops.register_member,
        keys: [
          { kid: '#key-1', publicKey: pk(1) },
          { kid: '#key-2', publicKey: pk(8) },
        ],
      } as RegistryOp,
      { ...ops.rotate_key, did: 'did:alliance:gateway' } as RegistryOp,
      { ...ops.rotate_key, newKid: '#key-3' } as RegistryOp,
      { ...ops.rotate_key, newPublicKey: pk(1) } as RegistryOp,
      { ...ops.revoke_member, did: 'did:alliance:gateway' } as RegistryOp,
      { ...ops.change_grants, did: 'did:alliance:gateway' } as RegistryOp,
      { ...ops.change_grants, roles: ['court'] } as RegistryOp,
      { ...ops.change_grants, chains: ['ip', 'ledger'] } as RegistryOp,
      { kind: 'admit_chain', chain: { ...entry, chainId: 'ledger' } },
      { kind: 'update_chain', chain: { ...entry, anchor: { ...entry.anchor, height: entry.anchor.height + 1 } } },
      { kind: 'remove_chain', chainId: 'ledger' },
    ];
    const hexes = variants.map((op) => toHex(registryUpdateSignBytes(bodyOf(op))));
    expect(new Set(hexes).size).toBe(variants.length);
    // Real signatures: admitting a chain does not approve re-anchoring it, nor a rotation a registration.
    expect(approvalCarriesOver(bodyOf(ops.admit_chain), bodyOf(ops.admit_chain))).toBe(true);
    expect(approvalCarriesOver(bodyOf(ops.admit_chain), bodyOf(ops.update_chain))).toBe(false);
    expect(approvalCarriesOver(bodyOf(ops.rotate_key), bodyOf({ ...ops.rotate_key, newPublicKey: pk(1) } as RegistryOp))).toBe(false);
    expect(approvalCarriesOver(bodyOf(ops.revoke_member), bodyOf(ops.remove_chain))).toBe(false);
    expect(toHex(registryUpdateDigest(bodyOf(ops.admit_chain)))).not.toBe(toHex(registryUpdateDigest(bodyOf(ops.update_chain))));
  });

  it('refuse a previous state hash of the wrong length, naming prevStateHash', () => {
    expect(() => registryUpdateSignBytes({ ...bodyOf(ops.revoke_member), prevStateHash: new Uint8Array(31) })).toThrow(/^prevStateHash: /);
  });

  it('refuse a rotated key of the wrong length, naming newPublicKey', () => {
    const op: RegistryOp = { ...ops.rotate_key, newPublicKey: new Uint8Array(32).fill(2) } as RegistryOp;
    expect(() => registryUpdateSignBytes(bodyOf(op))).toThrow(/^newPublicKey: /);
  });
});

describe('opSubject', () => {
  it('names the member DID or the chain', () => {
    expect(opSubject(ops.rotate_key)).toBe('did:alliance:court-a');
    expect(opSubject(ops.register_member)).toBe('did:alliance:court-b');
    expect(opSubject(ops.admit_chain)).toBe(`chain:${entry.chainId}`);
    expect(opSubject({ kind: 'update_chain', chain: { ...entry, chainId: 'ledger' } })).toBe('chain:ledger');
    expect(opSubject({ kind: 'remove_chain', chainId: 'other' })).toBe('chain:other');
  });
});

describe('registry update JSON', () => {
  const approvals = [
    approveRegistryUpdate(bodyOf(ops.rotate_key), signers['admin-a']),
    approveRegistryUpdate(bodyOf(ops.rotate_key), signers['admin-b']),
  ];
  const jsonOf = (op: RegistryOp): Record<string, unknown> =>
    JSON.parse(JSON.stringify(registryUpdateToJson({ ...bodyOf(op), approvals }))) as Record<string, unknown>;

  it('round-trips every op kind, chain entries in their JSON form', () => {
    for (const op of Object.values(ops)) {
      const json = jsonOf(op);
      const back = registryUpdateFromJson(json);
      expect(back, op.kind).toEqual({ ...bodyOf(op), approvals });
      expect(registryUpdateToJson(back), op.kind).toEqual(json);
      if (op.kind === 'admit_chain' || op.kind === 'update_chain') {
        expect(json.op, op.kind).toEqual({ kind: op.kind, chain: JSON.parse(JSON.stringify(chainEntryToJson(entry))) });
      }
    }
  });

  it('accepts zero where an integer is expected', () => {
    const u = registryUpdateFromJson({ ...jsonOf(ops.revoke_member), sequence: 0, effectiveAtMs: 0 });
    expect([u.sequence, u.effectiveAtMs]).toEqual([0, 0]);
  });

  /** The update JSON of `kind` with the field at `path` (dot-separated) set to `to(old)`; undefined is a missing field. */
  const edit = (kind: RegistryOp['kind'], path: string, to: (old: unknown) => unknown) => (): unknown => {
    const j = jsonOf(ops[kind]);
    const keys = path.split('.');
    let o = j;
    for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
    const last = keys[keys.length - 1]!;
    o[last] = to(o[last]);
    return j;
  };
  const set = (v: unknown) => (): unknown => v;
  // What an attacker would send: each row is one forged field and the message naming it.
  const forgeries: Array<[string, () => unknown, string]> = [
    ['update is null', () => null, 'update: expected an object'],
    ['update is a string', () => 'update', 'update: expected an object'],
    ['update is an array', () => [jsonOf(ops.revoke_member)], 'update: expected an object'],
    ['op is a number', edit('revoke_member', 'op', set(5)), 'op: expected an object'],
    ['op is null', edit('revoke_member', 'op', set(null)), 'op: expected an object'],
    ['op is an array', edit('revoke_member', 'op', (old) => [old]), 'op: expected an object'],
    ['op of an unknown kind', edit('revoke_member', 'op.kind', set('grant_everything')), 'op.kind: unknown grant_everything'],
    ['op without a kind', edit('revoke_member', 'op.kind', set(undefined)), 'op.kind: unknown undefined'],
    ['op.did a number', edit('revoke_member', 'op.did', set(7)), 'op.did: expected a string'],
    ['rotate op.did missing', edit('rotate_key', 'op.did', set(undefined)), 'op.did: expected a string'],
    ['op.newKid null', edit('rotate_key', 'op.newKid', set(null)), 'op.newKid: expected a string'],
    [
      'op.newPublicKey bytes as an array',
      edit('rotate_key', 'op.newPublicKey', set(Array.from(pk(9)))),
      'op.newPublicKey: expected a string',
    ],
    ['op.chainId a number', edit('remove_chain', 'op.chainId', set(1)), 'op.chainId: expected a string'],
    ['op.org an object', edit('register_member', 'op.org', set({})), 'op.org: expected a string'],
    ['op.roles a string', edit('register_member', 'op.roles', set('admin')), 'op.roles: expected an array'],
    ['op.roles with a number', edit('register_member', 'op.roles', set(['court', 5])), 'op.roles[1]: expected a string'],
    ['op.chains an object', edit('register_member', 'op.chains', set({ 0: 'ip' })), 'op.chains: expected an array'],
    ['op.keys null', edit('register_member', 'op.keys', set(null)), 'op.keys: expected an array'],
    ['op.keys[1] null', edit('register_member', 'op.keys.1', set(null)), 'op.keys[1]: expected an object'],
    ['op.keys[0] a string', edit('register_member', 'op.keys.0', set('key')), 'op.keys[0]: expected an object'],
    ['op.keys[1].kid a number', edit('register_member', 'op.keys.1.kid', set(3)), 'op.keys[1].kid: expected a string'],
    ['op.keys[1].publicKey false', edit('register_member', 'op.keys.1.publicKey', set(false)), 'op.keys[1].publicKey: expected a string'],
    [
      'op.keys[1].publicKey not hex',
      edit('register_member', 'op.keys.1.publicKey', set('zz'.repeat(33))),
      'op.keys[1].publicKey: expected an even-length hex string',
    ],
    [
      'op.newPublicKey not hex',
      edit('rotate_key', 'op.newPublicKey', set('zz'.repeat(33))),
      'op.newPublicKey: expected an even-length hex string',
    ],
    ['grants op.roles missing', edit('change_grants', 'op.roles', set(undefined)), 'op.roles: expected an array'],
    ['grants op.chains a string', edit('change_grants', 'op.chains', set('ip')), 'op.chains: expected an array'],
    ['grants op.chains with null', edit('change_grants', 'op.chains', set(['ip', null])), 'op.chains[1]: expected a string'],
    ['allianceId a number', edit('revoke_member', 'allianceId', set(1)), 'allianceId: expected a string'],
    ['sequence a string', edit('revoke_member', 'sequence', set('3')), 'sequence: expected a non-negative integer'],
    ['sequence a fraction', edit('revoke_member', 'sequence', set(2.5)), 'sequence: expected a non-negative integer'],
    ['sequence negative', edit('revoke_member', 'sequence', set(-1)), 'sequence: expected a non-negative integer'],
    ['sequence past 2^53', edit('revoke_member', 'sequence', set(2 ** 53)), 'sequence: expected a non-negative integer'],
    ['prevStateHash bytes as an array', edit('revoke_member', 'prevStateHash', set([1, 2])), 'prevStateHash: expected a string'],
    [
      'prevStateHash not hex',
      edit('revoke_member', 'prevStateHash', set('zz'.repeat(32))),
      'prevStateHash: expected an even-length hex string',
    ],
    ['updateId null', edit('revoke_member', 'updateId', set(null)), 'updateId: expected a string'],
    ['effectiveAtMs a fraction', edit('revoke_member', 'effectiveAtMs', set(1.5)), 'effectiveAtMs: expected a non-negative integer'],
    ['effectiveAtMs a string', edit('revoke_member', 'effectiveAtMs', set('0')), 'effectiveAtMs: expected a non-negative integer'],
    ['approvals a string', edit('revoke_member', 'approvals', set('admin-a')), 'approvals: expected an array'],
    ['approvals missing', edit('revoke_member', 'approvals', set(undefined)), 'approvals: expected an array'],
    ['approvals[1] null', edit('revoke_member', 'approvals.1', set(null)), 'approvals[1]: expected an object'],
    ['approvals[0] an array', edit('revoke_member', 'approvals.0', (old) => [old]), 'approvals[0]: expected an object'],
    ['approvals[1].adminDid a number', edit('revoke_member', 'approvals.1.adminDid', set(1)), 'approvals[1].adminDid: expected a string'],
    ['approvals[1].kid missing', edit('revoke_member', 'approvals.1.kid', set(undefined)), 'approvals[1].kid: expected a string'],
    [
      'approvals[1].signature not bytes',
      edit('revoke_member', 'approvals.1.signature', set(42)),
      'approvals[1].signature: expected a string',
    ],
    [
      'approvals[1].signature base64, not hex',
      edit('revoke_member', 'approvals.1.signature', set(Buffer.from(approvals[1]!.signature).toString('base64'))),
      'approvals[1].signature: expected an even-length hex string',
    ],
  ];

  it.each(forgeries)('refuses a forged update (%s), naming the field', (_name, forge, message) => {
    let caught: unknown;
    try {
      registryUpdateFromJson(forge());
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CourtbridgeError);
    const e = caught as CourtbridgeError;
    expect([e.code, e.reason, e.message]).toEqual([ErrorCode.InvalidArgument, 'invalid_update', `registry update: ${message}`]);
    // The decoder's own TypeError is kept as the cause, for logs.
    expect(e.cause).toBeInstanceOf(TypeError);
    expect((e.cause as Error).message).toBe(message);
  });

  it('refuses the same way from a module loaded afresh (its refusal helper is made at load)', async () => {
    vi.resetModules();
    const fresh = await import('../../src/identity/registry-update.js');
    const [, forge, message] = forgeries[0]!;
    let caught: unknown;
    try {
      fresh.registryUpdateFromJson(forge());
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: ErrorCode.InvalidArgument, reason: 'invalid_update', message: `registry update: ${message}` });
  });

  it('passes a chain entry error through, naming op.chain', () => {
    for (const kind of ['admit_chain', 'update_chain'] as const) {
      expect(() => registryUpdateFromJson(edit(kind, 'op.chain', set('ip'))()), kind).toThrow(
        /^chain entry op\.chain: expected an object$/,
      );
    }
  });
});
