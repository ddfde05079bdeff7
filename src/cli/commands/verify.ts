/**
 * `courtbridge verify BUNDLE.json`: re-verify a saved proof bundle OFFLINE, from its bytes
 * alone (src/verify/, the same pure verifier VerificationService uses): no gateway, no NATS,
 * no network at all. Each check is printed with its outcome and a plain-language detail, then
 * the verdict, then the record the bytes prove, decoded by its record type
 * (src/verify/proven-record.ts), and only when the verdict is valid: nothing in the file but
 * its protobuf bytes is ever shown. Text for people is zh-CN first, English after.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { readBundleFile } from '../bundle-file.js';
import { helpText, type Command } from '../command.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { verifyProofBundleBytes } from '../../verify/proof-bundle-verify.js';
import { readFileSync } from 'node:fs';
import { AllianceAuthority } from '../../identity/alliance-authority.js';
import { loadGenesis } from '../../identity/genesis.js';
import { registryStateFromGenesis } from '../../identity/registry.js';
import { verifyDocument } from './verify-document.js';
import { loadTrust } from '../../identity/trust-file.js';
import { provenRecordLines, provenRecordView } from '../../verify/proven-record.js';
import { ALLIANCE_EVM_RECORDS, ALLIANCE_RECORD_LAYOUTS } from '../../../adapters/catalog.js';
import { emit } from '../output.js';

const OPTIONS: OptionSpecs = {
  at: { type: 'string', value: 'UNIX_MS', description: 'verify as of this time (default now)' },
  genesis: { type: 'string', value: 'FILE', description: 'the alliance genesis file: resolves the receipt signer offline' },
  'genesis-hash': { type: 'string', value: 'HEX', description: "the genesis file's pinned sha256 (required with --genesis or --trust)" },
  trust: {
    type: 'string',
    value: 'FILE',
    description: 'a trust file (`courtbridge trust export`): the genesis plus the registry updates since',
  },
  document: {
    type: 'string',
    value: 'FILE',
    description: 'a served court document: find its services by its SHA-256 (the file stays here) and verify them',
  },
  page: {
    type: 'string',
    value: 'URL',
    description: "with --document: the gateway's verification page, asked for the proofs (e.g. http://127.0.0.1:8080/)",
  },
};

const NO_REGISTRY_HINT =
  '未提供联盟注册表，无法判定链、锚点与签名者：请提供 --trust FILE --genesis-hash HEX（或 --genesis FILE --genesis-hash HEX）。No alliance registry: give --trust FILE --genesis-hash HEX (or --genesis FILE --genesis-hash HEX) to check the chain, its anchor and the signers.';

const help = (): string =>
  helpText({
    usage: [
      'courtbridge verify BUNDLE.json [--trust FILE | --genesis FILE] --genesis-hash HEX [--at UNIX_MS] [--json]',
      'courtbridge verify --document FILE --page URL (--trust FILE | --genesis FILE) --genesis-hash HEX [--json]',
    ],
    description:
      '离线核验证明包，只依据其字节。Checks a proof bundle offline, from its bytes alone: the header commit\n' +
      '(quorum of the validator set), the validator-set hash, the Merkle proof against the state root,\n' +
      'the record, and the gateway receipt. Opens no network connection. With the alliance genesis\n' +
      '(--genesis, pinned by --genesis-hash) the receipt key of a did:alliance gateway is resolved\n' +
      'offline, so the receipt check is determinate. When the verdict is valid, prints the proven record\n' +
      '(已证明的记录) decoded from the protobuf bytes by its record type; a readable copy in the file is\n' +
      'ignored. With a trust file (--trust, from `courtbridge trust export`) the registry is the genesis\n' +
      'plus every update since, each re-checked (admin quorum, order): chains admitted or removed after\n' +
      'genesis are known. Without either, the verdict is indeterminate. Exit 0 valid, 4 invalid, 1 indeterminate.\n' +
      '送达文书核验 --document FILE: hashes the file here (it never leaves the machine), asks the verification\n' +
      "page (--page) for the proofs of that SHA-256's services, verifies each offline against the pinned\n" +
      'registry, and prints each service: case, court, channel, when, and the receipt (signed by the\n' +
      'recipient the court named) or 未签收 not yet received. Exit 0 served, 1 no service of this document\n' +
      '(未找到送达记录), 4 the answer did not verify (refused, with the reason).',
    options: formatOptions(OPTIONS),
    examples: [
      'courtbridge verify bundle.json --trust trust.json --genesis-hash 5f3c...',
      'courtbridge verify bundle.json --genesis genesis.json --genesis-hash 5f3c...',
      'courtbridge verify bundle.json --json | jq .checks',
      'courtbridge verify --document summons.pdf --page http://127.0.0.1:8080/ --trust trust.json --genesis-hash 5f3c...',
    ],
  });

/** What the verifier returns (src/verify/ bundle-verify): a verdict and named checks. */
interface VerifierCheck {
  name: string;
  outcome: string;
  reason?: string;
  detail?: string;
}
interface VerifierReport {
  verdict: string;
  checks: VerifierCheck[];
}

const norm = (s: string, prefix: string): string => s.replace(prefix, '').toLowerCase();

const VERDICT_WORDS: Readonly<Record<string, string>> = {
  valid: '有效 VALID',
  invalid: '无效 INVALID',
  indeterminate: '无法确定 INDETERMINATE',
};

const READABLE_PART_IGNORED =
  '注意：文件中的可读部分 (bundle) 未经核验，已忽略；以下内容均由 protobuf 字节解码。Note: the readable part of this file (bundle) is not verified and was ignored; everything shown is decoded from the protobuf bytes.';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check a saved proof bundle OFFLINE (no network)',
  help,
  async run(argv, io) {
    const args = parseCommandArgs(argv, OPTIONS, 'verify', 1);
    if (args.flag('help')) {
      io.out(help());
      return ExitCode.Ok;
    }
    const file = args.positionals[0];
    const document = args.string('document');
    if (document !== undefined && file !== undefined) throw new UsageError('give a BUNDLE.json or --document FILE, not both', 'verify');
    if (document === undefined && args.string('page') !== undefined) throw new UsageError('--page goes with --document FILE', 'verify');
    if (file === undefined && document === undefined)
      throw new UsageError('expected a bundle file: courtbridge verify BUNDLE.json (or --document FILE)', 'verify');
    const atFlag = args.string('at');
    if (atFlag !== undefined && !/^\d+$/.test(atFlag)) throw new UsageError('--at: expected unix milliseconds', 'verify');
    const nowMs = atFlag === undefined ? io.nowMs() : Number(atFlag);
    const genesis = args.string('genesis');
    const genesisHash = args.string('genesis-hash');
    const trust = args.string('trust');
    if (genesis !== undefined && trust !== undefined)
      throw new UsageError('--trust already holds the genesis: give --trust or --genesis, not both', 'verify');
    if ((genesis === undefined && trust === undefined) !== (genesisHash === undefined))
      throw new UsageError('--genesis-hash goes with --trust or --genesis (the hash pins the genesis)', 'verify');
    if (genesisHash !== undefined && !/^[0-9a-fA-F]{64}$/.test(genesisHash))
      throw new UsageError('--genesis-hash: expected 64 hex characters (sha256 of the genesis file)', 'verify');
    // The genesis is a local file whose hash the caller pins (DESIGN.md "Identity"): reading it
    // keeps verify offline while making the receipt signer's key known.
    // A trust file is replayed update by update under every registry rule, at the wall clock (an
    // update effective later than now is refused even when --at asks about the past).
    const loaded =
      trust !== undefined
        ? loadTrust(new Uint8Array(await readFile(resolve(io.cwd, trust))), genesisHash!.toLowerCase(), io.nowMs())
        : genesis === undefined
          ? undefined
          : (() => {
              const state = registryStateFromGenesis(
                loadGenesis(new Uint8Array(readFileSync(resolve(io.cwd, genesis))), genesisHash!.toLowerCase()),
              );
              return { state, authority: new AllianceAuthority(() => state) };
            })();
    const authority = loaded?.authority;
    if (document !== undefined) {
      const page = args.string('page');
      if (page === undefined || !/^https?:\/\//.test(page))
        throw new UsageError("--document needs --page URL: the gateway's verification page (http:// or https://)", 'verify');
      // A served document is judged by its court and recipient: without the pinned registry nothing can be.
      if (loaded === undefined) throw new UsageError(NO_REGISTRY_HINT, 'verify');
      return verifyDocument(io, {
        file: resolve(io.cwd, document),
        shownName: document,
        pageUrl: page,
        authority: loaded.authority,
        orgOf: (did) => loaded.state.members.get(did)?.org,
        atMs: nowMs,
        json: args.flag('json'),
      });
    }
    const { bytes, readablePart } = await readBundleFile(resolve(io.cwd, file!));
    // From the bytes alone: the same pure verifier VerificationService.VerifyBundle wraps.
    const verification = await verifyProofBundleBytes(bytes, {
      atMs: nowMs,
      evmRecords: ALLIANCE_EVM_RECORDS,
      ...(authority !== undefined ? { authority } : {}),
    });
    const report: VerifierReport = verification;
    const verdict = norm(report.verdict, 'VERDICT_');
    // What is shown is what was proven: decoded from the verified bytes, never from the file's JSON.
    const proven = provenRecordView(bytes, verification, ALLIANCE_RECORD_LAYOUTS);
    emit(
      io,
      args.flag('json'),
      { file, ...report, provenRecord: proven, readablePart, ...(authority === undefined ? { hint: NO_REGISTRY_HINT } : {}) },
      () => [
        ...report.checks.map((c) => {
          const o = norm(c.outcome, 'CHECK_OUTCOME_');
          const mark = o === 'passed' ? '通过 ok  ' : o === 'failed' ? '失败 FAIL' : '跳过 skip';
          return `${mark} ${c.name}${c.detail !== undefined && c.detail !== '' ? `: ${c.detail}` : ''}${o === 'failed' && c.reason ? ` [${c.reason}]` : ''}`;
        }),
        `${file}: ${VERDICT_WORDS[verdict] ?? verdict.toUpperCase()}`,
        ...(authority === undefined ? [NO_REGISTRY_HINT] : []),
        ...(readablePart === 'ignored' ? [READABLE_PART_IGNORED] : []),
        ...provenRecordLines(proven),
      ],
    );
    return verdict === 'valid' ? ExitCode.Ok : verdict === 'invalid' ? ExitCode.VerificationFailed : ExitCode.Failure;
  },
};
