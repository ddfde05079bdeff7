/** The SDK's record layouts are the verify core's (src/verify/record-layout.ts): partners import them from here. */
export * from '../../src/verify/record-layout.js';
