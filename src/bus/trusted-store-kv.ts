/**
 * `TrustedStore` on a JetStream KV bucket (DESIGN.md "Transport": JetStream KV for the
 * gateway's state), so gateway replicas share trusted headers and a restart resumes without
 * re-syncing. Keys (chain ids are KV-token safe by header.ts `CHAIN_ID_PATTERN`):
 *   <chainId>.client          client state  (state-codec.ts JSON)
 *   <chainId>.cs.<height>     consensus state
 * The client-state revision IS the KV revision: `putClientState` is `kv.create` (expected 0)
 * or `kv.update(key, value, revision)`, JetStream's own compare-and-set.
 */
import type { JetStreamClient, KV, NatsConnection } from 'nats';
import { ensureKv } from './jetstream.js';
import { CHAIN_ID_PATTERN } from '../chain/header.js';
import { utf8, fromUtf8 } from '../encoding/bytes.js';
import type { ClientState } from '../lightclient/client-state.js';
import type { ConsensusState } from '../lightclient/consensus-state.js';
import { decodeClientState, decodeConsensusState, encodeClientState, encodeConsensusState } from '../lightclient/state-codec.js';
import { storeConflict, type TrustedStore, type Versioned } from '../lightclient/store.js';
import { listKvKeys } from './kv-keys.js';

export const DEFAULT_TRUSTED_BUCKET = 'courtbridge_trusted';

export interface KvTrustedStoreOptions {
  /** Bucket name; default `courtbridge_trusted`. */
  bucket?: string;
  /** JetStream replicas for the bucket when it is created (R3 on a cluster); default 1. */
  replicas?: number;
}

const clientKey = (chainId: string): string => `${checkChainId(chainId)}.client`;
const csKey = (chainId: string, height: number): string => {
  if (!Number.isSafeInteger(height) || height < 1) throw new TypeError(`height: expected an integer >= 1, got ${height}`);
  return `${checkChainId(chainId)}.cs.${height}`;
};

function checkChainId(chainId: string): string {
  if (!CHAIN_ID_PATTERN.test(chainId)) throw new TypeError(`chainId: expected ${CHAIN_ID_PATTERN.source}, got ${JSON.stringify(chainId)}`);
  return chainId;
}

export class KvTrustedStore implements TrustedStore {
  constructor(private readonly kv: KV) {}

  async getClientState(chainId: string): Promise<Versioned<ClientState> | undefined> {
    const e = await this.kv.get(clientKey(chainId));
    if (e === null || e.operation !== 'PUT') return undefined;
    return { value: decodeClientState(fromUtf8(e.value)), revision: e.revision };
  }

  async putClientState(state: ClientState, expectedRevision: number): Promise<number> {
    const key = clientKey(state.chainId);
    const data = utf8(encodeClientState(state));
    try {
      return expectedRevision === 0 ? await this.kv.create(key, data) : await this.kv.update(key, data, expectedRevision);
    } catch (e) {
      // JetStream refuses with "wrong last sequence" when the revision moved; report it as the
      // store contract says (re-read to name the revision found).
      const now = await this.kv.get(key);
      const found = now === null || now.operation !== 'PUT' ? 0 : now.revision;
      if (found !== expectedRevision) throw storeConflict(state.chainId, expectedRevision, found);
      throw e;
    }
  }

  async getConsensusState(chainId: string, height: number): Promise<ConsensusState | undefined> {
    const e = await this.kv.get(csKey(chainId, height));
    if (e === null || e.operation !== 'PUT') return undefined;
    return decodeConsensusState(fromUtf8(e.value));
  }

  async putConsensusState(chainId: string, cs: ConsensusState): Promise<void> {
    await this.kv.put(csKey(chainId, cs.height), utf8(encodeConsensusState(cs)));
  }

  async deleteConsensusState(chainId: string, height: number): Promise<void> {
    await this.kv.purge(csKey(chainId, height));
  }

  /**
   * Forget everything trusted of `chainId` (its consensus states, then its client state): the
   * registry re-anchored the chain somewhere the stored trust does not reach (manager.ts).
   */
  async forget(chainId: string): Promise<void> {
    for (const h of await this.heights(chainId)) await this.kv.purge(csKey(chainId, h));
    await this.kv.purge(clientKey(chainId));
  }

  async heights(chainId: string): Promise<number[]> {
    const prefix = `${checkChainId(chainId)}.cs.`;
    const out = (await listKvKeys(this.kv, `${prefix}*`)).map((k) => Number(k.slice(prefix.length)));
    return out.filter((h) => Number.isSafeInteger(h)).sort((a, b) => a - b);
  }
}

/**
 * Open (or create) the bucket and wrap it: a function taking a connection (nats.js style).
 *
 * @example
 * const store = await kvTrustedStore(nc);
 * const client = new LightClient('ip-1', store);
 */
export async function kvTrustedStore(nc: NatsConnection | JetStreamClient, opts: KvTrustedStoreOptions = {}): Promise<KvTrustedStore> {
  const js = 'jetstream' in nc ? nc.jetstream() : nc;
  // Through ensureKv: an existing bucket with fewer replicas than asked is raised, never lowered.
  return new KvTrustedStore(await ensureKv(js, opts.bucket ?? DEFAULT_TRUSTED_BUCKET, { history: 1, replicas: opts.replicas ?? 1 }));
}
