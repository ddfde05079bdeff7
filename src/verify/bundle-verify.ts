/**
 * The offline bundle verifier (DESIGN.md "Who uses it": parties verify a proof bundle
 * themselves; "Verify": re-verify from bytes alone and say exactly what holds).
 * Pure: bytes in, list of named checks out; no I/O, no clock (`atMs` is given). The gateway's
 * VerificationService, the CLI `courtbridge verify` and the web page all run this.
 *
 * Checks, in order (each `passed`, `failed` with a snake_case reason, or `skipped`):
 *   bundle_shape         every part decodes (signed header, validator set, proof, result, trace)
 *   chain_admitted       the chain is in the alliance registry when the receipt was signed
 *                        (skipped `no_registry` without one: the verdict is then indeterminate)
 *   validator_set_hash   the included validator set hashes to header.validators_hash (and is one
 *                        the caller pinned for the chain, when it pinned any)
 *   anchored_trace       the header is reached from the chain's registry anchor through the
 *                        bundle's trace, each step signed by > 2/3 of the set the last trusted
 *                        header named (anchored-trace.ts)
 *   header_quorum        validators holding > 2/3 of the power signed the header
 *   commit_signatures    every signature in the commit verifies (a forged extra one is named)
 *   header_trusted       the header is the one the caller's light client trusts at that height
 *                        (the gateway); skipped offline
 *   header_binding       the bundle's chain, height, time, record and request agree with the header
 *   state_proof          the membership / non-membership proof leads to header.state_root
 *   attestations         m of n of the chain's attesters named in the registry, when its entry asks
 *   receipt_binding      the receipt commits to this bundle (batch: Merkle path to the root;
 *                        JWT: its `rcpt` claim equals the receipt digest)
 *   receipt_signature    the signer held the gateway role in the registry when it signed, and its
 *                        signature verifies under the key its DID held then
 * Nothing in the bundle decides who may sign it: validator sets come from the anchored trace,
 * gateways and attesters from the registry.
 *
 * Nor how it is hashed: the header, validator sets, trace and state proof are hashed under the
 * hash suite of the chain's registry entry (SHA-256 or SM3), or, for a chain no registry entry
 * names, the suite the caller gives (`hashSuites`, SHA-256 unless told). A bundle of an SM3 chain
 * checked as SHA-256 (or the other way round) fails where its first hash is taken: the set does
 * not hash to the header's validators_hash (`wrong_validator_set_hash`), the trace starts at no
 * anchor (`trace_not_anchored`), the proof ends at another leaf or root (`wrong_leaf`,
 * `root_mismatch`). Those reasons are exact (the hashes do not match), so no suite reason is added.
 */
import { verifyCommit, type CommitEvidence } from '../chain/commit.js';
import { headerHash, type Header } from '../chain/header.js';
import type { SignedHeader } from '../chain/signed-header.js';
import { validatorSetHash, type ValidatorSet } from '../chain/validator-set.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import { hashSuiteOfSignatureSuite, suiteOfKey, verify, type SignatureSuite } from '../crypto/signature-suite.js';
import { suiteOfAlg } from '../identity/jwt.js';
import { equalBytes, fromBase64url, fromUtf8, toHex, utf8 } from '../encoding/bytes.js';
import { isCourtbridgeError, type Reason } from '../errors.js';
import type { Authority } from '../identity/authority.js';
import { leafHashIn, verifyAuditPath } from '../proof/binary-merkle.js';
import type { SmtProof } from '../proof/smt-proof.js';
import { verifyProof } from '../proof/verify.js';
import { decodeMessage } from '../wire/codec.js';
import type { MessageOutput } from '../wire/messages.js';
import { verifyAttestations } from './attestations.js';
import type { ChainDirectory, ChainEntry } from '../identity/chain-entry.js';
import type { LightBlock } from '../chain/signed-header.js';
import { verifyAnchoredTrace } from './anchored-trace.js';
import { proofFromWire, signedHeaderFromWire, traceBlockFromWire, validatorSetFromWire } from './bundle-convert.js';
import { batchRootSigningInput, receiptDigest, type ReceiptSubject } from './receipt-layout.js';

/** Stable names of the checks, in the order they run. */
export const CheckNames = [
  'bundle_shape',
  'chain_admitted',
  'validator_set_hash',
  'anchored_trace',
  'header_quorum',
  'commit_signatures',
  'header_trusted',
  'header_binding',
  'state_proof',
  'attestations',
  'receipt_binding',
  'receipt_signature',
] as const;
export type CheckName = (typeof CheckNames)[number];

export type CheckOutcome = 'passed' | 'failed' | 'skipped';

/** One named check with a plain-language detail for a person (the web page shows it as is). */
export interface BundleCheck {
  name: CheckName;
  outcome: CheckOutcome;
  /** snake_case reason when failed or skipped, e.g. `insufficient_power`; '' when passed. */
  reason: string;
  detail: string;
}

export type BundleVerdict = 'valid' | 'invalid' | 'indeterminate';

/** The verdict and every check that led to it, with the header it was judged against. */
export interface BundleVerification {
  verdict: BundleVerdict;
  checks: BundleCheck[];
  /** The header whose quorum checked out (chain, height, hash under the chain's suite), when it did. */
  verifiedHeader?: {
    chainId: string;
    height: number;
    headerHash: Uint8Array;
    /** bft-smt: the suite `headerHash` is under. Absent for evm and notary bundles (their block hashes are their own). */
    hashSuite?: HashSuite;
  };
  /**
   * evm: the digest of the answer its state proof proved (evm-bundle-verify.ts `evmAnswerDigest`),
   * set only when it did. `verifiedHeader` names the block; this names the value under it.
   */
  provenAnswer?: Uint8Array;
  /** Who signed, when the quorum checked out (evidence for a court). */
  commit?: CommitEvidence;
  checkedAtMs: number;
}

export interface BundleVerifyOptions {
  /** Judge key validity as of this time, unix ms (the core never reads the clock). */
  atMs: number;
  /**
   * The alliance registry (an AllianceAuthority built from the pinned genesis and the registry
   * updates): keys and roles of gateways and attesters, chains and their anchors. Without it
   * nothing can be traced to an anchor and the verdict is at best `indeterminate`.
   */
  authority?: Authority & ChainDirectory;
  /** The hash of the header the caller's own light client trusts at a height (the gateway's). */
  trustedHeaderHash?: (chainId: string, height: number) => Uint8Array | undefined;
  /**
   * Validator-set hashes (hex) the caller pinned per chain id: a chain listed here must have been
   * signed by one of them (`validator_set_hash` fails `untrusted_validator_set` otherwise).
   */
  pinnedValidatorSets?: Readonly<Record<string, readonly string[]>>;
  /**
   * The hash suite per chain id for a chain no registry entry names here (no registry given, or a
   * bundle read straight from a chain the caller knows): SHA-256 for a chain not listed. Where the
   * registry has the chain's entry, the entry's suite is used and this is not consulted.
   */
  hashSuites?: Readonly<Record<string, HashSuite>>;
}

/** Skips that leave the verdict open: something needed to decide was not given. */
const INDETERMINATE: ReadonlySet<string> = new Set(['signer_key_unknown', 'no_registry', 'no_record_layout']);

export type WireBundle = MessageOutput<'ProofBundle'>;

const TRUST_BASIS = { TRUST_BASIS_HEADER_PROOF: 1, TRUST_BASIS_ATTESTATIONS: 2, TRUST_BASIS_HEADER_PROOF_AND_ATTESTATIONS: 3 } as const;

/** The verdict the checks add up to: any failure is invalid; a skip for want of what decides is indeterminate. */
export function verdictOf(checks: readonly BundleCheck[]): BundleVerdict {
  if (checks.some((c) => c.outcome === 'failed')) return 'invalid';
  return checks.some((c) => c.outcome === 'skipped' && INDETERMINATE.has(c.reason)) ? 'indeterminate' : 'valid';
}

/** Decode the protobuf bytes of a ProofBundle and verify it. A bundle that does not decode fails `bundle_shape`. */
export function verifyBundleBytes(bytes: Uint8Array, options: BundleVerifyOptions): BundleVerification {
  let bundle: WireBundle;
  try {
    bundle = decodeMessage('ProofBundle', bytes);
  } catch (e) {
    const checks: BundleCheck[] = [
      {
        name: 'bundle_shape',
        outcome: 'failed',
        reason: 'malformed_bundle',
        detail: `the bytes are not a ProofBundle: ${(e as Error).message}`,
      },
    ];
    for (const name of CheckNames.slice(1)) checks.push(skipped(name, 'earlier_check_failed', 'not run: the bundle did not decode'));
    return { verdict: 'invalid', checks, checkedAtMs: options.atMs };
  }
  return verifyBundle(bundle, options);
}

/** The result a bundle states, in core terms. */
export function resultOf(b: WireBundle): ReceiptSubject['result'] & { chainId: string; key: string; recordType: string } {
  if (b.result === 'record' && b.record)
    return { kind: 'record', value: b.record.value, chainId: b.record.chainId, key: b.record.key, recordType: b.record.recordType };
  if (b.result === 'absence' && b.absence)
    return { kind: 'absence', chainId: b.absence.chainId, key: b.absence.key, recordType: b.absence.recordType };
  throw new TypeError('bundle: neither record nor absence is set');
}

/** Query height of a RecordQuery: 0 for latest. */
export function queryHeightOf(q: MessageOutput<'RecordQuery'> | null | undefined): number {
  return q?.height?.height === 'at' ? (q.height.at ?? 0) : 0;
}

/** The receipt subject a bundle's receipt must commit to (receipt-layout.ts); the header hash is under the chain's `suite`. */
export function receiptSubjectOf(b: WireBundle, header: Header, proof: SmtProof | undefined, suite: HashSuite = 'sha256'): ReceiptSubject {
  const r = resultOf(b);
  // Only asked of a bundle whose shape holds: bundle_shape has refused one without a request.
  const q = b.request!;
  return {
    requestId: b.requestId,
    requesterDid: b.requesterDid,
    query: { chainId: q.chainId, recordType: q.recordType, key: q.key, height: queryHeightOf(q) },
    header: { chainId: header.chainId, height: header.height, hash: headerHash(header, suite) },
    result: r.kind === 'record' ? { kind: 'record', value: r.value } : { kind: 'absence' },
    proof,
    stateTimeMs: b.stateTimeMs,
    trustBasis: TRUST_BASIS[b.trustBasis as keyof typeof TRUST_BASIS] ?? 1,
    attestations: b.attestations.map((a) => ({ attesterDid: a.attesterDid, kid: a.kid, signature: a.signature })),
  };
}

export const passed = (name: CheckName, detail: string): BundleCheck => ({ name, outcome: 'passed', reason: '', detail });
export const failed = (name: CheckName, reason: Reason, detail: string): BundleCheck => ({ name, outcome: 'failed', reason, detail });
export const skipped = (name: CheckName, reason: Reason, detail: string): BundleCheck => ({ name, outcome: 'skipped', reason, detail });
export const reasonOf = (e: unknown): Reason => (isCourtbridgeError(e) ? e.reason : 'malformed');

/**
 * Verify a decoded bundle. Never throws for bad input: every problem is a failed check.
 *
 * @example
 * const v = verifyBundle(bundle, { atMs: Date.now(), authority });
 * if (v.verdict !== 'valid') console.log(v.checks.filter((c) => c.outcome === 'failed'));
 */
export function verifyBundle(bundle: WireBundle, options: BundleVerifyOptions): BundleVerification {
  const checks: BundleCheck[] = [];
  const out = (): BundleVerification => ({ verdict: verdictOf(checks), checks, checkedAtMs: options.atMs, ...extra });
  const extra: Pick<BundleVerification, 'verifiedHeader' | 'commit'> = {};

  // 1. shape
  let sh: SignedHeader;
  let vs: ValidatorSet;
  let proof: SmtProof | undefined;
  let result: ReturnType<typeof resultOf>;
  let trace: LightBlock[];
  const headerProof = bundle.trustBasis !== 'TRUST_BASIS_ATTESTATIONS';
  try {
    sh = signedHeaderFromWire(bundle.signedHeader, 'signed_header');
    vs = validatorSetFromWire(bundle.validatorSet, 'validator_set');
    trace = bundle.trace.map((t, i) => traceBlockFromWire(t, `trace[${i}]`));
    proof = headerProof ? proofFromWire(bundle.proof, 'proof') : undefined;
    result = resultOf(bundle);
    if (bundle.request === null || bundle.request === undefined) throw new TypeError('request: missing');
  } catch (e) {
    checks.push(failed('bundle_shape', reasonOf(e), `the bundle is incomplete or malformed: ${(e as Error).message}`));
    for (const name of CheckNames.slice(1)) checks.push(skipped(name, 'earlier_check_failed', 'not run: the bundle is malformed'));
    return out();
  }
  checks.push(passed('bundle_shape', 'every part of the bundle is present and well-formed'));
  const header = sh.header;

  // 2. the chain, as the registry knew it when the gateway vouched for the answer
  const registry = options.authority;
  const vouchedAtMs = receiptTimeOf(bundle) ?? options.atMs;
  let entry: ChainEntry | undefined;
  if (registry === undefined)
    checks.push(
      skipped('chain_admitted', 'no_registry', 'no alliance registry was given: the chain, its anchor and the signers cannot be checked'),
    );
  else {
    entry = registry.chainAt(header.chainId, vouchedAtMs);
    checks.push(
      entry !== undefined
        ? passed(
            'chain_admitted',
            `${header.chainId} (${entry.displayName}) is admitted to the alliance, verified as ${entry.kind}${entry.hashSuite === 'sha256' ? '' : `, hashed with ${entry.hashSuite.toUpperCase()}`}`,
          )
        : failed(
            'chain_admitted',
            'unknown_chain',
            `the alliance registry holds no chain ${header.chainId} at ${new Date(vouchedAtMs).toISOString()}`,
          ),
    );
    // This bundle's proofs are the bft-smt kind's (quorum-signed header, sparse-Merkle proof): a chain
    // the registry verifies as another kind is never answered through them.
    if (entry !== undefined && entry.kind !== 'bft-smt') {
      checks[checks.length - 1] = failed(
        'chain_admitted',
        'unsupported_chain_kind',
        `${header.chainId} is verified as ${entry.kind} in the alliance registry; this bundle carries a bft-smt header proof`,
      );
    } else if (entry !== undefined && !headerProof) {
      checks[checks.length - 1] = failed(
        'chain_admitted',
        'trust_basis_not_allowed',
        `${header.chainId} is a ${entry.kind} chain: its answers need a header proof, attestations alone do not do`,
      );
    }
  }

  // The suite every hash below is taken under: the entry's, else what the caller knows of the chain.
  const suite: HashSuite = entry?.hashSuite ?? options.hashSuites?.[header.chainId] ?? 'sha256';
  const hash = headerHash(header, suite);

  // 3-7. the header and who signed it
  const setHash = validatorSetHash(vs, suite);
  const pinned = options.pinnedValidatorSets?.[header.chainId];
  const setNamed = equalBytes(setHash, header.validatorsHash);
  const setOk = setNamed && (pinned === undefined || pinned.includes(toHex(setHash)));
  checks.push(
    setOk
      ? passed('validator_set_hash', `the included set of ${vs.validators.length} validators is the one the header names`)
      : !setNamed
        ? failed(
            'validator_set_hash',
            'wrong_validator_set_hash',
            'the included validator set is not the one the header names (its hash differs)',
          )
        : failed(
            'validator_set_hash',
            'untrusted_validator_set',
            `chain ${header.chainId}: validator set ${toHex(setHash).slice(0, 16)}… is not one of the pinned sets`,
          ),
  );
  if (entry === undefined)
    checks.push(
      skipped(
        'anchored_trace',
        registry === undefined ? 'no_registry' : 'earlier_check_failed',
        'not run: no registry entry for the chain',
      ),
    );
  else {
    const t = verifyAnchoredTrace(trace, header, registry!.anchorsAt(header.chainId, vouchedAtMs), suite);
    checks.push(
      t.ok
        ? passed(
            'anchored_trace',
            `the header traces back to the registry's anchor at height ${t.anchorHeight} through ${t.steps} step(s) and ${t.validatorSetChanges} validator-set change(s)`,
          )
        : failed('anchored_trace', t.reason, t.message),
    );
  }
  if (!setOk) {
    checks.push(skipped('header_quorum', 'earlier_check_failed', 'not run: the validator set is not one to check the header against'));
    checks.push(skipped('commit_signatures', 'earlier_check_failed', 'not run: the validator set is not one to check the header against'));
  } else {
    try {
      const ev = verifyCommit(header, sh.commit, vs, { stop: 'verify_all', hashSuite: suite });
      extra.commit = ev;
      extra.verifiedHeader = { chainId: header.chainId, height: header.height, headerHash: hash, hashSuite: suite };
      checks.push(
        passed(
          'header_quorum',
          `validators holding ${ev.signedPower} of ${ev.totalPower} power signed header ${header.chainId}@${header.height}; more than ${Math.floor((ev.totalPower * 2) / 3)} needed`,
        ),
      );
      const bad = ev.ignored[0];
      checks.push(
        bad === undefined
          ? passed('commit_signatures', `all ${ev.counted.length} signatures in the commit verify`)
          : failed(
              'commit_signatures',
              bad.reason,
              `${ev.ignored.length} signature(s) in the commit do not count; the first, from ${bad.did}: ${bad.reason}`,
            ),
      );
    } catch (e) {
      checks.push(failed('header_quorum', reasonOf(e), `the header is not signed by a quorum of its validators: ${(e as Error).message}`));
      checks.push(skipped('commit_signatures', 'earlier_check_failed', 'not run: the commit does not sign this header'));
    }
  }

  // 8. the caller's own light client (the gateway) agrees
  const trustedHash = options.trustedHeaderHash?.(header.chainId, header.height);
  if (options.trustedHeaderHash === undefined)
    checks.push(skipped('header_trusted', 'offline', 'no light client was asked: the anchored trace decides'));
  else if (trustedHash === undefined)
    checks.push(
      skipped(
        'header_trusted',
        'height_not_trusted',
        `the light client holds no header of ${header.chainId} at ${header.height}: the anchored trace decides`,
      ),
    );
  else {
    checks.push(
      equalBytes(trustedHash, hash)
        ? passed('header_trusted', `the light client trusts this very header of ${header.chainId} at ${header.height}`)
        : failed(
            'header_trusted',
            'header_conflicts_with_trusted',
            `the light client trusts another header of ${header.chainId} at ${header.height} (${toHex(trustedHash).slice(0, 16)}…): this one is not on the chain it follows`,
          ),
    );
  }

  // 9. the bundle's own claims agree with the header
  const q = bundle.request!;
  const mismatch =
    q.chainId !== header.chainId
      ? `the request is for chain ${q.chainId}, the header is of ${header.chainId}`
      : result.chainId !== header.chainId
        ? `the record is of chain ${result.chainId}, the header of ${header.chainId}`
        : result.key !== q.key
          ? `the record's key ${result.key} is not the key asked for (${q.key})`
          : result.recordType !== q.recordType
            ? `the record's type ${result.recordType} is not the type asked for (${q.recordType})`
            : bundle.stateHeight !== header.height
              ? `the bundle states height ${bundle.stateHeight}, the header is at ${header.height}`
              : bundle.stateTimeMs !== header.timeMs
                ? `the bundle states time ${bundle.stateTimeMs}, the header says ${header.timeMs}`
                : queryHeightOf(q) !== 0 && queryHeightOf(q) !== header.height
                  ? `height ${queryHeightOf(q)} was asked for, the header is at ${header.height}`
                  : undefined;
  checks.push(
    mismatch === undefined
      ? passed('header_binding', `the answer is about ${q.key} on ${header.chainId} at height ${header.height}`)
      : failed('header_binding', 'bundle_header_mismatch', mismatch),
  );

  // 10. the record against the state root
  if (proof === undefined)
    checks.push(skipped('state_proof', 'attestations_only', 'the chain vouches by attestations only: there is no state proof'));
  else {
    try {
      const ev = verifyProof(header.stateRoot, utf8(result.key), result.kind === 'record' ? result.value : null, proof, suite);
      const what =
        ev.kind === 'member'
          ? `the record ${result.key} is in the chain's state`
          : `the key ${result.key} is absent from the chain's state`;
      checks.push(passed('state_proof', `${what} at height ${header.height} (proof of depth ${ev.depth})`));
    } catch (e) {
      checks.push(
        failed(
          'state_proof',
          reasonOf(e),
          `the proof does not show this ${result.kind} in the header's state root: ${(e as Error).message}`,
        ),
      );
    }
  }

  // 11. attestations: only the chain's attesters in the registry count, as many as it asks
  const policy = entry?.attestation;
  if (policy === undefined) {
    checks.push(
      bundle.attestations.length === 0
        ? skipped('attestations', 'not_applicable', "the chain's registry entry asks for no attestations")
        : skipped(
            'attestations',
            entry === undefined ? 'earlier_check_failed' : 'not_required',
            `${bundle.attestations.length} attestation(s) not counted: the chain's registry entry asks for none`,
          ),
    );
  } else {
    const v = verifyAttestations(
      {
        chainId: result.chainId,
        recordType: result.recordType,
        key: result.key,
        result,
      },
      bundle.attestations.map((a) => ({ attesterDid: a.attesterDid, kid: a.kid, signature: a.signature })),
      { threshold: policy.threshold, attesters: [...policy.attesters] },
      registry!,
      header.timeMs,
    );
    checks.push(
      v.kind === 'met'
        ? passed(
            'attestations',
            `${v.counted.length} of the required ${policy.threshold} agencies vouch for the answer (${v.counted.join(', ')})`,
          )
        : failed(
            'attestations',
            'attestation_quorum_not_met',
            `${v.counted.length} valid attestation(s) from the chain's attesters, ${v.threshold} needed${v.ignored.length > 0 ? `; ignored: ${v.ignored.map((i) => `${i.did} (${i.reason})`).join(', ')}` : ''}`,
          ),
    );
  }

  // 12-13. the receipt
  // 9-10. the receipt
  checkReceipt(bundle, () => receiptSubjectOf(bundle, header, proof, suite), options, checks);
  return out();
}

/**
 * The key of a receipt signer, only if it held the gateway role when it signed: a receipt from
 * any other key (a member without the role, a self-made did:key) vouches for nothing.
 */
function gatewayKey(
  did: string,
  kid: string,
  atMs: number,
  authority: Authority | undefined,
): Uint8Array | { reason: Reason; message: string } {
  if (authority === undefined) return { reason: 'signer_key_unknown', message: `no registry was given to look up ${did}` };
  const role = authority.mayAct(did, 'gateway', undefined, atMs);
  if (!role.ok)
    return {
      reason: 'receipt_signer_not_gateway',
      message: `${did} did not hold the gateway role in the alliance registry at ${new Date(atMs).toISOString()} (${role.reason})`,
    };
  const k = authority.keyAt(did, kid, atMs);
  return k.ok
    ? k.publicKey
    : { reason: k.reason === 'revoked' ? 'receipt_signer_not_gateway' : 'bad_receipt_key', message: `${k.reason}: ${k.message}` };
}

/** When the gateway says it signed the receipt (the registry is read as of then). */
export function receiptTimeOf(bundle: WireBundle): number | undefined {
  const r = bundle.receipt;
  if (r?.form === 'batch' && r.batch) return r.batch.signedAtMs;
  if (r?.form === 'jwt' && typeof r.jwt === 'string') {
    try {
      const iat = (JSON.parse(fromUtf8(fromBase64url(r.jwt.split('.')[1] ?? ''))) as { iat?: unknown }).iat;
      // Number.isSafeInteger is false for anything that is not a number.
      return Number.isSafeInteger(iat) && (iat as number) >= 0 ? (iat as number) * 1000 : undefined;
    } catch {
      // A payload that is not JSON names no time: undefined, below.
    }
  }
  return undefined;
}

function keyProblem(name: CheckName, p: { reason: Reason; message: string }): BundleCheck {
  return p.reason === 'signer_key_unknown'
    ? skipped(name, p.reason, `the gateway's key cannot be checked: ${p.message}`)
    : failed(name, p.reason, p.message);
}

/** receipt_binding and receipt_signature, the receipt committing to `subject()` (any chain kind). */
export function checkReceipt(bundle: WireBundle, subject: () => ReceiptSubject, options: BundleVerifyOptions, checks: BundleCheck[]): void {
  const receipt = bundle.receipt;
  if (receipt === null || receipt === undefined || receipt.form === undefined) {
    checks.push(failed('receipt_binding', 'missing_receipt', 'the bundle carries no gateway receipt'));
    checks.push(skipped('receipt_signature', 'earlier_check_failed', 'not run: no receipt'));
    return;
  }
  let subj: ReceiptSubject;
  try {
    subj = subject();
    receiptDigest(subj);
  } catch (e) {
    checks.push(failed('receipt_binding', reasonOf(e), `the receipt's subject cannot be computed: ${(e as Error).message}`));
    checks.push(skipped('receipt_signature', 'earlier_check_failed', 'not run: no receipt subject'));
    return;
  }
  if (receipt.form === 'batch' && receipt.batch) {
    const b = receipt.batch;
    const key = gatewayKey(b.gatewayDid, b.kid, b.signedAtMs, options.authority);
    // The digest and the batch tree are hashed with the gateway key's suite (SM3 for SM2), the
    // key the registry holds. Without the registry, either suite's binding is a binding to this
    // bundle; the signature check, which decides trust, is then skipped anyway.
    const suites: SignatureSuite[] = key instanceof Uint8Array ? [suiteOfKey(key) ?? 'secp256k1'] : ['secp256k1', 'sm2'];
    let bound: unknown;
    for (const suite of suites) {
      const h = hashSuiteOfSignatureSuite(suite);
      try {
        verifyAuditPath(leafHashIn(h, receiptDigest(subj, suite)), b.leafIndex, b.leafCount, b.path, b.batchRoot, h);
        bound = undefined;
        break;
      } catch (e) {
        bound = e;
      }
    }
    if (bound === undefined)
      checks.push(
        passed('receipt_binding', `the receipt is leaf ${b.leafIndex} of a batch of ${b.leafCount} whose root the gateway signed`),
      );
    else checks.push(failed('receipt_binding', reasonOf(bound), `the receipt does not commit to this bundle: ${(bound as Error).message}`));
    if (!(key instanceof Uint8Array)) checks.push(keyProblem('receipt_signature', key));
    else {
      let ok = false;
      try {
        ok = verify(b.rootSignature, batchRootSigningInput(b.batchRoot, b.leafCount, b.signedAtMs), key);
      } catch {
        // A count or time no layout holds (a bundle built in memory): nothing was signed over it; ok stays false.
      }
      checks.push(
        ok
          ? passed('receipt_signature', `${b.gatewayDid} signed the batch root with ${b.kid} at ${new Date(b.signedAtMs).toISOString()}`)
          : failed('receipt_signature', 'bad_root_signature', `the batch root signature does not verify under ${b.kid}`),
      );
    }
    return;
  }
  checkJwtReceipt(receipt.jwt ?? '', subj, options, checks);
}

function checkJwtReceipt(token: string, subj: ReceiptSubject, options: BundleVerifyOptions, checks: BundleCheck[]): void {
  const parts = token.split('.');
  let header: { alg?: unknown; kid?: unknown };
  let payload: { iss?: unknown; iat?: unknown; rcpt?: unknown; purpose?: unknown };
  let signature: Uint8Array;
  try {
    if (parts.length !== 3) throw new TypeError('expected three segments');
    header = JSON.parse(fromUtf8(fromBase64url(parts[0]!))) as typeof header;
    payload = JSON.parse(fromUtf8(fromBase64url(parts[1]!))) as typeof payload;
    signature = fromBase64url(parts[2]!);
    if (
      suiteOfAlg(header.alg) === undefined ||
      typeof header.kid !== 'string' ||
      typeof payload.iss !== 'string' ||
      typeof payload.iat !== 'number'
    )
      throw new TypeError('alg, kid, iss or iat missing');
  } catch (e) {
    checks.push(failed('receipt_binding', 'malformed_token', `the receipt JWT is malformed: ${(e as Error).message}`));
    checks.push(skipped('receipt_signature', 'earlier_check_failed', 'not run: malformed receipt'));
    return;
  }
  checks.push(
    payload.purpose === 'receipt' && payload.rcpt === toHex(receiptDigest(subj, suiteOfAlg(header.alg)!))
      ? passed('receipt_binding', 'the receipt JWT names this bundle')
      : failed(
          'receipt_binding',
          'receipt_digest_mismatch',
          'the receipt JWT names another answer (its rcpt claim differs from this bundle)',
        ),
  );
  const iss = payload.iss as string;
  const kid = header.kid as string;
  if (!kid.startsWith(`${iss}#`)) {
    checks.push(failed('receipt_signature', 'kid_not_of_issuer', `the key ${kid} is not one of ${iss}`));
    return;
  }
  const key = gatewayKey(iss, kid, (payload.iat as number) * 1000, options.authority);
  if (!(key instanceof Uint8Array)) checks.push(keyProblem('receipt_signature', key));
  else if (suiteOfKey(key) !== suiteOfAlg(header.alg))
    checks.push(
      failed('receipt_signature', 'alg_key_mismatch', `the receipt JWT says ${String(header.alg)}, but ${kid} is a ${suiteOfKey(key)} key`),
    );
  else {
    checks.push(
      verify(signature, utf8(`${parts[0]}.${parts[1]}`), key)
        ? passed('receipt_signature', `${iss} signed the receipt with ${kid}`)
        : failed('receipt_signature', 'bad_signature', `the receipt JWT's signature does not verify under ${kid}`),
    );
  }
}
