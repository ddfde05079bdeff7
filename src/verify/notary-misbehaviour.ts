/**
 * Notary equivocation: one notary DID signed two different blocks (block hash or state root) at
 * the same (chain id, height). Followers that honestly wait for finality never do that, so two
 * such signatures are evidence against the notary, plain data anyone can check again (like
 * ibc-go's light-client Misbehaviour: two conflicting headers, nothing else).
 *
 * Each signature is checked with the key the notary held at its block's `timeMs`, so a key
 * rotated or revoked later does not erase what it signed before.
 */
import { equalBytes } from '../encoding/bytes.js';
import { verify } from '../crypto/signature-suite.js';
import type { Authority } from '../identity/authority.js';
import { notarySigningInput, type NotarizedBlock, type NotarySignature } from './notary.js';

/** One notary's signed statement about one block. */
export interface Notarization {
  block: NotarizedBlock;
  signature: NotarySignature;
}

/** Two valid, conflicting notarizations by one notary. */
export interface NotaryEquivocation {
  notaryDid: string;
  chainId: string;
  height: number;
  first: Notarization;
  second: Notarization;
}

/** Why two notarizations are no evidence of equivocation. */
export type NotaryMisbehaviourRejection =
  | 'different_notaries'
  | 'different_chains'
  | 'different_heights'
  | 'same_block'
  | 'malformed_notarization'
  | 'notary_key_unknown'
  | 'bad_notary_signature';

export type NotaryEquivocationVerdict =
  | { kind: 'evidence'; evidence: NotaryEquivocation }
  | { kind: 'no_evidence'; reason: NotaryMisbehaviourRejection; message: string };

const none = (reason: NotaryMisbehaviourRejection, message: string): NotaryEquivocationVerdict => ({
  kind: 'no_evidence',
  reason,
  message,
});

/**
 * Evidence when `a` and `b` are both validly signed by the same notary for the same chain and
 * height and name different block hashes or state roots; otherwise the reason there is none.
 * The blocks' times are not compared: the same block hash and root is the same block.
 */
export function notaryEquivocation(a: Notarization, b: Notarization, authority: Authority): NotaryEquivocationVerdict {
  for (const n of [a, b]) {
    if (n.block.blockHash.length !== 32 || n.block.stateRoot.length !== 32) {
      return none(
        'malformed_notarization',
        `a block hash and a state root are 32 bytes each, got ${n.block.blockHash.length} and ${n.block.stateRoot.length}`,
      );
    }
  }
  const did = a.signature.notaryDid;
  if (b.signature.notaryDid !== did) return none('different_notaries', `signed by ${did} and ${b.signature.notaryDid}`);
  if (a.block.chainId !== b.block.chainId) return none('different_chains', `chains ${a.block.chainId} and ${b.block.chainId}`);
  if (a.block.height !== b.block.height) return none('different_heights', `heights ${a.block.height} and ${b.block.height}`);
  if (equalBytes(a.block.blockHash, b.block.blockHash) && equalBytes(a.block.stateRoot, b.block.stateRoot)) {
    return none('same_block', `both name the same block at height ${a.block.height}`);
  }
  for (const [which, n] of [
    ['first', a],
    ['second', b],
  ] as const) {
    const key = authority.keyAt(did, n.signature.kid, n.block.timeMs);
    if (!key.ok) return none('notary_key_unknown', `${which}: ${did} held no key ${n.signature.kid} at ${n.block.timeMs} (${key.reason})`);
    if (!verify(n.signature.signature, notarySigningInput(n.block), key.publicKey)) {
      return none('bad_notary_signature', `${which}: the signature does not verify under ${n.signature.kid}`);
    }
  }
  return { kind: 'evidence', evidence: { notaryDid: did, chainId: a.block.chainId, height: a.block.height, first: a, second: b } };
}
