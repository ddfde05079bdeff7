/**
 * ChainService/UnfreezeChain (chain.proto): an operator order approved by a quorum of alliance
 * admins resolves a light client frozen after misbehaviour (DESIGN.md "Header proofs": "freezes
 * that chain's client until an operator resolves it") by installing the header the admins chose.
 *
 * Order of checks (cheap and local first, shared writes last, so a refusal costs no write):
 *   1. the order and its quorum        INVALID_ARGUMENT `order_malformed`, `operation_mismatch`;
 *                                      FAILED_PRECONDITION `stale_order`; PERMISSION_DENIED `approval_quorum_not_met`
 *   2. the chain                       NOT_FOUND `unknown_chain`; FAILED_PRECONDITION `chain_not_frozen`
 *   3. the chosen header (stateless)   INVALID_ARGUMENT `trusted_header_mismatch` (hash is not
 *                                      `order.trusted_header_hash`, or another chain), `invalid_trusted_header`
 *                                      (validateBasic, validator set hash, commit of more than 2/3 of its set)
 *   4. the nonce, once                 ALREADY_EXISTS `order_replayed`
 *   5. resolve: the chosen header becomes the latest trusted one. When it is already trusted at its
 *      height, trusted headers above it are forgotten (`rollback`, LightClient.unfreeze); otherwise
 *      the client rolls back to the highest trusted height below it and the header is installed
 *      as a new consensus state (the admins' quorum re-anchors trust, as a new trust anchor does).
 *   6. a breaker opened for that misbehaviour is closed, and both steps go to the audit log.
 * The state lives in the shared trusted-store KV, so every replica's KV watch sees the unfreeze.
 */
import type { KV } from 'nats';

import { KvTrustedStore } from '../../bus/trusted-store-kv.js';
import { verifyCommit } from '../../chain/commit.js';
import { headerHash, validateBasic } from '../../chain/header.js';
import type { LightBlock } from '../../chain/signed-header.js';
import { validatorSetHash } from '../../chain/validator-set.js';
import type { HashSuite } from '../../crypto/hash-suite.js';
import { equalBytes, toHex } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import type { ChainStatus } from '../../generated/courtbridge/v1/ChainStatus.js';
import type { UnfreezeChainRequest__Output } from '../../generated/courtbridge/v1/UnfreezeChainRequest.js';
import { consensusStateOf } from '../../lightclient/consensus-state.js';
import { hashSuiteOf, type OperatorDecision } from '../../lightclient/client-state.js';
import { LightClient } from '../../lightclient/light-client.js';
import type { Logger } from '../../log.js';
import { signedHeaderFromWire, validatorSetFromWire } from '../../verify/bundle-convert.js';
import type { Breakers } from '../breaker.js';
import type { LightClientManager } from '../light-clients/manager.js';
import { chainStatusOf, type ChainsServiceOptions } from './chains.js';

export interface UnfreezeChainOptions {
  breakers: Breakers;
  manager: LightClientManager;
  /** The trusted-store bucket the manager uses (`Buckets.trusted`). */
  trustedKv: KV;
  /** How ChainStatus is composed (replicas, breaker view), as GetChainStatus does. */
  status: Omit<ChainsServiceOptions, 'manager'>;
  now: () => number;
  logger: Logger;
  /** How long to wait for this replica's KV watch to show the unfreeze, ms; 2,000 unless told. */
  settleMs?: number;
}

/** What the unfreeze did, with its evidence (STYLE.md 5). */
export interface UnfreezeOutcome {
  readonly chainId: string;
  readonly action: 'rollback' | 'install';
  readonly height: number;
  readonly headerHash: Uint8Array;
  readonly approvedBy: readonly string[];
}

const invalidHeader = (message: string, cause?: unknown): CourtbridgeError =>
  new CourtbridgeError(
    ErrorCode.InvalidArgument,
    'invalid_trusted_header',
    message,
    cause === undefined ? {} : { cause, details: isCourtbridgeError(cause) ? { headerReason: cause.reason } : {} },
  );

/**
 * Check the admin-chosen light block against the order (steps 3 above), hashing under `suite`,
 * the frozen client's (its chain entry's). Pure.
 * @throws INVALID_ARGUMENT `trusted_header_mismatch` | `invalid_trusted_header`
 */
export function checkChosenHeader(
  req: UnfreezeChainRequest__Output,
  chainId: string,
  expectedHash: Uint8Array,
  suite: HashSuite = 'sha256',
): LightBlock {
  let lb: LightBlock;
  try {
    lb = {
      signedHeader: signedHeaderFromWire(req.trustedHeader, 'trusted_header'),
      validatorSet: validatorSetFromWire(req.validatorSet, 'validator_set'),
    };
  } catch (e) {
    throw invalidHeader(`trusted_header / validator_set: ${(e as Error).message}`, e);
  }
  const h = lb.signedHeader.header;
  if (expectedHash.length !== 32)
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'order_malformed', 'order.trusted_header_hash: expected 32 bytes');
  const hash = headerHash(h, suite);
  if (!equalBytes(hash, expectedHash)) {
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'trusted_header_mismatch',
      `trusted_header hashes to ${toHex(hash)}, not to the approved order.trusted_header_hash ${toHex(expectedHash)}`,
    );
  }
  if (h.chainId !== chainId)
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'trusted_header_mismatch',
      `trusted_header is of chain ${h.chainId}, the order names ${chainId}`,
    );
  try {
    validateBasic(h);
  } catch (e) {
    throw invalidHeader(`trusted_header: ${(e as Error).message}`, e);
  }
  if (!equalBytes(validatorSetHash(lb.validatorSet, suite), h.validatorsHash))
    throw invalidHeader('validator_set: does not hash to trusted_header.validators_hash');
  try {
    verifyCommit(h, lb.signedHeader.commit, lb.validatorSet, { hashSuite: suite });
  } catch (e) {
    throw invalidHeader(`trusted_header.commit: ${(e as Error).message}`, e);
  }
  return lb;
}

/** ChainService/UnfreezeChain. */
export async function unfreezeChain(
  o: UnfreezeChainOptions,
  req: UnfreezeChainRequest__Output,
): Promise<{ status: ChainStatus; outcome: UnfreezeOutcome }> {
  // 1. the order and its quorum
  const { order, evidence } = o.breakers.verifyOrder(req, 'OPERATOR_OPERATION_UNFREEZE_CHAIN');
  const chainId = order.chainId;
  // 2. the chain, frozen
  o.manager.config(chainId);
  const store = new KvTrustedStore(o.trustedKv);
  const current = await store.getClientState(chainId);
  if (current === undefined || current.value.status !== 'frozen') {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'chain_not_frozen',
      `the light client of ${chainId} is not frozen; nothing to unfreeze (ChainService/GetChainStatus shows its status)`,
    );
  }
  // 3. the chosen header, under the suite the client was made with (from the chain's entry)
  const suite = hashSuiteOf(current.value);
  const lb = checkChosenHeader(req, chainId, new Uint8Array(order.trustedHeaderHash), suite);
  const height = lb.signedHeader.header.height;
  const hash = headerHash(lb.signedHeader.header, suite);
  // 4. once
  await o.breakers.claimOrder(order);
  // 5. resolve
  const operator = evidence.approvedBy.join(',');
  const decidedAtMs = o.now();
  const client = new LightClient(chainId, store);
  const trustedAt = await store.getConsensusState(chainId, height);
  let action: UnfreezeOutcome['action'];
  const decision = (toHeight: number): OperatorDecision => ({
    operator: evidence.approvedBy[0]!,
    reason: `${order.reason || 'operator order'} (approved by ${operator})`,
    decidedAtMs,
    action: { kind: 'rollback', toHeight },
  });
  if (trustedAt !== undefined && equalBytes(trustedAt.headerHash, hash)) {
    action = 'rollback';
    await client.unfreeze(decision(height));
  } else {
    action = 'install';
    const below = (await store.heights(chainId)).filter((x) => x < height);
    const base = below[below.length - 1];
    if (base === undefined)
      throw invalidHeader(
        `trusted_header: height ${height} is below every trusted height of ${chainId}; choose a header above ${current.value.latestHeight > 0 ? 'the first trusted one' : 'zero'}`,
      );
    await client.unfreeze(decision(base));
    await store.putConsensusState(chainId, consensusStateOf(lb, undefined, suite));
    // Compare-and-set on the state the unfreeze just wrote: a concurrent writer makes this fail loudly.
    const after = await store.getClientState(chainId);
    if (after === undefined)
      throw new CourtbridgeError(ErrorCode.Internal, 'corrupt_trusted_store', `client state of ${chainId} vanished during unfreeze`);
    await store.putClientState({ ...after.value, latestHeight: Math.max(after.value.latestHeight, height) }, after.revision);
  }
  o.logger.warn({ chain: chainId, action, height, approvedBy: evidence.approvedBy }, 'light client unfrozen by operator order');
  await o.breakers.audit(
    'client_unfrozen',
    operator,
    `chain ${chainId}: ${action} at ${height} (${toHex(hash)}) by ${evidence.approvedBy.length} admins: ${order.reason}`,
  );
  // 6. the breaker the freeze opened
  const b = await o.breakers.get(chainId);
  if (b.state === 'open' && b.cause === 'misbehaviour')
    await o.breakers.close(chainId, operator, `misbehaviour resolved by UnfreezeChain: ${order.reason}`);
  // This replica's view follows the trusted-store KV watch; wait for it so the answer is the new status.
  const until = o.now() + (o.settleMs ?? 2_000);
  while (o.manager.view(chainId).status === 'frozen' && o.now() < until) await new Promise((r) => setTimeout(r, 25));
  return {
    status: chainStatusOf({ ...o.status, manager: o.manager }, chainId) as ChainStatus,
    outcome: { chainId, action, height, headerHash: hash, approvedBy: evidence.approvedBy },
  };
}
