/**
 * The conformance report: one line per check and a verdict ("prints a pass/fail report
 * per check, and JSON with --json"). `passed` is true only when no check failed; a skip is
 * stated with its reason and does not fail the run (it happens only for an adapter that
 * announces no actions).
 */
import type { CheckStatus, CheckVerdict } from './check.js';

export interface CheckReport {
  /** Stable check id, e.g. `order_forged_refused` (also `name`, for the CLI's printer). */
  id: string;
  name: string;
  title: string;
  status: CheckStatus;
  /** `status === 'pass'`. */
  passed: boolean;
  detail: string;
  evidence?: CheckVerdict['evidence'];
  durationMs: number;
}

export interface ConformanceReport {
  chain: string;
  /** The adapter's DID, from its announcement (or as given). */
  adapterDid: string | undefined;
  /** The adapter's announced version, when an announcement was seen. */
  adapterVersion: string | undefined;
  /** True when no check failed. */
  passed: boolean;
  counts: { pass: number; fail: number; skip: number };
  checks: CheckReport[];
  startedAtMs: number;
  finishedAtMs: number;
  /** The kit's run id: every test order and action id carries it (find them in the audit log). */
  runId: string;
}

const MARK: Record<CheckStatus, string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };

/** The human-readable report: one line per check, then the verdict. */
export function formatReport(report: ConformanceReport): string {
  const lines = [
    `conformance of ${report.chain}${report.adapterDid ? ` (${report.adapterDid}${report.adapterVersion ? ` v${report.adapterVersion}` : ''})` : ''}, run ${report.runId}`,
  ];
  const width = Math.max(...report.checks.map((c) => c.id.length), 4);
  for (const c of report.checks) lines.push(`${MARK[c.status]}  ${c.id.padEnd(width)}  ${c.detail}`);
  const { pass, fail, skip } = report.counts;
  lines.push(
    `${report.chain}: ${report.passed ? 'CONFORMANT' : 'NOT CONFORMANT'} (${pass} passed, ${fail} failed, ${skip} skipped of ${report.checks.length}) in ${report.finishedAtMs - report.startedAtMs} ms`,
  );
  return lines.join('\n');
}
