/**
 * A mistake the operator can fix from the message alone (a wrong argument, a bad setting, a file
 * that cannot be read): the command prints the message and nothing else. Any other failure is a
 * fault to investigate, and the command prints everything known about it (see `describeFailure`).
 */
export class OperatorError extends Error {}

/** What a database driver adds to its errors (PostgreSQL's SQLSTATE, detail and where it happened). */
interface DriverFields {
  readonly code?: unknown;
  readonly detail?: unknown;
  readonly where?: unknown;
  readonly table?: unknown;
  readonly constraint?: unknown;
}

/** The text a failed command writes to stderr. */
export function describeFailure(error: unknown, isOperatorMistake: (error: Error) => boolean): string {
  if (!(error instanceof Error)) return String(error);
  if (isOperatorMistake(error)) return error.message;
  const fields = error as Error & DriverFields;
  const extra = (['code', 'detail', 'where', 'table', 'constraint'] as const)
    .filter((name) => fields[name] !== undefined && fields[name] !== null && fields[name] !== '')
    .map((name) => `${name}: ${String(fields[name])}`);
  const cause = error.cause === undefined ? [] : [`caused by: ${describeFailure(error.cause, () => false)}`];
  return [error.stack ?? error.message, ...extra, ...cause].join('\n');
}
