/** In-memory `TrustedStore`: for tests and single-process tools. Stores copies, as a real store would. */
import type { ClientState } from './client-state.js';
import type { ConsensusState } from './consensus-state.js';
import { decodeClientState, decodeConsensusState, encodeClientState, encodeConsensusState } from './state-codec.js';
import { storeConflict, type TrustedStore, type Versioned } from './store.js';

export class MemoryTrustedStore implements TrustedStore {
  private readonly clients = new Map<string, { json: string; revision: number }>();
  private readonly consensus = new Map<string, Map<number, string>>();

  async getClientState(chainId: string): Promise<Versioned<ClientState> | undefined> {
    const e = this.clients.get(chainId);
    return e === undefined ? undefined : { value: decodeClientState(e.json), revision: e.revision };
  }

  async putClientState(state: ClientState, expectedRevision: number): Promise<number> {
    const cur = this.clients.get(state.chainId)?.revision ?? 0;
    if (cur !== expectedRevision) throw storeConflict(state.chainId, expectedRevision, cur);
    this.clients.set(state.chainId, { json: encodeClientState(state), revision: cur + 1 });
    return cur + 1;
  }

  async getConsensusState(chainId: string, height: number): Promise<ConsensusState | undefined> {
    const s = this.consensus.get(chainId)?.get(height);
    return s === undefined ? undefined : decodeConsensusState(s);
  }

  async putConsensusState(chainId: string, cs: ConsensusState): Promise<void> {
    let m = this.consensus.get(chainId);
    if (m === undefined) {
      m = new Map();
      this.consensus.set(chainId, m);
    }
    m.set(cs.height, encodeConsensusState(cs));
  }

  async deleteConsensusState(chainId: string, height: number): Promise<void> {
    this.consensus.get(chainId)?.delete(height);
  }

  async heights(chainId: string): Promise<number[]> {
    return [...(this.consensus.get(chainId)?.keys() ?? [])].sort((a, b) => a - b);
  }
}
