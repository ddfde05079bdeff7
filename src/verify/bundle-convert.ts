/**
 * Conversions between the verification core's types (src/chain, src/proof) and the protobuf
 * messages a proof bundle is made of (proto/courtbridge/v1/types.proto), both ways. Pure.
 *
 * The wire -> core direction checks shape where bytes enter (STYLE.md 8) and throws
 * `VerificationError` naming the field; every cryptographic check stays in the core.
 * The adapter SDK, the conformance kit and the gateway use these same conversions.
 */
import type { Commit } from '../chain/commit.js';
import { headerHash, type Header } from '../chain/header.js';
import type { LightBlock, SignedHeader } from '../chain/signed-header.js';
import { newValidatorSet, type ValidatorSet } from '../chain/validator-set.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import { VerificationError, type Reason } from '../errors.js';
import type { SmtProof } from '../proof/smt-proof.js';
import type { MessageInput, MessageOutput } from '../wire/messages.js';

type Bytesish = Uint8Array | string | null | undefined;

function bytesOf(b: Bytesish, title: string, reason: Reason): Uint8Array {
  if (b instanceof Uint8Array) return b;
  throw new VerificationError(reason, `${title}: expected bytes`);
}

// ---- core -> wire ---------------------------------------------------------------------------

/** A core header as its protobuf message. */
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

/** A core signed header (header + commit) as its protobuf message. */
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

/** A core validator set as its protobuf message. */
export function validatorSetToWire(vs: ValidatorSet): MessageInput<'ValidatorSet'> {
  return { validators: vs.validators.map((v) => ({ did: v.did, publicKey: v.publicKey, power: v.power })) };
}

/** A core SMT proof as its protobuf message. */
export function proofToWire(p: SmtProof): MessageInput<'SmtProof'> {
  const out: MessageInput<'SmtProof'> = {
    kind: p.kind === 'member' ? 'PROOF_KIND_MEMBER' : 'PROOF_KIND_ABSENT',
    siblings: [...p.siblings],
  };
  if (p.leaf !== undefined) {
    out.leafKeyHash = p.leaf.keyHash;
    out.leafValueHash = p.leaf.valueHash;
  }
  return out;
}

/** References by light block and suite: an adapter answers every query of a height from the same block. */
const refs: Record<HashSuite, WeakMap<LightBlock, MessageInput<'HeaderRef'>>> = { sha256: new WeakMap(), sm3: new WeakMap() };

/**
 * Height and hash of a light block's header under the chain's hash suite (hashed once per block
 * object and suite; blocks are not mutated).
 */
export function headerRefOf(lb: LightBlock, suite: HashSuite = 'sha256'): MessageInput<'HeaderRef'> {
  const cache = refs[suite];
  let ref = cache.get(lb);
  if (ref === undefined) {
    const h = lb.signedHeader.header;
    ref = Object.freeze({ chainId: h.chainId, height: h.height, headerHash: headerHash(h, suite) });
    cache.set(lb, ref);
  }
  return ref;
}

// ---- wire -> core ---------------------------------------------------------------------------

/** @throws VerificationError `missing_header` | `malformed_header` */
export function headerFromWire(h: MessageOutput<'Header'> | null | undefined, title = 'header'): Header {
  if (h === null || h === undefined) throw new VerificationError('missing_header', `${title}: missing`);
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

/** @throws VerificationError `missing_header` | `missing_commit` | `malformed_header` | `malformed_commit` */
export function signedHeaderFromWire(sh: MessageOutput<'SignedHeader'> | null | undefined, title = 'signedHeader'): SignedHeader {
  if (sh === null || sh === undefined) throw new VerificationError('missing_header', `${title}: missing`);
  const c = sh.commit;
  if (c === null || c === undefined) throw new VerificationError('missing_commit', `${title}.commit: missing`);
  const commit: Commit = {
    height: c.height,
    headerHash: bytesOf(c.headerHash, `${title}.commit.headerHash`, 'malformed_commit'),
    signatures: c.signatures.map((s, i) => ({
      validatorDid: s.validatorDid,
      signature: bytesOf(s.signature, `${title}.commit.signatures[${i}]`, 'malformed_commit'),
    })),
  };
  return { header: headerFromWire(sh.header, `${title}.header`), commit };
}

/** Builds (and so validates: canonical order, no duplicates, power bounds) a validator set. */
export function validatorSetFromWire(vs: MessageOutput<'ValidatorSet'> | null | undefined, title = 'validatorSet'): ValidatorSet {
  if (vs === null || vs === undefined) throw new VerificationError('missing_validator_set', `${title}: missing`);
  try {
    return newValidatorSet(
      vs.validators.map((v, i) => ({
        did: v.did,
        publicKey: bytesOf(v.publicKey, `${title}.validators[${i}].publicKey`, 'malformed_validator_set'),
        power: v.power,
      })),
    );
  } catch (e) {
    if (e instanceof VerificationError) throw e;
    throw new VerificationError('malformed_validator_set', `${title}: ${(e as Error).message}`, { cause: e });
  }
}

/** @throws VerificationError `missing_proof` | `unspecified_proof_kind` | `malformed_proof` */
export function proofFromWire(p: MessageOutput<'SmtProof'> | null | undefined, title = 'proof'): SmtProof {
  if (p === null || p === undefined) throw new VerificationError('missing_proof', `${title}: missing`);
  const kind = p.kind === 'PROOF_KIND_MEMBER' ? 'member' : p.kind === 'PROOF_KIND_ABSENT' ? 'absent' : undefined;
  if (kind === undefined) throw new VerificationError('unspecified_proof_kind', `${title}.kind: expected MEMBER or ABSENT`);
  const out: SmtProof = { kind, siblings: p.siblings.map((s, i) => bytesOf(s, `${title}.siblings[${i}]`, 'malformed_proof')) };
  // Unset (a proof built in memory) or both empty (decoded: proto3 bytes have no absent state) is
  // no leaf; anything else is checked as a leaf, and a hash that is not bytes is refused.
  const leafHash = (b: Bytesish, field: string): Uint8Array =>
    b === undefined || b === null ? new Uint8Array(0) : bytesOf(b, `${title}.${field}`, 'malformed_proof');
  const k = leafHash(p.leafKeyHash, 'leaf_key_hash');
  const v = leafHash(p.leafValueHash, 'leaf_value_hash');
  if (k.length > 0 || v.length > 0) out.leaf = { keyHash: k, valueHash: v };
  return out;
}

/** A light block as a bundle's trace entry (TraceBlock). */
export function traceBlockToWire(lb: LightBlock): MessageInput<'TraceBlock'> {
  return { signedHeader: signedHeaderToWire(lb.signedHeader), validatorSet: validatorSetToWire(lb.validatorSet) };
}

/** A bundle's trace entry as a light block; `title` names it in errors (e.g. `trace[2]`). */
export function traceBlockFromWire(t: MessageOutput<'TraceBlock'>, title = 'trace'): LightBlock {
  return {
    signedHeader: signedHeaderFromWire(t.signedHeader, `${title}.signed_header`),
    validatorSet: validatorSetFromWire(t.validatorSet, `${title}.validator_set`),
  };
}
