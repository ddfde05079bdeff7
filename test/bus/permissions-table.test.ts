/** The README's bus permissions table is the one the permissions module generates (no drift). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { permissionsTable, summarize } from '../../src/bus/permissions-table.js';
import { permissionsOf } from '../../src/bus/permissions.js';
import { FILING_ACKS_BUCKET, FILINGS_STREAM } from '../../src/workflows/filings/filing-stream.js';
import { BREAKER_BUCKET } from '../../src/relay/breaker.js';
import { MEDIATION_SUBJECT } from '../../src/workflows/mediation/mediation-wire.js';
import { REGISTRY_STREAM } from '../../src/bus/registry-follower.js';
import { CAUSE_TYPES } from '../../src/workflows/filings/filing-record.js';
import { filingDurable } from '../../src/workflows/filings/filing-subscriber.js';
import { actionConsumerName } from '../../adapters/sdk/action-consumer.js';
import { orderReplayBucket } from '../../adapters/sdk/runtime.js';
import { DEFAULT_WORKFLOWS_CONFIG } from '../../src/config/workflows-config.js';
import {
  actionConsumerOf,
  BREAKER_BUCKET_NAME,
  DEFAULT_WORKFLOWS_BUCKETS,
  FILING_ACKS_BUCKET_NAME,
  FILING_SUBJECTS,
  FILINGS_STREAM_NAME,
  FILING_CAUSES,
  filingDurableOf,
  MEDIATION_SUBJECT_NAME,
  orderBucketOf,
  REGISTRY_STREAM_NAME,
} from '../../src/bus/permissions.js';

const cells = (table: string): string[][] =>
  table.split('\n').map((row) =>
    row
      .split('|')
      .slice(1, -1)
      .map((c) => (/^\s*-+\s*$/.test(c) ? '---' : c.trim())),
  );

const README = readFileSync(resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('bus permissions documentation', () => {
  it('README "NATS security / 总线权限" shows exactly the generated table', () => {
    const m = /<!-- bus-permissions:begin -->\n([\s\S]*?)\n<!-- bus-permissions:end -->/.exec(README);
    expect(m, 'README lacks the bus-permissions markers').not.toBeNull();
    // Cells compared trimmed: the formatter aligns the README's columns.
    expect(
      cells(m![1]!),
      'regenerate: npx tsx -e "import(\'./src/bus/permissions-table.ts\').then(m=>console.log(m.permissionsTable()))", then npx biome check --write README.md',
    ).toEqual(cells(permissionsTable()));
  });

  it('the names the permissions repeat are the ones their owners use', () => {
    expect(FILINGS_STREAM_NAME).toBe(FILINGS_STREAM.name);
    expect([FILING_SUBJECTS]).toEqual([...FILINGS_STREAM.subjects]);
    expect(FILING_ACKS_BUCKET_NAME).toBe(FILING_ACKS_BUCKET);
    expect(BREAKER_BUCKET_NAME).toBe(BREAKER_BUCKET);
    expect(MEDIATION_SUBJECT_NAME).toBe(MEDIATION_SUBJECT);
    expect(REGISTRY_STREAM_NAME).toBe(REGISTRY_STREAM.name);
    expect(actionConsumerOf('ip')).toBe(actionConsumerName('ip'));
    expect(orderBucketOf('ip')).toBe(orderReplayBucket('ip'));
    expect([...FILING_CAUSES]).toEqual([...CAUSE_TYPES]);
    expect(filingDurableOf('did:alliance:agency-bank', 'civil')).toBe(filingDurable('did:alliance:agency-bank', 'civil'));
    expect(DEFAULT_WORKFLOWS_BUCKETS).toEqual({
      state: DEFAULT_WORKFLOWS_CONFIG.stateBucket,
      lease: DEFAULT_WORKFLOWS_CONFIG.leaseBucket,
      replay: DEFAULT_WORKFLOWS_CONFIG.replayBucket,
      cursor: (DEFAULT_WORKFLOWS_CONFIG.filings as { cursorBucket: string }).cursorBucket,
    });
  });

  it('a gateway publishes no results, headers or announcements and writes no adapter bucket; only the operator may delete streams', () => {
    const gw = permissionsOf({ user: 'gateway-g', kind: 'gateway', did: 'did:alliance:g', chains: [] }, 'UX');
    const s = summarize(gw);
    expect(s.publish.some((x) => /^cb\.v1\.(results|headers|announce)\./.test(x))).toBe(false);
    expect(s.kvWrite.some((b) => b.startsWith('cb_orders_'))).toBe(false);
    for (const kind of ['gateway', 'adapter', 'notary', 'agency', 'organ', 'workflows'] as const) {
      const p = permissionsOf({ user: kind, kind, did: 'did:alliance:x', chains: ['ip'] }, 'UX');
      expect(
        p.publish.allow.filter((x) => /STREAM\.(DELETE|PURGE)|^>$|\$JS\.API\.>/.test(x)),
        kind,
      ).toEqual([]);
      expect(
        p.subscribe.allow.filter((x) => x === '>' || x.startsWith('_INBOX.') || x.startsWith('cb.v1.query')),
        kind,
      ).toEqual(kind === 'adapter' ? ['cb.v1.query.ip'] : []);
    }
  });
});
