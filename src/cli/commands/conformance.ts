/**
 * `courtbridge conformance --chain X`: certify a live adapter (ours or a partner's) with the
 * conformance kit ("Conformance kit"): a pass/fail report per check.
 *
 * The kit acts as the alliance around the adapter (src/conformance/options.ts): it signs test
 * orders as a court (`--court-key`), forwards them as a gateway (`--gateway-key`), trusts the
 * registry of the pinned genesis (`--genesis FILE --genesis-hash HEX`) brought up to date from the
 * registry stream on NATS (every update checked as a gateway checks it, so a partner admitted
 * after the genesis is known; src/conformance/registry-catch-up.ts), and issues each test
 * order on the judicial chain through its write door (order-desk.ts) before ordering the action.
 * An `evm` chain in that registry is certified by its notaries and contract (chain-under-test.ts):
 * the kit reads its records by the alliance's evm storage layouts (adapters/catalog.ts).
 */
import { connectNats } from '../../bus/connection.js';
import { ALLIANCE_EVM_RECORDS } from '../../../adapters/catalog.js';
import { formatReport, registryFromGenesisFile, runConformance, type ConformanceAction } from '../../conformance/mod.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { judicialOrderDesk } from '../order-desk.js';
import { emit } from '../output.js';
import { loadSigner } from '../session.js';

const OPTIONS: OptionSpecs = {
  chain: { type: 'string', value: 'CHAIN', description: 'chain id of the adapter under test' },
  'court-key': { type: 'string', value: 'FILE', description: 'a court key file (signs the test orders)' },
  'gateway-key': {
    type: 'string',
    value: 'FILE',
    description: 'a gateway key file (forwards the orders, writes them on the judicial chain)',
  },
  genesis: { type: 'string', value: 'FILE', description: 'the alliance genesis file (whom the kit trusts)' },
  'genesis-hash': { type: 'string', value: 'HEX', description: "the genesis file's pinned sha256" },
  action: {
    type: 'string',
    value: 'KIND:TYPE/ID[:AMOUNT]',
    description: 'the action to test execution with, e.g. freeze:account/6222...:100',
  },
  'action-case': {
    type: 'string',
    value: 'CASE',
    description: "the case the test orders name, when the chain binds the action to its target's case (bankruptcy close_meeting)",
  },
  'probe-key': { type: 'string', multiple: true, value: 'TYPE/ID', description: 'a record known to exist (default: the action target)' },
  'judicial-chain': { type: 'string', value: 'CHAIN', description: "the judicial chain's id (default judicial)" },
  'adapter-did': {
    type: 'string',
    value: 'DID',
    description: "the adapter's DID, when its announcement is not enough to tell (default: read from its announcement)",
  },
  'passphrase-env': { type: 'string', value: 'VAR', description: 'passphrase of encrypted key files is in $VAR' },
};

const help = (): string =>
  helpText({
    usage: [
      'courtbridge conformance --chain CHAIN --court-key FILE --gateway-key FILE --genesis FILE --genesis-hash HEX\n' +
        '      [--action KIND:TYPE/ID[:AMOUNT]] [--probe-key TYPE/ID]... [--adapter-did DID] [--nats URL] [--json]',
    ],
    description:
      'Runs the conformance kit against a live adapter: announcement, header links and quorum,\n' +
      'membership and non-membership proofs, refusal of unsigned / forged / replayed / out-of-role /\n' +
      'cross-destination orders, exactly-once execution, error replies. Exit 0 when every check passes.\n' +
      'Test orders are written on the judicial chain through its write door (judicial.tx, signed by\n' +
      'the gateway key); the judicial chain must serve it (docs/cli.md "conformance").\n' +
      'An evm chain of the genesis (kind evm) is checked by its registry notaries instead of headers:\n' +
      'a block final in the notary bucket cb_notary (its notaries must be running), and eth_getProof\n' +
      "proofs of the registry's contract at that block; keys are bank_account/<64 hex> style ids.\n" +
      '先追上注册表 The kit first catches up on the registry stream CB_REGISTRY from the pinned genesis (each\n' +
      'update checked as the gateway checks it), so an adapter admitted after the genesis is known.',
    options: formatOptions(OPTIONS),
    examples: [
      'courtbridge conformance --chain finance --court-key court.key --gateway-key gateway.key \\\n' +
        '    --genesis genesis.json --genesis-hash 5f3c... --action freeze:account/6222020200112345678:100',
      'courtbridge conformance --chain lawyer --court-key court.key --gateway-key gateway.key \\\n' +
        '    --genesis genesis.json --genesis-hash 5f3c... --action suspend:lawyer/11101201010000001 --json',
      'courtbridge conformance --chain bank --court-key court.key --gateway-key gateway.key \\\n' +
        '    --genesis genesis.json --genesis-hash 5f3c... --action freeze:bank_account/1464ed...e9:100',
    ],
  });

/**
 * Parse `--action KIND:TYPE/ID[:AMOUNT]` (amount: integer minor units).
 * @throws UsageError naming --action
 */
export function parseActionFlag(value: string): ConformanceAction {
  const m = /^([a-z][a-z0-9_]{0,39}):([a-z][a-z0-9_-]*)\/(.+?)(?::(0|[1-9][0-9]{0,17}))?$/.exec(value);
  if (m === null)
    throw new UsageError(
      `--action: expected KIND:TYPE/ID[:AMOUNT], e.g. freeze:account/6222020200112345678:100, got '${value}'`,
      'conformance',
    );
  const [, kind, recordType, target, amount] = m;
  return { kind: kind!, recordType: recordType!, target: target!, ...(amount !== undefined ? { amount } : {}) };
}

export const conformanceCommand: Command = {
  name: 'conformance',
  summary: 'certify a live adapter with the conformance kit',
  help,
  async run(argv, io) {
    const command = 'conformance';
    const args = parseCommandArgs(argv, OPTIONS, command);
    if (args.flag('help')) {
      io.out(help());
      return ExitCode.Ok;
    }
    const config = loadCliConfig(args, io, command);
    const chain = args.required('chain');
    const genesisHash = args.required('genesis-hash');
    if (!/^[0-9a-fA-F]{64}$/.test(genesisHash))
      throw new UsageError('--genesis-hash: expected 64 hex characters (sha256 of the genesis file)', command);
    const { registry, authority } = await registryFromGenesisFile(args.required('genesis'), genesisHash.toLowerCase(), io.nowMs());
    const adapterDid = args.string('adapter-did');
    if (adapterDid !== undefined && !/^did:[a-z0-9]+:\S+$/.test(adapterDid))
      throw new UsageError(`--adapter-did: expected a DID, e.g. did:alliance:lawyer-bureau, got '${adapterDid}'`, command);
    const actionFlag = args.string('action');
    const parsedAction = actionFlag === undefined ? undefined : parseActionFlag(actionFlag);
    const actionCase = args.string('action-case');
    if (actionCase !== undefined && parsedAction === undefined) throw new UsageError('--action-case goes with --action', command);
    const action = parsedAction === undefined || actionCase === undefined ? parsedAction : { ...parsedAction, caseId: actionCase };
    const passEnv = args.string('passphrase-env') ?? config.passphraseEnv;
    const court = await loadSigner(args.required('court-key'), passEnv, io);
    const gatewayFile = args.string('gateway-key');
    const gateway = gatewayFile === undefined ? undefined : await loadSigner(gatewayFile, passEnv, io);
    const judicialChainId = args.string('judicial-chain') ?? 'judicial';
    const nc = await connectNats({ servers: config.natsUrl.split(','), name: `courtbridge-conformance-${chain}` }, config.natsAuth);
    try {
      const report = await runConformance({
        chain,
        nc,
        court,
        authority,
        registry,
        ...(adapterDid !== undefined ? { adapterDid } : {}),
        evmRecords: ALLIANCE_EVM_RECORDS,
        judicialChainId,
        timeoutMs: config.timeoutMs,
        now: () => io.nowMs(),
        ...(gateway !== undefined
          ? {
              gateway,
              orderDesk: judicialOrderDesk({
                nc,
                gateway,
                courtDid: court.did,
                judicialChainId,
                now: () => io.nowMs(),
                timeoutMs: config.timeoutMs,
              }),
            }
          : {}),
        ...(action !== undefined ? { action } : {}),
        ...(args.strings('probe-key').length > 0 ? { probeKeys: args.strings('probe-key') } : {}),
        onCheck: (id, status) => {
          if (!args.flag('json')) io.err(`${status.padEnd(4)} ${id}\n`);
        },
      });
      emit(io, args.flag('json'), report, () => [formatReport(report)]);
      return report.passed ? ExitCode.Ok : ExitCode.Failure;
    } finally {
      await nc.close();
    }
  },
};
