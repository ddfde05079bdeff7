/**
 * Least privilege on the bus (DESIGN.md "The bus is not trusted"): from the alliance registry,
 * the NATS users a deployment runs and the subjects each one may publish and subscribe to.
 * Pure: registry state in, permission lists out; `nats-config.ts` renders them for nats-server.
 *
 * Who is who:
 * - `gateway-<org>`  a member with the gateway role: sends queries, orders actions, follows results.
 * - `adapter-<org>`  a member with the adapter role, for the chains it is admitted to serve:
 *                    answers that chain's queries, publishes its headers, results, announcements.
 * - `notary-<org>`   a member named in the attestation of an `evm` or `notary` chain: answers
 *                    its own notarize subject, writes only its own keys of `cb_notary`.
 * - `agency-<org>`   a member with the agency role: follows the case filings (CB_FILINGS).
 * - `organ-<org>`    a political-legal organ (procuratorate, police, justice) for the chains its grant
 *                    names: sends its signed statements to those chains' intake (request/reply), and
 *                    nothing else: no stream, no bucket, no other subject (adapters/collab).
 * - `workflows`      the court's workflow service (src/workflows), all replicas alike.
 * - `operator`       the deployment's operator: everything, and the only one who may delete or
 *                    purge a stream (reset, repair); its seed stays with the operator.
 * - `intake-<chain>` the submitters to a chain's own intake (the officer devices of the mobile
 *                    enforcement chain, the bankruptcy platform relaying creditors' claims and
 *                    ballots), one user per chain: they may only send to that chain's intake and
 *                    read their replies. The bus does not tell submitters apart: each submission's
 *                    own signature does (the chain's contract checks it).
 *
 * Every participant gets its own inbox prefix (`_INBOX_<its public nkey>`), so replies to one participant's
 * requests cannot be read by another; servers answer through `allow_responses`.
 */
import type { RegistryState } from '../identity/registry.js';
import { grantAt, mayActInState } from '../identity/registry.js';
import { ALLIANCE_DID_PREFIX } from '../identity/did-url.js';
import { ORGAN_ROLES } from '../identity/authority.js';
import { sha256 } from '../crypto/hash.js';
import { toHex, utf8 } from '../encoding/bytes.js';
import {
  announceSubject,
  assetsSubject,
  Buckets,
  headersSubject,
  indexSubject,
  chainIntakeSubject,
  judicialFilingsSubject,
  judicialProveSubject,
  judicialTxSubject,
  lightblockSubject,
  notarizeSubject,
  querySubject,
  resultsSubject,
  REGISTRY_SUBJECT,
  Streams,
  SUBJECT_PREFIX,
  witnessSubject,
} from './subjects.js';

export const ParticipantKinds = ['operator', 'gateway', 'adapter', 'notary', 'agency', 'organ', 'workflows', 'intake'] as const;
export type ParticipantKind = (typeof ParticipantKinds)[number];

export interface Participant {
  /** NATS user name, seed file base name and inbox token: `<kind>-<org>`, `workflows` or `operator`. */
  user: string;
  kind: ParticipantKind;
  /** The member's DID (absent for `workflows` and `operator`). */
  did?: string;
  /** Chains it serves (adapter), notarizes (notary), speaks for (organ) or submits records to (intake); empty otherwise. */
  chains: readonly string[];
}

export interface SubjectRules {
  allow: string[];
  deny: string[];
}

export interface NatsPermissions {
  publish: SubjectRules;
  subscribe: SubjectRules;
  /** May answer requests: publish once to the reply subject of a message it received. */
  allowResponses: boolean;
}

export interface ParticipantPermissions extends Participant {
  /** Its public nkey (`U...`), the NATS identity the server knows it by. */
  nkey: string;
  permissions: NatsPermissions;
}

/** Names the workflow service's buckets (its config may rename them; these are its defaults). */
export interface WorkflowsBuckets {
  state: string;
  lease: string;
  replay: string;
  cursor: string;
}

export const DEFAULT_WORKFLOWS_BUCKETS: WorkflowsBuckets = {
  state: 'cb_workflows',
  lease: 'cb_workflow_leases',
  replay: 'cb_workflow_replay',
  cursor: 'cb_filings_cursor',
};

export interface PermissionOptions {
  /** The registry's judicial chain (tx, proofs and filings are served next to it); `judicial` unless told. */
  judicialChain?: string;
  workflowsBuckets?: WorkflowsBuckets;
}

// Names owned elsewhere, repeated here rather than imported: importing the workflow and relay
// modules would pull their runtime into a pure module. permissions.test.ts pins them equal.
export const REGISTRY_STREAM_NAME = 'CB_REGISTRY';
export const FILINGS_STREAM_NAME = 'CB_FILINGS';
export const FILING_SUBJECTS = `${SUBJECT_PREFIX}.filing.>`;
export const FILING_ACKS_BUCKET_NAME = 'cb_filing_acks';
export const BREAKER_BUCKET_NAME = 'cb_breakers';
export const MEDIATION_SUBJECT_NAME = `${SUBJECT_PREFIX}.workflows.mediation`;
/** The action consumer of a chain's adapters (adapters/sdk/action-consumer.ts). */
export const actionConsumerOf = (chain: string): string => `cb-adapter-${chain}`;
/** The gateway's durable consumer of results (src/relay/modules/actions.ts). */
export const GATEWAY_RESULTS_CONSUMER = 'cb-gateway-results';
/** An adapter's order replay guard (adapters/sdk/runtime.ts `orderReplayBucket`). */
export const orderBucketOf = (chain: string): string => `cb_orders_${chain}`;

/**
 * Chains whose adapters serve an intake (`chainIntakeSubject`): bankruptcy (adapters/bankruptcy/intake.ts),
 * collab (adapters/collab/intake-server.ts) and mobile enforcement (adapters/mobile/intake-server.ts).
 */
export const INTAKE_CHAINS: readonly string[] = ['bankruptcy', 'collab', 'mobile'];
/**
 * Of those, the chains whose every submission carries its author's own signature, which the contract
 * verifies (a creditor's ballot, a device's record): one shared `intake-<chain>` user sends to them.
 * Collab's statements are checked against the registry at its intake: organs send from their own users.
 */
export const SELF_SIGNED_INTAKE_CHAINS: readonly string[] = ['bankruptcy', 'mobile'];

/** A participant's inbox prefix: derived from its public nkey, so the client knows it from its seed alone. */
export const inboxPrefixOf = (publicNkey: string): string => `_INBOX_${publicNkey}`;

const orgOf = (did: string): string => did.slice(ALLIANCE_DID_PREFIX.length);
const userToken = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_');

/** The NATS user of a member acting as `kind` (`adapter-ip-adapter` for `did:alliance:ip-adapter`). */
export const busUserOf = (kind: Exclude<ParticipantKind, 'operator' | 'workflows' | 'intake'>, did: string): string =>
  `${kind}-${userToken(orgOf(did))}`;

/** The NATS user the submitters to chain `chain`'s intake share (`intake-mobile`). */
export const intakeBusUserOf = (chain: string): string => `intake-${chain}`;

/**
 * Every participant the registry implies at `atMs`: gateways, adapters (with the chains they may
 * serve now), notaries (with the chains naming them), agencies; then `workflows` and `operator`.
 * Revoked members have none. Sorted by user name, so a config renders the same twice.
 */
export function participantsOf(state: RegistryState, atMs: number): Participant[] {
  const out: Participant[] = [];
  const notaryChains = new Map<string, string[]>();
  for (const r of state.chains.values()) {
    if (r.removedAtMs !== undefined && atMs >= r.removedAtMs) continue;
    const entry = r.versions.filter((v) => v.fromMs <= atMs).at(-1)?.entry;
    if (entry === undefined || entry.kind === 'bft-smt') continue;
    for (const did of entry.attestation?.attesters ?? []) notaryChains.set(did, [...(notaryChains.get(did) ?? []), entry.chainId]);
  }
  for (const m of state.members.values()) {
    if (m.revokedAtMs !== undefined && atMs >= m.revokedAtMs) continue;
    const grant = grantAt(m, atMs);
    if (grant === undefined) continue;
    if (grant.roles.includes('gateway')) out.push({ user: busUserOf('gateway', m.did), kind: 'gateway', did: m.did, chains: [] });
    if (grant.roles.includes('adapter')) {
      const chains = grant.chains.filter((c) => mayActInState(state, m.did, 'adapter', c, atMs).ok);
      if (chains.length > 0) out.push({ user: busUserOf('adapter', m.did), kind: 'adapter', did: m.did, chains: [...chains].sort() });
    }
    const notarizes = notaryChains.get(m.did);
    if (notarizes !== undefined) out.push({ user: busUserOf('notary', m.did), kind: 'notary', did: m.did, chains: [...notarizes].sort() });
    if (grant.roles.includes('agency')) out.push({ user: busUserOf('agency', m.did), kind: 'agency', did: m.did, chains: [] });
    const organChains = grant.chains.filter((c) =>
      ORGAN_ROLES.some((r) => grant.roles.includes(r) && mayActInState(state, m.did, r, c, atMs).ok),
    );
    if (organChains.length > 0) out.push({ user: busUserOf('organ', m.did), kind: 'organ', did: m.did, chains: [...organChains].sort() });
  }
  // The submitters to a chain's intake, once an adapter serves it (the intake runs beside the adapter).
  const intakes = new Set(
    out.filter((p) => p.kind === 'adapter').flatMap((p) => p.chains.filter((c) => SELF_SIGNED_INTAKE_CHAINS.includes(c))),
  );
  for (const c of [...intakes].sort()) out.push({ user: intakeBusUserOf(c), kind: 'intake', chains: [c] });
  out.push({ user: 'workflows', kind: 'workflows', chains: [] }, { user: 'operator', kind: 'operator', chains: [] });
  return out.sort((a, b) => a.user.localeCompare(b.user));
}

// ---- JetStream API subjects (as nats.js 2.29 uses them against nats-server 2.9) ----

const API = '$JS.API';

/** Reading a stream: its info, single messages, and consumers (any name, or only `consumers`). */
function streamReader(stream: string, consumers?: readonly string[]): string[] {
  const names = consumers ?? ['*'];
  return [
    `${API}.STREAM.INFO.${stream}`,
    `${API}.STREAM.MSG.GET.${stream}`,
    `${API}.DIRECT.GET.${stream}`,
    `${API}.DIRECT.GET.${stream}.>`,
    // Ephemeral and ordered consumers (the name comes with the request).
    ...(consumers === undefined ? [`${API}.CONSUMER.CREATE.${stream}`, `${API}.CONSUMER.CREATE.${stream}.>`] : []),
    ...names.flatMap((c) => [
      `${API}.CONSUMER.CREATE.${stream}.${c}`,
      `${API}.CONSUMER.CREATE.${stream}.${c}.>`,
      `${API}.CONSUMER.DURABLE.CREATE.${stream}.${c}`,
      `${API}.CONSUMER.INFO.${stream}.${c}`,
      `${API}.CONSUMER.DELETE.${stream}.${c}`,
      `${API}.CONSUMER.MSG.NEXT.${stream}.${c}`,
      `$JS.ACK.${stream}.${c}.>`,
    ]),
    `$JS.FC.${stream}.>`,
  ];
}

/** Creating a stream it provisions (idempotent with the same settings); never delete or purge. */
const streamCreator = (stream: string, update = false): string[] => [
  `${API}.STREAM.CREATE.${stream}`,
  ...(update ? [`${API}.STREAM.UPDATE.${stream}`] : []),
];

/** A KV bucket: create, read (get, watch) and, for a writer, put on `keys` (all keys when `true`). */
function kvAccess(bucket: string, write: boolean | readonly string[]): string[] {
  const keys = write === true ? ['>'] : write === false ? [] : write;
  return [
    ...streamReader(`KV_${bucket}`),
    // Readers create it too when first (ensureKv), empty: creating is not writing a key.
    ...streamCreator(`KV_${bucket}`),
    ...keys.map((k) => `$KV.${bucket}.${k}`),
  ];
}

const everyChain = (kind: string): string => `${SUBJECT_PREFIX}.${kind}.*`;

/** The permissions of one participant (see the module comment for what each kind does). */
export function permissionsOf(p: Participant, nkey: string, options: PermissionOptions = {}): NatsPermissions {
  const judicial = options.judicialChain ?? 'judicial';
  const wf = options.workflowsBuckets ?? DEFAULT_WORKFLOWS_BUCKETS;
  const inbox = `${inboxPrefixOf(nkey)}.>`;
  // Everyone: JetStream account info (jetstreamManager() asks it) and its own replies.
  const common = [`${API}.INFO`];
  const registryRead = [...streamReader(REGISTRY_STREAM_NAME), ...streamCreator(REGISTRY_STREAM_NAME)];
  switch (p.kind) {
    case 'operator':
      return { publish: { allow: ['>'], deny: [] }, subscribe: { allow: ['>'], deny: [] }, allowResponses: true };
    case 'gateway':
      return {
        publish: {
          allow: [
            ...common,
            everyChain('query'),
            everyChain('index'),
            everyChain('lightblock'),
            `${SUBJECT_PREFIX}.witness.*.*`,
            everyChain('actions'),
            judicialTxSubject(judicial),
            judicialProveSubject(judicial),
            judicialFilingsSubject(judicial),
            MEDIATION_SUBJECT_NAME,
            REGISTRY_SUBJECT,
            `${SUBJECT_PREFIX}.events.>`,
            ...streamReader(Streams.headers.name),
            ...streamCreator(Streams.headers.name, true),
            ...streamReader(Streams.actions.name),
            ...streamCreator(Streams.actions.name, true),
            ...streamReader(Streams.results.name),
            ...streamCreator(Streams.results.name, true),
            ...streamReader(Streams.events.name),
            ...streamCreator(Streams.events.name, true),
            ...registryRead,
            `${API}.STREAM.UPDATE.${REGISTRY_STREAM_NAME}`,
            ...kvAccess(Buckets.trusted, true),
            ...kvAccess(Buckets.replay, true),
            ...kvAccess(Buckets.actions, true),
            ...kvAccess(BREAKER_BUCKET_NAME, true),
            ...kvAccess(Buckets.notary, false),
          ],
          // Said explicitly, though the allow list already leaves them out: what a gateway must never write.
          deny: [`${SUBJECT_PREFIX}.results.>`, `${SUBJECT_PREFIX}.headers.>`, `${SUBJECT_PREFIX}.announce.>`],
        },
        subscribe: { allow: [inbox, everyChain('announce')], deny: [] },
        allowResponses: false,
      };
    case 'adapter': {
      const serves = p.chains;
      const did = p.did!;
      return {
        publish: {
          allow: [
            ...common,
            ...serves.flatMap((c) => [headersSubject(c), resultsSubject(c), announceSubject(c), assetsSubject(c)]),
            // Its trust in the judicial chain: light blocks and witnesses of the judicial adapters.
            lightblockSubject(judicial),
            `${SUBJECT_PREFIX}.witness.${judicial}.*`,
            // A notarized chain's adapter collects its notaries' signatures.
            ...serves.map((c) => `${SUBJECT_PREFIX}.notarize.${c}.*`),
            ...streamReader(Streams.headers.name, []),
            ...streamCreator(Streams.headers.name),
            ...streamReader(Streams.actions.name, serves.map(actionConsumerOf)),
            ...streamCreator(Streams.actions.name),
            ...streamReader(Streams.results.name, []),
            ...streamCreator(Streams.results.name),
            ...registryRead,
            ...serves.flatMap((c) => kvAccess(orderBucketOf(c), true)),
            ...kvAccess(Buckets.notary, false),
          ],
          deny: [`$KV.${Buckets.actions}.>`, `${SUBJECT_PREFIX}.query.>`, `${SUBJECT_PREFIX}.actions.>`],
        },
        subscribe: {
          allow: [
            inbox,
            everyChain('announce'),
            ...serves.flatMap((c) => [querySubject(c), indexSubject(c), lightblockSubject(c), witnessSubject(c, did)]),
            // A chain's own intake of signed submissions (the chains that have one).
            ...serves.filter((c) => INTAKE_CHAINS.includes(c)).map(chainIntakeSubject),
            ...(serves.includes(judicial)
              ? [judicialTxSubject(judicial), judicialProveSubject(judicial), judicialFilingsSubject(judicial)]
              : []),
          ],
          deny: [],
        },
        allowResponses: true,
      };
    }
    case 'notary': {
      const org = orgOf(p.did!);
      return {
        publish: {
          allow: [
            ...common,
            ...kvAccess(
              Buckets.notary,
              p.chains.map((c) => `${c}.*.${org}`),
            ),
            ...registryRead,
          ],
          deny: [],
        },
        subscribe: { allow: [inbox, ...p.chains.map((c) => notarizeSubject(c, p.did!))], deny: [] },
        allowResponses: true,
      };
    }
    case 'agency':
      return {
        publish: {
          allow: [...common, ...streamReader(FILINGS_STREAM_NAME), ...kvAccess(FILING_ACKS_BUCKET_NAME, true), ...registryRead],
          deny: [],
        },
        subscribe: { allow: [inbox], deny: [] },
        allowResponses: false,
      };
    case 'organ':
      // Least privilege: its chains' intake and its own inbox; not even JetStream's account info.
      return {
        publish: { allow: p.chains.map(chainIntakeSubject), deny: [] },
        subscribe: { allow: [inbox], deny: [] },
        allowResponses: false,
      };
    case 'workflows':
      return {
        publish: {
          allow: [
            ...common,
            judicialTxSubject(judicial),
            judicialProveSubject(judicial),
            judicialFilingsSubject(judicial),
            FILING_SUBJECTS,
            ...streamReader(FILINGS_STREAM_NAME),
            ...streamCreator(FILINGS_STREAM_NAME, true),
            ...registryRead,
            ...kvAccess(FILING_ACKS_BUCKET_NAME, true),
            ...[wf.state, wf.lease, wf.replay, wf.cursor].flatMap((b) => kvAccess(b, true)),
          ],
          deny: [],
        },
        subscribe: { allow: [inbox, MEDIATION_SUBJECT_NAME, everyChain('assets')], deny: [] },
        allowResponses: true,
      };
    case 'intake':
      // Only the intake of its chain and its own replies: not even JetStream's account info.
      return {
        publish: { allow: p.chains.map(chainIntakeSubject), deny: [] },
        subscribe: { allow: [inbox], deny: [] },
        allowResponses: false,
      };
  }
}

/** A durable consumer that belongs to some participants only (an adapter's actions, an agency's filings). */
export interface OwnedConsumer {
  stream: string;
  name: string;
  owners: ReadonlySet<string>;
}

/** The case kinds filings are published under (src/workflows/filings, CAUSE_TYPES; pinned by a test). */
export const FILING_CAUSES = ['civil', 'commercial', 'ip', 'administrative', 'enforcement', 'trial'] as const;
/** An agency's durable consumer of one cause (src/workflows/filings/filing-subscriber.ts `filingDurable`). */
export const filingDurableOf = (did: string, cause: string): string => `filings-${toHex(sha256(utf8(did))).slice(0, 16)}-${cause}`;

/** The durable consumers the registry's participants own, by stream. */
export function ownedConsumers(participants: readonly Participant[]): OwnedConsumer[] {
  const owned = new Map<string, OwnedConsumer>();
  const own = (stream: string, name: string, user: string): void => {
    const k = `${stream}/${name}`;
    const c = owned.get(k) ?? { stream, name, owners: new Set<string>() };
    (c.owners as Set<string>).add(user);
    owned.set(k, c);
  };
  for (const p of participants) {
    if (p.kind === 'adapter') for (const c of p.chains) own(Streams.actions.name, actionConsumerOf(c), p.user);
    if (p.kind === 'gateway') own(Streams.results.name, GATEWAY_RESULTS_CONSUMER, p.user);
    if (p.kind === 'agency') for (const cause of FILING_CAUSES) own(FILINGS_STREAM_NAME, filingDurableOf(p.did!, cause), p.user);
  }
  return [...owned.values()];
}

/**
 * Deny `user` every owned consumer it does not own on the streams where it may create consumers
 * of any name (ordered consumers have generated names, so the allow list cannot name them):
 * a gateway cannot take over or delete an adapter's action consumer, an agency another's filings.
 */
export function protectOwnedConsumers(perms: NatsPermissions, user: string, owned: readonly OwnedConsumer[]): NatsPermissions {
  if (perms.publish.allow.includes('>')) return perms;
  const deny: string[] = [];
  for (const c of owned) {
    if (c.owners.has(user) || !perms.publish.allow.includes(`${API}.CONSUMER.DELETE.${c.stream}.*`)) continue;
    deny.push(
      `${API}.CONSUMER.CREATE.${c.stream}.${c.name}`,
      `${API}.CONSUMER.CREATE.${c.stream}.${c.name}.>`,
      `${API}.CONSUMER.DURABLE.CREATE.${c.stream}.${c.name}`,
      `${API}.CONSUMER.DELETE.${c.stream}.${c.name}`,
      `${API}.CONSUMER.MSG.NEXT.${c.stream}.${c.name}`,
      `$JS.ACK.${c.stream}.${c.name}.>`,
    );
  }
  return deny.length === 0 ? perms : { ...perms, publish: { ...perms.publish, deny: [...perms.publish.deny, ...deny] } };
}

/** Every participant of the registry with its nkey (`nkeyOf(user)`) and permissions. */
export function allianceBusPermissions(
  state: RegistryState,
  atMs: number,
  nkeyOf: (user: string) => string,
  options: PermissionOptions = {},
): ParticipantPermissions[] {
  const participants = participantsOf(state, atMs);
  const owned = ownedConsumers(participants);
  return participants.map((p) => {
    const nkey = nkeyOf(p.user);
    return { ...p, nkey, permissions: protectOwnedConsumers(permissionsOf(p, nkey, options), p.user, owned) };
  });
}
