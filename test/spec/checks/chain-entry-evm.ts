/** docs/spec/registry.md "Chain entry vectors": evm entries, checked as every entry is. */
export { check } from './chain-entry.js';
