/**
 * Conversions between the verification core's types (src/chain, src/proof) and their
 * protobuf wire messages (proto/courtbridge/v1/types.proto), both ways. The wire -> core
 * direction checks shape where the bytes enter (STYLE.md 8): a missing header, a proof kind of
 * UNSPECIFIED or a wrong-length hash is refused with INVALID_ARGUMENT naming the field; every
 * cryptographic check stays in the core (the light client, `verifyProof`).
 */
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { headerHash, type Header } from '../../src/chain/header.js';
import type { LightBlock, SignedHeader } from '../../src/chain/signed-header.js';
import { newValidatorSet, type ValidatorSet } from '../../src/chain/validator-set.js';
import type { SmtProof } from '../../src/proof/smt-proof.js';
import type { MessageInput, MessageOutput } from '../../src/wire/messages.js';

const bad = (reason: string, message: string): CourtbridgeError => new CourtbridgeError(ErrorCode.InvalidArgument, reason, message);

const bytesOf = (b: Uint8Array | string | null | undefined, title: string, reason: string): Uint8Array => {
  if (b instanceof Uint8Array) return Uint8Array.from(b);
  throw bad(reason, `${title}: expected bytes`);
};

// ---- core -> wire ---------------------------------------------------------------------------

export function headerToWire(h: Header): MessageInput<'Header'> {
  return {
    chainId: h.chainId,
    height: h.height,
    timeMs: h.timeMs,
    prevHash: h.prevHash,
    stateRoot: h.stateRoot,
    txRoot: h.txRoot,
    validatorsHash: h.validatorsHash,
    nextValidatorsHash: h.nextValidatorsHash,
    proposer: h.proposer,
  };
}

export function signedHeaderToWire(sh: SignedHeader): MessageInput<'SignedHeader'> {
  return {
    header: headerToWire(sh.header),
    commit: {
      height: sh.commit.height,
      headerHash: sh.commit.headerHash,
      signatures: sh.commit.signatures.map((s) => ({ validatorDid: s.validatorDid, signature: s.signature })),
    },
  };
}

export function validatorSetToWire(vs: ValidatorSet): MessageInput<'ValidatorSet'> {
  return { validators: vs.validators.map((v) => ({ did: v.did, publicKey: v.publicKey, power: v.power })) };
}

export function proofToWire(p: SmtProof): MessageInput<'SmtProof'> {
  const out: MessageInput<'SmtProof'> = { kind: p.kind === 'member' ? 'PROOF_KIND_MEMBER' : 'PROOF_KIND_ABSENT', siblings: p.siblings };
  if (p.leaf !== undefined) {
    out.leafKeyHash = p.leaf.keyHash;
    out.leafValueHash = p.leaf.valueHash;
  }
  return out;
}

/** Height and hash of a light block's header. */
export function headerRefOf(lb: LightBlock): MessageInput<'HeaderRef'> {
  const h = lb.signedHeader.header;
  return { chainId: h.chainId, height: h.height, headerHash: headerHash(h) };
}

// ---- wire -> core ---------------------------------------------------------------------------

export function headerFromWire(h: MessageOutput<'Header'> | null | undefined, title = 'header'): Header {
  if (h === null || h === undefined) throw bad('missing_header', `${title}: missing`);
  const r = 'malformed_header';
  return {
    chainId: h.chainId,
    height: h.height,
    timeMs: h.timeMs,
    prevHash: bytesOf(h.prevHash, `${title}.prevHash`, r),
    stateRoot: bytesOf(h.stateRoot, `${title}.stateRoot`, r),
    txRoot: bytesOf(h.txRoot, `${title}.txRoot`, r),
    validatorsHash: bytesOf(h.validatorsHash, `${title}.validatorsHash`, r),
    nextValidatorsHash: bytesOf(h.nextValidatorsHash, `${title}.nextValidatorsHash`, r),
    proposer: h.proposer,
  };
}

export function signedHeaderFromWire(sh: MessageOutput<'SignedHeader'> | null | undefined, title = 'signedHeader'): SignedHeader {
  if (sh === null || sh === undefined) throw bad('missing_header', `${title}: missing`);
  const c = sh.commit;
  if (c === null || c === undefined) throw bad('missing_commit', `${title}.commit: missing`);
  return {
    header: headerFromWire(sh.header, `${title}.header`),
    commit: {
      height: c.height,
      headerHash: bytesOf(c.headerHash, `${title}.commit.headerHash`, 'malformed_commit'),
      signatures: c.signatures.map((s, i) => ({ validatorDid: s.validatorDid, signature: bytesOf(s.signature, `${title}.commit.signatures[${i}]`, 'malformed_commit') })),
    },
  };
}

/** Builds (and so validates: canonical order, no duplicates, power bounds) a validator set. */
export function validatorSetFromWire(vs: MessageOutput<'ValidatorSet'> | null | undefined, title = 'validatorSet'): ValidatorSet {
  if (vs === null || vs === undefined) throw bad('missing_validator_set', `${title}: missing`);
  try {
    return newValidatorSet(vs.validators.map((v, i) => ({ did: v.did, publicKey: bytesOf(v.publicKey, `${title}.validators[${i}].publicKey`, 'malformed_validator_set'), power: v.power })));
  } catch (e) {
    if (e instanceof CourtbridgeError) throw e;
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'malformed_validator_set', `${title}: ${(e as Error).message}`, { cause: e });
  }
}

export function proofFromWire(p: MessageOutput<'SmtProof'> | null | undefined, title = 'proof'): SmtProof {
  if (p === null || p === undefined) throw bad('missing_proof', `${title}: missing`);
  const kind = p.kind === 'PROOF_KIND_MEMBER' ? 'member' : p.kind === 'PROOF_KIND_ABSENT' ? 'absent' : undefined;
  if (kind === undefined) throw bad('unspecified_proof_kind', `${title}.kind: expected MEMBER or ABSENT`);
  const out: SmtProof = { kind, siblings: p.siblings.map((s, i) => bytesOf(s, `${title}.siblings[${i}]`, 'malformed_proof')) };
  const k = p.leafKeyHash;
  const v = p.leafValueHash;
  if (k instanceof Uint8Array && v instanceof Uint8Array && (k.length > 0 || v.length > 0)) out.leaf = { keyHash: Uint8Array.from(k), valueHash: Uint8Array.from(v) };
  return out;
}
