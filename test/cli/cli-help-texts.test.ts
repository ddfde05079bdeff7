/**
 * Every help text of the CLI stays true: each command's and subcommand's `--help` runs (exit 0),
 * every `--option` it names is one that command accepts, and every record type it names (as
 * `--type T`, a state key `T/ID` of `--key`, `--probe-key` or `--action KIND:T/ID`, or a
 * `"record_type":"T"`) is a record type of the alliance's catalog (adapters/catalog.ts), of the
 * chain the line names when it names one. docs/cli.md and README.md are checked the same way
 *.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLIANCE_CATALOG } from '../../adapters/catalog.js';
import { COMMANDS, mainHelp } from '../../src/cli/main.js';
import { definition as partner } from '../onboarding/partner-adapter/definition.js';
import { runCli, type CliRun } from '../helpers/cli-in-process.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Run `main` in-process, capturing its output. */
const runInProcess = (argv: string[]): Promise<CliRun> => runCli(argv, ROOT);

// The catalog's chains, and the partner chain the README's joining steps admit (its schema comes
// from its own definition, which the docs walk a partner through).
const TYPES_OF = new Map([
  ...Object.entries(ALLIANCE_CATALOG).map(([id, c]) => [id, new Set(c.recordTypes.map((r) => r.name))] as const),
  [partner.chainId, new Set(partner.recordTypes.map((r) => r.name))] as const,
]);
const ALL_TYPES = new Set([...TYPES_OF.values()].flatMap((s) => [...s]));

/** Record types a line names, each with the chain the line names (if any). */
function recordTypesOf(line: string): { type: string; chain: string | undefined }[] {
  const chain = /--chain[ =](\S+)/.exec(line)?.[1];
  const found: string[] = [];
  // Placeholders (TYPE, T) are upper case; a record type is lower case, dotted or not.
  for (const m of line.matchAll(/--type[ =]([a-z][^\s'"]*)/g)) found.push(m[1]!);
  for (const m of line.matchAll(/--(?:key|probe-key)[ =]['"]?([a-z_]+)\//g)) found.push(m[1]!);
  for (const m of line.matchAll(/--action[ =][a-z_]+:([a-z_]+)\//g)) found.push(m[1]!);
  for (const m of line.matchAll(/"record_type"\s*:\s*"([^"]+)"/g)) found.push(m[1]!);
  return found.map((type) => ({ type, chain: chain !== undefined && TYPES_OF.has(chain) ? chain : undefined }));
}

/** Problems with the record types named in `text` (one entry per wrong name, with its line). */
function recordTypeProblems(text: string): string[] {
  const problems: string[] = [];
  for (const line of text.split('\n')) {
    for (const { type, chain } of recordTypesOf(line)) {
      const known = chain === undefined ? ALL_TYPES : TYPES_OF.get(chain)!;
      if (!known.has(type)) problems.push(`${type}${chain === undefined ? '' : ` (chain ${chain})`}: ${line.trim()}`);
    }
  }
  return problems;
}

/** Each command with its subcommands (from its usage lines), e.g. ['alliance', 'list']. */
function commandWords(): string[][] {
  const out: string[][] = [];
  for (const c of COMMANDS) {
    const subs = new Set<string>();
    for (const m of c.help().matchAll(new RegExp(`courtbridge ${c.name} ([a-z][a-z-]*)`, 'g'))) subs.add(m[1]!);
    // A word after the command is a subcommand only when the command dispatches on it.
    const real = [...subs].filter((s) => !/^-/.test(s));
    out.push([c.name]);
    for (const s of real) out.push([c.name, s]);
  }
  return out;
}

describe('help texts', () => {
  it('courtbridge --help names only record types of the catalog', () => {
    expect(recordTypeProblems(mainHelp())).toEqual([]);
  });

  it.each(COMMANDS.map((c) => [c.name, c]))('%s --help: runs, names only catalog record types', async (_name, c) => {
    const r = await runInProcess([c.name, '--help']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Usage:');
    expect(recordTypeProblems(c.help())).toEqual([]);
  });

  it('every --option a help text names is accepted by its command (or one of its subcommands)', async () => {
    const problems: string[] = [];
    const words = commandWords();
    for (const c of COMMANDS) {
      const forms = words.filter((w) => w[0] === c.name);
      const subs = forms.filter((w) => w.length === 2);
      // A bare word after the command that is not a subcommand (e.g. `verify FILE`) is a positional.
      const candidates = subs.length > 0 ? subs : [[c.name]];
      // Options on a line that names another command (`courtbridge verify --trust`) are that command's.
      const own = c
        .help()
        .split('\n')
        .filter((l) => [...l.matchAll(/courtbridge ([a-z]+)/g)].every((m) => m[1] === c.name))
        .join('\n');
      const options = new Set([...own.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/g)].map((m) => m[1]!));
      for (const opt of options) {
        let ok = false;
        for (const w of candidates) {
          for (const form of [[`--${opt}=x`], [`--${opt}`]]) {
            const r = await runInProcess([...w, ...form, '--help']);
            if (r.code === 0) ok = true;
            if (ok) break;
          }
          if (ok) break;
        }
        if (!ok) problems.push(`${c.name}: --${opt}`);
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('docs/cli.md and README.md name only catalog record types', () => {
    for (const f of ['docs/cli.md', 'README.md']) expect(recordTypeProblems(readFileSync(join(ROOT, f), 'utf8')), f).toEqual([]);
  });

  it('the checker catches made-up record types', () => {
    expect(recordTypeProblems('courtbridge query --chain property --type property.title --id X')).toHaveLength(1);
    expect(recordTypeProblems('courtbridge query --chain credit --type credit.dishonest_debtor --id X')).toHaveLength(1);
    expect(recordTypeProblems('grpcurl -d \'{"query":{"chain_id":"credit","record_type":"dishonest_debtor"}}\'')).toHaveLength(1);
    expect(recordTypeProblems('courtbridge query --chain credit --type title --id X')).toHaveLength(1);
    expect(recordTypeProblems('courtbridge conformance --chain lawyer --action suspend:lawyer/1 --probe-key lawyer/1')).toEqual([]);
  });
});
