/**
 * Which role a message type needs (DESIGN.md "Transport": receivers drop what is out of role).
 * Default deny: a type missing from the policy is dropped as `unknown_type`.
 */
import type { Role } from '../identity/authority.js';

/**
 * `chain`: the sender must hold the role for the chain the subject names (an adapter for
 * `credit` may announce `credit` headers only). `alliance`: the role alone suffices.
 */
export type RoleScope = 'chain' | 'alliance';

export interface TypeRule {
  readonly role: Role;
  readonly scope: RoleScope;
}

export type EnvelopePolicy = Readonly<Record<string, TypeRule>>;

/** The message types courtbridge sends over the bus and who may send them. */
export const DEFAULT_ENVELOPE_POLICY: EnvelopePolicy = Object.freeze({
  /** A chain's new signed header, relayed by that chain's adapter. */
  'header.announce': { role: 'adapter', scope: 'chain' },
  /** A chain's light block as one adapter party sees it (witness cross-check, signed reply). */
  'witness.lightblock': { role: 'adapter', scope: 'chain' },
  /** An adapter announcing it serves a chain. */
  'adapter.announce': { role: 'adapter', scope: 'chain' },
  /** A court's order, forwarded by the gateway after its own checks. */
  'action.request': { role: 'gateway', scope: 'alliance' },
  /** The outcome of an action, from the adapter of the chain that executed it. */
  'action.result': { role: 'adapter', scope: 'chain' },
  /** A chain's adapter: a record newly filed for a hashed owner under its asset index (a hint, asset-report.ts). */
  'asset.report': { role: 'adapter', scope: 'chain' },
  /** A registry transaction (rotation, revocation, membership): admins only. */
  'registry.update': { role: 'admin', scope: 'alliance' },
  /** An audit-log entry (breaker trips and resets, ...), from the gateway that caused it. */
  'audit.entry': { role: 'gateway', scope: 'alliance' },
});
