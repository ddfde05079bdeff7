/**
 * A throwaway alliance on disk for the demo and local trials: fresh random keys (0600 key files)
 * for two admins, a court, a gateway, an agency, a lawyer-registry operator and one adapter per
 * chain (and, with the collab chain, its demo organs under their demo keys), and a genesis file
 * with its pinned hash. Never for production: a real alliance's
 * genesis is agreed between its members, and each member makes its own key (`courtbridge keys new`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../crypto/hash.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import { generatePrivateKey, publicKeyFor, type SignatureSuite } from '../crypto/signature-suite.js';
import { toHex, utf8 } from '../encoding/bytes.js';
import type { Role } from '../identity/authority.js';
import { chainEntryToJson, type ChainEntry } from '../identity/chain-entry.js';
import { writeKeyFile } from '../identity/keystore.js';
import { COLLAB_CHAIN_ID } from '../../adapters/collab/schema.js';
import { DEMO_ORGANS, demoOrganKey } from '../seed/collab-seed.js';
import { DEMO_REGISTERED_AT_MS } from '../seed/demo-cast.js';

export interface DevAlliance {
  dir: string;
  genesisFile: string;
  genesisBytes: Uint8Array;
  genesisHashHex: string;
  /** Key file of each member, by role name (`court`, `gateway`, `admin-1`, `adapter:<chain>` ...). */
  keyFiles: Record<string, string>;
  dids: Record<string, string>;
}

/** Where a dev chain's trust starts: its seeded head (the genesis admits the chain with it). */
export interface DevChainAnchor {
  displayName: string;
  height: number;
  /** The anchor header's hash under `hashSuite`. */
  headerHash: Uint8Array;
  validatorsHash: Uint8Array;
  /**
   * A `bft-smt` chain's hash suite, written into its registry entry (its ledger must be made with
   * the same: `DevLedgerOptions.hashSuite`); SHA-256 unless told. An SM3 judicial chain:
   * `{ ...anchor, hashSuite: 'sm3' }` for `judicial`.
   */
  hashSuite?: HashSuite;
  /** A `bft-smt` chain's validators' signature suite, written into its entry (secp256k1 unless told). */
  signatureSuite?: SignatureSuite;
  /**
   * An `evm` chain: the contract holding its records and its notaries, `threshold` of `notaries`
   * agencies (members `notary:<chain>:<i>`, DIDs `did:alliance:<chain>-notary-<i>`, i from 1).
   */
  evm?: { contract: Uint8Array; notaries: number; threshold: number };
  /** A `notary` chain (a registry in a database): `threshold` of `notaries` notaries, named as an evm chain's. */
  notary?: { notaries: number; threshold: number };
}

/** The DID of the `i`-th notary (from 1) of a dev evm chain. */
export const devNotaryDid = (chain: string, i: number): string => `did:alliance:${chain}-notary-${i}`;

/**
 * `anchors`: the chains to admit in the genesis file, each served by its adapter; a chain
 * without one gets only the adapter's grant (no registry entry: not verifiable offline).
 */
export async function createDevAlliance(
  dir: string,
  chains: readonly string[],
  nowMs: number,
  anchors: ReadonlyMap<string, DevChainAnchor> = new Map(),
  /**
   * The suite of each member's key: `suite` for all (secp256k1 unless told), `bySuite` per member
   * name (`court`, `gateway`, `agency`, `adapter:<chain>` ...) for a mixed alliance. The collab
   * chain's demo organs keep their fixed secp256k1 demo keys (its seed is signed with them).
   */
  keySuites: { suite?: SignatureSuite; byMember?: Readonly<Record<string, SignatureSuite>> } = {},
): Promise<DevAlliance> {
  mkdirSync(join(dir, 'keys'), { recursive: true, mode: 0o700 });
  const plan: { name: string; did: string; org: string; roles: Role[]; chains: string[]; key?: Uint8Array; validFromMs?: number }[] = [
    { name: 'admin-1', did: 'did:alliance:admin-1', org: 'Alliance secretariat', roles: ['admin'], chains: [] },
    { name: 'admin-2', did: 'did:alliance:admin-2', org: "Supreme People's Court information centre", roles: ['admin'], chains: [] },
    { name: 'court', did: 'did:alliance:court-bj-01', org: "Beijing No. 1 Intermediate People's Court", roles: ['court'], chains: [] },
    { name: 'gateway', did: 'did:alliance:gateway-1', org: 'Alliance gateway 1', roles: ['gateway'], chains: [] },
    { name: 'agency', did: 'did:alliance:agency-bank', org: 'A commercial bank', roles: ['agency'], chains: ['finance'] },
    ...chains.flatMap((c) =>
      Array.from({ length: anchors.get(c)?.evm?.notaries ?? anchors.get(c)?.notary?.notaries ?? 0 }, (_, i) => ({
        name: `notary:${c}:${i + 1}`,
        did: devNotaryDid(c, i + 1),
        org: `${c} notary ${i + 1}`,
        roles: ['agency'] as Role[],
        chains: [] as string[],
      })),
    ),
    // The collab chain's demo organs, with the demo keys its seed statements are signed with (src/seed/collab-seed.ts).
    ...(chains.includes(COLLAB_CHAIN_ID)
      ? DEMO_ORGANS.filter((o) => o.role !== 'court').map((o) => ({
          name: `organ:${o.role}`,
          did: o.did,
          org: o.name,
          roles: [o.role] as Role[],
          chains: [COLLAB_CHAIN_ID],
          key: demoOrganKey(o.did),
          // Valid since the demo cast's date: the seed's statements are dated after it.
          validFromMs: DEMO_REGISTERED_AT_MS,
        }))
      : []),
    ...chains.map((c) => ({
      name: `adapter:${c}`,
      did: `did:alliance:${c}-adapter`,
      org: `${c} registry adapter`,
      roles: ['adapter'] as Role[],
      chains: [c],
    })),
  ];
  const keyFiles: Record<string, string> = {};
  const dids: Record<string, string> = {};
  const members = [];
  for (const p of plan) {
    const suite: SignatureSuite = p.key !== undefined ? 'secp256k1' : (keySuites.byMember?.[p.name] ?? keySuites.suite ?? 'secp256k1');
    const sk = p.key ?? generatePrivateKey(suite);
    const file = join(dir, 'keys', `${p.name.replaceAll(':', '-')}.key`);
    await writeKeyFile(file, { did: p.did, kid: `${p.did}#key-1`, privateKey: sk, suite });
    keyFiles[p.name] = file;
    dids[p.name] = p.did;
    members.push({
      did: p.did,
      org: p.org,
      roles: p.roles,
      chains: p.chains,
      keys: [{ kid: '#key-1', publicKeyHex: toHex(publicKeyFor(suite, sk)), validFromMs: p.validFromMs ?? nowMs - 60_000 }],
    });
  }
  const chainEntries: ChainEntry[] = chains.flatMap((c) => {
    const a = anchors.get(c);
    if (a === undefined) return [];
    return [
      {
        chainId: c,
        kind: a.evm !== undefined ? 'evm' : a.notary !== undefined ? 'notary' : 'bft-smt',
        displayName: a.displayName,
        hashSuite: a.evm === undefined && a.notary === undefined ? (a.hashSuite ?? 'sha256') : 'sha256',
        signatureSuite: a.evm === undefined && a.notary === undefined ? (a.signatureSuite ?? 'secp256k1') : 'secp256k1',
        anchor: { height: a.height, headerHash: a.headerHash, validatorsHash: a.validatorsHash },
        servers: [`did:alliance:${c}-adapter`],
        ...(a.notary === undefined
          ? {}
          : {
              attestation: {
                threshold: a.notary.threshold,
                attesters: Array.from({ length: a.notary.notaries }, (_, i) => devNotaryDid(c, i + 1)),
              },
            }),
        ...(a.evm === undefined
          ? {}
          : {
              evmContract: a.evm.contract,
              attestation: {
                threshold: a.evm.threshold,
                attesters: Array.from({ length: a.evm.notaries }, (_, i) => devNotaryDid(c, i + 1)),
              },
            }),
      } satisfies ChainEntry,
    ];
  });
  const genesis = {
    allianceId: 'courtbridge-demo',
    quorum: 2,
    members,
    ...(chainEntries.length > 0 ? { chains: chainEntries.map(chainEntryToJson) } : {}),
  };
  const genesisBytes = utf8(`${JSON.stringify(genesis, null, 2)}\n`);
  const genesisFile = join(dir, 'genesis.json');
  writeFileSync(genesisFile, genesisBytes);
  return { dir, genesisFile, genesisBytes, genesisHashHex: toHex(sha256(genesisBytes)), keyFiles, dids };
}
