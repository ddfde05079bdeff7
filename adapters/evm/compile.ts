/**
 * Compiles contracts/BankLedger.sol with solc-js (the devDependency `solc` 0.8.28, in process, no
 * compiler download) into the artifact checked in beside it (contracts/BankLedger.json). A test
 * recompiles and compares, so the artifact never drifts from the source.
 *
 * Regenerate after editing the contract: `npx tsx adapters/evm/compile.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The part of solc-js this file uses (the package ships no types). */
interface SolcJs {
  compile(input: string): string;
  version(): string;
}

/** The compiled contract as checked in. */
export interface ContractArtifact {
  contractName: string;
  compiler: string;
  settings: typeof SETTINGS;
  abi: unknown[];
  /** Creation bytecode, 0x-hex. */
  bytecode: string;
  /** Runtime bytecode, 0x-hex (what eth_getCode returns; its keccak256 is the account's codeHash). */
  deployedBytecode: string;
}

const SOURCE_NAME = 'BankLedger.sol';
const CONTRACT_NAME = 'BankLedger';
export const SOURCE_URL = new URL('./contracts/BankLedger.sol', import.meta.url);
export const ARTIFACT_URL = new URL('./contracts/BankLedger.json', import.meta.url);

/**
 * Optimizer on; evmVersion cancun, which hardhat 2.29's default hardfork (prague) runs, as does
 * any chain since March 2024 (and solc 0.8.28's own default).
 */
const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
} as const;

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<
    string,
    Record<string, { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >;
}

export function compileBankLedger(source: string = readFileSync(SOURCE_URL, 'utf8')): ContractArtifact {
  const solc = createRequire(import.meta.url)('solc') as SolcJs;
  const input = {
    language: 'Solidity',
    sources: { [SOURCE_NAME]: { content: source } },
    settings: {
      ...SETTINGS,
      outputSelection: { [SOURCE_NAME]: { [CONTRACT_NAME]: ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`${SOURCE_NAME} does not compile:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  }
  const c = output.contracts?.[SOURCE_NAME]?.[CONTRACT_NAME];
  if (c === undefined) throw new Error(`solc produced no ${CONTRACT_NAME} from ${SOURCE_NAME}`);
  return {
    contractName: CONTRACT_NAME,
    compiler: `solc-js ${solc.version()}`,
    settings: SETTINGS,
    abi: c.abi,
    bytecode: `0x${c.evm.bytecode.object}`,
    deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
  };
}

/** The checked-in artifact. */
export function loadBankLedgerArtifact(): ContractArtifact {
  return JSON.parse(readFileSync(ARTIFACT_URL, 'utf8')) as ContractArtifact;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(ARTIFACT_URL, `${JSON.stringify(compileBankLedger(), null, 2)}\n`);
  console.log('wrote adapters/evm/contracts/BankLedger.json');
}
