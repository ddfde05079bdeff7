/**
 * The limits the bench's verified gateways run with: the gateway's defaults
 * (config/gateway-config.ts), except the per-caller rate and concurrency, sized as a deployment
 * sizes them for its load. The defaults (1,000 calls/s and 64 in flight per caller) suit a
 * court's real traffic; the bench's single court drives several thousand calls/s at 64 in
 * flight, and the payload recording's bursts or a client's warm-up can overlap a measured run,
 * which the defaults would shed as `caller_rate_limited` / `caller_concurrency_exceeded`. A
 * deployment expecting that load sets `limits.callsPerCaller` and
 * `limits.maxConcurrentPerCaller` in the gateway config the same way.
 */
import { DEFAULT_GATEWAY_CONFIG, type LimitsConfig } from '../src/config/gateway-config.js';

export const BENCH_LIMITS: LimitsConfig = {
  ...DEFAULT_GATEWAY_CONFIG.limits,
  callsPerCaller: { limit: 50_000, windowMs: 1_000 },
  maxConcurrentPerCaller: 256,
};
