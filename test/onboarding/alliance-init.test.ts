/**
 * `courtbridge alliance init` as a subprocess: a genesis from key files (or only their public
 * halves, `keys new --json`), pinned by the hash it prints; the judicial chain admitted with its
 * dev ledger's head as the anchor; the alliance salt in a 0600 file of its own, never in the
 * genesis; nothing overwritten; wrong keys and quorums refused naming the flag.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractsOf } from '../../adapters/sdk/definition.js';
import { judicial } from '../../adapters/judicial/definition.js';
import { headerHash } from '../../src/chain/header.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { toHex } from '../../src/encoding/bytes.js';
import { loadGenesis } from '../../src/identity/genesis.js';
import { cli } from '../cli/cli-helpers.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'courtbridge-alliance-init-'));
  for (const org of ['admin-1', 'admin-2', 'court-a', 'gateway-a', 'judicial-op']) {
    const r = await cli(['keys', 'new', '--out', `${org}.key`, '--did-alliance', org], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
  }
  // An admin on another machine hands over only the public half of its key.
  const r = await cli(['keys', 'new', '--out', 'admin-3-elsewhere.key', '--did-alliance', 'admin-3', '--json'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  await writeFile(join(dir, 'admin-3.pub.json'), r.stdout);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const INIT = [
  'alliance',
  'init',
  '--alliance-id',
  'test-alliance',
  '--admin',
  'admin-1.key',
  '--admin',
  'admin-2.key',
  '--admin',
  'admin-3.pub.json',
  '--member',
  'court=court-a.key',
  '--member',
  'gateway=gateway-a.key',
  '--judicial-data-dir',
  'judicial-data',
  '--judicial-adapter',
  'judicial-op.key',
];

describe('courtbridge alliance init', () => {
  it('writes a genesis pinned by the hash it prints, the judicial chain anchored at its ledger head, the salt apart', async () => {
    const r = await cli([...INIT, '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      genesisFile: string;
      genesisHash: string;
      quorum: number;
      saltFile: string;
      judicial: { height: number; headerHash: string };
    };
    const bytes = new Uint8Array(await readFile(out.genesisFile));
    const { genesis } = loadGenesis(bytes, out.genesisHash);
    expect(genesis.allianceId).toBe('test-alliance');
    expect(out.quorum).toBe(2); // a majority of three admins
    expect(genesis.members.map((m) => [m.did, m.roles, m.chains])).toEqual([
      ['did:alliance:admin-1', ['admin'], []],
      ['did:alliance:admin-2', ['admin'], []],
      ['did:alliance:admin-3', ['admin'], []],
      ['did:alliance:court-a', ['court'], []],
      ['did:alliance:gateway-a', ['gateway'], []],
      ['did:alliance:judicial-op', ['adapter'], ['judicial']],
    ]);
    const text = new TextDecoder().decode(bytes);
    expect(text).not.toContain('privateKey');
    const ledger = DevLedger.open({ chainId: 'judicial', contracts: contractsOf(judicial), dataDir: join(dir, 'judicial-data') });
    try {
      const h = ledger.latest().signedHeader.header;
      expect(genesis.chains?.[0]).toMatchObject({ chainId: 'judicial', kind: 'bft-smt', servers: ['did:alliance:judicial-op'] });
      expect(toHex(genesis.chains![0]!.anchor.headerHash)).toBe(toHex(headerHash(h)));
      expect(out.judicial).toEqual({ height: h.height, headerHash: toHex(headerHash(h)) });
    } finally {
      ledger.close();
    }
    const salt = (await readFile(out.saltFile, 'utf8')).trim();
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(out.saltFile)).mode & 0o777).toBe(0o600);
    expect(text).not.toContain(salt);
  }, 60_000);

  it('zh-CN first, and refuses to overwrite the pinned genesis or its salt', async () => {
    const before = await readFile(join(dir, 'genesis.json'));
    const r = await cli(INIT, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/已存在，不覆盖 exists/);
    expect(await readFile(join(dir, 'genesis.json'))).toEqual(before);
    const fresh = await cli([...INIT.slice(0, 10), '--out', 'other/genesis.json'], { cwd: dir });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stdout.split('\n')[0]).toMatch(/^已创建联盟创世文件 created the genesis/);
    expect(fresh.stdout).toMatch(/固定哈希 pinned hash \(--genesis-hash\): [0-9a-f]{64}/);
  }, 60_000);

  it('refuses a key that is not an alliance DID, and a quorum the admins cannot reach', async () => {
    expect((await cli(['keys', 'new', '--out', 'throwaway.key'], { cwd: dir })).code).toBe(0);
    const didKey = await cli(['alliance', 'init', '--alliance-id', 'x', '--admin', 'throwaway.key', '--out', 'x/genesis.json'], {
      cwd: dir,
    });
    expect(didKey.code).toBe(2);
    expect(didKey.stderr).toContain('--admin');
    expect(didKey.stderr).toContain('did:alliance:ORG');
    const quorum = await cli(
      ['alliance', 'init', '--alliance-id', 'x', '--admin', 'admin-1.key', '--quorum', '2', '--out', 'y/genesis.json'],
      { cwd: dir },
    );
    expect(quorum.code).toBe(2);
    expect(quorum.stderr).toContain('--quorum: expected an integer in 1..1');
  }, 60_000);
});
