/**
 * The bytes between an officer device and a mobile chain's intake (adapters/mobile/intake-server.ts):
 * request = the signed record as canonical JSON (`{type:'onsite', schema:1, ...SignedOnsite}`);
 * reply = an intake receipt (src/bus/intake-reply.ts); a refusal is an error reply
 * (src/bus/request.ts) carrying the contract's reason.
 */
import { encodeCanonical } from '../encoding/canonical-json.js';
import { signedOnsiteBody, type SignedOnsite } from './onsite-record.js';

/** Largest accepted record (50 media hashes and a long address fit in a few KB). */
export const MAX_INTAKE_BYTES = 16 * 1024;

/** The request bytes of a signed record (what the device sends). */
export const intakeRequestOf = (r: SignedOnsite): Uint8Array => encodeCanonical(signedOnsiteBody(r), 'onsite');
