import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log.js';
import { courtbridgeMetrics, createRegistry } from '../../src/metrics.js';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(c, _e, cb) {
      chunks.push(String(c));
      cb();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('log', () => {
  it('writes JSON with the component and redacts secrets', () => {
    const c = capture();
    const log = createLogger({ component: 'bus', level: 'info', destination: c.stream });
    log.info({ privateKey: 'deadbeef', nested: { token: 'jwt' }, sender: 'did:alliance:a' }, 'hello');
    log.debug('not written at info');
    const [line, ...rest] = c.lines();
    expect(rest).toHaveLength(0);
    expect(line).toMatchObject({
      component: 'bus',
      msg: 'hello',
      sender: 'did:alliance:a',
      privateKey: '[redacted]',
      nested: { token: '[redacted]' },
    });
    expect(JSON.stringify(line)).not.toContain('deadbeef');
  });

  it('refuses a bad level or component, naming the option', () => {
    expect(() => createLogger({ component: '' })).toThrow(/options\.component/);
    expect(() => createLogger({ component: 'x', level: 'loud' as 'info' })).toThrow(/options\.level/);
  });
});

describe('metrics', () => {
  it('creates the instruments once per registry, nothing global', async () => {
    const r1 = createRegistry();
    const m1 = courtbridgeMetrics(r1);
    expect(courtbridgeMetrics(r1)).toBe(m1);
    const m2 = courtbridgeMetrics(createRegistry());
    m1.envelopeDropped.inc({ reason: 'stale', type: 'header.announce' });
    expect(await r1.getSingleMetricAsString('courtbridge_envelope_dropped_total')).toContain('reason="stale",type="header.announce"} 1');
    expect((await m2.envelopeDropped.get()).values).toHaveLength(0);
  });
});
