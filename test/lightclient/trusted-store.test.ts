import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryTrustedStore } from '../../src/lightclient/memory-store.js';
import { FileTrustedStore } from '../../src/storage/trusted-store-file.js';
import { checkResumeAndFreeze, checkStoreContract } from './store-contract.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'courtbridge-trusted-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('MemoryTrustedStore', () => {
  it('meets the store contract', async () => {
    const store = new MemoryTrustedStore();
    await checkStoreContract(async () => store);
  });
  it('lets a light client resume and keeps a freeze', async () => {
    const store = new MemoryTrustedStore();
    await checkResumeAndFreeze(async () => store);
  });
});

describe('FileTrustedStore (real files in a temp dir)', () => {
  it('meets the store contract across instances', async () => {
    const dir = tempDir();
    await checkStoreContract(async () => new FileTrustedStore(dir));
    expect(readdirSync(join(dir, 'ip-1')).sort()).toEqual(['client.json', 'cs']);
  });
  it('lets a light client resume after a restart and keeps a freeze', async () => {
    const dir = tempDir();
    await checkResumeAndFreeze(async () => new FileTrustedStore(dir));
  });
  it('refuses chain ids that would escape its directory and reports a corrupt record', async () => {
    const dir = tempDir();
    const store = new FileTrustedStore(dir);
    await expect(store.heights('../etc')).rejects.toThrow(/chainId/);
    await checkStoreContract(async () => store, 'ip-9');
    writeFileSync(join(dir, 'ip-9', 'cs', '1.json'), '{"v":1,"lightBlock":"00ff"}');
    await expect(store.getConsensusState('ip-9', 1)).rejects.toMatchObject({ reason: 'corrupt_trusted_store', code: 'INTERNAL' });
  });
});
