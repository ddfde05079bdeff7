/**
 * The offline verifier needs no proto/ tree: the wire schema is embedded in the build
 * (src/generated/descriptor.ts). Checked for real: a child process run from a directory outside
 * the repository verifies a bundle from its bytes while every file access is recorded.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');

describe('the wire schema is embedded', () => {
  it('src/wire/schema.ts and codec.ts read no file', () => {
    for (const file of ['src/wire/schema.ts', 'src/wire/codec.ts', 'src/wire/gateway-proto.ts']) {
      const text = readFileSync(join(repo, file), 'utf8');
      expect(text, file).not.toMatch(/from 'node:fs'|from 'fs'|require\('fs'\)|loadSync\(/);
    }
  });

  it('a bundle verifies from its bytes in a process run elsewhere, without touching any .proto file', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'courtbridge-noproto-'));
    try {
      const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
      const child = join(here, 'fixtures', 'verify-without-proto.ts');
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, child], { cwd, timeout: 60_000 });
      const out = JSON.parse(stdout) as { cwd: string; verdict: string; failed: unknown[]; protoAccess: string[] };
      expect(out.cwd).toBe(cwd);
      expect(out.protoAccess).toEqual([]);
      expect(out.failed).toEqual([]);
      expect(out.verdict).toBe('valid');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 90_000);
});
