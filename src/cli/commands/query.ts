/**
 * `courtbridge query`: one record (or its proven absence) from a chain, as a proof bundle
 * (QueryService.Query), optionally saved for `courtbridge verify`.
 */
import { resolve } from 'node:path';
import type { ProofBundle__Output } from '../../generated/courtbridge/v1/ProofBundle.js';
import { toHex } from '../../encoding/bytes.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { writeBundleFile } from '../bundle-file.js';
import { helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { parseDurationMs, parsePositiveInt } from '../duration.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { emit } from '../output.js';
import { authenticatedConnection, keyFileOf } from '../session.js';

const OPTIONS: OptionSpecs = {
  chain: { type: 'string', value: 'CHAIN', description: 'chain id (ip, property, credit, finance, judicial, ...)' },
  type: { type: 'string', value: 'TYPE', description: "record type of the chain (adapters/catalog.ts), e.g. credit's dishonest" },
  id: { type: 'string', value: 'ID', description: 'record id: the state key is TYPE/ID (adapters/sdk recordKey)' },
  key: { type: 'string', value: 'KEY', description: 'the full state key instead of --id' },
  height: { type: 'string', value: 'H', description: 'read at this height (default: the latest trusted)' },
  'max-staleness': { type: 'string', value: 'DURATION', description: 'refuse state older than this (FAILED_PRECONDITION), e.g. 30s' },
  out: { type: 'string', short: 'o', value: 'FILE', description: 'save the proof bundle for `courtbridge verify`' },
  as: { type: 'string', value: 'KEYFILE', description: 'key file of the court (default $COURTBRIDGE_KEY)' },
};

const help = (): string =>
  helpText({
    usage: [
      'courtbridge query --chain CHAIN --type TYPE (--id ID | --key KEY) [--height H] [--max-staleness 30s] [--out bundle.json] --as KEYFILE',
    ],
    description:
      'Asks the gateway for one record with proof. The answer is a proof bundle: the record (or proof\n' +
      'that it is absent), the Merkle proof, the signed header and the gateway receipt. Exit 0 when the\n' +
      'record exists, 1 when it is proven absent.',
    options: formatOptions(OPTIONS),
    examples: [
      "courtbridge query --chain property --type title --id '京(2019)东城区不动产权第0031415号' --as court.key",
      'courtbridge query --chain credit --type dishonest --id 136225f99edb0835f0261513ec5a34179ced797f07a970a4c08617fa9d95ac99 --max-staleness 30s --out absent.json --as court.key',
    ],
  });

/** Lines a person reads for a bundle. */
export function bundleLines(b: ProofBundle__Output): string[] {
  const q = b.request;
  const head = `${q?.chainId ?? '?'} ${q?.recordType ?? ''} ${q?.key ?? ''}`;
  const at = `at height ${b.stateHeight} (${b.stateTimeMs > 0 ? new Date(b.stateTimeMs).toISOString() : '?'})`;
  if (b.result === 'absence') return [`${head}: ABSENT ${at} (proven by non-membership)`];
  const value = b.record?.value;
  let shown = '';
  if (value !== undefined) {
    const text = Buffer.from(value).toString('utf8');
    shown = /^[\x20-\x7e\s\u00a0-\uffff]*$/.test(text) && !text.includes('\ufffd') ? text : toHex(value);
  }
  return [`${head}: FOUND ${at}`, `  value: ${shown}`, ...(b.receipt !== null ? ['  receipt: signed by the gateway'] : [])];
}

export const queryCommand: Command = {
  name: 'query',
  summary: 'one record with proof, as a proof bundle (--out saves it)',
  help,
  async run(argv, io) {
    const args = parseCommandArgs(argv, OPTIONS, 'query');
    if (args.flag('help')) {
      io.out(help());
      return ExitCode.Ok;
    }
    const config = loadCliConfig(args, io, 'query');
    const chainId = args.required('chain');
    const recordType = args.required('type');
    const id = args.string('id');
    const rawKey = args.string('key');
    if ((id === undefined) === (rawKey === undefined)) throw new UsageError('give exactly one of --id ID or --key KEY', 'query');
    const key = rawKey ?? `${recordType}/${id}`; // adapters/sdk/definition.ts recordKey
    const heightFlag = args.string('height');
    const height = heightFlag === undefined ? { latest: {} } : { at: parsePositiveInt(heightFlag, '--height', 'query') };
    const staleness = args.string('max-staleness');
    const maxStalenessMs = staleness === undefined ? 0 : parseDurationMs(staleness, '--max-staleness', 'query');
    const { conn } = await authenticatedConnection(config, keyFileOf(args.string('as'), config, 'query'), io);
    try {
      const res = await conn.unary(conn.client('QueryService'), 'query', { query: { chainId, recordType, key, height }, maxStalenessMs });
      const bundle = res.bundle;
      if (bundle === null) throw new Error('the gateway answered without a bundle');
      const out = args.string('out');
      if (out !== undefined) await writeBundleFile(resolve(io.cwd, out), bundle);
      emit(io, args.flag('json'), bundle, () => [
        ...bundleLines(bundle),
        ...(out !== undefined ? [`  saved: ${out} (check it offline: courtbridge verify ${out})`] : []),
      ]);
      return bundle.result === 'absence' ? ExitCode.Failure : ExitCode.Ok;
    } finally {
      conn.close();
    }
  },
};
