/**
 * The record notaries of the enterprise registry a test runs, by their index in the registry's
 * set: each reads its own read-only copy of the database file and signs what it reads
 * (adapters/notary/record-notary.ts). `stopAll` in afterAll drains every one and closes its copy.
 */
import type { NatsConnection } from 'nats';
import { enterprise } from '../../adapters/notary/definition.js';
import { RecordDb } from '../../adapters/notary/record-db.js';
import { type RecordNotary, startRecordNotary } from '../../adapters/notary/record-notary.js';
import type { Signer } from '../../src/identity/signer.js';
import { silentLogger } from '../../src/log.js';

export class EnterpriseNotaries {
  private readonly running = new Map<number, { notary: RecordNotary; db: RecordDb }>();

  constructor(private readonly nc: NatsConnection) {}

  /** Notary `i`, signing as `signer` what `file` holds; answering once this resolves. */
  async start(i: number, signer: Signer, file: string): Promise<void> {
    if (this.running.has(i)) throw new Error(`notary ${i} is already running`);
    const db = RecordDb.open(file, { readOnly: true });
    const notary = startRecordNotary({
      nc: this.nc,
      chainId: enterprise.chainId,
      recordTypes: enterprise.recordTypes,
      db,
      signer,
      logger: silentLogger(),
    });
    this.running.set(i, { notary, db });
    await this.nc.flush();
  }

  /** Notary `i` stops answering (drained), its copy closed. */
  async stop(i: number): Promise<void> {
    const r = this.running.get(i);
    this.running.delete(i);
    if (r === undefined) return;
    await r.notary.drain();
    r.db.close();
    await this.nc.flush();
  }

  async stopAll(): Promise<void> {
    for (const i of [...this.running.keys()]) await this.stop(i);
  }
}
