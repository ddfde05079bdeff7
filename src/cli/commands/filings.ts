/**
 * `courtbridge filings watch`: an agency follows the case filings of the cause types its role may
 * receive (stream CB_FILINGS), each verified against the pinned alliance genesis and
 * acknowledged with the agency's signed ack (src/workflows/filings). Parties print as the keyed
 * hashes that travel; nothing else about them exists on the bus.
 */
import { connectNats } from '../../bus/connection.js';
import { registryFromGenesisFile } from '../../conformance/mod.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { dispatchSubcommand, helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { parseDurationMs } from '../duration.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { keyFileOf, loadSigner } from '../session.js';
import { CAUSE_TYPES, isCauseType, type CauseType } from '../../workflows/filings/filing-record.js';
import { provisionFilings } from '../../workflows/filings/filing-stream.js';
import { subscribeFilings, type FilingDelivery, type FilingDropped } from '../../workflows/filings/filing-subscriber.js';

const OPTIONS: OptionSpecs = {
  as: { type: 'string', value: 'KEYFILE', description: "the agency's key file (default $COURTBRIDGE_KEY)" },
  cause: { type: 'string', multiple: true, value: 'TYPE', description: `cause type to receive: ${CAUSE_TYPES.join(', ')}` },
  'from-seq': { type: 'string', value: 'N', description: 'start a new subscription at stream sequence N (default: the first)' },
  genesis: { type: 'string', value: 'FILE', description: 'the alliance genesis file (whose signatures to trust)' },
  'genesis-hash': { type: 'string', value: 'HEX', description: "the genesis file's pinned sha256" },
  count: { type: 'string', value: 'N', description: 'stop after N filings (default: run until interrupted)' },
  for: { type: 'string', value: 'DURATION', description: 'stop after this long, e.g. 30s' },
  'passphrase-env': { type: 'string', value: 'VAR', description: 'passphrase of an encrypted key file is in $VAR' },
};

const help = (): string =>
  helpText({
    usage: [
      'courtbridge filings watch --as KEYFILE --cause TYPE [--cause TYPE]... --genesis FILE --genesis-hash HEX [--from-seq N] [--count N] [--for DURATION] [--json]',
    ],
    description:
      '接收立案信息 Receives the case filings of the judicial chain for the cause types your role may\n' +
      'receive, verifies each signature against the pinned genesis, and acknowledges it (signed ack the\n' +
      'court sees). Forged or out-of-role filings are dropped and named. A cause your role may not\n' +
      'receive is refused before anything is read (exit 5). --json prints one JSON object per line.',
    options: formatOptions(OPTIONS),
    examples: [
      'courtbridge filings watch --as agency.key --cause civil --genesis genesis.json --genesis-hash "$GENESIS_HASH" --nats "$NATS"',
      'courtbridge filings watch --as agency.key --cause civil --from-seq 1 --count 2 --genesis genesis.json --genesis-hash "$GENESIS_HASH" --json',
    ],
  });

const filingLine = (d: FilingDelivery): string =>
  `seq ${d.seq} [${d.filing.causeType}] ${d.filing.caseId} ${d.filing.cause} court ${d.filing.court} ` +
  `height ${d.filing.height} ${d.filing.recordKey} parties ${d.filing.parties.map((p) => `${p.role}:${p.party.slice(0, 12)}…`).join(' ')} ` +
  `signed by ${d.envelope.senderDid} — acknowledged`;
const dropLine = (d: FilingDropped): string =>
  `seq ${d.seq} 已丢弃 dropped: ${d.reason} (claimed sender ${d.claimedSender ?? 'unknown'}): ${d.message}`;

function positiveInt(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(v)) throw new UsageError(`${flag}: expected a positive integer, got '${v}'`, 'filings');
  return Number(v);
}

async function watch(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const command = 'filings';
  const args = parseCommandArgs(argv, OPTIONS, command);
  if (args.flag('help')) {
    io.out(help());
    return ExitCode.Ok;
  }
  const config = loadCliConfig(args, io, command);
  const causes = args.strings('cause');
  if (causes.length === 0) throw new UsageError(`--cause: name at least one cause type (${CAUSE_TYPES.join(', ')})`, command);
  for (const c of causes)
    if (!isCauseType(c)) throw new UsageError(`--cause: expected one of ${CAUSE_TYPES.join(', ')}, got '${c}'`, command);
  const genesisHash = args.required('genesis-hash');
  if (!/^[0-9a-fA-F]{64}$/.test(genesisHash))
    throw new UsageError('--genesis-hash: expected 64 hex characters (sha256 of the genesis file)', command);
  const fromSeq = positiveInt(args.string('from-seq'), '--from-seq');
  const count = positiveInt(args.string('count'), '--count');
  const forFlag = args.string('for');
  const forMs = forFlag === undefined ? undefined : parseDurationMs(forFlag, '--for', command);
  const { authority } = await registryFromGenesisFile(args.required('genesis'), genesisHash.toLowerCase(), io.nowMs());
  const agency = await loadSigner(keyFileOf(args.string('as'), config, command), args.string('passphrase-env') ?? config.passphraseEnv, io);
  const json = args.flag('json');
  const nc = await connectNats({ servers: config.natsUrl.split(','), name: 'courtbridge-filings-watch' }, config.natsAuth);
  try {
    const { acks } = await provisionFilings(nc);
    let seen = 0;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((r) => (done = r));
    const sub = await subscribeFilings({
      nc,
      agency,
      authority,
      causes: causes as CauseType[],
      acks,
      now: () => io.nowMs(),
      ...(fromSeq === undefined ? {} : { fromSeq }),
      onFiling: (d) => {
        io.out(
          json
            ? `${JSON.stringify({ seq: d.seq, subject: d.subject, sender: d.envelope.senderDid, filing: d.filing })}\n`
            : `${filingLine(d)}\n`,
        );
        if (count !== undefined && ++seen >= count) done();
      },
      onDrop: (d) => io.err(`${json ? JSON.stringify({ dropped: d }) : dropLine(d)}\n`),
    });
    const timer = forMs === undefined ? undefined : setTimeout(done, forMs);
    await finished;
    if (timer !== undefined) clearTimeout(timer);
    await sub.close();
    return ExitCode.Ok;
  } finally {
    await nc.close();
  }
}

export const filingsCommand: Command = {
  name: 'filings',
  summary: 'receive the case filings your role may see, verified and acknowledged',
  help,
  run: (argv, io) => dispatchSubcommand('filings', argv, io, help, { watch: (rest) => watch(rest, io) }),
};
