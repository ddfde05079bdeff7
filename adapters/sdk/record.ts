/** The SDK's record helpers are the ledger's (src/chain/ledger/record.ts): partners import them from here. */
export * from '../../src/chain/ledger/record.js';
