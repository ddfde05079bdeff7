/**
 * `headers` for a `notary` chain: a registry kept in a database has no headers; its records are
 * vouched for one by one, by the chain's registry notaries, each reading the record itself. What
 * the kit requires instead is that they answer: it asks the adapter (the database's writer) for a
 * probe record to learn the database version, then sends each of the registry's notaries a
 * `NotarizeRecordRequest` for that record at that version, directly on its own subject. At least
 * the threshold of them must sign, each with its registry key, the same record (or absence) the
 * adapter stated; a notary that is silent, refuses, signs badly or read something else is named.
 * Without that quorum no answer of the chain can ever be verified.
 */
import { request } from '../../bus/request.js';
import { notarizeSubject } from '../../bus/subjects.js';
import { equalBytes } from '../../encoding/bytes.js';
import { isCourtbridgeError } from '../../errors.js';
import { type NotarizedRecord, verifyNotarizedRecord } from '../../verify/notary-record.js';
import { decodeMessage, encodeMessage } from '../../wire/codec.js';
import type { MessageOutput } from '../../wire/messages.js';
import { failCheck, pass, type CheckVerdict } from '../check.js';
import type { ConformanceContext } from '../context.js';

type Stated = NotarizedRecord['result'];

/** The probe: the first probe key, else a surely-absent key of the first record type announced. */
function probeOf(ctx: ConformanceContext): { key: string; recordType: string } {
  const key = ctx.o.probeKeys[0];
  if (key !== undefined) return { key, recordType: key.slice(0, key.indexOf('/')) };
  const t = ctx.announcement?.recordTypes[0];
  if (t === undefined) failCheck('no record to ask the notaries about: no announcement was seen and no --probe-key was given');
  return { key: `${t}/conformance-absent-${ctx.runId}`, recordType: t };
}

const sameResult = (a: Stated, b: Stated): boolean =>
  a.kind === 'absence' ? b.kind === 'absence' : b.kind === 'record' && equalBytes(a.value, b.value);

/** What the adapter states for the probe: the version it read at, and the result. */
async function adapterStatement(
  ctx: ConformanceContext,
  probe: { key: string; recordType: string },
): Promise<{ version: number; result: Stated }> {
  let resp: MessageOutput<'QueryResponse'>;
  try {
    resp = await ctx.query(probe.key, probe.recordType);
  } catch (e) {
    if (isCourtbridgeError(e) && e.reason !== 'check_failed')
      failCheck(
        `the adapter did not answer ${probe.key}, so the kit knows no database version to ask its notaries at: ${e.reason}: ${e.message}${e.reason === 'notary_quorum_unavailable' ? '; are its notaries running?' : ''}`,
        { key: probe.key, reason: e.reason },
      );
    throw e;
  }
  const ev = resp.notary ?? undefined;
  if (ev === undefined) failCheck(`the adapter answered ${probe.key} without notary evidence: no database version to ask its notaries at`);
  const result: Stated = resp.record ? { kind: 'record', value: Uint8Array.from(resp.record.value) } : { kind: 'absence' };
  return { version: ev.version, result };
}

/** One notary's answer: undefined when it signed what the adapter stated, else why not. */
async function askNotary(ctx: ConformanceContext, did: string, asked: NotarizedRecord): Promise<string | undefined> {
  const body = encodeMessage('NotarizeRecordRequest', {
    requestId: ctx.nextId('notarize'),
    chainId: asked.chainId,
    recordType: asked.recordType,
    key: asked.key,
    version: asked.version,
    timeMs: asked.timeMs,
  });
  let res: MessageOutput<'NotarizeRecordResponse'>;
  try {
    const reply = await request(ctx.nc, notarizeSubject(asked.chainId, did), body, { deadlineMs: ctx.deadline(), now: ctx.o.now });
    res = decodeMessage('NotarizeRecordResponse', reply.data);
  } catch (e) {
    return isCourtbridgeError(e) ? `${e.reason}${e.reason === 'no_responders' ? ' (not running?)' : ''}` : (e as Error).message;
  }
  const sig = res.signature ?? undefined;
  if (sig === undefined || sig.notaryDid !== did) return 'answered without its own signature';
  const said = res.record ?? res.absence ?? undefined;
  if (said === undefined || said.key !== asked.key || res.version !== asked.version || res.timeMs !== asked.timeMs)
    return 'answered about another record, version or time';
  const read: NotarizedRecord = {
    ...asked,
    result: res.record ? { kind: 'record', value: Uint8Array.from(res.record.value) } : { kind: 'absence' },
  };
  const mine = { notaryDid: did, kid: sig.kid, signature: Uint8Array.from(sig.signature) };
  const v = verifyNotarizedRecord(read, [mine], { threshold: 1, notaries: [did] }, ctx.authority, read.timeMs);
  if (v.kind !== 'met') return v.ignored.map((i) => i.reason).join(', ') || 'its signature does not verify';
  if (!sameResult(read.result, asked.result))
    return `read ${read.result.kind === 'record' ? 'another value' : 'an absence'} than the adapter stated`;
  return undefined;
}

export async function notaryRespondersVerdict(ctx: ConformanceContext): Promise<CheckVerdict> {
  const t = ctx.target;
  if (t.kind !== 'notary') failCheck(`${ctx.chain} is not a notary chain in the registry`);
  const probe = probeOf(ctx);
  const stated = await adapterStatement(ctx, probe);
  const asked: NotarizedRecord = { chainId: ctx.chain, ...probe, result: stated.result, version: stated.version, timeMs: ctx.now() };
  const policy = t.notaries;
  const outcomes = await Promise.all(policy.notaries.map(async (did) => ({ did, why: await askNotary(ctx, did, asked) })));
  const signed = outcomes.filter((o) => o.why === undefined).map((o) => o.did);
  const others = outcomes.filter((o) => o.why !== undefined).map((o) => `${o.did}: ${o.why}`);
  const evidence = {
    key: probe.key,
    version: stated.version,
    signed: signed.join(','),
    threshold: policy.threshold,
    notaries: policy.notaries.length,
  };
  const summary = `${signed.length} of the registry's ${policy.notaries.length} notaries (threshold ${policy.threshold}) signed ${probe.key} at version ${stated.version} as the adapter read it${signed.length > 0 ? `: ${signed.join(', ')}` : ''}${others.length > 0 ? `; not: ${others.join('; ')}` : ''}`;
  if (signed.length < policy.threshold) failCheck(`too few notaries answer: ${summary}; are its notaries running?`, evidence);
  return pass(`a notary chain has no headers: its registry notaries vouch for each record; ${summary}`, evidence);
}
