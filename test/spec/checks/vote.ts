/**
 * docs/spec/header.md `vote`: the product's commit tally (every signature verified) on a case's
 * header, validator set and commit. A thrown reason is the commit's; otherwise the first
 * signature that counted for nothing names the verdict, as a bundle's commit_signatures check does.
 */
import { verifyCommit, type Commit } from '../../../src/chain/commit.js';
import { newValidatorSet } from '../../../src/chain/validator-set.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { headerOf } from './header.js';

const hex = (v: unknown): Uint8Array => new Uint8Array(Buffer.from(String(v), 'hex'));

interface SetEntry {
  did: string;
  publicKey: string;
  power: number;
}
interface WireCommit {
  height: number;
  headerHash: string;
  signatures: { validatorDid: string; signature: string }[];
}

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const sets = (file as unknown as { validatorSets: Record<string, SetEntry[]> }).validatorSets;
  const set = newValidatorSet(sets[c.validatorSet as string]!.map((v) => ({ did: v.did, publicKey: hex(v.publicKey), power: v.power })));
  const wc = c.commit as WireCommit;
  const commit: Commit = {
    height: wc.height,
    headerHash: hex(wc.headerHash),
    signatures: wc.signatures.map((s) => ({ validatorDid: s.validatorDid, signature: hex(s.signature) })),
  };
  // A valid case's own signature must be one the tally counted.
  if (typeof c.signature === 'string') {
    const signer = set.validators.find((v) => Buffer.from(v.publicKey).toString('hex') === file.keys[c.signer as string]?.publicKey);
    if (!wc.signatures.some((s) => s.validatorDid === signer?.did && s.signature === c.signature)) return 'signature_not_in_commit';
  }
  try {
    const ev = verifyCommit(headerOf(c.header as Record<string, unknown>), commit, set, { stop: 'verify_all' });
    return ev.ignored[0]?.reason ?? 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}
