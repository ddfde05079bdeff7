/**
 * Reasons of the EVM partner-chain side (adapters/evm): its JSON-RPC client and the BankLedger
 * contract's calls, and the chain's notary (follower, journal). `SdkReason` (adapters/sdk/reasons.ts) includes this union.
 * A new reason: add it here, then throw it.
 */
export type EvmAdapterReason =
  /** The node could not be reached (connection refused, reset, DNS) or did not answer in time. */
  | 'evm_rpc_unavailable'
  /** The node answered with an HTTP status other than 200. */
  | 'evm_rpc_http_error'
  /** The node's answer is not a JSON-RPC 2.0 response to the request, or its result is not of the expected shape. */
  | 'evm_rpc_malformed'
  /** The node refused the call with a JSON-RPC error that is not a revert (unknown method, bad params, ...). */
  | 'evm_rpc_error'
  /** The transaction or call was executed and reverted (the contract refused it). */
  | 'evm_execution_reverted'
  /** A transaction was mined with status 0, or no receipt could be found for it. */
  | 'evm_tx_failed'
  /** A verified proof does not cover what is asked of it: another address, no contract there, or a slot it does not prove. */
  | 'evm_proof_incomplete'
  /** An argument the client encodes (an account or order id, an amount) is out of its ABI type's range. */
  | 'evm_invalid_argument'
  /** A notary was offered another block at a (chain, height) where it signed one: the chain reorganised deeper than its depth. */
  | 'notary_refuses_conflicting_block'
  /** A notary's journal of what it signed cannot be read (a damaged or cut-short line); it is never emptied. */
  | 'notary_journal_corrupt'
  /** The adapter's Ethereum key file does not hold a secp256k1 private key. */
  | 'evm_key_invalid'
  /** An action's transaction did not reach its finality depth in time (not mined, or reorganised out again and again). */
  | 'evm_not_final'
  /** The node served a block or proof the backend could not verify, so it serves nothing (a reorganisation in between, or a node misbehaving). */
  | 'evm_unprovable_answer'
  /** The contract refused the adapter's transaction for a reason that is not the state's (not an operator, an unknown refusal). */
  | 'evm_adapter_refused';
