/**
 * Writes test/vectors/evm/headers.json: Ethereum block headers in `eth_getBlockByNumber` shape.
 *
 * - `mainnet`: real Ethereum mainnet headers with their published hashes: the genesis block
 *   (hash 0xd4e56740…8fa3, fields of the mainnet genesis) and block 1 (hash 0x88e96d45…6cb6, its
 *   parent the genesis). Their fields are written here as published; the hash is not computed.
 * - `selfConsistent`: post-fork header shapes (London, Shanghai, Cancun, Prague) with made-up
 *   field values, whose hash this script computes itself (keccak256 of @ethereumjs/rlp over the
 *   fields in the order of the execution-specs Header), independently of src/verify/evm. These
 *   pin the encoding of the fork fields but are not hashes any chain published; a hardhat node's
 *   headers are the check against a real client.
 * Run: npx tsx test/vectors/generate-evm-headers.ts   (checked by test/verify/evm/evm-header.test.ts)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RLP } from '@ethereumjs/rlp';
import { bytesToHex, hexToBytes, type PrefixedHexString } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';

const zero = (n: number): string => `0x${'00'.repeat(n)}`;
const EMPTY_TRIE = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421';
const EMPTY_UNCLES = '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347';

const genesis = {
  number: '0x0',
  hash: '0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3',
  parentHash: zero(32),
  sha3Uncles: EMPTY_UNCLES,
  miner: zero(20),
  stateRoot: '0xd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544',
  transactionsRoot: EMPTY_TRIE,
  receiptsRoot: EMPTY_TRIE,
  logsBloom: zero(256),
  difficulty: '0x400000000',
  gasLimit: '0x1388',
  gasUsed: '0x0',
  timestamp: '0x0',
  extraData: '0x11bbe8db4e347b4e8c937c1c8370e4b5ed33adb3db69cbdb7a38e1e50b1b82fa',
  mixHash: zero(32),
  nonce: '0x0000000000000042',
};
const block1 = {
  number: '0x1',
  hash: '0x88e96d4537bea4d9c05d12549907b32561d3bf31f45aae734cdc119f13406cb6',
  parentHash: genesis.hash,
  sha3Uncles: EMPTY_UNCLES,
  miner: '0x05a56e2d52c817161883f50c441c3228cfe54d9f',
  stateRoot: '0xd67e4d450343046425ae4271474353857ab860dbc0a1dde64b41b5cd3a532bf3',
  transactionsRoot: EMPTY_TRIE,
  receiptsRoot: EMPTY_TRIE,
  logsBloom: zero(256),
  difficulty: '0x3ff800000',
  gasLimit: '0x1388',
  gasUsed: '0x0',
  timestamp: '0x55ba4224',
  extraData: '0x476574682f76312e302e302f6c696e75782f676f312e342e32',
  mixHash: '0x969b900de27b6ac6a67742365dd65f55a0526c41fd18e1b16f1a1215c2e66f59',
  nonce: '0x539bd4979fef1ec4',
};

/** execution-specs Header field order, RPC names; quantities go to RLP as bigints (minimal bytes). */
const ORDER = [
  ['parentHash', 'data'],
  ['sha3Uncles', 'data'],
  ['miner', 'data'],
  ['stateRoot', 'data'],
  ['transactionsRoot', 'data'],
  ['receiptsRoot', 'data'],
  ['logsBloom', 'data'],
  ['difficulty', 'quantity'],
  ['number', 'quantity'],
  ['gasLimit', 'quantity'],
  ['gasUsed', 'quantity'],
  ['timestamp', 'quantity'],
  ['extraData', 'data'],
  ['mixHash', 'data'],
  ['nonce', 'data'],
  ['baseFeePerGas', 'quantity'],
  ['withdrawalsRoot', 'data'],
  ['blobGasUsed', 'quantity'],
  ['excessBlobGas', 'quantity'],
  ['parentBeaconBlockRoot', 'data'],
  ['requestsHash', 'data'],
] as const;

function withHash(fields: Record<string, string>): Record<string, string> {
  const items = ORDER.filter(([name]) => fields[name] !== undefined).map(([name, type]) =>
    type === 'quantity' ? BigInt(fields[name]!) : hexToBytes(fields[name] as PrefixedHexString),
  );
  return { ...fields, hash: bytesToHex(keccak_256(RLP.encode(items))) };
}

const word = (s: string): string => bytesToHex(keccak_256(new TextEncoder().encode(`courtbridge evm header vector ${s}`)));
const base = (n: number) => ({
  number: `0x${n.toString(16)}`,
  parentHash: word(`parent ${n}`),
  sha3Uncles: EMPTY_UNCLES,
  miner: `0x${'c0'.repeat(20)}`,
  stateRoot: word(`state ${n}`),
  transactionsRoot: word(`txs ${n}`),
  receiptsRoot: word(`receipts ${n}`),
  logsBloom: `0x${'00'.repeat(255)}01`,
  difficulty: '0x0',
  gasLimit: '0x1c9c380',
  gasUsed: '0x5208',
  timestamp: `0x${(1_700_000_000 + n * 12).toString(16)}`,
  extraData: '0x',
  mixHash: word(`prevrandao ${n}`),
  nonce: zero(8),
});
const london = withHash({ ...base(12_965_000), difficulty: '0x2', baseFeePerGas: '0x3b9aca00' });
const shanghai = withHash({ ...base(17_034_870), baseFeePerGas: '0x7', withdrawalsRoot: EMPTY_TRIE });
const cancun = withHash({
  ...base(19_426_587),
  baseFeePerGas: '0x1',
  withdrawalsRoot: word('withdrawals'),
  blobGasUsed: '0x20000',
  excessBlobGas: '0x0',
  parentBeaconBlockRoot: word('beacon'),
});
const prague = withHash({
  ...base(0x1600000),
  baseFeePerGas: '0x1',
  withdrawalsRoot: EMPTY_TRIE,
  blobGasUsed: '0x0',
  excessBlobGas: '0x0',
  parentBeaconBlockRoot: word('beacon 1'),
  requestsHash: word('requests 1'),
});
// Prague's child, for a parent link between post-fork headers.
const pragueChild = withHash({
  ...base(0x1600001),
  parentHash: prague['hash']!,
  baseFeePerGas: '0x1',
  withdrawalsRoot: EMPTY_TRIE,
  blobGasUsed: '0x40000',
  excessBlobGas: '0x0',
  parentBeaconBlockRoot: word('beacon 2'),
  requestsHash: word('requests 2'),
});

const vectors = {
  source:
    'mainnet: Ethereum mainnet blocks 0 and 1 as eth_getBlockByNumber returns them, fields and hashes as published (not computed here). ' +
    'selfConsistent: made-up post-fork headers hashed by test/vectors/generate-evm-headers.ts (keccak256 over @ethereumjs/rlp of the ' +
    'fields in execution-specs order), independent of src/verify/evm; they pin the encoding, no chain published these hashes. ' +
    'parentLinks name the pairs that are valid parent links.',
  mainnet: [genesis, block1],
  selfConsistent: { london, shanghai, cancun, prague, pragueChild },
  parentLinks: [
    { parent: 'mainnet[0]', child: 'mainnet[1]' },
    { parent: 'selfConsistent.prague', child: 'selfConsistent.pragueChild' },
  ],
};

const out = fileURLToPath(new URL('./evm/headers.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(vectors, null, 2)}\n`);
console.log(`wrote ${out}`);
