/**
 * The README's table of who may do what on the bus ("NATS security / 总线权限"), generated from
 * `permissionsOf` for one example of each participant kind, so the documentation cannot drift
 * from the permissions the server enforces (test/bus/permissions-table.test.ts compares them).
 */
import { permissionsOf, type NatsPermissions, type Participant } from './permissions.js';

/** One example of each kind (chain `ip`, the judicial chain's adapter, a notary of chain `bank`, the submitters to chain `mobile`'s intake). */
export const EXAMPLE_PARTICIPANTS: readonly Participant[] = [
  { user: 'gateway-<org>', kind: 'gateway', did: 'did:alliance:gateway-1', chains: [] },
  { user: 'adapter-<org>', kind: 'adapter', did: 'did:alliance:ip-adapter', chains: ['ip'] },
  { user: 'adapter-<org>', kind: 'adapter', did: 'did:alliance:judicial-adapter', chains: ['judicial'] },
  { user: 'notary-<org>', kind: 'notary', did: 'did:alliance:bank-notary-1', chains: ['bank'] },
  { user: 'agency-<org>', kind: 'agency', did: 'did:alliance:agency-bank', chains: [] },
  { user: 'organ-<org>', kind: 'organ', did: 'did:alliance:procuratorate-bj-dc', chains: ['collab'] },
  { user: 'workflows', kind: 'workflows', chains: [] },
  { user: 'intake-<chain>', kind: 'intake', chains: ['mobile'] },
  { user: 'operator', kind: 'operator', chains: [] },
];

export interface PermissionSummary {
  /** Core subjects (not JetStream API): published, requested. */
  publish: string[];
  subscribe: string[];
  /** Streams it may read (info, messages, consumers); `(consumer c)` when only its own consumer. */
  streams: string[];
  /** KV buckets it may write (`bucket` or `bucket: keys`). */
  kvWrite: string[];
  /** May answer requests (`allow_responses`). */
  answers: boolean;
}

/** The permissions in a reader's terms: subjects, streams read, KV buckets written. */
export function summarize(p: NatsPermissions): PermissionSummary {
  const streams = new Map<string, Set<string>>();
  const kvWrite = new Map<string, string[]>();
  const publish: string[] = [];
  for (const s of p.publish.allow) {
    const info = /^\$JS\.API\.STREAM\.INFO\.(\S+)$/.exec(s);
    if (info) {
      if (!info[1]!.startsWith('KV_')) streams.set(info[1]!, streams.get(info[1]!) ?? new Set());
      continue;
    }
    const consumer = /^\$JS\.API\.CONSUMER\.DURABLE\.CREATE\.([^.]+)\.(\S+)$/.exec(s);
    if (consumer && consumer[2] !== '*') streams.get(consumer[1]!)?.add(consumer[2]!);
    const kv = /^\$KV\.([^.]+)\.(.+)$/.exec(s);
    if (kv) kvWrite.set(kv[1]!, [...(kvWrite.get(kv[1]!) ?? []), kv[2]!]);
    if (s.startsWith('$') && s !== '>') continue;
    publish.push(s);
  }
  return {
    publish,
    subscribe: [...p.subscribe.allow],
    streams: [...streams].map(([name, own]) => (own.size === 0 ? name : `${name} (consumer ${[...own].join(', ')})`)),
    kvWrite: [...kvWrite].map(([b, keys]) => (keys.length === 1 && keys[0] === '>' ? b : `${b}: ${keys.join(', ')}`)),
    answers: p.allowResponses,
  };
}

const code = (xs: readonly string[]): string => (xs.length === 0 ? '—' : xs.map((x) => `\`${x}\``).join(' '));

/** The markdown table (one row per example participant). */
export function permissionsTable(): string {
  const rows = [
    '| Participant / 参与方 | Publishes and requests / 发布与请求 | Subscribes / 订阅 | Reads streams / 读取流 | Writes KV / 写 KV | Answers requests |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const p of EXAMPLE_PARTICIPANTS) {
    const s = summarize(permissionsOf(p, '<nkey>'));
    const who = `\`${p.user}\`${p.did === undefined ? '' : ` (e.g. ${p.did}${p.chains.length > 0 ? `, chain ${p.chains.join(', ')}` : ''})`}`;
    rows.push(
      `| ${who} | ${code(s.publish)} | ${code(s.subscribe)} | ${p.kind === 'operator' ? 'all' : code(s.streams)} | ${p.kind === 'operator' ? 'all' : code(s.kvWrite)} | ${s.answers ? 'yes' : 'no'} |`,
    );
  }
  return rows.join('\n');
}
