/**
 * A partner's adapter kept outside this repository: a temp folder with its own package.json,
 * `node_modules/courtbridge` linked to this repository, and a definition importing only
 * `courtbridge/sdk`. `courtbridge adapter start --module` runs it on a real nats-server: it
 * announces itself, serves its seeded records (the conformance kit certifies it), and drains on
 * SIGTERM. The lawyer example imports the same public entry point.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSubject } from '../../src/bus/subjects.js';
import type { ConformanceReport } from '../../src/conformance/mod.js';
import { allianceFixture, FixtureDids } from '../helpers/alliance-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { cli, ROOT, writeAllianceFiles } from '../cli/cli-helpers.js';
import { importsOf, spawnCli, writePartnerPackage, type CliChild } from './partner-package.js';

const CHAIN = 'licence-registry';

let nats: NatsServerHandle;
let nc: NatsConnection;
let dir: string;
let files: Awaited<ReturnType<typeof writeAllianceFiles>>;
let definition: string;
let adapter: CliChild | undefined;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  dir = await mkdtemp(join(tmpdir(), 'courtbridge-partner-'));
  files = await writeAllianceFiles(allianceFixture({ chains: [CHAIN] }), dir);
  definition = await writePartnerPackage(join(dir, 'my-adapter'));
}, 60_000);

afterAll(async () => {
  await adapter?.stop();
  await nc?.close();
  await nats?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a partner adapter in a package of its own', () => {
  it('lives outside the repository and imports only courtbridge/sdk; so does the lawyer example', async () => {
    expect(relative(ROOT, definition).startsWith('..')).toBe(true);
    expect(await importsOf(definition)).toEqual(['courtbridge/sdk']);
    for (const f of ['definition.ts', 'main.ts'])
      expect(await importsOf(join(ROOT, 'adapters', 'examples', 'lawyer', f))).not.toContainEqual(expect.stringMatching(/^\.\.\/\.\.\//));
  });

  it('adapter start --module runs it: it announces, passes conformance on its seeded records, and drains on SIGTERM', async () => {
    const announced = new Promise<void>((res) => {
      const sub = nc.subscribe(announceSubject(CHAIN), { max: 1, callback: () => res() });
      void sub.closed;
    });
    adapter = spawnCli(
      [
        'adapter',
        'start',
        '--module',
        definition,
        '--data-dir',
        join(dir, 'my-adapter', 'chain-data'),
        '--nats',
        nats.url,
        '--key',
        files.keyFile(FixtureDids.adapter(CHAIN)),
        '--genesis',
        files.genesis,
        '--genesis-hash',
        files.genesisHash,
      ],
      { cwd: join(dir, 'my-adapter') },
    );
    // Kept timer: a watchdog on a real child (fails with 'timeout' instead of hanging).
    const first = await Promise.race([
      announced.then(() => 'announced'),
      adapter.exited.then((c) => `exited ${c}`),
      new Promise((r) => setTimeout(() => r('timeout'), 60_000)),
    ]);
    expect(first, adapter.output()).toBe('announced');

    const r = await cli([
      'conformance',
      '--chain',
      CHAIN,
      '--nats',
      nats.url,
      '--timeout',
      '5s',
      '--court-key',
      files.keyFile(FixtureDids.court),
      '--genesis',
      files.genesis,
      '--genesis-hash',
      files.genesisHash,
      '--probe-key',
      'licence/11010001',
      '--json',
    ]);
    const report = JSON.parse(r.stdout) as ConformanceReport;
    expect(
      report.checks.filter((c) => c.status === 'fail'),
      r.stderr,
    ).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.adapterDid).toBe(FixtureDids.adapter(CHAIN));
    expect(r.code).toBe(0);

    expect(await adapter.stop(), adapter.output()).toBe(0);
    adapter = undefined;
  }, 180_000);

  it('a module that exports no definition is refused naming what is missing', async () => {
    const r = await cli([
      'adapter',
      'start',
      '--module',
      join(dir, 'my-adapter', 'package.json'),
      '--data-dir',
      join(dir, 'nowhere'),
      '--nats',
      nats.url,
      '--key',
      files.keyFile(FixtureDids.adapter(CHAIN)),
      '--genesis',
      files.genesis,
      '--genesis-hash',
      files.genesisHash,
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/exports no adapter definition|cannot be loaded/);
  }, 60_000);
});
