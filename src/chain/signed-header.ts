/**
 * A header with the commit that makes it count, and a light block: a signed header with the
 * validator set that signed it (what a light client is handed to verify).
 */
import { ByteReader, ByteWriter, assertBytes } from '../encoding/bytes.js';
import { headerBytes, readHeader, type Header } from './header.js';
import { readCommit, writeCommit, type Commit } from './commit.js';
import { encodeValidatorSet, readValidatorSet, type ValidatorSet } from './validator-set.js';

export interface SignedHeader {
  header: Header;
  commit: Commit;
}

/** A signed header and the validator set whose hash is `header.validatorsHash`. */
export interface LightBlock {
  signedHeader: SignedHeader;
  validatorSet: ValidatorSet;
}

/** Encoding: header (header.ts layout), then commit (commit.ts layout). */
export function encodeSignedHeader(sh: SignedHeader): Uint8Array {
  return writeSignedHeader(new ByteWriter(), sh).finish();
}

export function writeSignedHeader(w: ByteWriter, sh: SignedHeader): ByteWriter {
  w.bytes(headerBytes(sh.header));
  return writeCommit(w, sh.commit);
}

export function readSignedHeader(r: ByteReader): SignedHeader {
  const hb = r.bytes('signedHeader.header');
  const hr = new ByteReader(hb);
  const header = readHeader(hr, true);
  return { header, commit: readCommit(r) };
}

export function decodeSignedHeader(bytes: Uint8Array): SignedHeader {
  assertBytes(bytes, undefined, 'signed header bytes');
  const r = new ByteReader(bytes);
  const sh = readSignedHeader(r);
  r.end('signed header');
  return sh;
}

/** Encoding: signed header, then the validator set (validator-set.ts layout). */
export function encodeLightBlock(b: LightBlock): Uint8Array {
  return writeLightBlock(new ByteWriter(), b).finish();
}

export function writeLightBlock(w: ByteWriter, b: LightBlock): ByteWriter {
  writeSignedHeader(w, b.signedHeader);
  return w.bytes(encodeValidatorSet(b.validatorSet));
}

export function readLightBlock(r: ByteReader): LightBlock {
  const signedHeader = readSignedHeader(r);
  const vr = new ByteReader(r.bytes('lightBlock.validatorSet'));
  const validatorSet = readValidatorSet(vr);
  vr.end('lightBlock.validatorSet');
  return { signedHeader, validatorSet };
}

export function decodeLightBlock(bytes: Uint8Array): LightBlock {
  assertBytes(bytes, undefined, 'light block bytes');
  const r = new ByteReader(bytes);
  const b = readLightBlock(r);
  r.end('light block');
  return b;
}
