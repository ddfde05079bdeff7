/**
 * The anchored traces a gateway puts in its bundles (src/verify/anchored-trace.ts): per chain,
 * the light block of the chain's registry anchor and every trusted header that announced a
 * validator-set change. Read once from the shared trusted store at start, then kept current
 * from the headers this gateway verifies. A trace for height h is the anchor followed by the
 * change headers between the anchor and h; it grows with set changes, not with height, and the
 * same array is handed out for every height above the same changes (encoded once).
 */
import type { LightBlock } from '../../chain/signed-header.js';
import { equalBytes } from '../../encoding/bytes.js';
import type { ConsensusState } from '../../lightclient/consensus-state.js';
import type { TrustedStore } from '../../lightclient/store.js';

interface ChainTrace {
  anchorHeight: number;
  anchorHash: Uint8Array;
  anchor: LightBlock | undefined;
  /** Trusted headers above the anchor whose next set differs from their own, by height. */
  changes: LightBlock[];
  /** traces[k]: the anchor and the first k changes (shared arrays, so their encoding is too). */
  traces: Array<readonly LightBlock[]>;
}

const announcesChange = (lb: LightBlock): boolean =>
  !equalBytes(lb.signedHeader.header.validatorsHash, lb.signedHeader.header.nextValidatorsHash);
const lbOf = (cs: ConsensusState): LightBlock => ({ signedHeader: cs.signedHeader, validatorSet: cs.validatorSet });

export class TraceBook {
  private readonly chains = new Map<string, ChainTrace>();

  constructor(private readonly store: TrustedStore) {}

  /** Follow `chainId` from its registry anchor; reads what the store already trusts above it. */
  async load(chainId: string, anchor: { height: number; headerHash: Uint8Array }): Promise<void> {
    const c: ChainTrace = { anchorHeight: anchor.height, anchorHash: anchor.headerHash, anchor: undefined, changes: [], traces: [] };
    this.chains.set(chainId, c);
    for (const h of await this.store.heights(chainId)) {
      if (h < anchor.height) continue;
      const cs = await this.store.getConsensusState(chainId, h);
      if (cs !== undefined) this.note(chainId, lbOf(cs), cs.headerHash);
    }
  }

  /** Pick up the anchor from the store when it was trusted after `load` (a late adapter). */
  async refresh(chainId: string): Promise<void> {
    const c = this.chains.get(chainId);
    if (c === undefined || c.anchor !== undefined) return;
    const cs = await this.store.getConsensusState(chainId, c.anchorHeight);
    if (cs !== undefined) this.note(chainId, lbOf(cs), cs.headerHash);
  }

  /** A header this gateway now trusts (`hash` is its header hash). */
  note(chainId: string, lb: LightBlock, hash: Uint8Array): void {
    const c = this.chains.get(chainId);
    if (c === undefined) return;
    const h = lb.signedHeader.header.height;
    if (h === c.anchorHeight) {
      // Only the very header the registry pinned starts a trace.
      if (c.anchor === undefined && equalBytes(hash, c.anchorHash)) {
        c.anchor = lb;
        c.traces = [];
      }
      return;
    }
    if (h < c.anchorHeight || !announcesChange(lb) || c.changes.some((x) => x.signedHeader.header.height === h)) return;
    c.changes.push(lb);
    c.changes.sort((a, b) => a.signedHeader.header.height - b.signedHeader.header.height);
    c.traces = [];
  }

  /** The trace from the anchor to a header at `height`; undefined when the anchor is not held. */
  traceFor(chainId: string, height: number): readonly LightBlock[] | undefined {
    const c = this.chains.get(chainId);
    if (c === undefined || c.anchor === undefined || height < c.anchorHeight) return undefined;
    let k = 0;
    while (k < c.changes.length && c.changes[k]!.signedHeader.header.height < height) k++;
    let t = c.traces[k];
    if (t === undefined) {
      t = Object.freeze([c.anchor, ...c.changes.slice(0, k)]);
      c.traces[k] = t;
    }
    return t;
  }
}
