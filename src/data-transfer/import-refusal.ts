/**
 * An import refused as a whole: every bad row of the file, each with its line and a reason a person can
 * act on. Nothing of the file was written.
 */

export interface RowProblem {
  /** 1-based line of the file; the header is line 1. */
  readonly line: number;
  readonly reason: string;
}

export function describeProblem(problem: RowProblem): string {
  return `line ${problem.line}: ${problem.reason}`;
}

export class ImportRefused extends Error {
  constructor(readonly problems: readonly RowProblem[]) {
    super(problems.map(describeProblem).join('\n'));
    this.name = 'ImportRefused';
  }
}
