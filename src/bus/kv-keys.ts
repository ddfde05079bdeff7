import type { KV } from 'nats';

/**
 * The keys of a KV bucket matching `filter` (nats subject syntax), each once, sorted.
 * nats.js's `kv.keys()` follows the bucket's stream until nothing is pending, so a key written
 * again while it lists is delivered again: a listing taken during writes would name it twice.
 */
export async function listKvKeys(kv: KV, filter = '>'): Promise<string[]> {
  const seen = new Set<string>();
  for await (const k of await kv.keys(filter)) seen.add(k);
  return [...seen].sort();
}
