/**
 * One active replica per case: a lease per case in a JetStream KV bucket. Every change is
 * revision-checked (`create` when the key has no live lease, `update` at the revision read), so
 * of two replicas racing for the same case exactly one write lands. A lease names its holder and
 * when it expires; a holder renews it while it works and releases it on drain; anyone may take
 * it over once it expired (its holder died: kill -9, lost network). The engine is idempotent at
 * step boundaries, so a takeover resumes the case where the dead holder left it.
 */
import type { KV } from 'nats';
import { fromUtf8, toHex, utf8 } from '../../encoding/bytes.js';

interface LeaseValue {
  holder: string;
  expiresAtMs: number;
}

/** The lease of a case as stored (for status and tests). */
export interface LeaseInfo extends LeaseValue {
  revision: number;
}

export interface CaseLeasesOptions {
  kv: KV;
  /** This replica's id (the holder written in its leases). */
  replicaId: string;
  ttlMs: number;
  now: () => number;
}

export class CaseLeases {
  constructor(private readonly o: CaseLeasesOptions) {}

  get replicaId(): string {
    return this.o.replicaId;
  }

  get ttlMs(): number {
    return this.o.ttlMs;
  }

  /** The lease of `caseId`, if any was ever written (case ids are not KV-safe: keys are hex). */
  async read(caseId: string): Promise<LeaseInfo | undefined> {
    const e = await this.o.kv.get(keyOf(caseId));
    if (e === null || e.operation !== 'PUT' || e.value.length === 0) return undefined;
    return { ...(JSON.parse(fromUtf8(e.value)) as LeaseValue), revision: e.revision };
  }

  /**
   * Take or renew the lease: true when this replica holds it until now + ttl. False when another
   * replica holds a live lease, or won the race for it.
   */
  async acquire(caseId: string): Promise<boolean> {
    const now = this.o.now();
    const value = utf8(JSON.stringify({ holder: this.o.replicaId, expiresAtMs: now + this.o.ttlMs } satisfies LeaseValue));
    const cur = await this.read(caseId);
    try {
      if (cur === undefined) await this.o.kv.create(keyOf(caseId), value);
      else if (cur.holder === this.o.replicaId || cur.expiresAtMs <= now) await this.o.kv.update(keyOf(caseId), value, cur.revision);
      else return false;
      return true;
    } catch (e) {
      // Wrong last sequence / key exists: another replica wrote first.
      if (isRevisionConflict(e)) return false;
      throw e;
    }
  }

  /** Give the lease up (drain): the next replica takes the case at once, not after the ttl. */
  async release(caseId: string): Promise<void> {
    const cur = await this.read(caseId);
    if (cur === undefined || cur.holder !== this.o.replicaId) return;
    const value = utf8(JSON.stringify({ holder: '', expiresAtMs: 0 } satisfies LeaseValue));
    try {
      await this.o.kv.update(keyOf(caseId), value, cur.revision);
    } catch (e) {
      if (!isRevisionConflict(e)) throw e;
    }
  }
}

const keyOf = (caseId: string): string => `lease.${toHex(utf8(caseId))}`;

function isRevisionConflict(e: unknown): boolean {
  const m = e instanceof Error ? e.message : String(e);
  return /wrong last sequence|key exists|10071/i.test(m);
}
