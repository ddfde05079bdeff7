/**
 * docs/spec/notary.md `notary`: the product's notary count over a block, then its quorum rule
 * (the one an `evm` answer is held to). Keys come from the file's registry: which key each DID
 * held, and when.
 */
import { isCourtbridgeError } from '../../../src/errors.js';
import type { Authority } from '../../../src/identity/authority.js';
import { requireNotaryQuorum } from '../../../src/verify/evm/evm-answer.js';
import { verifyNotarization, type NotarizedBlock, type NotarySignature } from '../../../src/verify/notary.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

const hex = (v: unknown): Uint8Array => new Uint8Array(Buffer.from(String(v), 'hex'));

interface RegistryEntry {
  did: string;
  kid: string;
  key: string;
  validFromMs: number;
  validUntilMs?: number;
}

/** The registry of a notary vector file as an Authority: a key counts from validFromMs until validUntilMs. */
export function authorityOf(file: VectorFile): Authority {
  const registry = (file as unknown as { registry: RegistryEntry[] }).registry;
  return {
    keyAt(did, kid, atMs) {
      const e = registry.find(
        (r) => r.did === did && r.kid === kid && r.validFromMs <= atMs && (r.validUntilMs === undefined || atMs < r.validUntilMs),
      );
      return e === undefined
        ? { ok: false, reason: 'unknown_key', message: `${did} held no key ${kid} at ${atMs}` }
        : { ok: true, did, kid, publicKey: hex(file.keys[e.key]!.publicKey) };
    },
    mayAct: () => ({ ok: true }),
  };
}

export const signaturesOf = (c: VectorCase | InvalidCase): NotarySignature[] =>
  (c.signatures as { notaryDid: string; kid: string; signature: string }[]).map((s) => ({
    notaryDid: s.notaryDid,
    kid: s.kid,
    signature: hex(s.signature),
  }));

/** A valid case's own signature must be among those the verifier is given. */
export const ownSignatureGiven = (c: VectorCase | InvalidCase): boolean =>
  typeof c.signature !== 'string' ||
  (c.signatures as { notaryDid: string; signature: string }[]).some((s) => s.notaryDid === c.notaryDid && s.signature === c.signature);

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const f = (c.block ?? c.fields) as Record<string, unknown>;
  const block: NotarizedBlock = {
    chainId: f.chainId as string,
    height: f.height as number,
    blockHash: hex(f.blockHash),
    stateRoot: hex(f.stateRoot),
    timeMs: f.timeMs as number,
  };
  if (!ownSignatureGiven(c)) return 'signature_not_given';
  const policy = c.policy as { threshold: number; notaries: string[] };
  const authority = authorityOf(file);
  try {
    requireNotaryQuorum(block, signaturesOf(c), policy, authority, block.timeMs);
    return verifyNotarization(block, signaturesOf(c), policy, authority, block.timeMs).ignored[0]?.reason ?? 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}
