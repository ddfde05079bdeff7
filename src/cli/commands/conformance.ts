/**
 * `courtbridge conformance --chain X`: certify a live adapter (ours or a partner's) with the
 * conformance kit (issue 4 "Conformance kit"): a pass/fail report per check.
 */
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { ExitCode } from '../exit-codes.js';
import { loadFunction } from '../optional-module.js';
import { emit } from '../output.js';
import { loadSigner } from '../session.js';

const OPTIONS: OptionSpecs = {
  chain: { type: 'string', value: 'CHAIN', description: 'chain id of the adapter under test' },
  'court-key': { type: 'string', value: 'FILE', description: 'a court key file (signs the test orders)' },
  'passphrase-env': { type: 'string', value: 'VAR', description: 'passphrase of an encrypted key file is in $VAR' },
};

const help = (): string =>
  helpText({
    usage: ['courtbridge conformance --chain CHAIN --nats URL --court-key FILE [--json]'],
    description:
      'Runs the conformance kit against a live adapter: announcement, header links and quorum,\nmembership and non-membership proofs, refusal of unsigned / forged / replayed / out-of-role /\ncross-destination orders, exactly-once execution, error replies. Exit 0 when every check passes.',
    options: formatOptions(OPTIONS),
    examples: ['courtbridge conformance --chain credit --nats nats://127.0.0.1:4222 --court-key court.key', 'courtbridge conformance --chain lawyer --court-key court.key --json'],
  });

interface ConformanceCheck {
  name: string;
  outcome?: string;
  passed?: boolean;
  detail?: string;
  reason?: string;
}

export const conformanceCommand: Command = {
  name: 'conformance',
  summary: 'certify a live adapter with the conformance kit',
  help,
  async run(argv, io) {
    const args = parseCommandArgs(argv, OPTIONS, 'conformance');
    if (args.flag('help')) return (io.out(help()), ExitCode.Ok);
    const config = loadCliConfig(args, io, 'conformance');
    const chain = args.required('chain');
    const court = await loadSigner(args.required('court-key'), args.string('passphrase-env') ?? config.passphraseEnv, io);
    const run = await loadFunction(
      'the conformance kit',
      ['adapters/sdk/conformance.ts', 'adapters/sdk/conformance/mod.ts', 'adapters/sdk/conformance/index.ts', 'src/conformance/mod.ts', 'src/conformance/index.ts', 'src/conformance/conformance.ts'],
      'runConformance',
    );
    const report = (await run({ chain, chainId: chain, natsUrl: config.natsUrl, servers: config.natsUrl.split(','), court, timeoutMs: config.timeoutMs })) as { checks?: ConformanceCheck[]; passed?: boolean };
    const checks = report.checks ?? [];
    const ok = (c: ConformanceCheck): boolean => c.passed === true || c.outcome === 'passed' || c.outcome === 'pass';
    const allPassed = report.passed ?? checks.every(ok);
    emit(io, args.flag('json'), report, () => [
      ...checks.map((c) => `${ok(c) ? 'PASS' : 'FAIL'}  ${c.name}${c.detail !== undefined && c.detail !== '' ? `: ${c.detail}` : ''}`),
      `${chain}: ${allPassed ? 'conformant' : 'NOT conformant'} (${checks.filter(ok).length}/${checks.length} checks passed)`,
    ]);
    return allPassed ? ExitCode.Ok : ExitCode.Failure;
  },
};
