/**
 * Contract handlers: the only code that changes a dev-ledger's state. A handler reads the
 * current state through a view and returns writes; it must be deterministic (the ledger
 * rebuilds state by replaying its block log), so it gets the block's height and time, never
 * the wall clock.
 */
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { Tx } from './transaction.js';

export interface StateView {
  /** Current value of a state key (including writes of earlier txs in the same block). */
  get(key: string): Uint8Array | undefined;
}

export interface StateWrite {
  key: string;
  /** `null` deletes the key. */
  value: Uint8Array | null;
  /** Secondary index entries for this record (e.g. `{ name: 'owner', value: ownerHash }`). */
  index?: { name: string; value: string }[];
}

export interface BlockContext {
  chainId: string;
  height: number;
  timeMs: number;
}

export interface ContractHandler {
  /** Operations this handler owns (`tx.type` values). */
  readonly types: readonly string[];
  /** Validate and execute; throw `CourtbridgeError` to refuse the tx (it is then not included). */
  apply(tx: Tx, state: StateView, ctx: BlockContext): StateWrite[];
}

/** Maps tx types to handlers; throws on duplicates (STYLE.md 3). */
export class ContractRegistry {
  private readonly byType = new Map<string, ContractHandler>();

  register(handler: ContractHandler): this {
    for (const t of handler.types) {
      if (this.byType.has(t)) throw new Error(`contract registry: tx type ${t} is already handled`);
      this.byType.set(t, handler);
    }
    return this;
  }

  handlerFor(type: string): ContractHandler {
    const h = this.byType.get(type);
    if (!h)
      throw new CourtbridgeError(
        ErrorCode.InvalidArgument,
        'unknown_tx_type',
        `no contract handles transactions of type ${JSON.stringify(type)}`,
      );
    return h;
  }

  get types(): string[] {
    return [...this.byType.keys()];
  }
}
