/**
 * mount(): modules' handlers merged into one sealed set; a method served by two modules, or two
 * modules of one name, refused (after ibc-go's port router: a second route is an error).
 */
import { describe, expect, it } from 'vitest';

import { CourtbridgeError } from '../../../src/errors.js';
import { mount, stopModules, type GatewayModule } from '../../../src/relay/host/mount.js';

const noop = (): void => undefined;
const mod = (name: string, handlers: GatewayModule['handlers'], stop: () => Promise<void> = async () => undefined): GatewayModule => ({
  name,
  handlers,
  stop,
});

describe('mount', () => {
  it('merges the methods of one service served by several modules', () => {
    const h = mount([
      mod('chains', { ChainService: { TripBreaker: noop, ResetBreaker: noop } }),
      mod('query', { ChainService: { ListChains: noop }, QueryService: { Query: noop, QueryBatch: noop } }),
    ]);
    expect(Object.keys(h.ChainService ?? {}).sort()).toEqual(['ListChains', 'ResetBreaker', 'TripBreaker']);
    expect(Object.keys(h.QueryService ?? {}).sort()).toEqual(['Query', 'QueryBatch']);
    expect(h.MediationService).toBeUndefined();
  });

  it('refuses a method served by two modules, naming both and the method', () => {
    const act = (): unknown =>
      mount([mod('chains', { ChainService: { ListChains: noop } }), mod('catalogue', { ChainService: { ListChains: noop } })]);
    expect(act).toThrow(CourtbridgeError);
    expect(act).toThrow(expect.objectContaining({ code: 'FAILED_PRECONDITION', reason: 'duplicate_route' }));
    expect(act).toThrow(/chains.*catalogue.*ChainService\/ListChains/);
  });

  it('refuses two modules of one name', () => {
    expect(() => mount([mod('query', {}), mod('query', {})])).toThrow(expect.objectContaining({ reason: 'duplicate_module' }));
  });

  it('seals what it returns', () => {
    const h = mount([mod('query', { QueryService: { Query: noop } })]);
    expect(Object.isFrozen(h)).toBe(true);
    expect(Object.isFrozen(h.QueryService)).toBe(true);
    expect(() => {
      (h as Record<string, unknown>)['MediationService'] = {};
    }).toThrow(TypeError);
  });

  it('stops modules in reverse order, every one even when one fails', async () => {
    const order: string[] = [];
    const failures = await stopModules([
      mod('a', {}, async () => void order.push('a')),
      mod('b', {}, async () => {
        order.push('b');
        throw new Error('b failed');
      }),
      mod('c', {}, async () => void order.push('c')),
    ]);
    expect(order).toEqual(['c', 'b', 'a']);
    expect(failures).toHaveLength(1);
  });
});
