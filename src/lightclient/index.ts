/** Public surface of the light client (STYLE.md: an explicit export list, nats.js `mod.ts`). */
export { LightClient, type InitOptions, type UpdateOptions, type UpdateOutcome, type VerifiedStateRoot, type QueryHeight } from './light-client.js';
export { DEFAULT_MIN_BLOCK_INTERVAL_MS, HEIGHT_SLACK_BLOCKS, maxHeightGap, clientStatus, trustTimeLeft, type ClientState, type ClientStatus, type FrozenEvidence, type OperatorDecision } from './client-state.js';
export { consensusStateOf, lightBlockOf, type ConsensusState } from './consensus-state.js';
export { verifyHeader, checkForMisbehaviour, verifyUpdate, assertNotFrozen, type TrustedView, type UpdateEvidence, type UpdateVerdict } from './verify-update.js';
export { verifyMisbehaviour, type MisbehaviourVerdict } from './misbehaviour-handle.js';
export { clientFrozenError, type LightClientRejection } from './errors.js';
export { storeConflict, type TrustedStore, type Versioned } from './store.js';
export { MemoryTrustedStore } from './memory-store.js';
export { encodeClientState, decodeClientState, encodeConsensusState, decodeConsensusState } from './state-codec.js';
export { crossCheck, type CrossCheckVerdict, type HeldReason, type Witness, type WitnessAnswer } from './witness.js';
