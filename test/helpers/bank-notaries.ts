/**
 * The notaries of the bank chain (an `evm` chain) a test runs: each follows the node at depth 1,
 * journals under the test's temp dir and signs final blocks into the notary KV
 * (adapters/evm/notary-follower.ts). `stopAll` in afterAll stops them and closes their journals.
 */
import { join } from 'node:path';
import type { KV } from 'nats';
import { BANK_CHAIN_ID } from '../../adapters/evm/bank-schema.js';
import { type NotaryFollower, startNotaryFollower } from '../../adapters/evm/notary-follower.js';
import { NotaryJournal } from '../../adapters/evm/notary-journal.js';
import type { EvmRpc } from '../../adapters/evm/rpc.js';
import { notaryKey } from '../../src/bus/notary-kv.js';
import { silentLogger } from '../../src/log.js';
import { type AllianceFixture, fixtureNotaryDid } from './alliance-fixture.js';

export class BankNotaries {
  private readonly followers: NotaryFollower[] = [];
  private readonly journals: NotaryJournal[] = [];

  constructor(private readonly o: { rpc: EvmRpc; kv: KV; fx: AllianceFixture; dir: string }) {}

  /** Notary `i` (1..n of the registry's set) follows and signs. */
  start(i: number): void {
    const journal = NotaryJournal.open(join(this.o.dir, `notary-${i}.jsonl`));
    this.journals.push(journal);
    this.followers.push(
      startNotaryFollower({
        rpc: this.o.rpc,
        chainId: BANK_CHAIN_ID,
        depth: 1,
        signer: this.o.fx.signers.get(fixtureNotaryDid(BANK_CHAIN_ID, i))!,
        kv: this.o.kv,
        journal,
        pollMs: 50,
        maxBackoffMs: 200,
        logger: silentLogger(),
      }),
    );
  }

  /** Resolves once each of notaries `which` has signed block `height` into the bucket. @throws after `timeoutMs` */
  async waitSigned(height: number, which: readonly number[], timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const i of which) {
      const key = notaryKey(BANK_CHAIN_ID, height, fixtureNotaryDid(BANK_CHAIN_ID, i));
      while ((await this.o.kv.get(key)) === null) {
        if (Date.now() > deadline) throw new Error(`notary ${i} did not sign block ${height} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  async stopAll(): Promise<void> {
    for (const n of this.followers.splice(0)) await n.stop();
    for (const j of this.journals.splice(0)) j.close();
  }
}
