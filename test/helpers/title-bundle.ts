/**
 * Real proof bundles of property titles for the CLI, page and verifier tests: a property dev
 * ledger seeded with the demo cast (adapters/property contract), a record proven against its
 * quorum-signed header, a batch receipt signed by the alliance gateway, and the alliance genesis
 * file (pinned by its hash) that admits the chain with its anchor at the ledger's first header
 * and names the gateway. Real signatures, real Merkle proofs; nothing mocked.
 */
import { property } from '../../adapters/property/definition.js';
import { contractsOf } from '../../adapters/sdk/definition.js';
import { headerHash } from '../../src/chain/header.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import type { LightBlock } from '../../src/chain/signed-header.js';
import { sha256 } from '../../src/crypto/hash.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { authorityFromGenesis } from '../../src/conformance/mod.js';
import { toHex } from '../../src/encoding/bytes.js';
import type { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import { chainEntryToJson } from '../../src/identity/chain-entry.js';
import { validatorSetHash } from '../../src/chain/validator-set.js';
import { createReceiptIssuer } from '../../src/relay/receipts/receipt-issuer.js';
import { nativeReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { loadSeed, seedChain } from '../../src/seed/seed.js';
import { receiptedBundleOf, receiptSubjectForRecord } from '../../src/verify/record-bundle.js';
import { encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput } from '../../src/wire/messages.js';

const key = (n: number): Uint8Array => sha256(utf8(`courtbridge title-bundle key ${n}`));
const GATEWAY_SK = key(3);
/** The alliance's one admin (quorum 1): signs registry updates in the trust-file tests. */
export const TITLE_ADMIN_DID = 'did:alliance:admin-title';
export const TITLE_ADMIN_SK = key(1);
export const TITLE_GATEWAY_DID = 'did:alliance:gateway-title';

/** The demo debtor's apartment: what the proven title says. */
export const APARTMENT = DEMO_CAST.debtor.apartment;

export interface TitleBundles {
  /** The apartment's title, proven present. */
  title: MessageInput<'ProofBundle'>;
  /** A title number that was never registered, proven absent. */
  absent: MessageInput<'ProofBundle'>;
  /** The apartment's value, asked for under a record type no adapter defines. */
  unknownType: MessageInput<'ProofBundle'>;
  bytes(b: MessageInput<'ProofBundle'>): Uint8Array;
  /** The alliance genesis file bytes, their pinned sha256 (hex) and the authority over them. */
  genesisBytes: Uint8Array;
  genesisHash: string;
  authority: AllianceAuthority;
  /** The gateway's receipt signer (did:alliance, gateway role), for other answers under this alliance. */
  gatewaySigner: ReturnType<typeof nativeReceiptSigner>;
  /** A member's organisation as the genesis names it. */
  memberOrg(did: string): string | undefined;
}

/** Other chains the alliance admits, each anchored at the given light block. */
export interface TitleBundleOptions {
  otherChains?: { chainId: string; anchor: LightBlock }[];
  /** Other members with their key and roles (e.g. a court that anchors evidence). */
  otherMembers?: { did: string; org: string; roles: string[]; publicKey: Uint8Array }[];
}

/** Build the bundles (a fresh in-memory ledger; nothing to close). */
export async function titleBundles(options: TitleBundleOptions = {}): Promise<TitleBundles> {
  const ledger = DevLedger.open({ chainId: 'property', contracts: contractsOf(property) });
  await loadSeed(ledger, seedChain('property', { records: 4, seed: 'title-bundle' }));
  const anchor = ledger.lightBlockAt(1);
  const member = (did: string, roles: string[], sk: Uint8Array, chains: string[] = []) => ({
    did,
    org: did.slice('did:alliance:'.length),
    roles,
    chains,
    keys: [{ kid: '#key-1', publicKeyHex: toHex(publicKeyOf(sk)), validFromMs: 0 }],
  });
  const others = (options.otherMembers ?? []).map((m) => ({
    did: m.did,
    org: m.org,
    roles: m.roles,
    chains: [] as string[],
    keys: [{ kid: '#key-1', publicKeyHex: toHex(m.publicKey), validFromMs: 0 }],
  }));
  const genesis = {
    allianceId: 'courtbridge-title-test',
    quorum: 1,
    members: [
      member(TITLE_ADMIN_DID, ['admin'], TITLE_ADMIN_SK),
      member('did:alliance:property-adapter', ['adapter'], key(2), ['property']),
      member(TITLE_GATEWAY_DID, ['gateway'], GATEWAY_SK),
      ...others,
    ],
    chains: [{ chainId: 'property', anchor }, ...(options.otherChains ?? [])].map((c) =>
      chainEntryToJson({
        chainId: c.chainId,
        kind: 'bft-smt',
        displayName: `${c.chainId} chain`,
        hashSuite: 'sha256',
        signatureSuite: 'secp256k1',
        anchor: {
          height: c.anchor.signedHeader.header.height,
          headerHash: headerHash(c.anchor.signedHeader.header),
          validatorsHash: validatorSetHash(c.anchor.validatorSet),
        },
        servers: ['did:alliance:property-adapter'],
      }),
    ),
  };
  const genesisBytes = utf8(JSON.stringify(genesis, null, 2));
  const genesisHash = toHex(sha256(genesisBytes));
  const gatewaySigner = nativeReceiptSigner(TITLE_GATEWAY_DID, `${TITLE_GATEWAY_DID}#key-1`, GATEWAY_SK);
  const receipts = createReceiptIssuer({ mode: 'batch', signer: gatewaySigner, now: Date.now });
  let n = 0;
  const bundleOf = async (key: string, recordType: string): Promise<MessageInput<'ProofBundle'>> => {
    const r = { chainId: 'property', ...ledger.prove(key) };
    const q = { requestId: `title-bundle-${++n}`, requesterDid: 'did:alliance:court-bj-01', recordType };
    // No validator-set change since the anchor: the trace is the anchor's own light block.
    return receiptedBundleOf(r, q, await receipts.issue(receiptSubjectForRecord(r, q)), [anchor]);
  };
  try {
    return {
      title: await bundleOf(APARTMENT.key, 'title'),
      absent: await bundleOf('title/京(2099)东城区不动产权第9999999号', 'title'),
      unknownType: await bundleOf(APARTMENT.key, 'parcel'),
      bytes: (b) => encodeMessage('ProofBundle', b),
      genesisBytes,
      genesisHash,
      authority: authorityFromGenesis(genesisBytes, genesisHash),
      gatewaySigner,
      memberOrg: (did) => genesis.members.find((m) => m.did === did)?.org,
    };
  } finally {
    await receipts.close();
    ledger.close();
  }
}
