/**
 * A bundle's receipt JWT taken apart, edited and signed again with a real key: how the receipt
 * tests build a forgery that differs from the honest receipt in one claim or header field only.
 */
import { fromBase64url, fromUtf8, toBase64url, utf8 } from '../../src/encoding/bytes.js';
import type { Signer } from '../../src/identity/signer.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput } from '../../src/wire/messages.js';
import type { WireBundle } from './bundle-maker.js';

/** A JWT segment's JSON. */
export const decodeSegment = (s: string): Record<string, unknown> => JSON.parse(fromUtf8(fromBase64url(s))) as Record<string, unknown>;

const segment = (o: unknown): string => toBase64url(utf8(JSON.stringify(o)));

/** `b` with its receipt JWT's header and payload changed by `edit`, signed by `signer`, through the wire codec. */
export function resignedReceipt(
  b: WireBundle,
  signer: Signer,
  edit: (header: Record<string, unknown>, payload: Record<string, unknown>) => void,
): WireBundle {
  const [h, p] = (b.receipt!.jwt as string).split('.');
  const header = decodeSegment(h!);
  const payload = decodeSegment(p!);
  edit(header, payload);
  const input = `${segment(header)}.${segment(payload)}`;
  const receipt = { jwt: `${input}.${toBase64url(signer.sign(utf8(input)))}` };
  return decodeMessage('ProofBundle', encodeMessage('ProofBundle', { ...(b as MessageInput<'ProofBundle'>), receipt }));
}
