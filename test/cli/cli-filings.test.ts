/**
 * `courtbridge filings watch` as the binary runs it, against a real nats-server: an agency
 * receives the civil filings (verified against the pinned genesis, acknowledged), and a cause
 * its role may not receive is refused with exit 5 before anything is read.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type KV, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { listFilingAcks } from '../../src/workflows/filings/filing-acks.js';
import { FilingPublisher } from '../../src/workflows/filings/filing-publisher.js';
import type { FilingRecord } from '../../src/workflows/filings/filing-record.js';
import { provisionFilings } from '../../src/workflows/filings/filing-stream.js';
import { allianceFixture, FixtureDids } from '../helpers/alliance-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { cli, writeAllianceFiles } from './cli-helpers.js';

const fx = allianceFixture();
let nats: NatsServerHandle;
let nc: NatsConnection;
let acks: KV;
let dir: string;
let files: Awaited<ReturnType<typeof writeAllianceFiles>>;

const filing = (caseId: string, causeType: 'civil' | 'ip', height: number): FilingRecord => ({
  chainId: 'judicial',
  caseId,
  court: FixtureDids.court,
  causeType,
  cause: causeType === 'civil' ? '民间借贷纠纷' : '侵害商标权纠纷',
  parties: [{ role: 'plaintiff', party: toHex(sha256(utf8(`cli filings ${caseId}`))) }],
  filedAtMs: Date.now(),
  height,
  recordKey: `case/${caseId}`,
});

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  acks = (await provisionFilings(nc)).acks;
  dir = await mkdtemp(join(tmpdir(), 'courtbridge-cli-filings-'));
  files = await writeAllianceFiles(fx, dir);
  const p = new FilingPublisher({ js: nc.jetstream(), signer: fx.court, now: Date.now });
  await p.publish(filing('(2026)京0105民初201号', 'civil', 3));
  await p.publish(filing('(2026)京73知民初9号', 'ip', 3));
  await p.publish(filing('(2026)京0105民初202号', 'civil', 4));
}, 30_000);

afterAll(async () => {
  await nc?.close();
  await nats?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('courtbridge filings watch', () => {
  const base = () => ['--genesis', files.genesis, '--genesis-hash', files.genesisHash, '--nats', nats.url];

  it('prints the civil filings, verified, and leaves a signed ack per filing', async () => {
    const r = await cli([
      'filings',
      'watch',
      '--as',
      files.keyFile(FixtureDids.agency),
      '--cause',
      'civil',
      '--count',
      '2',
      '--json',
      ...base(),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; sender: string; filing: FilingRecord });
    expect(lines.map((l) => [l.seq, l.filing.caseId, l.sender])).toEqual([
      [1, '(2026)京0105民初201号', FixtureDids.court],
      [3, '(2026)京0105民初202号', FixtureDids.court],
    ]);
    const seen = await listFilingAcks(acks, fx.authority, 'judicial', '(2026)京0105民初202号', Date.now());
    expect(seen.acks.map((a) => [a.agencyDid, a.seq])).toEqual([[FixtureDids.agency, 3]]);
  });

  it('refuses a cause the role may not receive (exit 5), naming it', async () => {
    const r = await cli(['filings', 'watch', '--as', files.keyFile(FixtureDids.agency), '--cause', 'ip', '--count', '1', ...base()]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('filing_cause_not_allowed');
    expect(r.stderr).toContain('may not receive ip filings');
  });
});
