/**
 * `courtbridge tally BUNDLE.json...`: re-check a creditors' meeting's tally on the bankruptcy chain
 * OFFLINE, from saved proof bundles (`courtbridge query --out`): the case, every claim it lists,
 * the meeting, and every ballot of its voters. Each bundle is verified from its bytes alone (as
 * `courtbridge verify` does); the records are decoded from the verified bytes only; then
 * adapters/bankruptcy/tally-check.ts re-verifies every creditor signature, recomputes the tally by
 * the Enterprise Bankruptcy Law's rules and compares it with the one the chain wrote. Text for
 * people is zh-CN first, English after; money in 元.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ALLIANCE_EVM_RECORDS } from '../../../adapters/catalog.js';
import { recheckTally, type TallyCheck } from '../../../adapters/bankruptcy/tally-check.js';
import {
  readBallot,
  readCase,
  readClaim,
  readMeeting,
  type Ballot,
  type BankruptcyCase,
  type Claim,
  type Meeting,
} from '../../../adapters/bankruptcy/schema.js';
import { readTyped } from '../../../adapters/sdk/record.js';
import { AllianceAuthority } from '../../identity/alliance-authority.js';
import { loadGenesis } from '../../identity/genesis.js';
import { registryStateFromGenesis } from '../../identity/registry.js';
import { loadTrust } from '../../identity/trust-file.js';
import { verifyProofBundleBytes } from '../../verify/proof-bundle-verify.js';
import { yuan } from '../../workflows/display.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { readBundleFile } from '../bundle-file.js';
import { helpText, type Command } from '../command.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { emit } from '../output.js';

const OPTIONS: OptionSpecs = {
  at: { type: 'string', value: 'UNIX_MS', description: 'verify the bundles as of this time (default now)' },
  genesis: { type: 'string', value: 'FILE', description: 'the alliance genesis file: resolves the receipt signers offline' },
  'genesis-hash': { type: 'string', value: 'HEX', description: "the genesis file's pinned sha256 (required)" },
  trust: {
    type: 'string',
    value: 'FILE',
    description: 'a trust file (`courtbridge trust export`): the genesis plus the registry updates since',
  },
};

const MAX_FILES = 2_100;

const help = (): string =>
  helpText({
    usage: [
      'courtbridge tally CASE.json MEETING.json CLAIM.json... BALLOT.json... (--trust FILE | --genesis FILE) --genesis-hash HEX [--json]',
    ],
    description:
      "离线复核破产链债权人会议的计票结果。Re-checks a creditors' meeting's tally offline, from proof bundles of the\n" +
      'bankruptcy chain: the case (bankruptcy_case/<caseId>), every claim it lists (claim/...), the meeting\n' +
      '(meeting/...) and every ballot of its voters (ballot/...), in any order. Each bundle must verify against\n' +
      "the pinned registry; every claim and ballot signature is re-verified against its creditor's did:key;\n" +
      'the tally is recomputed by the Enterprise Bankruptcy Law (art. 64: more than half of those present and\n' +
      'at least half of the unsecured claims; art. 84: per class, more than half and at least two thirds) and\n' +
      "compared with the chain's, field by field. Exit 0 match (一致), 4 a bundle did not verify, a record does\n" +
      'not hold or the tally differs (each named), 1 the meeting is still open.',
    options: formatOptions(OPTIONS),
    examples: [
      'courtbridge tally case.json meeting.json claim-*.json ballot-*.json --trust trust.json --genesis-hash 5f3c...',
      'courtbridge tally bundles/*.json --genesis genesis.json --genesis-hash 5f3c... --json',
    ],
  });

interface Loaded {
  chainId: string;
  bankruptcyCase?: BankruptcyCase;
  meeting?: Meeting;
  claims: Claim[];
  ballots: Ballot[];
}

const VERDICT_ZH: Readonly<Record<TallyCheck['verdict'], string>> = {
  match: '一致 MATCH：链上计票结果与独立重算相同',
  mismatch: '不一致 MISMATCH：链上计票结果与独立重算不同',
  invalid: '无效 INVALID：有记录不成立',
  open: '表决中 OPEN：会议尚未结束，尚无链上计票结果',
};

function tallyLines(t: TallyCheck['recomputed']): string[] {
  return [
    `重算结果 / recomputed: ${t.rule === 'art64' ? '企业破产法第六十四条' : '企业破产法第八十四条'}，${t.outcome === 'passed' ? '通过 passed' : '未通过 failed'}`,
    ...t.groups.map(
      (g) =>
        `  ${g.group}: 出席 ${g.present} 人，同意 ${g.yesCreditors} 人；同意 ${yuan(g.yesCents)}，反对 ${yuan(g.noCents)}，总额 ${yuan(g.totalCents)}；${g.outcome === 'passed' ? '通过' : '未通过'}`,
    ),
  ];
}

export const tallyCommand: Command = {
  name: 'tally',
  summary: "re-check a creditors' meeting's tally OFFLINE from bundles",
  help,
  async run(argv, io) {
    const args = parseCommandArgs(argv, OPTIONS, 'tally', MAX_FILES);
    if (args.flag('help')) {
      io.out(help());
      return ExitCode.Ok;
    }
    const files = args.positionals;
    if (files.length < 2) throw new UsageError('expected the bundle files of a case, its meeting, its claims and ballots', 'tally');
    const genesis = args.string('genesis');
    const trust = args.string('trust');
    const genesisHash = args.string('genesis-hash');
    if ((genesis === undefined) === (trust === undefined))
      throw new UsageError('give --trust FILE or --genesis FILE (one of them)', 'tally');
    if (genesisHash === undefined || !/^[0-9a-fA-F]{64}$/.test(genesisHash))
      throw new UsageError('--genesis-hash: expected 64 hex characters (sha256 of the genesis file)', 'tally');
    const atFlag = args.string('at');
    if (atFlag !== undefined && !/^\d+$/.test(atFlag)) throw new UsageError('--at: expected unix milliseconds', 'tally');
    const atMs = atFlag === undefined ? io.nowMs() : Number(atFlag);
    const authority =
      trust !== undefined
        ? loadTrust(new Uint8Array(await readFile(resolve(io.cwd, trust))), genesisHash.toLowerCase(), io.nowMs()).authority
        : (() => {
            const state = registryStateFromGenesis(
              loadGenesis(new Uint8Array(readFileSync(resolve(io.cwd, genesis!))), genesisHash.toLowerCase()),
            );
            return new AllianceAuthority(() => state);
          })();

    const unverified: { file: string; verdict: string; failed: string[] }[] = [];
    const loaded: Loaded = { chainId: '', claims: [], ballots: [] };
    for (const file of files) {
      const { bytes, bundle } = await readBundleFile(resolve(io.cwd, file));
      const v = await verifyProofBundleBytes(bytes, { atMs, authority, evmRecords: ALLIANCE_EVM_RECORDS });
      const verdict = v.verdict.replace('VERDICT_', '').toLowerCase();
      if (verdict !== 'valid' || bundle.result !== 'record' || bundle.record === null || bundle.record === undefined) {
        unverified.push({ file, verdict, failed: v.checks.filter((c) => c.outcome === 'failed').map((c) => c.name) });
        continue;
      }
      // Decoded from the verified bytes only.
      const { chainId, key, value } = bundle.record;
      if (loaded.chainId !== '' && loaded.chainId !== chainId)
        throw new UsageError(`${file}: a record of chain ${chainId}, the others are of ${loaded.chainId}`, 'tally');
      loaded.chainId = chainId;
      const bytesOf = new Uint8Array(value);
      if (key.startsWith('bankruptcy_case/')) loaded.bankruptcyCase = readTyped(bytesOf, key, 'bankruptcy_case', 1, readCase);
      else if (key.startsWith('meeting/')) loaded.meeting = readTyped(bytesOf, key, 'creditors_meeting', 1, readMeeting);
      else if (key.startsWith('claim/')) loaded.claims.push(readTyped(bytesOf, key, 'bankruptcy_claim', 1, readClaim));
      else if (key.startsWith('ballot/')) loaded.ballots.push(readTyped(bytesOf, key, 'bankruptcy_ballot', 1, readBallot));
      else throw new UsageError(`${file}: ${key} is not a bankruptcy case, claim, meeting or ballot`, 'tally');
    }
    if (unverified.length > 0) {
      emit(io, args.flag('json'), { verdict: 'unverified', unverified }, () => [
        ...unverified.map(
          (u) =>
            `证明包未通过核验 / bundle did not verify: ${u.file}: ${u.verdict}${u.failed.length > 0 ? ` (${u.failed.join(', ')})` : ''}`,
        ),
        '未复核计票：只有核验通过的记录才能作为依据 / tally not re-checked: only verified records count',
      ]);
      return ExitCode.VerificationFailed;
    }
    if (loaded.bankruptcyCase === undefined || loaded.meeting === undefined)
      throw new UsageError('the bundles must include the case (bankruptcy_case/...) and the meeting (meeting/...)', 'tally');
    const check = recheckTally({
      chainId: loaded.chainId,
      bankruptcyCase: loaded.bankruptcyCase,
      claims: loaded.claims,
      meeting: loaded.meeting,
      ballots: loaded.ballots,
    });
    emit(io, args.flag('json'), { ...check, caseId: loaded.bankruptcyCase.caseId, meetingId: loaded.meeting.meetingId }, () => [
      `${loaded.bankruptcyCase!.caseId} ${loaded.meeting!.meetingId}: ${files.length} 份证明包均已离线核验 / ${files.length} bundles verified offline`,
      ...check.problems.map((p) => `不成立 / does not hold: ${p.record}: ${p.reason} (${p.detail})`),
      ...check.differences.map((d) => `不同 / differs: ${d.field}: 链上 chain ${d.chain}，重算 recomputed ${d.recomputed}`),
      ...tallyLines(check.recomputed),
      `计票复核 / tally re-check: ${VERDICT_ZH[check.verdict]}`,
    ]);
    return check.verdict === 'match' ? ExitCode.Ok : check.verdict === 'open' ? ExitCode.Failure : ExitCode.VerificationFailed;
  },
};
