/**
 * `courtbridge investigate`: a debtor's assets across property, finance and IP in one call
 * (InvestigationService.Investigate). The debtor is named only by a keyed hash: `--id-number`
 * is hashed here with the alliance salt (src/privacy/keyed-hash.ts) and never sent in clear
 * (DESIGN.md "Conventions": personal identifiers never go over the wire in clear).
 */
import { fromHex } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { caseKey } from '../../judicial/record-keys.js';
import { personalIdHash, PERSONAL_HASH_PATTERN, PERSONAL_ID_KINDS, type PersonalIdKind } from '../../privacy/keyed-hash.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { parseDurationMs } from '../duration.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { emit } from '../output.js';
import { authenticatedConnection, keyFileOf } from '../session.js';
import type { GatewayConnection } from '../../client/gateway-client.js';
import { bundleLines } from './query.js';

const DOMAINS = { property: 'ASSET_DOMAIN_PROPERTY', finance: 'ASSET_DOMAIN_FINANCE', ip: 'ASSET_DOMAIN_IP' } as const;

const OPTIONS: OptionSpecs = {
  owner: { type: 'string', value: 'HASH', description: "the debtor's keyed hash (64 hex characters)" },
  'id-number': {
    type: 'string',
    value: 'N',
    description: 'an identifier, hashed locally with the alliance salt ($COURTBRIDGE_ALLIANCE_SALT or the config) and never sent',
  },
  'id-kind': { type: 'string', value: 'KIND', description: `kind of --id-number: ${PERSONAL_ID_KINDS.join(', ')} (default id-card)` },
  domain: { type: 'string', multiple: true, value: 'DOMAIN', description: 'property, finance or ip (default all)' },
  case: {
    type: 'string',
    value: 'CASE_ID',
    description: 'the enforcement case that justifies the investigation; checked first on the judicial chain (case/CASE_ID)',
  },
  'case-key': { type: 'string', value: 'KEY', description: "the case record's state key on the judicial chain (default case/CASE_ID)" },
  'max-staleness': { type: 'string', value: 'DURATION', description: 'refuse state older than this, e.g. 30s' },
  as: { type: 'string', value: 'KEYFILE', description: 'key file of the court (default $COURTBRIDGE_KEY)' },
};

const help = (): string =>
  helpText({
    usage: ['courtbridge investigate (--owner HASH | --id-number N [--id-kind id-card]) [--case CASE_ID] [--domain D]... --as KEYFILE'],
    description:
      "Finds a debtor's assets on the property, finance and IP chains (all three unless --domain) in\n" +
      'parallel, each with its proof. With --case, the case must exist on the judicial chain first\n' +
      '(exit 6 naming it when it does not). Exit 0 when every chain answered, 1 when the answer is partial.',
    options: formatOptions(OPTIONS),
    notes:
      "The alliance salt (hex, secret) comes from $COURTBRIDGE_ALLIANCE_SALT or the config file's\n" +
      '`allianceSaltHex`; the alliance operator hands it to members. The demo writes it, with the\n' +
      'gateway and the court key, to the CLI config file it prints (export COURTBRIDGE_CONFIG=...).',
    examples: [
      'courtbridge investigate --owner 5d41402abc4b2a76b9719d911017c592ae2b7c3c1e3a4c0b5ef1a1b2c3d4e5f6 --case C-2024-001 --as court.key',
      'courtbridge investigate --id-number 110101199003077777 --domain finance --json --as court.key',
    ],
  });

/**
 * The case must be on the judicial chain before anything is searched: asked as a proven query of
 * its record, so a case that does not exist is a proven absence, refused NOT_FOUND naming it.
 */
async function assertCaseExists(conn: GatewayConnection, caseId: string, key: string, maxStalenessMs: number): Promise<void> {
  const res = await conn.unary(conn.client('QueryService'), 'query', {
    query: { chainId: 'judicial', recordType: key.slice(0, key.indexOf('/')) || 'case', key, height: { latest: {} } },
    maxStalenessMs,
  });
  if (res.bundle?.result !== 'record')
    throw new CourtbridgeError(
      ErrorCode.NotFound,
      'case_not_found',
      `司法链上没有案件 ${caseId}（${key} 已证明不存在）；请检查案号，或去掉 --case / no case ${caseId} on the judicial chain (${key} proven absent); check the case id, or leave --case out`,
    );
}

export const investigateCommand: Command = {
  name: 'investigate',
  summary: "a debtor's assets across property, finance and IP, with proofs",
  help,
  async run(argv, io) {
    const args = parseCommandArgs(argv, OPTIONS, 'investigate');
    if (args.flag('help')) {
      io.out(help());
      return ExitCode.Ok;
    }
    const config = loadCliConfig(args, io, 'investigate');
    const owner = args.string('owner');
    const idNumber = args.string('id-number');
    if ((owner === undefined) === (idNumber === undefined))
      throw new UsageError('give exactly one of --owner HASH or --id-number N', 'investigate');
    let ownerHex: string;
    if (owner !== undefined) {
      ownerHex = owner.toLowerCase();
      if (!PERSONAL_HASH_PATTERN.test(ownerHex)) throw new UsageError('--owner: expected 64 hex characters (a keyed hash)', 'investigate');
    } else {
      if (config.allianceSalt === undefined)
        throw new UsageError(
          '--id-number 需要联盟盐（十六进制，保密，由联盟运营方发给成员）：设置 COURTBRIDGE_ALLIANCE_SALT=HEX，或在 --config 文件中写 allianceSaltHex；' +
            '演示系统把它写在启动时打印的 CLI 配置文件里 (export COURTBRIDGE_CONFIG=...) / ' +
            '--id-number needs the alliance salt (hex, secret, handed to members by the alliance operator): set COURTBRIDGE_ALLIANCE_SALT=HEX ' +
            'or allianceSaltHex in the --config file; the demo writes it to the CLI config file it prints (export COURTBRIDGE_CONFIG=...); ' +
            'or give the keyed hash itself with --owner HASH',
          'investigate',
        );
      const kind = (args.string('id-kind') ?? 'id-card') as PersonalIdKind;
      if (!PERSONAL_ID_KINDS.includes(kind))
        throw new UsageError(`--id-kind: expected one of ${PERSONAL_ID_KINDS.join(', ')}`, 'investigate');
      ownerHex = personalIdHash(config.allianceSalt, kind, idNumber!);
    }
    const named = args.strings('domain');
    const domains = (named.length === 0 ? Object.keys(DOMAINS) : named).map((d) => {
      const e = (DOMAINS as Record<string, string | undefined>)[d];
      if (e === undefined) throw new UsageError(`--domain: expected property, finance or ip, got '${d}'`, 'investigate');
      return e;
    });
    const caseId = args.string('case');
    if (caseId === '') throw new UsageError('--case: expected a case id', 'investigate');
    const staleness = args.string('max-staleness');
    const maxStalenessMs = staleness === undefined ? 0 : parseDurationMs(staleness, '--max-staleness', 'investigate');
    const { conn } = await authenticatedConnection(config, keyFileOf(args.string('as'), config, 'investigate'), io);
    try {
      const caseRecordKey = caseId === undefined ? '' : (args.string('case-key') ?? caseKey(caseId));
      if (caseId !== undefined) await assertCaseExists(conn, caseId, caseRecordKey, maxStalenessMs);
      const res = await conn.unary(conn.client('InvestigationService'), 'investigate', {
        ownerIdHash: fromHex(ownerHex),
        domains: domains as Array<(typeof DOMAINS)[keyof typeof DOMAINS]>,
        ...(caseId === undefined ? {} : { judicialProof: { caseId, recordKey: caseRecordKey } }),
        maxStalenessMs,
      });
      const partial = res.completeness !== 'COMPLETENESS_COMPLETE';
      emit(io, args.flag('json'), { ownerIdHash: ownerHex, ...res }, () => [
        // Not every item is an asset: a card or a loan is listed under the same keyed id (a debt).
        `${ownerHex}：查得 ${res.items.length} 条记录，${partial ? '不完整' : '完整'} / owner ${ownerHex}: ${res.items.length} record(s), ${partial ? 'PARTIAL' : 'complete'}`,
        ...res.items.flatMap((i) =>
          i.bundle === null
            ? []
            : [`[${i.domain.replace('ASSET_DOMAIN_', '').toLowerCase()}]`, ...bundleLines(i.bundle).map((l) => `  ${l}`)],
        ),
        ...res.failures.map((f) => `  ${f.chainId || '?'}: did not answer: ${f.code} ${f.reason} ${f.message}`),
      ]);
      return partial ? ExitCode.Failure : ExitCode.Ok;
    } finally {
      conn.close();
    }
  },
};
