export declare const THRESHOLD: number;
export interface ReportMutant {
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
}
export declare function survivorKey(file: string, mutant: ReportMutant, lines: readonly string[]): string;
