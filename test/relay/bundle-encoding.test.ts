/**
 * Query answers with spliced header parts (src/relay/bundle-encoding.ts) are byte for byte what
 * the plain grpc-js serializer writes, and anything the splice does not know goes to the plain one.
 */
import { describe, expect, it } from 'vitest';
import { rememberHeaderParts, serializeQueryResponse } from '../../src/relay/bundle-encoding.js';
import { loadGatewayProto } from '../../src/wire/gateway-proto.js';
import { signedHeaderToWire, validatorSetToWire } from '../../src/verify/bundle-convert.js';
import type { MessageInput } from '../../src/wire/messages.js';
import { ChainFixture, fixtureValidators } from '../helpers/chain-fixture.js';

const query = loadGatewayProto().services.QueryService['Query']!;
const plain = query.responseSerialize as (value: object) => Buffer;
const decode = query.responseDeserialize as (bytes: Buffer) => { bundle: Record<string, unknown> };
const refuse = (): Buffer => {
  throw new Error('the plain serializer was called');
};

function headerParts(validators = 4): { signedHeader: MessageInput<'SignedHeader'>; validatorSet: MessageInput<'ValidatorSet'> } {
  const chain = new ChainFixture('credit', fixtureValidators(validators));
  chain.next();
  const block = chain.next();
  return { signedHeader: signedHeaderToWire(block.signedHeader), validatorSet: validatorSetToWire(block.validatorSet) };
}

const h32 = (n: number): Uint8Array => new Uint8Array(32).fill(n);

function recordBundle(parts: ReturnType<typeof headerParts>): MessageInput<'ProofBundle'> {
  return {
    request: { chainId: 'credit', recordType: 'credit.debtor', key: 'debtor/1', height: { latest: {} } },
    requestId: 'r-1',
    requesterDid: 'did:alliance:court-bj-01',
    record: { chainId: 'credit', key: 'debtor/1', value: new Uint8Array(1024).fill(7), recordType: 'credit.debtor' },
    proof: { kind: 'PROOF_KIND_MEMBER', siblings: [h32(1), h32(2), h32(3)], leafKeyHash: h32(4), leafValueHash: h32(5) },
    ...parts,
    attestations: [],
    receipt: {
      batch: {
        leafIndex: 3,
        leafCount: 8,
        path: [h32(6), h32(7), h32(8)],
        batchRoot: h32(9),
        rootSignature: new Uint8Array(64).fill(10),
        gatewayDid: 'did:alliance:gateway-1',
        kid: 'did:alliance:gateway-1#key-1',
        signedAtMs: 1_796_393_609_683,
      },
    },
    stateHeight: 2,
    stateTimeMs: 1_796_393_608_338,
    trustBasis: 'TRUST_BASIS_HEADER_PROOF',
  };
}

function absenceBundle(parts: ReturnType<typeof headerParts>): MessageInput<'ProofBundle'> {
  return {
    request: { chainId: 'credit', recordType: 'credit.debtor', key: 'debtor/none', height: { at: 2 } },
    requestId: 'r-2',
    requesterDid: 'did:alliance:court-bj-01',
    absence: { chainId: 'credit', key: 'debtor/none', recordType: 'credit.debtor' },
    proof: { kind: 'PROOF_KIND_ABSENT', siblings: [h32(1)] },
    ...parts,
    attestations: [
      { attesterDid: 'did:alliance:agency-1', kid: 'did:alliance:agency-1#key-1', signature: new Uint8Array(64).fill(1) },
      { attesterDid: 'did:alliance:agency-2', kid: 'did:alliance:agency-2#key-1', signature: new Uint8Array(64).fill(2) },
    ],
    receipt: { jwt: 'eyJhbGciOiJFUzI1NksifQ.e30.c2ln' },
    stateHeight: 2,
    stateTimeMs: 1_796_393_608_338,
    trustBasis: 'TRUST_BASIS_HEADER_PROOF_AND_ATTESTATIONS',
  };
}

describe('query answers with spliced header parts', () => {
  it("are the plain serializer's bytes for a record with a batch receipt, and for an absence with attestations and a JWT", () => {
    for (const [make, validators] of [
      [recordBundle, 4],
      [absenceBundle, 21],
    ] as const) {
      const parts = headerParts(validators);
      rememberHeaderParts(parts.signedHeader, parts.validatorSet);
      const value = { bundle: make(parts) };
      const spliced = serializeQueryResponse(refuse)(value);
      expect(Buffer.compare(spliced, plain(value))).toBe(0);
      expect(decode(spliced)).toEqual(decode(plain(value)));
    }
  });

  it('leaves answers whose header parts were not remembered, or were replaced, to the plain serializer', () => {
    const parts = headerParts();
    const unknown = { bundle: recordBundle(parts) };
    expect(() => serializeQueryResponse(refuse)(unknown)).toThrow('the plain serializer was called');
    expect(Buffer.compare(serializeQueryResponse(plain)(unknown), plain(unknown))).toBe(0);

    rememberHeaderParts(parts.signedHeader, parts.validatorSet);
    // The same header with another validator set object: its remembered bytes may not match.
    const other = { bundle: { ...recordBundle(parts), validatorSet: headerParts(5).validatorSet } };
    expect(() => serializeQueryResponse(refuse)(other)).toThrow('the plain serializer was called');
    expect(Buffer.compare(serializeQueryResponse(plain)(other), plain(other))).toBe(0);

    expect(() => serializeQueryResponse(refuse)({})).toThrow('the plain serializer was called');
  });
});
