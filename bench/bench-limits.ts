/**
 * The limits the bench's verified gateways run with: the gateway's defaults
 * (config/gateway-config.ts), except the per-caller rate, sized as a deployment sizes it for
 * its load. The default (1,000 calls/s per caller) suits a court's real traffic; the bench's
 * single court drives several thousand calls/s at 64 in flight, which the default would shed
 * as `caller_rate_limited`. A deployment expecting that load sets
 * `limits.callsPerCaller` in the gateway config the same way.
 */
import { DEFAULT_GATEWAY_CONFIG, type LimitsConfig } from '../src/config/gateway-config.js';

export const BENCH_LIMITS: LimitsConfig = {
  ...DEFAULT_GATEWAY_CONFIG.limits,
  callsPerCaller: { limit: 50_000, windowMs: 1_000 },
};
