/**
 * Keeps the README's CLI examples true: every `courtbridge <command> [<subcommand>]` the README
 * shows exists (its `--help` answers, exit 0), and the key examples run as written in a temp dir.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'courtbridge.mjs');
const dir = mkdtempSync(join(tmpdir(), 'cb-readme-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], cwd = ROOT): Promise<{ code: number; out: string }> {
  return new Promise((res) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, COURTBRIDGE_CONFIG: '' } }, (err, stdout, stderr) => {
      res({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : 1, out: stdout + stderr });
    });
  });
}

/** `courtbridge` lines of the README's sh blocks, each with its command words (lowercase words before any flag or argument). */
function readmeCommands(): string[][] {
  const md = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...md.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const seen = new Map<string, string[]>();
  for (const line of blocks.join('\n').split('\n')) {
    const m = /^courtbridge\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    const words: string[] = [];
    for (const t of m[1]!.split(/\s+/)) {
      if (!/^[a-z][a-z-]*$/.test(t) || words.length === 2) break;
      words.push(t);
    }
    seen.set(words.join(' '), words);
  }
  return [...seen.values()];
}

describe("README's CLI examples", () => {
  const commands = readmeCommands();

  it('shows the CLI', () => {
    expect(commands.length).toBeGreaterThanOrEqual(10);
  });

  it.each(commands.map((c) => [c.join(' '), c]))(
    'courtbridge %s exists (--help exits 0)',
    async (_name, words) => {
      const r = await run([...(words as string[]), '--help']);
      expect(r.code, r.out).toBe(0);
      expect(r.out.toLowerCase()).toContain('usage');
    },
    30_000,
  );

  it('keys new and did show run as written', async () => {
    const made = await run(['keys', 'new', '--out', 'court.key', '--did-alliance', 'court-bj-01'], dir);
    expect(made.code, made.out).toBe(0);
    expect(made.out).toContain('did:alliance:court-bj-01');
    expect(statSync(join(dir, 'court.key')).mode & 0o777).toBe(0o600);
    const shown = await run(['did', 'show', '--key', 'court.key'], dir);
    expect(shown.code, shown.out).toBe(0);
    expect(shown.out).toContain('did:alliance:court-bj-01');
  }, 30_000);
});
