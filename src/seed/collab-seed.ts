/**
 * Seed data of the collab chain (政法协同, adapters/collab): evidence items shared by hash between the
 * demo organs, case transfers (some accepted, some returned, some waiting) and logged accesses, plus
 * the fixed demo records tests and the demo name (`COLLAB_DEMO`).
 *
 * Every statement is signed, as on the live chain, by the demo organ's key
 * (`demoOrganKey(did)` = sha256("courtbridge demo organ <did>")): seed records carry real
 * signatures, re-checkable against a registry that lists the demo organs with those keys, as the dev
 * alliance does when it includes the collab chain (src/devtools/dev-alliance.ts). No personal
 * identifier appears: case references and evidence hashes only.
 */
import type { Tx } from '../chain/ledger/transaction.js';
import { sha256 } from '../crypto/hash.js';
import { encodeCanonical } from '../encoding/canonical-json.js';
import { toHex, utf8 } from '../encoding/bytes.js';
import { createSigner, type Signer } from '../identity/signer.js';
import { txTypeOf, type CollabRole, type Statement } from '../../adapters/collab/schema.js';
import { signStatement, statementId } from '../../adapters/collab/statement.js';
import { DEMO_COURT_DID, DEMO_REGISTERED_AT_MS } from './demo-cast.js';
import type { Prng } from './prng.js';

/** The demo organs (Beijing, Dongcheng district) and the roles they speak in. */
export const DEMO_ORGANS: ReadonlyArray<{ did: string; role: CollabRole; name: string }> = [
  { did: 'did:alliance:procuratorate-bj-dc', role: 'procuratorate', name: '北京市东城区人民检察院' },
  { did: 'did:alliance:police-bj-dc', role: 'police', name: '北京市公安局东城分局' },
  { did: 'did:alliance:justice-bj-dc', role: 'justice', name: '北京市东城区司法局' },
  { did: DEMO_COURT_DID, role: 'court', name: '北京市东城区人民法院' },
];

/** The fixed demo records: an evidence item the police shared with the procuratorate, and its transfer. */
export const COLLAB_DEMO = {
  evidence: {
    sha256: toHex(sha256(utf8('courtbridge demo evidence: 东城分局 surveillance footage 2026-03-02'))),
    owner: 'did:alliance:police-bj-dc',
    sharedWith: ['did:alliance:procuratorate-bj-dc'],
  },
  transfer: {
    transferId: 'YS-2026-DC-0001',
    sender: 'did:alliance:police-bj-dc',
    receiver: 'did:alliance:procuratorate-bj-dc',
    caseRef: '京公东刑诉字〔2026〕0001号',
  },
} as const;

/** The demo organ's private key (demo only: derived from its DID, never used in production). */
export const demoOrganKey = (did: string): Uint8Array => sha256(utf8(`courtbridge demo organ ${did}`));

const signers = new Map<string, Signer>();
function signerOf(did: string): Signer {
  let s = signers.get(did);
  if (s === undefined) {
    s = createSigner(did, `${did}#key-1`, demoOrganKey(did));
    signers.set(did, s);
  }
  return s;
}

function statementTx(s: Statement): Tx {
  const signed = signStatement(signerOf(s.signer), s);
  return { type: txTypeOf(s.type), sender: s.signer, id: statementId(s), body: encodeCanonical(signed, 'statement') };
}

const roleOf = (did: string): CollabRole => DEMO_ORGANS.find((o) => o.did === did)!.role;

/** About `n` records: n/2 evidence items, n/2 transfers (accepted, returned or waiting), accesses. */
export function seedCollab(rng: Prng, n: number): Tx[] {
  const txs: Tx[] = [];
  const d = COLLAB_DEMO;
  let t = DEMO_REGISTERED_AT_MS + 7 * 365 * 86_400_000;
  const next = (): number => (t += 60_000 + rng.int(3_600) * 1000);
  const base = (signer: string) => ({ schema: 1 as const, signer, role: roleOf(signer), atMs: next() });
  txs.push(
    statementTx({ type: 'evidence_share', ...base(d.evidence.owner), sha256: d.evidence.sha256, sharedWith: [...d.evidence.sharedWith] }),
  );
  txs.push(
    statementTx({
      type: 'transfer',
      ...base(d.transfer.sender),
      transferId: d.transfer.transferId,
      receiver: d.transfer.receiver,
      caseRef: d.transfer.caseRef,
      evidence: [d.evidence.sha256],
    }),
  );
  txs.push(statementTx({ type: 'transfer_accept', ...base(d.transfer.receiver), transferId: d.transfer.transferId }));
  txs.push(
    statementTx({
      type: 'evidence_access',
      ...base(d.transfer.receiver),
      sha256: d.evidence.sha256,
      purpose: '审查起诉 review for prosecution',
    }),
  );
  // The organs only: their demo keys are the ones the dev alliance registers (src/devtools/dev-alliance.ts).
  const organs = DEMO_ORGANS.filter((o) => o.role !== 'court').map((o) => o.did);
  const half = Math.max(1, Math.floor(n / 2));
  for (let i = 0; i < half; i++) {
    const owner = rng.pick(organs);
    const others = organs.filter((o) => o !== owner);
    const receiver = rng.pick(others);
    const sha = toHex(sha256(utf8(`courtbridge seed evidence ${i} ${rng.nextU32()}`)));
    txs.push(statementTx({ type: 'evidence_share', ...base(owner), sha256: sha, sharedWith: rng.chance(0.5) ? [receiver] : [] }));
    const transferId = `YS-${2020 + rng.int(7)}-${String(i + 2).padStart(5, '0')}`;
    txs.push(
      statementTx({
        type: 'transfer',
        ...base(owner),
        transferId,
        receiver,
        caseRef: `京东刑〔${2020 + rng.int(7)}〕${String(rng.int(9999) + 1).padStart(4, '0')}号`,
        evidence: [sha],
      }),
    );
    const fate = rng.int(3);
    if (fate === 0) {
      txs.push(statementTx({ type: 'transfer_accept', ...base(receiver), transferId }));
      txs.push(statementTx({ type: 'evidence_access', ...base(receiver), sha256: sha, purpose: '办案查阅 case review' }));
    } else if (fate === 1) {
      txs.push(
        statementTx({ type: 'transfer_return', ...base(receiver), transferId, reason: '证据不足，退回补充侦查 insufficient evidence' }),
      );
    }
  }
  return txs;
}
