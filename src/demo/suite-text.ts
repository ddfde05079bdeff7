/**
 * What the demo says about its cryptography: the alliance's suite at the start (`--sm2`: every
 * member key SM2 and every dev-ledger chain SM3-hashed with SM2 validators), and for a shown proof
 * bundle the suites it really rests on, read from the bundle and the registry rather than from the
 * flag: the chain entry's hash suite, the keys of the validator set that signed its header, and the
 * registry key of the gateway that signed its receipt.
 */
import { fromUtf8 } from '../encoding/bytes.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import { suiteOfKey, type SignatureSuite } from '../crypto/signature-suite.js';
import type { Authority } from '../identity/authority.js';
import { hashSuiteAt, type ChainDirectory } from '../identity/chain-entry.js';
import type { MessageOutput } from '../wire/messages.js';

const NAMES: Readonly<Record<SignatureSuite | HashSuite | 'mixed', string>> = {
  sm2: 'SM2',
  sm3: 'SM3',
  secp256k1: 'secp256k1',
  sha256: 'SHA-256',
  mixed: '混合 mixed',
};
const name = (s: SignatureSuite | HashSuite | 'mixed' | undefined): string => (s === undefined ? '未知 unknown' : NAMES[s]);

/** The one line the demo starts with. */
export function allianceSuiteLine(sm2: boolean): string {
  return sm2
    ? '密码套件：国密 SM2/SM3（成员密钥 SM2；八条开发链区块头与状态树 SM3、验证人 SM2；EVM 链与数据库登记簿按其自身规则哈希，其公证人以成员 SM2 密钥签名） / suite: Chinese national cryptography SM2/SM3 (member keys SM2; the eight dev-ledger chains SM3-hashed with SM2 validators; the EVM chain and the database registry hash by their own rules, their notaries sign with their SM2 member keys)'
    : '密码套件：secp256k1/SHA-256（`--sm2` 换用国密 SM2/SM3） / suite: secp256k1/SHA-256 (`--sm2` for SM2/SM3)';
}

export interface BundleSuites {
  /** The chain entry's hash suite (headers, trees). */
  hash: HashSuite;
  /** The suite of the validator set's keys that signed the header; undefined when the bundle has none (EVM, notary). */
  validators: SignatureSuite | 'mixed' | undefined;
  /** The suite of the registry key the receipt was signed with; undefined when it is not found. */
  receipt: SignatureSuite | undefined;
}

/** The suites a bundle rests on (see file comment). */
export function bundleSuites(bundle: MessageOutput<'ProofBundle'>, authority: Authority & ChainDirectory, atMs: number): BundleSuites {
  const chainId = bundle.request?.chainId ?? bundle.record?.chainId ?? '';
  const hash = hashSuiteAt(authority, chainId, atMs);
  const keys = (bundle.validatorSet?.validators ?? []).map((v) => suiteOfKey(v.publicKey as Uint8Array));
  const validators = keys.length === 0 ? undefined : keys.every((k) => k === keys[0]) ? keys[0] : 'mixed';
  return { hash, validators, receipt: receiptSuite(bundle, authority) };
}

function receiptSuite(bundle: MessageOutput<'ProofBundle'>, authority: Authority): SignatureSuite | undefined {
  const r = bundle.receipt;
  let did: string | undefined;
  let kid: string | undefined;
  let atMs: number | undefined;
  if (r?.batch) {
    did = r.batch.gatewayDid;
    kid = r.batch.kid;
    atMs = Number(r.batch.signedAtMs);
  } else if (r?.jwt) {
    try {
      const [h, p] = r.jwt.split('.');
      const header = JSON.parse(fromUtf8(Buffer.from(h ?? '', 'base64url'))) as { kid?: string };
      const payload = JSON.parse(fromUtf8(Buffer.from(p ?? '', 'base64url'))) as { iat?: number };
      kid = header.kid;
      did = kid?.split('#')[0];
      atMs = (payload.iat ?? 0) * 1000;
    } catch {
      return undefined;
    }
  }
  if (did === undefined || kid === undefined || atMs === undefined) return undefined;
  const k = authority.keyAt(did, kid, atMs);
  return k.ok ? suiteOfKey(k.publicKey) : undefined;
}

/** `签名算法 SM2 · 哈希 SM3 / ...`: one line for a shown bundle. */
export function bundleSuitesText(s: BundleSuites): string {
  const sig = s.validators === undefined || s.validators === s.receipt ? name(s.receipt) : `${name(s.validators)}/${name(s.receipt)}`;
  const v = s.validators === undefined ? '' : `验证人 validators ${name(s.validators)}，`;
  return `签名算法 ${sig} · 哈希 ${name(s.hash)}（${v}网关回执 gateway receipt ${name(s.receipt)}） / signatures ${sig} · hash ${name(s.hash)}`;
}
