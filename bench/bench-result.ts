/**
 * What every benchmark returns to `bench/run.ts`, which prints them together and writes
 * `bench/report.md`. A figure may name the baseline it was measured against in the same process run;
 * the report prints the ratio of the two.
 */
export interface BenchFigure {
  /** What was measured, e.g. "recalculate a 1,000-line order". */
  readonly name: string;
  readonly value: number;
  /** e.g. "ms", "req/s", "µs". */
  readonly unit: string;
  /** Lower is better for times, higher for throughputs. */
  readonly better: 'lower' | 'higher';
  /** The baseline this figure is compared with, measured in the same run. */
  readonly baseline?: { readonly name: string; readonly value: number };
  /** A target from PRODUCT.md, stated in words, e.g. "< 1 ms". */
  readonly target?: string;
}

export interface BenchSuite {
  readonly title: string;
  run(): Promise<readonly BenchFigure[]>;
}
