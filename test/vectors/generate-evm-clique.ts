/**
 * Writes test/vectors/evm/clique.json: Clique (EIP-225) proof-of-authority headers in
 * `eth_getBlockByNumber` shape, each with the address that sealed it.
 *
 * - `goerli`: real Görli blocks (Görli was a Clique chain until the merge), fields as published:
 *   blocks 1, 2 and 5288 from py-evm's Clique tests (ethereum/py-evm
 *   tests/core/consensus/test_clique_utils.py, GOERLI_HEADER_ONE/TWO/5288_VOTE_IN), whose
 *   `test_get_signer` asserts each was sealed by 0xe0a2bd42…84c7, the single signer in Görli's
 *   genesis extraData (go-ethereum core/genesis.go DefaultGoerliGenesisBlock); block 1's hash
 *   0x8f5bab21…a85a is block 2's parentHash there. Block 1,000,000 from @ethereumjs/block's test
 *   data (ethereumjs/ethereumjs-monorepo packages/block/test/testdata/testdata-from-rpc-goerli.json,
 *   an Infura RPC answer with its hash 0xc54c5b48…6054); its vanity reads "infura-io" and its
 *   sealer 0x8b24eb4e…4720 is the Görli validator Nethermind names "Infura"
 *   (NethermindEth/nethermind src/Nethermind/Nethermind.Blockchain/KnownAddresses.cs).
 * - `sealed`: headers sealed here by @ethereumjs/block's createSealedCliqueBlockHeader (not by
 *   src/verify/evm) with fixed test keys (keccak256 of "courtbridge clique test sealer A"/"B"),
 *   on a custom Clique chain (epoch 30000): a plain block, an epoch block listing both sealers,
 *   and a London-shape block with baseFeePerGas. Their hashes are @ethereumjs/block's.
 * Run: npx tsx test/vectors/generate-evm-clique.ts   (checked by test/verify/evm/clique-seal.test.ts)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type BlockHeader, createSealedCliqueBlockHeader } from '@ethereumjs/block';
import { bytesToHex, concatBytes, createAddressFromPrivateKey } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { cliqueCommon } from '../helpers/clique-common.js';

const zero = (n: number): string => `0x${'00'.repeat(n)}`;
const EMPTY_TRIE = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421';
const EMPTY_UNCLES = '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347';
const GOERLI_STATE = '0x5d6cded585e73c4e322c30c2f782a336316f17dd85a4863b9d838d2d4b8b3008';
const AFRI = '0xe0a2bd4258d2768837baa26a28fe71dc079f84c7';

/** A py-evm Görli header (its fields are all that differ between the three). */
const pyEvmGoerli = (f: {
  number: number;
  difficulty: string;
  gasLimit: number;
  timestamp: number;
  miner: string;
  parentHash: string;
  extraData: string;
  nonce: string;
}) => ({
  number: `0x${f.number.toString(16)}`,
  parentHash: f.parentHash,
  sha3Uncles: EMPTY_UNCLES,
  miner: f.miner,
  stateRoot: GOERLI_STATE,
  transactionsRoot: EMPTY_TRIE,
  receiptsRoot: EMPTY_TRIE,
  logsBloom: zero(256),
  difficulty: f.difficulty,
  gasLimit: `0x${f.gasLimit.toString(16)}`,
  gasUsed: '0x0',
  timestamp: `0x${f.timestamp.toString(16)}`,
  extraData: f.extraData,
  mixHash: zero(32),
  nonce: f.nonce,
});

const goerli = [
  {
    name: 'goerli-1',
    sealer: AFRI,
    header: {
      ...pyEvmGoerli({
        number: 1,
        difficulty: '0x2',
        gasLimit: 10475521,
        timestamp: 1548947453,
        miner: zero(20),
        parentHash: '0xbf7e331f7f7c1dd2e05159666b3bf8bc7a8a3a9eb1d518969eab529dd9b88c1a',
        extraData:
          '0x506172697479205465636820417574686f7269747900000000000000000000002bbf886181970654ed46e3fae0ded41ee53fec702c47431988a7ae80e6576f3552684f069af80ba11d36327aaf846d470526e4a1c461601b2fd4ebdcdc2b734a01',
        nonce: zero(8),
      }),
      hash: '0x8f5bab218b6bb34476f51ca588e9f4553a3a7ce5e13a66c660a5283e97e9a85a',
    },
  },
  {
    name: 'goerli-2',
    sealer: AFRI,
    header: pyEvmGoerli({
      number: 2,
      difficulty: '0x2',
      gasLimit: 10465292,
      timestamp: 1548947468,
      miner: zero(20),
      parentHash: '0x8f5bab218b6bb34476f51ca588e9f4553a3a7ce5e13a66c660a5283e97e9a85a',
      extraData:
        '0x506172697479205465636820417574686f726974790000000000000000000000fdd66d441eff7d4116fe987f0f10812fc68b06cc500ff71c492234b9a7b8b2f45597190d97cd85f6daa45ac9518bef9f715f4bd414504b1a21d8c681654055df00',
      nonce: zero(8),
    }),
  },
  {
    name: 'goerli-5288',
    sealer: AFRI,
    header: pyEvmGoerli({
      number: 5288,
      difficulty: '0x1',
      gasLimit: 8000000,
      timestamp: 1549029298,
      miner: '0xa8e8f14732658e4b51e8711931053a8a69baf2b1',
      parentHash: '0xd785b7ab9906d8dcf8ff76edeca0b17aa8b24e7ee099712213c3cf073cdf9eec',
      extraData:
        '0x506172697479205465636820417574686f726974790000000000000000000000540dd3d15669fa6158287d898f6a7b47091d25251ace9581ad593d6008e272201bcf1cca1e60d826336b3622b3a5638d92a0e156df97c49051657ecd54e62af801',
      nonce: '0xffffffffffffffff',
    }),
  },
  {
    name: 'goerli-1000000',
    sealer: '0x8b24eb4e6aae906058242d83e51fb077370c4720',
    header: {
      number: '0xf4240',
      hash: '0xc54c5b482baefc20932c8be06db0a7b22ce26283438f51761e5c3e16e5376054',
      parentHash: '0x9b6323bc7b5f651ad6c7943d776209323834b10d76a53e109a4a8982138d0e38',
      sha3Uncles: EMPTY_UNCLES,
      miner: zero(20),
      stateRoot: '0x0535b699f40b9cb637fb89e0662281d63f10207d04f2371fd9c4cb9b7b15e9d6',
      transactionsRoot: '0x3ab7120d12e1fc07303508542602beb7eecfe8f262b83fd71eefe7d6205242ce',
      receiptsRoot: '0xda46cdd329bfedace32da95f2b344d314bc6f55f027d65f9f4ac04ee425e1f98',
      logsBloom:
        '0x00000000000000000000000000000000000000000000000000800000000000000040000000005000000000000000000000000000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000008000000000000000000000000000000000000000001000000080008000000000000000000000000000000000000000000000000000000000000000000000000000000000001000000500000000000000000000000000000002000040000000000000000000000000000000000000000000000008000000000000000000000100000000000000000000000000020000000000008000000000000000000000000',
      difficulty: '0x1',
      gasLimit: '0x7a1200',
      gasUsed: '0x2dcb6',
      timestamp: '0x5d390640',
      extraData:
        '0x696e667572612d696f0000000000000000000000000000000000000000000000c321f5bc793e6eb41a4a319e8bd605aaa9316a24ad9b7d3af7b924176500fcf71424f2833fdc64326fb1b2229bc70943fed8d8446e4803f6c65503f0a1535a0c00',
      mixHash: zero(32),
      nonce: zero(8),
    },
  },
];

const testKey = (name: string): Uint8Array => keccak_256(new TextEncoder().encode(`courtbridge clique test sealer ${name}`));
const keyA = testKey('A');
const keyB = testKey('B');
const addressA = createAddressFromPrivateKey(keyA);
const addressB = createAddressFromPrivateKey(keyB);
const word = (s: string): Uint8Array => keccak_256(new TextEncoder().encode(`courtbridge clique vector ${s}`));
const vanity = word('vanity');

const q = (n: bigint): string => `0x${n.toString(16)}`;
/** An @ethereumjs/block header as `eth_getBlockByNumber` gives it. */
function rpcOf(h: BlockHeader): Record<string, string> {
  const out: Record<string, string> = {
    number: q(h.number),
    hash: bytesToHex(h.hash()),
    parentHash: bytesToHex(h.parentHash),
    sha3Uncles: bytesToHex(h.uncleHash),
    miner: h.coinbase.toString(),
    stateRoot: bytesToHex(h.stateRoot),
    transactionsRoot: bytesToHex(h.transactionsTrie),
    receiptsRoot: bytesToHex(h.receiptTrie),
    logsBloom: bytesToHex(h.logsBloom),
    difficulty: q(h.difficulty),
    gasLimit: q(h.gasLimit),
    gasUsed: q(h.gasUsed),
    timestamp: q(h.timestamp),
    extraData: bytesToHex(h.extraData),
    mixHash: bytesToHex(h.mixHash),
    nonce: bytesToHex(h.nonce),
  };
  if (h.baseFeePerGas !== undefined) out['baseFeePerGas'] = q(h.baseFeePerGas);
  return out;
}

const fields = (n: number) => ({
  number: BigInt(n),
  parentHash: word(`parent ${n}`),
  stateRoot: word(`state ${n}`),
  difficulty: 2n,
  gasLimit: 30_000_000n,
  gasUsed: 21_000n,
  timestamp: BigInt(1_700_000_000 + n * 5),
  // Vanity, then room for the seal the sealing fills in.
  extraData: concatBytes(vanity, new Uint8Array(65)),
});

const plain = createSealedCliqueBlockHeader(fields(7), keyA, { common: cliqueCommon('istanbul'), freeze: false });
const epoch = createSealedCliqueBlockHeader(
  { ...fields(30_000), extraData: concatBytes(vanity, addressA.bytes, addressB.bytes, new Uint8Array(65)) },
  keyB,
  { common: cliqueCommon('istanbul'), freeze: false },
);
const london = createSealedCliqueBlockHeader({ ...fields(30_001), baseFeePerGas: 875_000_000n }, keyA, {
  common: cliqueCommon('london'),
  freeze: false,
});

const vectors = {
  source:
    'goerli: real Görli (Clique) blocks, fields as published. Blocks 1, 2 and 5288 from ethereum/py-evm ' +
    'tests/core/consensus/test_clique_utils.py (GOERLI_HEADER_ONE/TWO/5288_VOTE_IN; test_get_signer asserts sealer ' +
    '0xe0a2bd4258d2768837baa26a28fe71dc079f84c7, the sole signer in Görli genesis extraData, go-ethereum core/genesis.go); ' +
    "block 1's hash is block 2's parentHash there. Block 1000000 (hash 0xc54c5b48…6054) from ethereumjs/ethereumjs-monorepo " +
    'packages/block/test/testdata/testdata-from-rpc-goerli.json (an Infura eth_getBlockByNumber answer); vanity "infura-io", sealer ' +
    '0x8b24eb4e6aae906058242d83e51fb077370c4720, the Görli validator NethermindEth/nethermind ' +
    'src/Nethermind/Nethermind.Blockchain/KnownAddresses.cs names "Infura". ' +
    'sealed: headers sealed by @ethereumjs/block 10 createSealedCliqueBlockHeader (independent of src/verify/evm) with test keys ' +
    'keccak256("courtbridge clique test sealer A"/"B") on a custom Clique chain (epoch 30000), hashes by @ethereumjs/block; ' +
    'written by test/vectors/generate-evm-clique.ts.',
  goerli,
  sealers: { A: addressA.toString(), B: addressB.toString() },
  sealed: [
    { name: 'plain', sealer: addressA.toString(), header: rpcOf(plain) },
    { name: 'epoch', sealer: addressB.toString(), signers: [addressA.toString(), addressB.toString()], header: rpcOf(epoch) },
    { name: 'london', sealer: addressA.toString(), header: rpcOf(london) },
  ],
};

const out = fileURLToPath(new URL('./evm/clique.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(vectors, null, 2)}\n`);
console.log(`wrote ${out}`);
