/**
 * A partner on national cryptography joins from the CLI: `keys new --suite sm2` makes an SM2 key
 * (35-byte public key, did show says sm2), and `alliance request --gm` brings a chain with SM2
 * validators and SM3 headers: the entry says so, its anchor is the head's SM3 hash, and the
 * request is signed by the SM2 key (verifiable by anyone from the file alone).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureSuiteOfSet } from '../../src/chain/validator-set.js';
import { headerHash } from '../../src/chain/header.js';
import { ContractRegistry } from '../../src/chain/ledger/contract.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { toHex } from '../../src/encoding/bytes.js';
import { admissionRequestFromJson, verifyAdmissionRequest } from '../../src/identity/admission-request.js';
import { allianceFixture } from '../helpers/alliance-fixture.js';
import { cli, writeAllianceFiles } from './cli-helpers.js';

let dir: string;
let files: Awaited<ReturnType<typeof writeAllianceFiles>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'courtbridge-cli-gm-'));
  files = await writeAllianceFiles(allianceFixture(), dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('national cryptography from the CLI', () => {
  it('keys new --suite sm2 writes an SM2 key; did show names its suite', async () => {
    const made = await cli(['keys', 'new', '--out', 'gm.key', '--did-alliance', 'ip-office-gm', '--suite', 'sm2', '--json'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    const key = JSON.parse(made.stdout) as { suite: string; publicKeyHex: string };
    expect(key.suite).toBe('sm2');
    expect(key.publicKeyHex).toMatch(/^8624(02|03)[0-9a-f]{64}$/);
    const shown = await cli(['did', 'show', '--key', 'gm.key', '--json'], { cwd: dir });
    expect(JSON.parse(shown.stdout)).toMatchObject({ did: 'did:alliance:ip-office-gm', suite: 'sm2', publicKeyHex: key.publicKeyHex });
    const bad = await cli(['keys', 'new', '--out', 'x.key', '--suite', 'sm9'], { cwd: dir });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--suite: expected secp256k1 or sm2/);
  });

  it('alliance request --gm: an SM2/SM3 chain entry anchored at its SM3 head, signed by the SM2 key', async () => {
    const req = await cli(
      [
        'alliance',
        'request',
        '--key',
        'gm.key',
        '--genesis',
        files.genesis,
        '--genesis-hash',
        files.genesisHash,
        '--org',
        'IP office (GM)',
        '--role',
        'adapter',
        '--chain',
        'ip-gm',
        '--chain-data-dir',
        'gm-chain',
        '--gm',
        '--out',
        'request.json',
      ],
      { cwd: dir },
    );
    expect(req.code, req.stderr).toBe(0);
    const request = verifyAdmissionRequest(admissionRequestFromJson(JSON.parse(await readFile(join(dir, 'request.json'), 'utf8'))));
    expect(toHex(request.publicKey)).toMatch(/^8624/);
    const entry = request.chain!;
    expect(entry.hashSuite).toBe('sm3');
    expect(entry.signatureSuite).toBe('sm2');
    const ledger = DevLedger.open({
      chainId: 'ip-gm',
      contracts: new ContractRegistry(),
      dataDir: join(dir, 'gm-chain'),
      hashSuite: 'sm3',
    });
    try {
      const head = ledger.latest();
      expect(signatureSuiteOfSet(head.validatorSet)).toBe('sm2');
      expect(toHex(entry.anchor.headerHash)).toBe(toHex(headerHash(head.signedHeader.header, 'sm3')));
      expect(toHex(entry.anchor.headerHash)).not.toBe(toHex(headerHash(head.signedHeader.header, 'sha256')));
    } finally {
      ledger.close();
    }
  });
});
