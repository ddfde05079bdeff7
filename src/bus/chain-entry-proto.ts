/**
 * Proto `ChainEntry` (proto/courtbridge/v1/alliance.proto) <-> the registry's `ChainEntry`
 * (src/identity/chain-entry.ts). The registry form is the one approvals sign; the proto form is
 * how it travels (registry updates, AllianceService). Parsing validates every rule of an entry,
 * so a malformed entry is refused INVALID_ARGUMENT: `invalid_chain_entry` naming the field,
 * `notaries_required` or `evm_contract_required`.
 */
import type { SignatureSuite } from '../crypto/signature-suite.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import { validateChainEntry, type ChainEntry, type ChainKind } from '../identity/chain-entry.js';
import type { MessageInput, MessageOutput } from '../wire/messages.js';

/** The registry entry a proto ChainEntry stands for. @throws INVALID_ARGUMENT `invalid_chain_entry` */
export function chainEntryFromProto(c: MessageOutput<'ChainEntry'>, at = 'chain'): ChainEntry {
  const a = c.anchor;
  const t = c.attestation;
  return validateChainEntry(
    {
      chainId: c.chainId,
      kind: c.kind as ChainKind,
      displayName: c.displayName,
      // Empty means the default suites (SHA-256, secp256k1), so a client may leave them
      // out; anything else is validated (sha256 | sm3), never guessed.
      hashSuite: (c.hashSuite === '' ? 'sha256' : c.hashSuite) as HashSuite,
      signatureSuite: (c.signatureSuite === '' ? 'secp256k1' : c.signatureSuite) as SignatureSuite,
      anchor: {
        height: a?.height ?? 0,
        headerHash: new Uint8Array(a?.headerHash ?? []),
        validatorsHash: new Uint8Array(a?.validatorsHash ?? []),
      },
      servers: [...c.servers],
      ...(t === null || (t.threshold === 0 && t.attesters.length === 0)
        ? {}
        : { attestation: { threshold: t.threshold, attesters: [...t.attesters] } }),
      // Absent from entries made before evm chains existed.
      ...((c.evmContract?.length ?? 0) === 0 ? {} : { evmContract: new Uint8Array(c.evmContract) }),
      // Absent from entries made before schemas existed (null, or undefined where no defaults were filled in).
      ...(c.schema === null || c.schema === undefined
        ? {}
        : {
            schema: {
              recordTypes: c.schema.recordTypes.map((r) => ({ name: r.name, keyPrefix: r.keyPrefix, indexes: [...r.indexes] })),
              actions: c.schema.actions.map((a) => ({ kind: a.kind, targetRecordType: a.targetRecordType })),
            },
          }),
    },
    at,
  );
}

/** The proto form of a registry entry. */
export function chainEntryToProto(e: ChainEntry): MessageInput<'ChainEntry'> {
  return {
    chainId: e.chainId,
    kind: e.kind,
    displayName: e.displayName,
    hashSuite: e.hashSuite,
    signatureSuite: e.signatureSuite,
    anchor: { height: e.anchor.height, headerHash: e.anchor.headerHash, validatorsHash: e.anchor.validatorsHash },
    servers: [...e.servers],
    ...(e.attestation === undefined
      ? {}
      : { attestation: { threshold: e.attestation.threshold, attesters: [...e.attestation.attesters] } }),
    ...(e.evmContract === undefined ? {} : { evmContract: e.evmContract }),
    ...(e.schema === undefined ? {} : { schema: e.schema }),
  };
}
