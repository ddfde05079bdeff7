/**
 * InvestigationService.Investigate (investigation.proto; policy: "investigate and freeze
 * property across chains"): one owner's hashed id, fanned out in parallel to the owner/holder
 * indexes of every property, finance and IP chain; every item and every absence proven against
 * a verified header and returned as a bundle with its receipt. A chain that fails is listed in
 * `failures` with its status code, reason and message, and the result is PARTIAL.
 */
import type { InvestigationServiceHandlers } from '../../generated/courtbridge/v1/InvestigationService.js';
import { toHex, utf8 } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import type { SmtProof } from '../../proof/smt-proof.js';
import { verifyProof } from '../../proof/verify.js';
import type { MessageInput } from '../../wire/messages.js';
import { proofFromWire } from '../../verify/bundle-convert.js';
import type { ChainConfig, ChainKindName, OwnerIndex } from '../light-clients/chain-config.js';
import type { InvestigateRequest__Output } from '../../generated/courtbridge/v1/InvestigateRequest.js';
import { contextOf, type ContextOf } from '../host/call-context.js';
import { unary } from '../host/handlers.js';
import { failureOf, requestIdOf, type QueryEngine } from './query.js';

const DOMAIN_KIND: Record<string, ChainKindName> = {
  ASSET_DOMAIN_PROPERTY: 'property',
  ASSET_DOMAIN_FINANCE: 'finance',
  ASSET_DOMAIN_IP: 'ip',
};
type Domain = 'ASSET_DOMAIN_PROPERTY' | 'ASSET_DOMAIN_FINANCE' | 'ASSET_DOMAIN_IP';

export interface InvestigateServiceOptions {
  engine: QueryEngine;
  /** The call's context (caller, deadline); the guard's unless told (host/call-context.ts). */
  contextOf?: ContextOf;
}

interface ChainOutcome {
  items: MessageInput<'InvestigationItem'>[];
  absences: MessageInput<'ProofBundle'>[];
}

async function searchIndex(
  engine: QueryEngine,
  config: ChainConfig,
  idx: OwnerIndex,
  domain: Domain,
  ownerHex: string,
  base: { requestId: string; requesterDid: string; maxStalenessMs: number; deadlineMs: number },
): Promise<ChainOutcome> {
  const chainId = config.chainId;
  engine.o.manager.assertServing(chainId);
  const reply = await engine.o.adapters.index(
    { requestId: base.requestId, chainId, index: idx.index, indexKey: ownerHex, recordType: idx.recordType, height: 0, limit: 0 },
    base.deadlineMs,
  );
  const ref = reply.header;
  if (ref === null || ref === undefined || ref.chainId !== chainId)
    throw new CourtbridgeError(
      ErrorCode.Unavailable,
      'unverifiable_answer',
      `the adapter of ${chainId} answered without a header reference`,
    );
  const header = await engine.o.manager.ensureVerified(chainId, ref.height, ref.headerHash, base.deadlineMs);
  engine.checkFreshness(config, header, base.maxStalenessMs);
  const unverifiable = (why: string, e?: unknown): CourtbridgeError =>
    new CourtbridgeError(
      ErrorCode.Unavailable,
      'unverifiable_answer',
      `${chainId}: ${why}${e ? `: ${(e as Error).message}` : ''}`,
      e === undefined ? {} : { cause: e },
    );
  const out: ChainOutcome = { items: [], absences: [] };
  let n = 0;
  for (const it of reply.items) {
    const rec = it.record;
    if (rec === null || rec === undefined) throw unverifiable('an index item without a record');
    const q = { chainId, recordType: rec.recordType, key: rec.key, height: 0 };
    let proof: SmtProof;
    try {
      proof = proofFromWire(it.proof);
      verifyProof(header.stateRoot, utf8(rec.key), rec.value, proof, header.hashSuite);
    } catch (e) {
      throw unverifiable(`the proof of ${rec.key} does not verify`, e);
    }
    const bundle = await engine.bundle(
      config,
      { query: q, header, result: { kind: 'record', value: rec.value }, proof, attestations: [] },
      { requestId: `${base.requestId}/${chainId}/${n++}`, requesterDid: base.requesterDid },
    );
    out.items.push({ domain, bundle });
  }
  if (reply.indexEntry === 'indexAbsence' && reply.indexAbsence) {
    const key = reply.indexAbsence.key;
    let proof: SmtProof;
    try {
      proof = proofFromWire(reply.indexProof);
      verifyProof(header.stateRoot, utf8(key), null, proof, header.hashSuite);
    } catch (e) {
      throw unverifiable(`the absence proof of ${key} does not verify`, e);
    }
    out.absences.push(
      await engine.bundle(
        config,
        {
          query: { chainId, recordType: reply.indexAbsence.recordType, key, height: 0 },
          header,
          result: { kind: 'absence' },
          proof,
          attestations: [],
        },
        { requestId: `${base.requestId}/${chainId}/absence`, requesterDid: base.requesterDid },
      ),
    );
  }
  return out;
}

export function investigateServiceHandlers(options: InvestigateServiceOptions): InvestigationServiceHandlers {
  const { engine } = options;
  return {
    Investigate: unary(async (r: InvestigateRequest__Output, ctx) => {
      if (!(r.ownerIdHash instanceof Uint8Array) || r.ownerIdHash.length !== 32) {
        throw new CourtbridgeError(
          ErrorCode.InvalidArgument,
          'invalid_owner_id_hash',
          'owner_id_hash: expected the 32-byte keyed hash of the id (never the id in clear)',
        );
      }
      const domains = [...new Set(r.domains ?? [])].filter((d): d is Domain => d in DOMAIN_KIND);
      if (domains.length === 0)
        throw new CourtbridgeError(
          ErrorCode.InvalidArgument,
          'missing_domains',
          'domains: at least one of ASSET_DOMAIN_PROPERTY, ASSET_DOMAIN_FINANCE, ASSET_DOMAIN_IP',
        );
      const requestId = requestIdOf(r.requestId);
      const base = { requestId, requesterDid: ctx.caller.did, maxStalenessMs: r.maxStalenessMs ?? 0, deadlineMs: ctx.deadlineMs };
      const ownerHex = toHex(r.ownerIdHash);
      const jobs: { chainId: string; run: Promise<ChainOutcome> }[] = [];
      for (const domain of domains) {
        for (const config of engine.o.manager.chains().filter((c) => c.kind === DOMAIN_KIND[domain])) {
          for (const idx of config.ownerIndexes ?? [])
            jobs.push({ chainId: config.chainId, run: searchIndex(engine, config, idx, domain, ownerHex, base) });
        }
      }
      const settled = await Promise.allSettled(jobs.map((j) => j.run));
      // Every search shares the call's deadline: one that ran out means the caller's has, and a
      // "partial" answer listing deadline failures would hide that it asked for too little time.
      const late = settled.flatMap((s, i) =>
        s.status === 'rejected' && isCourtbridgeError(s.reason) && s.reason.code === ErrorCode.DeadlineExceeded ? [jobs[i]!.chainId] : [],
      );
      if (late.length > 0)
        throw new CourtbridgeError(
          ErrorCode.DeadlineExceeded,
          'deadline_exceeded',
          `the call's deadline ran out before ${[...new Set(late)].join(', ')} answered; call again with a longer deadline`,
        );
      const response: MessageInput<'InvestigateResponse'> = { items: [], failures: [], absences: [] };
      settled.forEach((s, i) => {
        if (s.status === 'fulfilled') {
          response.items!.push(...s.value.items);
          response.absences!.push(...s.value.absences);
        } else response.failures!.push(failureOf(jobs[i]!.chainId, s.reason));
      });
      response.completeness = response.failures!.length === 0 ? 'COMPLETENESS_COMPLETE' : 'COMPLETENESS_PARTIAL';
      return response;
    }, options.contextOf ?? contextOf),
  };
}
