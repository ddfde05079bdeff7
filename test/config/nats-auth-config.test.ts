/** `natsAuth` of the gateway's and the workflow service's configs: file, environment, refusals naming the field. */
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { loadWorkflowsConfig } from '../../src/config/workflows-config.js';

const HASH = 'ab'.repeat(32);
const WF = {
  courtKeyFile: 'court.key',
  ledgerKeyFile: 'gateway.key',
  gatewayAddress: '127.0.0.1:50051',
  gatewayDid: 'did:alliance:gateway',
  genesisFile: 'genesis.json',
  genesisHash: HASH,
};

describe('natsAuth in the service configs', () => {
  it('is absent (an open bus) unless given', () => {
    expect(loadGatewayConfig({ overrides: { genesisHash: HASH } }).natsAuth).toBeUndefined();
    expect(loadWorkflowsConfig({ overrides: WF }).natsAuth).toBeUndefined();
  });

  it('the gateway takes it from the file object or COURTBRIDGE_NATS_NKEY_FILE / COURTBRIDGE_NATS_CA_FILE', () => {
    const fromEnv = loadGatewayConfig({
      env: { COURTBRIDGE_NATS_NKEY_FILE: '/etc/cb/gateway-g1.nk', COURTBRIDGE_NATS_CA_FILE: '/etc/cb/ca.pem' },
      overrides: { genesisHash: HASH },
    });
    expect(fromEnv.natsAuth).toEqual({ nkeySeedFile: '/etc/cb/gateway-g1.nk', caFile: '/etc/cb/ca.pem' });
    const given = loadGatewayConfig({ overrides: { genesisHash: HASH, natsAuth: { nkeySeedFile: 'g.nk' } } });
    expect(given.natsAuth).toEqual({ nkeySeedFile: 'g.nk' });
  });

  it('the workflow service takes it from COURTBRIDGE_WF_NATS_NKEY_FILE', () => {
    const c = loadWorkflowsConfig({ env: { COURTBRIDGE_WF_NATS_NKEY_FILE: '/etc/cb/workflows.nk' }, overrides: WF });
    expect(c.natsAuth).toEqual({ nkeySeedFile: '/etc/cb/workflows.nk' });
  });

  it('refuses an unknown field or a non-string, naming it', () => {
    expect(() => loadGatewayConfig({ overrides: { genesisHash: HASH, natsAuth: { seed: 'x' } as never } })).toThrow(/natsAuth\.seed/);
    expect(() => loadWorkflowsConfig({ overrides: { ...WF, natsAuth: { caFile: 3 } } })).toThrow(/natsAuth\.caFile/);
  });
});
