import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256, signingInput, SignTag } from '../../../src/crypto/hash.js';
import { toHighS } from '../../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import {
  admissionRequestFromJson,
  admissionRequestSignBytes,
  admissionRequestToJson,
  signAdmissionRequest,
  verifyAdmissionRequest,
  type AdmissionRequest,
  type AdmissionRequestJson,
} from '../../../src/identity/admission-request.js';
import type { ChainEntry } from '../../../src/identity/chain-entry.js';
import { checkAdmissionAlliance } from '../../../src/cli/commands/alliance.js';
import { chainEntryFields, keysJson, signerOf, writeVector } from './vector-kit.js';

const _here = dirname(fileURLToPath(import.meta.url));
const ALLIANCE = 'courtbridge-test';
const T = 1_750_000_000_000;
const requester = (org: string, n: number) => signerOf(`did:alliance:${org}`, '#key-1', n);

const landEntry: ChainEntry = {
  chainId: 'land',
  kind: 'bft-smt',
  displayName: '不动产登记链',
  hashSuite: 'sm3',
  signatureSuite: 'secp256k1',
  anchor: { height: 1, headerHash: sha256(utf8('land genesis header')), validatorsHash: sha256(utf8('land validators')) },
  servers: ['did:alliance:land-adapter'],
  attestation: { threshold: 1, attesters: ['did:alliance:land-adapter'] },
  schema: {
    recordTypes: [{ name: 'title', keyPrefix: 'title/', indexes: ['owner', 'parcel'] }],
    actions: [
      { kind: 'freeze', targetRecordType: 'title' },
      { kind: 'unfreeze', targetRecordType: 'title' },
    ],
  },
};
const notesEntry: ChainEntry = {
  chainId: 'notes',
  kind: 'notary',
  displayName: 'Notarial records',
  hashSuite: 'sha256',
  signatureSuite: 'secp256k1',
  anchor: { height: 5, headerHash: sha256(utf8('notes head 5')), validatorsHash: new Uint8Array(32) },
  servers: ['did:alliance:notary-office'],
  attestation: { threshold: 1, attesters: ['did:alliance:notary-office'] },
};

interface Made {
  name: string;
  keyN: number;
  request: AdmissionRequest;
}

const made: Made[] = [
  {
    name: 'a court asks to join (no chain of its own)',
    keyN: 10,
    request: signAdmissionRequest(
      { allianceId: ALLIANCE, org: '上海市第二中级人民法院', roles: ['court'], chains: [], createdAtMs: T },
      requester('court-sh-02', 10),
    ),
  },
  {
    name: 'an adapter brings its own bft-smt chain with a schema',
    keyN: 11,
    request: signAdmissionRequest(
      {
        allianceId: ALLIANCE,
        org: 'Land Registry Bureau',
        roles: ['adapter', 'agency'],
        chains: ['land'],
        chain: landEntry,
        createdAtMs: T + 1,
      },
      requester('land-adapter', 11),
    ),
  },
  {
    name: 'a notary office brings a notary chain',
    keyN: 12,
    request: signAdmissionRequest(
      {
        allianceId: ALLIANCE,
        org: 'Notary Office',
        roles: ['adapter', 'agency'],
        chains: ['notes'],
        chain: notesEntry,
        createdAtMs: T + 2,
      },
      requester('notary-office', 12),
    ),
  },
];

const valid = made.map((m) => {
  const r = m.request;
  const bytes = admissionRequestSignBytes(r);
  return {
    name: m.name,
    fields: {
      allianceId: r.allianceId,
      did: r.did,
      kid: r.kid,
      publicKey: toHex(r.publicKey),
      org: r.org,
      roles: r.roles,
      chains: r.chains,
      chain: r.chain === undefined ? null : chainEntryFields(r.chain),
      createdAtMs: r.createdAtMs,
    },
    bytes: toHex(bytes),
    hash: toHex(sha256(bytes)),
    signer: String(m.keyN),
    signingInput: toHex(signingInput(SignTag.AdmissionRequest, bytes).bytes('secp256k1')),
    signature: toHex(r.signature),
    request: admissionRequestToJson(r),
  };
});

/** What the product says of a request file for alliance ALLIANCE. */
function verdict(json: unknown): string {
  try {
    checkAdmissionAlliance(verifyAdmissionRequest(admissionRequestFromJson(json)), {
      allianceId: ALLIANCE,
      version: 0,
      stateHash: new Uint8Array(32),
    });
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}

const court = admissionRequestToJson(made[0]!.request);
const land = admissionRequestToJson(made[1]!.request);
const resign = (j: AdmissionRequestJson, change: Partial<AdmissionRequest>, n: number): AdmissionRequestJson => {
  const r = admissionRequestFromJson(j);
  const { signature: _, ...body } = { ...r, ...change };
  return {
    ...j,
    ...admissionRequestToJson({
      ...body,
      signature: signerOf(r.did, r.kid, n).sign(signingInput(SignTag.AdmissionRequest, admissionRequestSignBytes(body))),
    }),
  };
};

const bad: Array<{ name: string; reason: string; why: string; request: unknown }> = [
  {
    name: 'signed by another key than the one it carries',
    reason: 'admission_signature_invalid',
    why: 'the request carries the public key of vector key 10 but vector key 13 signed it',
    request: resign(court, {}, 13),
  },
  {
    name: 'organisation changed after signing',
    reason: 'admission_signature_invalid',
    why: 'org was edited after the requester signed: the signature no longer covers the bytes',
    request: { ...court, org: '上海市第一中级人民法院' },
  },
  {
    name: 'roles changed after signing',
    reason: 'admission_signature_invalid',
    why: 'admin added to the roles after signing',
    request: { ...court, roles: ['court', 'admin'] },
  },
  {
    name: 'the chain entry changed after signing',
    reason: 'admission_signature_invalid',
    why: "the land chain's anchor height moved from 1 to 2 after signing",
    request: { ...land, chain: { ...land.chain!, anchor: { ...land.chain!.anchor, height: 2 } } },
  },
  {
    name: 'the high-S twin of the signature',
    reason: 'admission_signature_invalid',
    why: 's replaced by n - s: plain ECDSA accepts it, the low-S rule refuses it',
    request: { ...court, signatureHex: toHex(toHighS(made[0]!.request.signature)) },
  },
  {
    name: 'a signature under another tag',
    reason: 'admission_signature_invalid',
    why: 'the requester signed the same bytes under courtbridge/v1/registry-update',
    request: {
      ...court,
      signatureHex: toHex(
        requester('court-sh-02', 10).sign(signingInput(SignTag.RegistryUpdate, admissionRequestSignBytes(made[0]!.request))),
      ),
    },
  },
  {
    name: 'a 63-byte signature',
    reason: 'invalid_admission_request',
    why: 'signatureHex must be 128 hex digits (64 bytes)',
    request: { ...court, signatureHex: court.signatureHex.slice(0, 126) },
  },
  {
    name: 'another file type',
    reason: 'invalid_admission_request',
    why: 'type must be "courtbridge/admission-request/v1"',
    request: { ...court, type: 'courtbridge/admission-request/v2' },
  },
  {
    name: 'a key id without #',
    reason: 'invalid_admission_request',
    why: 'kid must be a fragment #key-N ("key-1" is not)',
    request: resign(court, { kid: 'key-1' }, 10),
  },
  {
    name: 'a did:key requester',
    reason: 'invalid_admission_request',
    why: 'the requester must name a did:alliance:<org> DID',
    request: { ...court, did: 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme' },
  },
  {
    name: 'a public key off the curve',
    reason: 'invalid_admission_request',
    why: '0x02 followed by 32 bytes of 0xff is no secp256k1 point',
    request: { ...court, publicKeyHex: `02${'ff'.repeat(32)}` },
  },
  {
    name: 'an unknown role',
    reason: 'invalid_admission_request',
    why: 'judge is not a role',
    request: { ...court, roles: ['judge'] },
  },
  {
    name: 'a chain entry for a chain it does not list',
    reason: 'invalid_admission_request',
    why: 'the request brings chain land but its chains list is empty',
    request: resign(land, { chains: [] }, 11),
  },
  {
    name: 'an evm chain entry without its contract',
    reason: 'invalid_admission_request',
    why: 'an evm entry must name its 20-byte contract (the entry check says evm_contract_required; the request file is refused as a whole)',
    request: { ...land, chain: { ...land.chain!, kind: 'evm', hashSuite: 'sha256' } },
  },
  {
    name: 'a request for another alliance',
    reason: 'wrong_alliance',
    why: 'the request, correctly signed, is for alliance courtbridge-other; the registry it is brought to is courtbridge-test',
    request: resign(court, { allianceId: 'courtbridge-other' }, 10),
  },
];

const invalid = bad.map((b) => {
  const got = verdict(b.request);
  if (got !== b.reason) throw new Error(`${b.name}: the product says ${got}, expected ${b.reason}`);
  return b;
});
for (const v of valid) if (verdict(v.request) !== 'ok') throw new Error(`${v.name}: refused`);

const keys = keysJson([10, 11, 12, 13]);

writeVector('admission-request', {
  structure: 'admission-request',
  title: "Admission requests: a partner's request to join, signed by the key it asks to register",
  spec: 'docs/spec/admission-request.md',
  tag: SignTag.AdmissionRequest,
  layout: 'admission-request',
  keys,
  allianceId: ALLIANCE,
  valid,
  invalid,
});
process.stderr.write(`admission-request: ${valid.length} valid, ${invalid.length} invalid\n`);
