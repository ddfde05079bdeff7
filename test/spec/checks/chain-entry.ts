/**
 * docs/spec/registry.md "Chain entry vectors": the product's chain-entry validation on the entry
 * a case's fields describe (threshold 0 with no attesters: no attestations asked for; no schema:
 * null; `evmContract` only when given). A valid entry must also be written by the product's
 * encoder as the case's bytes, and its JSON form must parse to the same bytes.
 */
import { ByteWriter, fromHex, toHex } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import {
  type ChainEntry,
  type ChainSchema,
  chainEntryFromJson,
  validateChainEntry,
  writeChainEntry,
} from '../../../src/identity/chain-entry.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

interface Fields {
  chainId: string;
  kind: string;
  displayName: string;
  hashSuite: string;
  signatureSuite: string;
  anchor: { height: number; headerHash: string; validatorsHash: string };
  servers: string[];
  attestation: { threshold: number; attesters: string[] };
  evmContract?: string;
  schema: ChainSchema | null;
}

function entryOf(f: Fields): ChainEntry {
  const t = f.attestation;
  return {
    chainId: f.chainId,
    kind: f.kind as ChainEntry['kind'],
    displayName: f.displayName,
    hashSuite: f.hashSuite as ChainEntry['hashSuite'],
    signatureSuite: f.signatureSuite as ChainEntry['signatureSuite'],
    anchor: { height: f.anchor.height, headerHash: fromHex(f.anchor.headerHash), validatorsHash: fromHex(f.anchor.validatorsHash) },
    servers: f.servers,
    ...(t.threshold === 0 && t.attesters.length === 0 ? {} : { attestation: { threshold: t.threshold, attesters: t.attesters } }),
    ...(f.evmContract === undefined ? {} : { evmContract: fromHex(f.evmContract) }),
    ...(f.schema === null ? {} : { schema: f.schema }),
  };
}

const encoded = (e: ChainEntry): string => toHex(writeChainEntry(new ByteWriter(), e).finish());

export function check(_file: VectorFile, c: VectorCase | InvalidCase): string {
  try {
    const e = validateChainEntry(entryOf(c.fields as Fields));
    if ('bytes' in c) {
      if (encoded(e) !== c.bytes) return 'the entry does not have the case bytes';
      if (encoded(chainEntryFromJson(c.json)) !== c.bytes) return 'the JSON form does not have the case bytes';
    }
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}
