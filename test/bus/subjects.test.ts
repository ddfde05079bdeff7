import { describe, expect, it } from 'vitest';
import {
  Buckets,
  Streams,
  actionsSubject,
  announceSubject,
  assertChainId,
  eventsSubject,
  headersSubject,
  indexSubject,
  parseChainSubject,
  querySubject,
  queryQueue,
  REGISTRY_SUBJECT,
  resultsSubject,
} from '../../src/bus/subjects.js';
import { CourtbridgeError } from '../../src/errors.js';

describe('subjects', () => {
  it('names every subject, queue, stream and bucket', () => {
    expect(querySubject('credit')).toBe('cb.v1.query.credit');
    expect(queryQueue('credit')).toBe('cb-adapter-credit');
    expect(indexSubject('ip')).toBe('cb.v1.index.ip');
    expect(announceSubject('ip')).toBe('cb.v1.announce.ip');
    expect(headersSubject('property')).toBe('cb.v1.headers.property');
    expect(actionsSubject('finance')).toBe('cb.v1.actions.finance');
    expect(resultsSubject('finance')).toBe('cb.v1.results.finance');
    expect(eventsSubject('enforcement-filed')).toBe('cb.v1.events.enforcement-filed');
    expect(eventsSubject('freeze', 'finance')).toBe('cb.v1.events.freeze.finance');
    expect(REGISTRY_SUBJECT).toBe('cb.v1.registry');
    expect(Streams.headers).toEqual({ name: 'CB_HEADERS', subjects: ['cb.v1.headers.>'] });
    expect(Streams.actions.name).toBe('CB_ACTIONS');
    expect(Streams.results.name).toBe('CB_RESULTS');
    expect(Streams.events.subjects).toEqual(['cb.v1.events.>']);
    expect(Buckets).toEqual({ trusted: 'cb_trusted', replay: 'cb_replay', actions: 'cb_actions', notary: 'cb_notary' });
  });

  it.each(['', 'Credit', 'credit.x', 'credit*', '>', 'a b', 'a'.repeat(65), 'crédit'])('refuses chain id %j with bad_chain_id', (chain) => {
    let err: unknown;
    try {
      querySubject(chain);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CourtbridgeError);
    expect((err as CourtbridgeError).reason).toBe('bad_chain_id');
    expect((err as CourtbridgeError).code).toBe('INVALID_ARGUMENT');
  });

  it('refuses a non-string chain id, naming the argument', () => {
    expect(() => assertChainId(42, 'request.chain')).toThrow(/request\.chain/);
    expect(() => eventsSubject('a.b')).toThrow(/topic/);
  });

  it('parses chain subjects back', () => {
    expect(parseChainSubject('cb.v1.headers.credit')).toEqual({ kind: 'headers', chain: 'credit' });
    expect(parseChainSubject('cb.v1.registry')).toBeUndefined();
    expect(parseChainSubject('cb.v2.headers.credit')).toBeUndefined();
    expect(parseChainSubject('cb.v1.nope.credit')).toBeUndefined();
    expect(parseChainSubject('cb.v1.headers.Credit')).toBeUndefined();
  });
});
