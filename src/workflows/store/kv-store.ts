/**
 * `WorkflowStore` as a JetStream KV bucket (the gateway keeps no state of its own, DESIGN.md
 * "Scale": a restarted or second gateway resumes the same cases). KV keys allow only
 * `[-/_=.a-zA-Z0-9]`, and case ids do not (e.g. `(2024)京0101民初777号`): each key is stored as
 * the hex of its UTF-8 bytes, which keeps prefixes and byte order, so `keys(prefix)` stays a
 * prefix match, sorted. Writes resolve once the server stored the value (durable). `write` is
 * the server's compare-and-set: `create` (expected last subject sequence 0) or `update` at the
 * revision read, so the server alone decides which of two racing replicas wrote first.
 */
import type { JetStreamManager, KV } from 'nats';
import { fromHex, fromUtf8, toHex, utf8 } from '../../encoding/bytes.js';
import type { VersionedValue, WorkflowStore } from '../ports.js';
import { stateConflict } from '../state-conflict.js';

export class KvWorkflowStore implements WorkflowStore {
  private bucket: string | undefined;

  /**
   * With `jsm`, `keys` lists the bucket's subjects with one stream-info request (a deadline, no
   * consumer): the client's `kv.keys()` iterates an ordered consumer that ends only on a message
   * with no pending after it, and was seen never to end while other replicas wrote the bucket,
   * which stalled a replica's loop for good (no error, no step). The service always passes it.
   */
  constructor(
    private readonly kv: KV,
    private readonly jsm?: JetStreamManager,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const e = await this.kv.get(toHex(utf8(key)));
    return e === null || e.operation !== 'PUT' ? undefined : fromUtf8(e.value);
  }

  async read(key: string): Promise<VersionedValue | undefined> {
    const e = await this.kv.get(toHex(utf8(key)));
    return e === null || e.operation !== 'PUT' ? undefined : { value: fromUtf8(e.value), revision: e.revision };
  }

  async write(key: string, value: string, revision: number): Promise<number> {
    const k = toHex(utf8(key));
    try {
      return revision === 0 ? await this.kv.create(k, utf8(value)) : await this.kv.update(k, utf8(value), revision);
    } catch (e) {
      // "wrong last sequence" (10071) / "key exists": re-read to tell a lost race from another fault.
      const now = await this.kv.get(k);
      const found = now === null || now.operation !== 'PUT' ? 0 : now.revision;
      if (found !== revision) throw stateConflict(key, revision, found);
      throw e;
    }
  }

  async put(key: string, value: string): Promise<void> {
    await this.kv.put(toHex(utf8(key)), utf8(value));
  }

  async keys(prefix: string): Promise<string[]> {
    const p = toHex(utf8(prefix));
    const out: string[] = [];
    for (const k of await this.rawKeys()) if (k.startsWith(p)) out.push(fromUtf8(fromHex(k, 'key')));
    return out.sort((a, b) => (toHex(utf8(a)) < toHex(utf8(b)) ? -1 : 1));
  }

  /** Every key (hex) of the bucket. Listed by subject: a deleted key may be listed, `get` then answers undefined. */
  private async rawKeys(): Promise<string[]> {
    if (this.jsm === undefined) {
      const all: string[] = [];
      for await (const k of await this.kv.keys()) all.push(k);
      return all;
    }
    this.bucket ??= (await this.kv.status()).bucket;
    const subjectPrefix = `$KV.${this.bucket}.`;
    const info = await this.jsm.streams.info(`KV_${this.bucket}`, { subjects_filter: `${subjectPrefix}>` });
    return Object.keys(info.state.subjects ?? {}).map((s) => s.slice(subjectPrefix.length));
  }
}
