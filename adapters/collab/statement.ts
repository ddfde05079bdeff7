/**
 * An organ's signed statement on the collab chain, and how anyone re-checks it later.
 *
 * Signed bytes (pinned by test/vectors/spec/collab-statement.json, specified in docs/spec/collab-statement.md):
 *   `signingInput("courtbridge/v1/collab-statement", encodeCanonical(statement))`
 * i.e. `utf8(tag) || 0x00 || sha256(canonical JSON of the statement)`, signed with the key `kid`
 * of the statement's `signer` (ECDSA secp256k1, low-S, compact 64 bytes, base64url).
 *
 * The statement travels whole into the record it makes (`transfer/<id>.sent`, `.answer`,
 * `evidence/<sha>.shared`, `access/<sha>/<seq>.signed`), so a verifier holding a proven record and
 * the alliance registry checks it with `checkStatementSignature`: the key `kid` that the signer held
 * at the statement's `atMs` (a key rotated later still verifies what it signed before; a DID revoked
 * before `atMs` does not). Pure: the Authority is given, no clock.
 */
import { sha256, signingInput, SignTag, type SigningInput } from '../../src/crypto/hash.js';
import { verify } from '../../src/crypto/signature-suite.js';
import { encodeCanonical, type CanonicalObject } from '../../src/encoding/canonical-json.js';
import { fromBase64url, toBase64url, toHex } from '../../src/encoding/bytes.js';
import type { Authority, AuthorityRejection } from '../../src/identity/authority.js';
import type { Signer } from '../../src/identity/signer.js';
import { Fields } from '../sdk/record.js';
import { readSignedStatement, type SignedStatement, type Statement } from './schema.js';

/** The exact bytes a statement's signature covers (before domain separation). */
export const statementBytes = (s: Statement): Uint8Array => encodeCanonical(s, 'statement');

/** What the signer's key signs. */
export const statementSigningInput = (s: Statement): SigningInput => signingInput(SignTag.CollabStatement, statementBytes(s));

/** The statement's id (hex SHA-256 of its bytes): the tx id, so the same statement applies once. */
export const statementId = (s: Statement): string => toHex(sha256(statementBytes(s)));

/** Sign `statement` as `signer` (its DID must be the statement's signer). */
export function signStatement(signer: Signer, statement: Statement): SignedStatement {
  if (signer.did !== statement.signer) throw new TypeError(`statement.signer ${statement.signer} is not the signer ${signer.did}`);
  return { statement, kid: signer.kid, signature: toBase64url(signer.sign(statementSigningInput(statement))) };
}

/** A signed statement as canonical JSON (a tx body, a record field). */
export const signedStatementObject = (s: SignedStatement): CanonicalObject => s as unknown as CanonicalObject;

/** Read a signed statement from a canonical object (a tx body or a record field); throws `invalid_record`. */
export function readSignedStatementFrom(value: CanonicalObject, path: string): SignedStatement {
  const f = new Fields(value, path);
  const s = readSignedStatement(f);
  f.done();
  return s;
}

export type StatementVerdict =
  | { ok: true; did: string; kid: string; publicKey: Uint8Array; keyValidAtMs: number }
  | { ok: false; reason: 'signer_mismatch' | 'statement_signature_invalid' | AuthorityRejection; message: string };

/**
 * Did the statement's signer sign it with the key it held at `statement.atMs`? Answers from the
 * registry (`authority`) alone: what the intake asks before it submits, and what a verifier asks of
 * a proven record later.
 */
export function checkStatementSignature(signed: SignedStatement, authority: Authority): StatementVerdict {
  const { statement: s, kid } = signed;
  if (!kid.startsWith(`${s.signer}#`))
    return { ok: false, reason: 'signer_mismatch', message: `key ${kid} is not a key of the signer ${s.signer}` };
  const key = authority.keyAt(s.signer, kid, s.atMs);
  if (!key.ok) return { ok: false, reason: key.reason, message: `${s.type} statement of ${s.signer}: ${key.message}` };
  let sig: Uint8Array;
  try {
    sig = fromBase64url(signed.signature, 'signature');
  } catch {
    return { ok: false, reason: 'statement_signature_invalid', message: 'signature is not base64url' };
  }
  if (sig.length !== 64 || !verify(sig, statementSigningInput(s), key.publicKey))
    return {
      ok: false,
      reason: 'statement_signature_invalid',
      message: `${s.type} statement's signature does not verify under ${kid} as held at ${new Date(s.atMs).toISOString()}`,
    };
  return { ok: true, did: s.signer, kid, publicKey: key.publicKey, keyValidAtMs: s.atMs };
}
