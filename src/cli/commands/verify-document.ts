/**
 * `courtbridge verify --document FILE --page URL`: is this file a served court document, and was
 * it received? The file is hashed here and never leaves the machine: only its SHA-256 goes to the
 * gateway's verification page (`POST /api/v1/verify-service`, no token: a party holds no alliance
 * key), which answers with proof bundles. Nothing in the answer is believed: each bundle is
 * verified here, offline, against the pinned genesis or trust file like `courtbridge verify`
 * BUNDLE.json, must prove the very key asked for (`served-document/<sha256>`, then each
 * `service/<id>` that index lists), and the records are read from the verified bytes and checked
 * (src/workflows/served-document-check.ts: this document, the court's signature, the receipt
 * signed by the recipient the court bound). Printed zh-CN first, English after.
 */
import { toHex } from '../../encoding/bytes.js';
import { isCourtbridgeError } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import type { ChainDirectory } from '../../identity/chain-entry.js';
import { servedDocumentKey, serviceKey } from '../../judicial/record-keys.js';
import { bundleOfJson } from '../../relay/http/bundle-json.js';
import { resultOf, type BundleCheck } from '../../verify/bundle-verify.js';
import { verifyProofBundleBytes } from '../../verify/proof-bundle-verify.js';
import { beijingTime } from '../../verify/proven-record.js';
import { decodeMessage } from '../../wire/codec.js';
import {
  checkServedDocumentIndex,
  checkServiceRecord,
  type ServedDocumentView,
  type ServiceCheck,
} from '../../workflows/served-document-check.js';
import type { CliIo } from '../io.js';
import { ExitCode } from '../exit-codes.js';
import { emit } from '../output.js';
import { sha256File } from './evidence.js';

export interface VerifyDocumentOptions {
  /** Absolute path of the file. */
  file: string;
  /** As the user typed it (printed). */
  shownName: string;
  /** Base URL of the gateway's verification page. */
  pageUrl: string;
  authority: Authority & ChainDirectory;
  /** A DID's organisation in the pinned registry. */
  orgOf: (did: string) => string | undefined;
  atMs: number;
  json: boolean;
}

const CHANNEL_WORDS: Readonly<Record<string, string>> = {
  electronic: '电子送达 electronic',
  postal: '邮寄送达 postal',
  in_person: '直接送达 in person',
  publication: '公告送达 public notice',
};

type Check = BundleCheck | ServiceCheck;

/** Why the answer is refused: the first failed check, named. */
class Refused extends Error {
  constructor(
    readonly what: string,
    readonly checks: readonly Check[],
  ) {
    super(what);
  }
}

const failedOf = (checks: readonly Check[]): Check[] => checks.filter((c) => c.outcome === 'failed');

/** Verify one bundle file of the answer offline; it must prove `key` (present or absent). */
async function provenOf(
  bundleFile: unknown,
  key: string,
  o: VerifyDocumentOptions,
  what: string,
): Promise<{ value: Uint8Array | null; checks: Check[] }> {
  let bytes: Uint8Array;
  try {
    bytes = bundleOfJson(bundleFile).bytes;
  } catch (e) {
    throw new Refused(`${what}: 证明文件无法读取 / the proof file does not read: ${e instanceof Error ? e.message : String(e)}`, []);
  }
  const v = await verifyProofBundleBytes(bytes, { atMs: o.atMs, authority: o.authority });
  const checks: Check[] = v.checks.map((c) => ({ ...c }));
  if (v.verdict !== 'valid') throw new Refused(`${what}: 证明不成立 / the proof does not hold (${v.verdict})`, checks);
  const proven = resultOf(decodeMessage('ProofBundle', bytes));
  if (proven.key !== key)
    throw new Refused(`${what}: 证明的是 ${proven.key}，不是 ${key} / the proof is of ${proven.key}, not ${key}`, checks);
  return { value: proven.kind === 'record' ? proven.value : null, checks };
}

async function ask(pageUrl: string, hex: string): Promise<Record<string, unknown>> {
  const url = new URL('api/v1/verify-service', pageUrl.endsWith('/') ? pageUrl : `${pageUrl}/`);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sha256: hex }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const err = (body.error ?? body) as { reason?: string; message?: string };
    throw new Error(`${url.href}: HTTP ${res.status} ${err.reason ?? ''} ${err.message ?? ''}`.trim());
  }
  return body;
}

function serviceLines(s: ServedDocumentView, o: VerifyDocumentOptions): string[] {
  const org = o.orgOf(s.court);
  const receipt =
    s.receipt.status === 'received'
      ? [
          `  签收 Receipt: 已签收 received，签收人 signed by ${s.receipt.signerDid}`,
          `    签收时间 received at: ${beijingTime(s.receipt.receivedAtMs)}；签名已核验，签收人即法院指定的受送达人 / signature verified, signed by the recipient the court named`,
        ]
      : ['  签收 Receipt: 未签收 / not yet received'];
  return [
    `送达编号 Service ${s.serviceId}`,
    `  案号 Case: ${s.caseId}`,
    `  送达法院 Court: ${org === undefined ? s.court : `${org} (${s.court})`}`,
    `  送达方式 Channel: ${CHANNEL_WORDS[s.channel] ?? s.channel}`,
    `  送达时间 Served at: ${beijingTime(s.servedAtMs)}`,
    `  上链时间 Recorded on the judicial chain at: ${beijingTime(s.recordedAtMs)}`,
    ...receipt,
  ];
}

const checkLine = (c: Check): string => {
  const mark = c.outcome === 'passed' ? '通过 ok  ' : c.outcome === 'failed' ? '失败 FAIL' : '跳过 skip';
  return `${mark} ${c.name}${c.detail ? `: ${c.detail}` : ''}${c.outcome === 'failed' && c.reason ? ` [${c.reason}]` : ''}`;
};

export async function verifyDocument(io: CliIo, o: VerifyDocumentOptions): Promise<ExitCode> {
  const hash = await sha256File(o.file);
  const hex = toHex(hash);
  const answer = await ask(o.pageUrl, hex);
  try {
    const index = answer.index as { bundleFile?: unknown } | undefined;
    const idx = await provenOf(index?.bundleFile, servedDocumentKey(hex), o, '送达文书索引 document index');
    if (idx.value === null) {
      emit(io, o.json, { file: o.shownName, sha256: hex, status: 'not_served', services: [] }, () => [
        `${o.shownName}: sha256 ${hex}`,
        '未找到送达记录：司法区块链上没有这份文书的送达（已核验不存在证明）。',
        'No service of this document: the judicial chain holds none (proof of absence verified).',
      ]);
      return ExitCode.Failure;
    }
    const ic = checkServedDocumentIndex(hash, servedDocumentKey(hex), idx.value);
    if (ic.check.outcome === 'failed') throw new Refused('送达文书索引 document index', [...idx.checks, ic.check]);
    const given = Array.isArray(answer.services) ? (answer.services as { serviceId?: unknown; bundleFile?: unknown }[]) : [];
    const views: { view: ServedDocumentView; checks: Check[] }[] = [];
    for (const id of ic.ids) {
      const entry = given.find((g) => g.serviceId === id);
      if (entry === undefined) throw new Refused(`送达 ${id}：网关未提供其证明 / the gateway gave no proof of service ${id}`, []);
      const p = await provenOf(entry.bundleFile, serviceKey(id), o, `送达 service ${id}`);
      if (p.value === null) throw new Refused(`送达 ${id}：证明为不存在 / the proof says service ${id} does not exist`, p.checks);
      const c = checkServiceRecord(hash, serviceKey(id), p.value, o.authority);
      const checks = [...p.checks, ...c.checks];
      if (failedOf(checks).length > 0 || c.view === undefined) throw new Refused(`送达 service ${id}`, checks);
      views.push({ view: c.view, checks });
    }
    emit(
      io,
      o.json,
      {
        file: o.shownName,
        sha256: hex,
        status: 'served',
        verdict: 'valid',
        services: views.map((v) => ({ ...v.view, courtOrg: o.orgOf(v.view.court), checks: v.checks })),
      },
      () => [
        `${o.shownName}: sha256 ${hex}`,
        `已送达：司法区块链上有这份文书的 ${views.length} 条送达记录，证明均已离线核验。`,
        `Served: the judicial chain records ${views.length} service(s) of this document; every proof verified offline.`,
        ...views.flatMap((v) => [...serviceLines(v.view, o), ...v.checks.map((c) => `    ${checkLine(c)}`)]),
        `结论 Verdict: 有效 VALID`,
      ],
    );
    return ExitCode.Ok;
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    const failed = failedOf(e.checks);
    const reason = failed[0]?.reason ?? (isCourtbridgeError(e) ? e.reason : 'answer_refused');
    emit(
      io,
      o.json,
      { file: o.shownName, sha256: hex, status: 'refused', verdict: 'invalid', reason, refused: e.what, checks: e.checks },
      () => [
        `${o.shownName}: sha256 ${hex}`,
        `拒绝 REFUSED：网关的答复未通过核验，不予采信 / the gateway's answer did not verify and is not shown: ${e.what}`,
        ...e.checks.map(checkLine),
        `原因 reason: ${reason}`,
        `结论 Verdict: 无效 INVALID`,
      ],
    );
    return ExitCode.VerificationFailed;
  }
}
