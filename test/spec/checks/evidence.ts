/**
 * docs/spec/evidence.md: each case run through the product's own checks: the gateway's
 * AnchorEvidenceBatch / AnchorEvidence path up to the judicial transaction (an EvidenceRegistry
 * over a ledger that stops at submit), and a party's offline check of a pointer and its batch
 * record (verifyAnchorRecords).
 */
import { sha256 } from '../../../src/crypto/hash.js';
import { ByteWriter, fromHex, utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import type { Authority } from '../../../src/identity/authority.js';
import { didKeyKid, publicKeyOfDidKey } from '../../../src/identity/did-key.js';
import type { AnchorBatch } from '../../../src/judicial/anchor-batch.js';
import { EvidenceRegistry, readAnchorPointer, verifyAnchorRecords } from '../../../src/workflows/evidence.js';
import { batchOfAnchorEvidence, batchOfAnchorEvidenceBatch } from '../../../src/workflows/gateway/evidence-service.js';
import type { AnchorEvidenceRequest__Output } from '../../../src/generated/courtbridge/v1/AnchorEvidenceRequest.js';
import type { JudicialLedger } from '../../../src/workflows/ports.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

type Case = VectorCase | InvalidCase;
interface RegistryEntry {
  key: string;
  revokedAtMs?: number;
  roles?: string[];
}

/**
 * The alliance registry a vector file describes (`registry`: kid → key name, revocation time,
 * roles); a did:key resolves to its embedded key.
 */
export function authorityOf(file: VectorFile): Authority {
  const registry = ((file as unknown as { registry?: Record<string, RegistryEntry> }).registry ?? {}) as Record<string, RegistryEntry>;
  return {
    keyAt(did, kid, atMs) {
      const embedded = publicKeyOfDidKey(did);
      if (embedded !== undefined)
        return kid === didKeyKid(did) ? { ok: true, did, kid, publicKey: embedded } : { ok: false, reason: 'unknown_key', message: kid };
      const e = registry[kid];
      if (e === undefined || !kid.startsWith(`${did}#`))
        return { ok: false, reason: 'unknown_key', message: `${kid} is not in the registry` };
      if (e.revokedAtMs !== undefined && atMs >= e.revokedAtMs) return { ok: false, reason: 'revoked', message: `${did} revoked` };
      return { ok: true, did, kid, publicKey: fromHex(file.keys[e.key]!.publicKey) };
    },
    mayAct(did, role) {
      const entry = Object.entries(registry).find(([kid]) => kid.startsWith(`${did}#`))?.[1];
      if (entry?.roles === undefined || entry.roles.includes(role)) return { ok: true };
      return { ok: false, reason: 'out_of_role', message: `${did} is not a ${role}` } as ReturnType<Authority['mayAct']>;
    },
  };
}

export const reasonOf = (e: unknown): string => {
  if (isCourtbridgeError(e)) return e.reason;
  throw e;
};

const REACHED_SUBMIT = new Error('the batch passed every check: it reached the judicial transaction');

/** The gateway's checks of a batch, up to the `anchor.put` transaction. */
async function gateway(file: VectorFile, build: () => AnchorBatch, nowMs: number): Promise<string> {
  const ledger = {
    chainId: 'judicial',
    submit: () => Promise.reject(REACHED_SUBMIT),
    prove: () => Promise.reject(new Error('not reached')),
    proveMany: () => Promise.reject(new Error('not reached')),
  } as unknown as JudicialLedger;
  const registry = new EvidenceRegistry({ ledger, authority: authorityOf(file), clock: { now: () => nowMs } });
  try {
    await registry.anchor(build());
    return 'no_submit';
  } catch (e) {
    return e === REACHED_SUBMIT ? 'ok' : reasonOf(e);
  }
}

function batchBytesOf(c: Case): Uint8Array {
  if (typeof c.batch === 'string') return fromHex(c.batch);
  // A batch too large to spell out: its head, then the leaves its rule names.
  const rule = c.leavesRule as { count: number; metadataIndex: number };
  const w = new ByteWriter().fixed(fromHex(c.batchHead as string), (c.batchHead as string).length / 2, 'head');
  for (let i = 0; i < rule.count; i++) w.fixed(sha256Utf8(`batch_too_large item ${i}`), 32, 'leaf').u32(rule.metadataIndex);
  return w.finish();
}

const sha256Utf8 = (s: string): Uint8Array => sha256(utf8(s));

interface SingleClaim {
  claim: { contentHash: string; metadata: { name: string; value: string }[]; submitterDid: string; kid: string; signedAtMs: number };
  signature: string;
}
const singleRequest = (s: SingleClaim): AnchorEvidenceRequest__Output =>
  ({
    claim: { ...s.claim, contentHash: Buffer.from(s.claim.contentHash, 'hex'), signedAtMs: s.claim.signedAtMs },
    signature: Buffer.from(s.signature, 'hex'),
  }) as unknown as AnchorEvidenceRequest__Output;

function offline(file: VectorFile, contentHash: string, pointer: string, record: string): string {
  const auth = authorityOf(file);
  try {
    verifyAnchorRecords(fromHex(contentHash), readAnchorPointer(fromHex(pointer)), fromHex(record), (did, kid, atMs) => {
      const k = auth.keyAt(did, kid, atMs);
      return k.ok ? k.publicKey : undefined;
    });
    return 'ok';
  } catch (e) {
    return reasonOf(e);
  }
}

async function viaBatch(file: VectorFile, c: Case): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = batchBytesOf(c);
  } catch (e) {
    return reasonOf(e);
  }
  return gateway(file, () => batchOfAnchorEvidenceBatch(bytes), c.nowMs as number);
}

export async function check(file: VectorFile, c: Case): Promise<string> {
  if ('reason' in c && typeof c.reason === 'string' && !('fields' in c)) {
    switch (c.via) {
      case 'AnchorEvidenceBatch':
        return viaBatch(file, c);
      case 'AnchorEvidence':
        return gateway(file, () => batchOfAnchorEvidence(singleRequest(c as unknown as SingleClaim)), c.nowMs as number);
      case 'offline':
        return offline(file, c.contentHash as string, c.pointer as string, c.batchRecord as string);
      default:
        throw new Error(`${c.name}: unknown via ${String(c.via)}`);
    }
  }
  // A valid case passes every path it can be given to.
  const verdicts = [await viaBatch(file, c)];
  if (c.anchorEvidence !== undefined)
    verdicts.push(await gateway(file, () => batchOfAnchorEvidence(singleRequest(c.anchorEvidence as SingleClaim)), c.nowMs as number));
  for (const it of c.items as { contentHash: string; pointer: string }[])
    verdicts.push(offline(file, it.contentHash, it.pointer, c.batchRecord as string));
  return verdicts.find((v) => v !== 'ok') ?? 'ok';
}
