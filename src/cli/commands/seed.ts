/**
 * `courtbridge seed`: fill dev-ledger chains with the deterministic seed data (src/seed/) in a
 * data directory (`<dataDir>/<chain>`), so `adapter start` serves them. Shows progress.
 *
 * A partner chain the generator does not know is seeded from its own records: `--txs FILE`
 * (JSON lines of transactions, src/seed/tx-lines.ts) through the contracts of its adapter
 * definition (`--definition FILE`, when it is not in adapters/<chain>/definition.ts).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DevLedger } from '../../chain/ledger/ledger.js';
import type { Tx } from '../../chain/ledger/transaction.js';
import type { ContractRegistry } from '../../chain/ledger/contract.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { parsePositiveInt } from '../duration.js';
import { UsageError } from '../errors.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import { ExitCode } from '../exit-codes.js';
import { findModule, loadFunction, moduleUnavailable } from '../optional-module.js';
import { emit } from '../output.js';

/** The chains seeded by default (DESIGN.md: the judicial chain and the four partner chains). */
export const SEED_CHAINS = ['judicial', 'ip', 'property', 'credit', 'finance'] as const;

const OPTIONS: OptionSpecs = {
  chain: { type: 'string', multiple: true, value: 'CHAIN', description: `chain to seed (default all: ${SEED_CHAINS.join(', ')})` },
  records: { type: 'string', value: 'N', description: 'records per chain (default 1000)' },
  seed: { type: 'string', value: 'TEXT', description: 'PRNG seed: the same seed gives the same chains (default "courtbridge")' },
  'data-dir': { type: 'string', value: 'DIR', description: 'data directory (default $COURTBRIDGE_DATA_DIR or .courtbridge)' },
  definition: {
    type: 'string',
    value: 'FILE',
    description: "the chain's adapter definition module (default adapters/<chain>/definition.ts); one --chain",
  },
  txs: {
    type: 'string',
    value: 'FILE',
    description: "the chain's own records as transactions, JSON lines (a partner chain); one --chain",
  },
};

const seedPartnerHint = (chain: string): string =>
  `courtbridge seed --chain ${chain} --definition path/to/definition.ts --txs records.jsonl (docs/cli.md "seed")`;

const help = (): string =>
  helpText({
    usage: [
      'courtbridge seed [--chain CHAIN]... [--records N] [--seed TEXT] [--data-dir DIR] [--json]',
      'courtbridge seed --chain CHAIN --txs FILE [--definition FILE] [--data-dir DIR] [--json]',
    ],
    description:
      'Writes realistic, deterministic records (and the demo cast) into dev-ledger chains under\n' +
      '<data-dir>/<chain>. Personal identifiers are keyed hashes under the alliance salt\n' +
      '($COURTBRIDGE_ALLIANCE_SALT).\n' +
      '伙伴链 A partner chain the generator does not know (src/seed/seed.ts SEED_CHAINS) has no generated data:\n' +
      'seed it with its own records, --txs FILE (one {"type","sender","id","body"} JSON object a line,\n' +
      'body canonical-JSON encoded), applied by the contracts of its adapter definition (--definition).',
    options: formatOptions(OPTIONS),
    examples: [
      'courtbridge seed --records 5000',
      'courtbridge seed --chain credit --chain finance --data-dir /var/lib/courtbridge',
      'courtbridge seed --chain notarial --definition ../notarial-adapter/definition.ts --txs notarial-records.jsonl',
    ],
  });

/**
 * Find the chain's DevLedgerDefinition in `given` (a module path) or the repository's adapters:
 * the export named after the chain, or any export with that chainId.
 */
async function contractsFor(chain: string, given: string | undefined): Promise<ContractRegistry> {
  const path = given ?? findModule([`adapters/${chain}/definition.ts`, `adapters/examples/${chain}/definition.ts`]);
  if (path === undefined)
    throw moduleUnavailable(
      `链 ${chain} 没有适配器定义 no adapter definition for chain '${chain}' in adapters/${chain}/definition.ts; give its module: ${seedPartnerHint(chain)}`,
    );
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const def =
    mod[chain] ?? Object.values(mod).find((v) => typeof v === 'object' && v !== null && (v as { chainId?: unknown }).chainId === chain);
  if (def === undefined) throw moduleUnavailable(`${path} exports no definition of chain '${chain}'`);
  const contractsOf = await loadFunction('the adapter SDK', ['adapters/sdk/definition.ts'], 'contractsOf');
  return contractsOf(def) as ContractRegistry;
}

export const seedCommand: Command = {
  name: 'seed',
  summary: 'fill dev-ledger chains with deterministic seed data',
  help,
  async run(argv, io) {
    const args = parseCommandArgs(argv, OPTIONS, 'seed');
    if (args.flag('help')) {
      io.out(help());
      return ExitCode.Ok;
    }
    const config = loadCliConfig(args, io, 'seed');
    const chains = args.strings('chain');
    const list = chains.length > 0 ? chains : [...SEED_CHAINS];
    for (const c of list) if (!/^[a-z][a-z0-9-]{0,31}$/.test(c)) throw new UsageError(`--chain: '${c}' is not a chain id`, 'seed');
    const records = parsePositiveInt(args.string('records') ?? '1000', '--records', 'seed');
    const seedText = args.string('seed') ?? 'courtbridge';
    const dataDir = args.string('data-dir') ?? config.dataDir;
    const definitionFlag = args.string('definition');
    const txsFlag = args.string('txs');
    if ((definitionFlag !== undefined || txsFlag !== undefined) && list.length !== 1)
      throw new UsageError('--definition and --txs describe one chain: give exactly one --chain with them', 'seed');
    const seedChain = await loadFunction(
      'the seed generator',
      ['src/seed/mod.ts', 'src/seed/index.ts', 'src/seed/seed.ts', 'src/seed/generator.ts'],
      'seedChain',
    );
    const summary: Array<{ chain: string; txs: number; height: number; dataDir: string }> = [];
    for (const chain of list) {
      let txs: Tx[];
      if (txsFlag !== undefined) {
        const parse = await loadFunction('the seed loader', ['src/seed/tx-lines.ts'], 'txsFromJsonLines');
        const file = resolve(io.cwd, txsFlag);
        txs = parse(await readFile(file, 'utf8'), txsFlag) as Tx[];
      } else {
        let generated: Tx[] | { txs: Tx[] };
        try {
          generated = (await seedChain(chain, {
            records,
            seed: seedText,
            ...(config.allianceSalt !== undefined ? { salt: config.allianceSalt } : {}),
          })) as Tx[] | { txs: Tx[] };
        } catch (e) {
          if (!isCourtbridgeError(e) || e.reason !== 'unknown_chain') throw e;
          throw new CourtbridgeError(
            ErrorCode.InvalidArgument,
            'unknown_chain',
            `种子生成器不认识链 ${chain} the seed generator has no data for chain '${chain}' (it knows judicial, ip, property, credit, finance, lawyer); ` +
              `seed a partner chain with its own records: ${seedPartnerHint(chain)}`,
            { cause: e },
          );
        }
        txs = Array.isArray(generated) ? generated : generated.txs;
      }
      const contracts = await contractsFor(chain, definitionFlag === undefined ? undefined : resolve(io.cwd, definitionFlag));
      const dir = join(dataDir, chain);
      const ledger = DevLedger.open({ chainId: chain, contracts, dataDir: dir });
      try {
        const pending = txs.map((tx) => ledger.submit(tx));
        let done = 0;
        pending.forEach(
          (p) =>
            void p.then(
              () => done++,
              () => done++,
            ),
        );
        while (done < pending.length) {
          ledger.produceBlock();
          await new Promise((r) => setImmediate(r));
          if (!args.flag('json')) io.err(`\r${chain}: ${done}/${pending.length} txs, height ${ledger.height}`);
        }
        const results = await Promise.allSettled(pending);
        const failed = results.filter((r) => r.status === 'rejected').length;
        if (!args.flag('json'))
          io.err(
            `\r${chain}: ${pending.length - failed} txs committed${failed > 0 ? `, ${failed} refused` : ''}, height ${ledger.height}\n`,
          );
        summary.push({ chain, txs: pending.length - failed, height: ledger.height, dataDir: dir });
      } finally {
        ledger.close();
      }
    }
    emit(io, args.flag('json'), { chains: summary }, () =>
      summary.map((s) => `${s.chain}: ${s.txs} txs at height ${s.height} in ${s.dataDir}`),
    );
    return ExitCode.Ok;
  },
};
