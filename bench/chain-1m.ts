/**
 * The query suites' chain: the dev-ledger chain `credit` holding 1,000,000 records (16-byte
 * values, `debtor/0` ..) and the 1 KiB record the clients ask for (`debtor/bench`), so every
 * proof carries the siblings of a production-sized state (~21), not of a toy one.
 *
 * Building it (a real DevLedger, one block, its real sparse Merkle tree) costs ~15-20 s on the
 * bench machine, beyond the quick budget, so it is prebuilt: what an adapter of that chain
 * sends is recorded once (the encoded light blocks, header announcement bodies and the query
 * answers of the asked keys, each a real proof against the real state root the validators
 * signed) and cached on disk; a later run loads those few KiB. The cache is rebuilt when it is a
 * day old (the bench chain's trusting period is seven days) or when the code it came from
 * changed (its name carries a hash of the ledger, tree, header and wire sources, and the
 * recording's format version).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ContractRegistry } from '../src/chain/ledger/contract.js';
import { DevLedger } from '../src/chain/ledger/ledger.js';
import { encodeLightBlock } from '../src/chain/signed-header.js';
import { fromBase64url, toBase64url, utf8 } from '../src/encoding/bytes.js';
import { headerRefOf, proofToWire, signedHeaderToWire, validatorSetToWire } from '../src/verify/bundle-convert.js';
import { encodeMessage } from '../src/wire/codec.js';
import { miniValidatorKeys } from '../test/relay/query/mini-adapter.js';

export const CHAIN_1M = { chainId: 'credit', recordType: 'credit.debtor', records: 1_000_000, askedKeys: ['debtor/bench'] } as const;

/** What the chain's adapter sends, recorded. */
export interface RecordedChain {
  builtAtMs: number;
  /** Records in the state (the asked ones included). */
  records: number;
  /** Encoded light blocks, by height - 1. */
  lightBlocks: Uint8Array[];
  /** HeaderAnnouncement bodies (to be sealed by the adapter when sent), by height - 1. */
  announcements: Uint8Array[];
  /** QueryResponse of each asked key without its request id (field 1, prepended per call). */
  answers: Map<string, Uint8Array>;
}

const MAX_AGE_MS = 86_400_000;
/** Bumped when what is recorded, or how, changes here. */
const FORMAT = 1;

/** Hash of the sources whose change would change the recorded bytes. */
function sourceHash(): string {
  const h = createHash('sha256');
  for (const f of [
    '../src/proof/sparse-merkle-tree.ts',
    '../src/chain/ledger/ledger.ts',
    '../src/chain/ledger/block.ts',
    '../src/chain/signed-header.ts',
    '../src/verify/bundle-convert.ts',
    '../proto/courtbridge/v1/wire.proto',
  ]) {
    const path = new URL(f, import.meta.url);
    h.update(existsSync(path) ? readFileSync(path) : utf8(f));
  }
  return h.digest('hex').slice(0, 16);
}

function cachePath(): string {
  const dir = join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'courtbridge-bench');
  return join(dir, `${CHAIN_1M.chainId}-${CHAIN_1M.records}-v${FORMAT}-${sourceHash()}.json`);
}

/** The recorded chain: from the cache when fresh, else built now (and cached). */
export function recordedChain(progress: (m: string) => void = () => {}): RecordedChain {
  const path = cachePath();
  if (existsSync(path)) {
    const j = JSON.parse(readFileSync(path, 'utf8')) as {
      builtAtMs: number;
      records: number;
      lightBlocks: string[];
      announcements: string[];
      answers: Record<string, string>;
    };
    if (Date.now() - j.builtAtMs < MAX_AGE_MS)
      return {
        builtAtMs: j.builtAtMs,
        records: j.records,
        lightBlocks: j.lightBlocks.map((s) => fromBase64url(s)),
        announcements: j.announcements.map((s) => fromBase64url(s)),
        answers: new Map(Object.entries(j.answers).map(([k, v]) => [k, fromBase64url(v)])),
      };
  }
  const t0 = performance.now();
  progress(`building the ${CHAIN_1M.records}-record chain (cached at ${path})`);
  const chain = buildChain();
  progress(`built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const json = JSON.stringify({
    builtAtMs: chain.builtAtMs,
    records: chain.records,
    lightBlocks: chain.lightBlocks.map(toBase64url),
    announcements: chain.announcements.map(toBase64url),
    answers: Object.fromEntries([...chain.answers].map(([k, v]) => [k, toBase64url(v)])),
  });
  // Suites starting together may build at once: each writes its own file and renames it into
  // place (the same bytes but the build time). A cache that cannot be written only costs the
  // next run another build.
  try {
    const dir = dirname(path);
    mkdirSync(dir, { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, json);
    renameSync(tmp, path);
    // Recordings of older code are never read again.
    for (const f of readdirSync(dir))
      if (f.startsWith(`${CHAIN_1M.chainId}-`) && f.endsWith('.json') && join(dir, f) !== path) rmSync(join(dir, f), { force: true });
  } catch (e) {
    progress(`not cached: ${(e as Error).message}`);
  }
  return chain;
}

/** A real DevLedger (the mini adapter's validators and suite): one block of every record. */
function buildChain(): RecordedChain {
  const { chainId, recordType, records } = CHAIN_1M;
  const filler = records - CHAIN_1M.askedKeys.length;
  const contracts = new ContractRegistry().register({
    types: ['fill'],
    apply: () => {
      const writes: { key: string; value: Uint8Array }[] = [];
      for (let i = 0; i < filler; i++) writes.push({ key: `debtor/${i}`, value: new Uint8Array(16).fill(i % 251) });
      writes.push({ key: 'debtor/bench', value: new Uint8Array(1024).fill(7) });
      return writes;
    },
  });
  const ledger = DevLedger.open({ chainId, contracts, validatorKeys: miniValidatorKeys() });
  void ledger.submit({ type: 'fill', sender: 'did:alliance:bench', id: 'fill-1m', body: utf8(String(records)) });
  ledger.produceBlock();
  const lights = Array.from({ length: ledger.height }, (_, i) => ledger.lightBlockAt(i + 1));
  const answers = new Map<string, Uint8Array>();
  for (const key of CHAIN_1M.askedKeys) {
    const p = ledger.prove(key);
    if (p.value === null) throw new Error(`bench: ${key} is not in the built chain`);
    answers.set(
      key,
      encodeMessage('QueryResponse', {
        requestId: '',
        record: { chainId, key, value: p.value, recordType },
        proof: proofToWire(p.proof),
        header: headerRefOf(p.light, ledger.hashSuite),
      }),
    );
  }
  ledger.close();
  return {
    builtAtMs: Date.now(),
    records,
    lightBlocks: lights.map(encodeLightBlock),
    announcements: lights.map((lb) =>
      encodeMessage('HeaderAnnouncement', {
        signedHeader: signedHeaderToWire(lb.signedHeader),
        validatorSet: validatorSetToWire(lb.validatorSet),
      }),
    ),
    answers,
  };
}

/** `answer` (a QueryResponse without request id) with `requestId` as its field 1. */
export function withRequestId(answer: Uint8Array, requestId: string): Uint8Array {
  const head = encodeMessage('QueryResponse', { requestId });
  const out = new Uint8Array(head.length + answer.length);
  out.set(head, 0);
  out.set(answer, head.length);
  return out;
}
