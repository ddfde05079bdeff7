/** A notary's signature (src/verify/notary.ts) to and from its wire form (types.proto `NotarySignature`), for every chain kind with notaries. */
import type { MessageInput, MessageOutput } from '../wire/messages.js';
import type { NotarySignature } from './notary.js';

export function notarySignatureToWire(s: NotarySignature): MessageInput<'NotarySignature'> {
  return { notaryDid: s.notaryDid, kid: s.kid, signature: s.signature };
}

export function notarySignatureFromWire(s: MessageOutput<'NotarySignature'>): NotarySignature {
  return { notaryDid: s.notaryDid, kid: s.kid, signature: new Uint8Array(s.signature) };
}
