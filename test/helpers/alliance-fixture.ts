/**
 * A small, fixed alliance for tests across the project (adapters, gateway, conformance): fixed
 * keys, a genesis, an `AllianceAuthority` over it, signers for every member, and helpers to
 * mint a court's order JWT and the judicial-chain order record it must be backed by.
 *
 * Keys are vector keys (private key N = sha256("courtbridge vector key N"), the same rule as
 * chain-fixture.ts), numbered from 100 so they never collide with the fixture validators 1..99.
 *
 * Orders are backed the one way the alliance backs them: the court's `order.issue` tx on a real
 * judicial DevLedger running the judicial definition (adapters/judicial), whose record
 * `order/<orderId>` (the judicial schema's `enforcement_order`) adapters prove and compare.
 *
 * Members (DIDs are stable; tests may rely on them):
 *   did:alliance:admin-1, did:alliance:admin-2   admins, quorum 2
 *   did:alliance:court-bj-01                     court (orders actions)
 *   did:alliance:gateway-1                       gateway (forwards actions, signs receipts)
 *   did:alliance:<chain>-adapter                 adapter for <chain>, one per chain
 *   did:alliance:agency-bank                     agency for `finance`, NOT a court (out-of-role tests)
 *
 * @example
 * const a = allianceFixture();
 * await issueJudicialOrder(judicialLedger, order, { nowMs: Date.now() });
 * const jwt = mintOrderJwt(a, order, { nowMs: Date.now() });
 */
import type { HashSuite } from '../../src/crypto/hash-suite.js';
import { chainEntryToJson, type ChainEntry } from '../../src/identity/chain-entry.js';
import { headerHash } from '../../src/chain/header.js';
import type { LightBlock } from '../../src/chain/signed-header.js';
import { sha256 } from '../../src/crypto/hash.js';
import { publicKeyFor, type SignatureSuite } from '../../src/crypto/signature-suite.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import type { Role } from '../../src/identity/authority.js';
import type { Genesis, GenesisMember, LoadedGenesis } from '../../src/identity/genesis.js';
import { registryStateFromGenesis, type RegistryState } from '../../src/identity/registry.js';
import { createSigner, type Signer } from '../../src/identity/signer.js';
import { signJwtNative } from '../../src/identity/jwt.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import type { DevLedger, TxReceipt } from '../../src/chain/ledger/ledger.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { caseKey, orderKey } from '../../src/judicial/record-keys.js';
import { JudicialTx } from '../../src/judicial/tx.js';
import { judicialOrderIssueTx, orderClaimsOf, type JudicialOrder } from '../../src/judicial/order.js';

/** The chains every fixture alliance knows (an adapter DID per chain). */
export const FIXTURE_CHAINS = ['judicial', 'ip', 'property', 'credit', 'finance', 'lawyer', 'testchain'] as const;

export const FixtureDids = {
  admin1: 'did:alliance:admin-1',
  admin2: 'did:alliance:admin-2',
  court: 'did:alliance:court-bj-01',
  gateway: 'did:alliance:gateway-1',
  agency: 'did:alliance:agency-bank',
  adapter: (chain: string): string => `did:alliance:${chain}-adapter`,
} as const;

/** Private key N of the alliance fixture (vector keys from 100 up). */
export function allianceKey(n: number): Uint8Array {
  return sha256(utf8(`courtbridge vector key ${n}`));
}

export interface AllianceFixture {
  genesis: Genesis;
  /** The exact genesis file bytes (JSON) and their pinned hash. */
  genesisBytes: Uint8Array;
  loaded: LoadedGenesis;
  state: RegistryState;
  authority: AllianceAuthority;
  /** Signer of every member, by DID (`#key-1`). */
  signers: ReadonlyMap<string, Signer>;
  /** Private key of every member, by DID (to write key files for adapters run as processes). */
  privateKeys: ReadonlyMap<string, Uint8Array>;
  court: Signer;
  gateway: Signer;
  agency: Signer;
  adapter(chain: string): Signer;
  chains: readonly string[];
}

export interface AllianceFixtureOptions {
  /** Chains to create an adapter DID for; `FIXTURE_CHAINS` unless told. */
  chains?: readonly string[];
  /** `validFromMs` of every key (and so of every grant); 0 unless told. */
  validFromMs?: number;
  /**
   * Chains admitted in the genesis, each with this light block as its trust anchor and its
   * fixture adapter as its server (bundles of these chains verify offline).
   */
  anchors?: Readonly<Record<string, LightBlock>>;
  /** The hash suite of an `anchors` chain's entry when not SHA-256 (its anchor hash is taken under it). */
  hashSuites?: Readonly<Record<string, HashSuite>>;
  /** The signature suite of an `anchors` chain's entry (its validators' keys) when not secp256k1. */
  signatureSuites?: Readonly<Record<string, SignatureSuite>>;
  /**
   * The suite of members' keys: `all` for every member (secp256k1 unless told), `byDid` per member
   * over it (a mixed alliance). The private keys stay the vector keys, taken under the suite.
   */
  keySuites?: { all?: SignatureSuite; byDid?: Readonly<Record<string, SignatureSuite>> };
  /** More adapter DIDs (a second party serving a chain: a witness, or an attacker), after the others; they serve their chains' entries too. */
  extraAdapters?: readonly { did: string; chains: readonly string[] }[];
  /**
   * `evm` chains admitted in the genesis: their contract and `threshold` of `notaries` notary
   * agencies (`fixtureNotaryDid(chain, i)`, i from 1, members after the others); the chain's
   * adapter (listed in `chains`) serves it.
   */
  evmChains?: Readonly<
    Record<string, { anchor: { height: number; headerHash: Uint8Array }; contract: Uint8Array; notaries: number; threshold: number }>
  >;
  /**
   * `notary` chains admitted in the genesis (registries kept in databases): `threshold` of
   * `notaries` notary agencies (`fixtureNotaryDid(chain, i)`, i from 1, members after the evm
   * chains' notaries); anchor height 1 with zero hashes (nothing to anchor); the chain's adapter
   * (listed in `chains`) serves it.
   */
  notaryChains?: Readonly<Record<string, { notaries: number; threshold: number }>>;
  /** More courts (role `court`), members after all the others (load tests calling as many distinct DIDs). */
  extraCourts?: readonly string[];
  /** More members with the roles and chains given (political-legal organs, ...), after all the others. */
  extraMembers?: ReadonlyArray<{ did: string; roles: readonly Role[]; chains: readonly string[] }>;
}

/** The `i`-th notary (from 1) of a fixture evm or notary chain. */
export const fixtureNotaryDid = (chain: string, i: number): string => `did:alliance:${chain}-notary-${i}`;

/**
 * The bft-smt entry admitting `chainId` with `anchor` as its trust anchor, whose hash is taken
 * under `hashSuite` (the entry's, SHA-256 unless told); its validators sign with `signatureSuite`.
 */
export function fixtureChainEntry(
  chainId: string,
  anchor: LightBlock,
  moreServers: readonly string[] = [],
  hashSuite: HashSuite = 'sha256',
  signatureSuite: SignatureSuite = 'secp256k1',
): ChainEntry {
  const h = anchor.signedHeader.header;
  return {
    chainId,
    kind: 'bft-smt',
    displayName: `${chainId} chain`,
    hashSuite,
    signatureSuite,
    anchor: { height: h.height, headerHash: headerHash(h, hashSuite), validatorsHash: h.validatorsHash },
    servers: [FixtureDids.adapter(chainId), ...moreServers],
  };
}

/** Build the fixture alliance (deterministic: same keys, same genesis bytes, same hash). */
export function allianceFixture(options: AllianceFixtureOptions = {}): AllianceFixture {
  const chains = options.chains ?? FIXTURE_CHAINS;
  const validFromMs = options.validFromMs ?? 0;
  const plan: { did: string; org: string; roles: Role[]; chains: string[] }[] = [
    { did: FixtureDids.admin1, org: 'Alliance admin 1', roles: ['admin'], chains: [] },
    { did: FixtureDids.admin2, org: 'Alliance admin 2', roles: ['admin'], chains: [] },
    { did: FixtureDids.court, org: "Beijing No. 1 Intermediate People's Court", roles: ['court'], chains: [] },
    { did: FixtureDids.gateway, org: 'Alliance gateway 1', roles: ['gateway'], chains: [] },
    { did: FixtureDids.agency, org: 'A commercial bank', roles: ['agency'], chains: ['finance'] },
    ...chains.map((c) => ({ did: FixtureDids.adapter(c), org: `${c} adapter`, roles: ['adapter'] as Role[], chains: [c] })),
    ...(options.extraAdapters ?? []).map((x) => ({
      did: x.did,
      org: `${x.did} (second party)`,
      roles: ['adapter'] as Role[],
      chains: [...x.chains],
    })),
    ...[...Object.entries(options.evmChains ?? {}), ...Object.entries(options.notaryChains ?? {})].flatMap(([c, e]) =>
      Array.from({ length: e.notaries }, (_, i) => ({
        did: fixtureNotaryDid(c, i + 1),
        org: `${c} notary ${i + 1}`,
        roles: ['agency'] as Role[],
        chains: [],
      })),
    ),
    ...(options.extraCourts ?? []).map((did) => ({ did, org: `${did} (extra court)`, roles: ['court'] as Role[], chains: [] })),
    ...(options.extraMembers ?? []).map((m) => ({ did: m.did, org: `${m.did} (member)`, roles: [...m.roles], chains: [...m.chains] })),
  ];
  const signers = new Map<string, Signer>();
  const privateKeys = new Map<string, Uint8Array>();
  const members: GenesisMember[] = plan.map((p, i) => {
    const sk = allianceKey(100 + i);
    const suite = options.keySuites?.byDid?.[p.did] ?? options.keySuites?.all ?? 'secp256k1';
    signers.set(p.did, createSigner(p.did, `${p.did}#key-1`, sk, suite));
    privateKeys.set(p.did, sk);
    return { ...p, keys: [{ kid: '#key-1', publicKeyHex: toHex(publicKeyFor(suite, sk)), validFromMs }] };
  });
  const entries: ChainEntry[] = [
    ...Object.entries(options.anchors ?? {}).map(([c, lb]) =>
      fixtureChainEntry(
        c,
        lb,
        (options.extraAdapters ?? []).filter((x) => x.chains.includes(c)).map((x) => x.did),
        options.hashSuites?.[c] ?? 'sha256',
        options.signatureSuites?.[c] ?? 'secp256k1',
      ),
    ),
    ...Object.entries(options.evmChains ?? {}).map(
      ([c, e]): ChainEntry => ({
        chainId: c,
        kind: 'evm',
        displayName: `${c} chain (EVM)`,
        hashSuite: 'sha256',
        signatureSuite: 'secp256k1',
        anchor: { height: e.anchor.height, headerHash: e.anchor.headerHash, validatorsHash: new Uint8Array(32) },
        servers: [FixtureDids.adapter(c)],
        attestation: { threshold: e.threshold, attesters: Array.from({ length: e.notaries }, (_, i) => fixtureNotaryDid(c, i + 1)) },
        evmContract: e.contract,
      }),
    ),
    ...Object.entries(options.notaryChains ?? {}).map(
      ([c, e]): ChainEntry => ({
        chainId: c,
        kind: 'notary',
        displayName: `${c} registry (notarized)`,
        hashSuite: 'sha256',
        signatureSuite: 'secp256k1',
        anchor: { height: 1, headerHash: new Uint8Array(32), validatorsHash: new Uint8Array(32) },
        servers: [FixtureDids.adapter(c)],
        attestation: { threshold: e.threshold, attesters: Array.from({ length: e.notaries }, (_, i) => fixtureNotaryDid(c, i + 1)) },
      }),
    ),
  ];
  const genesis: Genesis = { allianceId: 'courtbridge-test', quorum: 2, members, ...(entries.length > 0 ? { chains: entries } : {}) };
  const json = entries.length > 0 ? { ...genesis, chains: entries.map(chainEntryToJson) } : genesis;
  const genesisBytes = utf8(JSON.stringify(json, null, 2));
  const loaded: LoadedGenesis = { genesis, hash: sha256(genesisBytes) };
  const state = registryStateFromGenesis(loaded);
  const authority = new AllianceAuthority(() => state);
  const get = (did: string): Signer => {
    const s = signers.get(did);
    if (s === undefined) throw new Error(`alliance fixture: no member ${did}`);
    return s;
  };
  return {
    genesis,
    genesisBytes,
    loaded,
    state,
    authority,
    signers,
    privateKeys,
    court: get(FixtureDids.court),
    gateway: get(FixtureDids.gateway),
    agency: get(FixtureDids.agency),
    adapter: (chain) => get(FixtureDids.adapter(chain)),
    chains,
  };
}

export interface MintOrderOptions {
  /** Issuing time (ms); the JWT's iat is floor(nowMs / 1000). */
  nowMs: number;
  /** Who signs the order; the fixture court unless told. */
  issuer?: Signer;
  /** The JWT's audience; the destination chain's adapter DID unless told. */
  audience?: string;
  lifetimeMs?: number;
  /** Token id (replay-checked by adapters); `order-<orderId>-<actionId>` unless told. */
  jti?: string;
}

/**
 * A court's order as a JWT of its key's suite (ES256K or SM2SM3, purpose `order`) whose claims name the action: the exact
 * claims `checkOrder` (adapters/sdk/order-check.ts) compares with the action request.
 */
export function mintOrderJwt(fixture: AllianceFixture, order: JudicialOrder, options: MintOrderOptions): string {
  const issuer = options.issuer ?? fixture.court;
  return signJwtNative(issuer, {
    audience: options.audience ?? FixtureDids.adapter(order.chain),
    purpose: 'order',
    nowMs: options.nowMs,
    lifetimeMs: options.lifetimeMs ?? 10 * 60_000,
    jti: options.jti ?? `order-${order.orderId}-${order.actionId}`,
    claims: orderClaimsOf(order),
  });
}

/** Parties of the fixture's cases: keyed hashes (never clear identifiers on a chain). */
const FIXTURE_PARTIES = {
  plaintiff: toHex(sha256(utf8('courtbridge fixture plaintiff'))),
  defendant: toHex(sha256(utf8('courtbridge fixture defendant'))),
} as const;

/** The judicial `case.file` tx an order's case needs (tx id `case:<caseId>`: filed once). */
export function judicialCaseTx(caseId: string, court: string = FixtureDids.court, kind: 'civil' | 'enforcement' = 'enforcement'): Tx {
  const body = {
    type: 'case_file',
    schema: 1,
    caseId,
    court,
    kind,
    cause: '民间借贷纠纷执行',
    parties: [
      { role: 'plaintiff', party: FIXTURE_PARTIES.plaintiff },
      { role: 'defendant', party: FIXTURE_PARTIES.defendant },
    ],
  };
  return { type: JudicialTx.CaseFile, sender: court, id: `case:${caseId}`, body: encodeCanonical(body, 'case_file') };
}

export interface IssueOrderOptions {
  /** Now (ms): the order expires `lifetimeMs` after it. */
  nowMs: number;
  /** 1 hour unless told. */
  lifetimeMs?: number;
  legalBasis?: string;
}

/**
 * Issue `order` on a running judicial DevLedger (judicial definition) the way a court does: file
 * its case if the chain has none, then submit the real `order.issue` tx. Resolves with the
 * order's receipt once its block is committed; the record is then `order/<orderId>`.
 */
export async function issueJudicialOrder(ledger: DevLedger, order: JudicialOrder, options: IssueOrderOptions): Promise<TxReceipt> {
  if (ledger.get(caseKey(order.caseId)) === undefined && !ledger.hasTx(`case:${order.caseId}`)) {
    await ledger.submit(judicialCaseTx(order.caseId, order.court)).catch((e: unknown) => {
      // Another order of the same case filed it first (same tx id): fine.
      if ((e as { reason?: string }).reason !== 'duplicate_tx' && (e as { reason?: string }).reason !== 'record_exists') throw e;
    });
  }
  return ledger.submit(
    judicialOrderIssueTx(order, {
      legalBasis: options.legalBasis ?? '《民事诉讼法》第二百四十九条',
      expiresAtMs: options.nowMs + (options.lifetimeMs ?? 3_600_000),
    }),
  );
}

/** Key of the judicial record that backs `order` (`order/<orderId>`). */
export const judicialOrderKey = (order: Pick<JudicialOrder, 'orderId'>): string => orderKey(order.orderId);
