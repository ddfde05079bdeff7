/**
 * `courtbridge seed` for a partner chain, as a real process: a chain the generator does not know
 * is refused with one line naming how to seed it; given its adapter definition (a module outside
 * adapters/) and its own records as JSON lines, the chain is written and reopens with them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lawyer } from '../../adapters/examples/lawyer/definition.js';
import { contractsOf } from '../../adapters/sdk/definition.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import { seedChain } from '../../src/seed/seed.js';
import { cli, ROOT } from './cli-helpers.js';

let dir: string;
/** The partner's records: the lawyer generator's, re-homed on the partner chain `notarial`. */
const records = seedChain('lawyer', { records: 12, seed: 'partner' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'courtbridge-cli-seed-partner-'));
  // The partner's adapter definition, kept outside the repository's adapters/ in its own ESM package.
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  await writeFile(
    join(dir, 'definition.ts'),
    `import { lawyer } from ${JSON.stringify(join(ROOT, 'adapters/examples/lawyer/definition.ts'))};\n` +
      "export const notarial = { ...lawyer, chainId: 'notarial' };\n",
  );
  const lines = records.map((t) => JSON.stringify({ type: t.type, sender: t.sender, id: t.id, body: decodeCanonicalObject(t.body) }));
  await writeFile(join(dir, 'records.jsonl'), `# notarial records\n${lines.join('\n')}\n`);
  await writeFile(join(dir, 'bad.jsonl'), '{"type":"lawyer.register","sender":"nobody","id":"x","body":{}}\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('courtbridge seed for a partner chain', () => {
  it('a chain the generator does not know is refused with one line naming how to seed it', async () => {
    const r = await cli(['seed', '--chain', 'notarial', '--data-dir', join(dir, 'data')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain("种子生成器不认识链 notarial the seed generator has no data for chain 'notarial'");
    expect(r.stderr).toContain('courtbridge seed --chain notarial --definition path/to/definition.ts --txs records.jsonl');
  }, 60_000);

  it('records without a definition name the --definition flag', async () => {
    const r = await cli(['seed', '--chain', 'notarial', '--txs', join(dir, 'records.jsonl'), '--data-dir', join(dir, 'data')]);
    expect(r.code).toBe(7);
    expect(r.stderr).toContain("链 notarial 没有适配器定义 no adapter definition for chain 'notarial'");
    expect(r.stderr).toContain('--definition');
  }, 60_000);

  it('a malformed record line is refused naming the file, the line and the field', async () => {
    const r = await cli([
      'seed',
      '--chain',
      'notarial',
      '--definition',
      join(dir, 'definition.ts'),
      '--txs',
      join(dir, 'bad.jsonl'),
      '--data-dir',
      join(dir, 'data'),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/bad\.jsonl:1: sender: expected a DID/);
  }, 60_000);

  it('with its definition and records, the chain is written and reopens with them', async () => {
    const dataDir = join(dir, 'data');
    const r = await cli([
      'seed',
      '--chain',
      'notarial',
      '--definition',
      join(dir, 'definition.ts'),
      '--txs',
      join(dir, 'records.jsonl'),
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const row = (JSON.parse(r.stdout) as { chains: Array<{ chain: string; txs: number; height: number }> }).chains[0]!;
    expect(row).toMatchObject({ chain: 'notarial', txs: records.length });
    const ledger = DevLedger.open({
      chainId: 'notarial',
      contracts: contractsOf(lawyer),
      dataDir: join(dataDir, 'notarial'),
    });
    try {
      expect(ledger.height).toBe(row.height);
      const first = decodeCanonicalObject(records[0]!.body) as { licenceNo: string };
      expect(ledger.prove(`lawyer/${first.licenceNo}`).value).not.toBeNull();
    } finally {
      ledger.close();
    }
  }, 60_000);
});
