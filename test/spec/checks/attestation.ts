/**
 * docs/spec/attestation.md: the product's attestation counter over the case's answer and
 * attestations, with the chain's policy and the attesters' keys of the file's genesis at the
 * answer's state time. 'ok' when the policy's threshold is met; else the first ignored
 * attestation's reason, or `attestation_quorum_not_met` when none was ignored.
 */
import { fromHex, utf8 } from '../../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import { loadGenesis } from '../../../src/identity/genesis.js';
import { registryStateFromGenesis } from '../../../src/identity/registry.js';
import { attestationLayout, verifyAttestations, type AttestationPolicy, type AttestedResult } from '../../../src/verify/attestations.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

type AttestationFile = VectorFile & { genesis: string; genesisHash: string; policy: AttestationPolicy; atMs: number };
interface AnswerJson {
  chainId: string;
  recordType: string;
  key: string;
  result: { kind: 'record'; valueHex: string } | { kind: 'absence' };
}

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const f = file as AttestationFile;
  const state = registryStateFromGenesis(loadGenesis(utf8(f.genesis), f.genesisHash));
  const a = c.answer as AnswerJson;
  const answer: AttestedResult = {
    chainId: a.chainId,
    recordType: a.recordType,
    key: a.key,
    result: a.result.kind === 'record' ? { kind: 'record', value: fromHex(a.result.valueHex) } : { kind: 'absence' },
  };
  if ('bytes' in c && Buffer.from(attestationLayout(answer)).toString('hex') !== c.bytes) return 'the answer does not have the case bytes';
  const attestations = (c.attestations as Array<{ attesterDid: string; kid: string; signature: string }>).map((x) => ({
    attesterDid: x.attesterDid,
    kid: x.kid,
    signature: fromHex(x.signature),
  }));
  const v = verifyAttestations(
    answer,
    attestations,
    (c.policy as AttestationPolicy | undefined) ?? f.policy,
    new AllianceAuthority(() => state),
    (c.atMs as number | undefined) ?? f.atMs,
  );
  if (v.kind === 'met') return 'ok';
  return v.ignored[0]?.reason ?? 'attestation_quorum_not_met';
}
