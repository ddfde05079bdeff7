/**
 * A preload (`node --import tsx --import <this file>`) for child processes that must not outlive
 * their parent: the parent gives the child a pipe as stdin and never closes it, so the pipe ends
 * only when the parent is gone (exited, crashed or SIGKILLed), and then the child exits too.
 * The same guard hardhat-node.ts puts in front of the hardhat node.
 */
const die = (): void => process.exit(1);
process.stdin.on('end', die);
process.stdin.on('error', die);
process.stdin.on('data', () => {});
process.stdin.resume();
// The guard must not keep a child alive that has finished its work and would otherwise exit.
(process.stdin as { unref?: () => void }).unref?.();
