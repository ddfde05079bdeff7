/**
 * Every NATS subject, queue group, stream and KV bucket name courtbridge uses, in one module
 * (DESIGN.md "Transport"). Nothing else builds a subject by string concatenation, so a rename
 * or a new version prefix happens here only.
 *
 * Chain ids enter through these functions and are checked here: a chain id becomes a subject
 * token, so it must not contain `.`, `*`, `>` or whitespace (NATS subject grammar). We accept
 * `[a-z0-9-]+`, at most 64 characters.
 */
import { ALLIANCE_DID_PREFIX, isAllianceDid } from '../identity/did-url.js';
import { sha256 } from '../crypto/hash.js';
import { toHex, utf8 } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';

/** Version prefix of every subject: a v2 wire format gets new subjects, never mixed traffic. */
export const SUBJECT_PREFIX = 'cb.v1';

const CHAIN_ID = /^[a-z0-9-]{1,64}$/;
const TOPIC_TOKEN = /^[a-z0-9-]{1,64}$/;

/** Throws INVALID_ARGUMENT `bad_chain_id` unless `chain` is a token-safe chain id. */
export function assertChainId(chain: unknown, title = 'chain'): asserts chain is string {
  if (typeof chain !== 'string' || !CHAIN_ID.test(chain)) {
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'bad_chain_id',
      `${title}: expected a chain id of 1-64 characters [a-z0-9-], got ${JSON.stringify(String(chain)).slice(0, 80)}`,
    );
  }
}

export function isChainId(chain: unknown): chain is string {
  return typeof chain === 'string' && CHAIN_ID.test(chain);
}

/** Subject kinds that carry a chain id as their last token. */
export const ChainSubjectKinds = ['query', 'index', 'announce', 'headers', 'actions', 'results', 'lightblock', 'assets'] as const;
export type ChainSubjectKind = (typeof ChainSubjectKinds)[number];

function chainSubject(kind: ChainSubjectKind, chain: string): string {
  assertChainId(chain);
  return `${SUBJECT_PREFIX}.${kind}.${chain}`;
}

/** Record queries to a chain's adapters (core request/reply, load-balanced by `queryQueue`). */
export const querySubject = (chain: string): string => chainSubject('query', chain);
/** Queue group shared by all replicas of one chain's adapter, so each query goes to one replica. */
export const queryQueue = (chain: string): string => {
  assertChainId(chain);
  return `cb-adapter-${chain}`;
};
/** Index look-ups (keyed-hash -> record keys) answered by a chain's adapters (core request/reply). */
export const indexSubject = (chain: string): string => chainSubject('index', chain);
/** Adapter presence announcements (signed `adapter.announce` envelopes, core pub/sub). */
export const announceSubject = (chain: string): string => chainSubject('announce', chain);
/** Signed headers of a chain (`header.announce`), stored in stream `CB_HEADERS`. */
export const headersSubject = (chain: string): string => chainSubject('headers', chain);
/** Signed action requests to a chain (`action.request`), stored in stream `CB_ACTIONS`. */
export const actionsSubject = (chain: string): string => chainSubject('actions', chain);
/** Signed action results from a chain (`action.result`), stored in stream `CB_RESULTS`. */
export const resultsSubject = (chain: string): string => chainSubject('results', chain);

/**
 * A chain's adapter reporting that a record was newly filed under its asset index for a hashed
 * owner (signed `asset.report` envelopes, core pub/sub, src/bus/asset-report.ts): a HINT for the
 * workflow service to re-investigate a terminated case at once, never a fact it acts on.
 */
export const assetsSubject = (chain: string): string => chainSubject('assets', chain);
/** Every chain's asset reports (the workflow service subscribes in `ASSET_REPORTS_QUEUE`). */
export const ASSET_REPORTS_WILDCARD = `${SUBJECT_PREFIX}.assets.*`;
/** Queue group of the workflow service's replicas: each report is handled by one of them. */
export const ASSET_REPORTS_QUEUE = 'cb-workflows-assets';

/**
 * Light blocks of a chain on request (core request/reply, served by the chain's adapters in the
 * `queryQueue` group): request payload u64 BE height (0 = latest), reply the fixed-layout
 * `encodeLightBlock` (src/chain/signed-header.ts), so a gateway or adapter behind can sync.
 */
export const lightblockSubject = (chain: string): string => chainSubject('lightblock', chain);

/**
 * One notary of a `notary` chain, asked to read and sign a record (core request/reply):
 * `cb.v1.notarize.<chain>.<org>` for the notary `did:alliance:<org>`. Request
 * `NotarizeRecordRequest`, reply `NotarizeRecordResponse` (wire.proto).
 */
export const notarizeSubject = (chain: string, notaryDid: string): string => {
  assertChainId(chain);
  if (!isAllianceDid(notaryDid)) throw new TypeError(`notary: ${notaryDid} is not did:alliance:<org>`);
  return `${SUBJECT_PREFIX}.notarize.${chain}.${notaryDid.slice(ALLIANCE_DID_PREFIX.length)}`;
};

/**
 * Light blocks of a chain from ONE party (an adapter DID), for witness cross-checks of headers a
 * light client would trust by skipping: `cb.v1.witness.<chain>.<32 hex of sha256(did)>` (a DID
 * is not a safe subject token), served by that DID's replicas in `witnessQueue(chain, did)`.
 * Request: u64 BE height; reply: a signed `witness.lightblock` envelope whose body is the
 * `encodeLightBlock` at that height, or the party's latest when it has not reached it.
 */
export function witnessSubject(chain: string, did: string): string {
  assertChainId(chain);
  return `${SUBJECT_PREFIX}.witness.${chain}.${didToken(did)}`;
}
export function witnessQueue(chain: string, did: string): string {
  assertChainId(chain);
  return `cb-witness-${chain}-${didToken(did)}`;
}
const didToken = (did: string): string => toHex(sha256(utf8(did))).slice(0, 32);

/**
 * Judicial-chain writes by the gateway's workflows (signed `judicial.tx` envelopes, request/reply,
 * served next to the judicial chain: adapters/judicial/tx-server.ts), and proofs of several keys
 * against one header (`judicialProveSubject`; the proofs authenticate the answer).
 */
export function judicialTxSubject(chain: string): string {
  assertChainId(chain);
  return `${SUBJECT_PREFIX}.jtx.${chain}`;
}
export function judicialProveSubject(chain: string): string {
  assertChainId(chain);
  return `${SUBJECT_PREFIX}.jprove.${chain}`;
}
/** The judicial chain's case filings in chain order (src/judicial/filings-feed.ts), for the filings publisher. */
export function judicialFilingsSubject(chain: string): string {
  assertChainId(chain);
  return `${SUBJECT_PREFIX}.jfilings.${chain}`;
}

/**
 * A chain's own intake of self-authenticating submissions (request/reply, served by its adapter):
 * records that carry their author's signature, which the chain's contract verifies (a bankruptcy
 * creditor's signed claim or ballot: adapters/bankruptcy/intake.ts; an officer device's signed
 * on-site record: adapters/mobile/intake-server.ts), or an alliance member's signed statement
 * checked against the registry (an organ's case transfer: adapters/collab/intake-server.ts).
 */
export function chainIntakeSubject(chain: string): string {
  assertChainId(chain);
  return `${SUBJECT_PREFIX}.intake.${chain}`;
}

/** Alliance registry updates (signed `registry.update` envelopes). */
export const REGISTRY_SUBJECT = `${SUBJECT_PREFIX}.registry`;

/**
 * Workflow and audit events, `cb.v1.events.<topic>[.<chain>]` (stream `CB_EVENTS`).
 * Topics are `[a-z0-9-]+` tokens, e.g. `enforcement-filed`.
 */
export function eventsSubject(topic: string, chain?: string): string {
  if (typeof topic !== 'string' || !TOPIC_TOKEN.test(topic)) {
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'bad_event_topic',
      `topic: expected 1-64 characters [a-z0-9-], got ${JSON.stringify(String(topic)).slice(0, 80)}`,
    );
  }
  if (chain === undefined) return `${SUBJECT_PREFIX}.events.${topic}`;
  assertChainId(chain);
  return `${SUBJECT_PREFIX}.events.${topic}.${chain}`;
}

/** JetStream streams and the subjects each one captures. */
export const Streams = {
  headers: { name: 'CB_HEADERS', subjects: [`${SUBJECT_PREFIX}.headers.>`] },
  actions: { name: 'CB_ACTIONS', subjects: [`${SUBJECT_PREFIX}.actions.>`] },
  results: { name: 'CB_RESULTS', subjects: [`${SUBJECT_PREFIX}.results.>`] },
  events: { name: 'CB_EVENTS', subjects: [`${SUBJECT_PREFIX}.events.>`] },
} as const;
export type StreamKey = keyof typeof Streams;

/** JetStream KV buckets holding the gateway's state (gateways keep none of their own). */
export const Buckets = {
  /** Latest trusted header and validator set per chain (light-client store). */
  trusted: 'cb_trusted',
  /** Envelope ids already seen, shared by gateway replicas (replay guard). */
  replay: 'cb_replay',
  /** Action status by idempotency id (exactly-once execution). */
  actions: 'cb_actions',
  /** Notaries' signatures over blocks they saw final, key `<chain>.<height>.<notary org>` (notary-kv.ts). */
  notary: 'cb_notary',
} as const;
export type BucketKey = keyof typeof Buckets;

const parsedSubjects = new Map<string, Readonly<ParsedChainSubject> | undefined>();

export interface ParsedChainSubject {
  kind: ChainSubjectKind;
  chain: string;
}

/** `cb.v1.<kind>.<chain>` back to its parts; `undefined` for any other subject. */
export function parseChainSubject(subject: string): Readonly<ParsedChainSubject> | undefined {
  // Every request parses its subject; there are a few per chain, so remember them (frozen:
  // callers share them).
  if (parsedSubjects.has(subject)) return parsedSubjects.get(subject);
  const parsed = parseUncached(subject);
  if (parsedSubjects.size >= 4_096) parsedSubjects.clear();
  parsedSubjects.set(subject, parsed === undefined ? undefined : Object.freeze(parsed));
  return parsedSubjects.get(subject);
}

function parseUncached(subject: string): ParsedChainSubject | undefined {
  const parts = subject.split('.');
  if (parts.length !== 4 || `${parts[0]}.${parts[1]}` !== SUBJECT_PREFIX) return undefined;
  const kind = parts[2] as ChainSubjectKind;
  const chain = parts[3]!;
  if (!ChainSubjectKinds.includes(kind) || !isChainId(chain)) return undefined;
  return { kind, chain };
}
