/**
 * Actions and functions of the Web API (reference 6): one binding row each, registered in src/app.ts.
 * A binding names the operation, its kind, what it is bound to and its parameters (all `$metadata`
 * needs), and executes it: parse the parameters -> run the message -> write the result. An action runs
 * inside a unit of work; a function only reads, on a read executor.
 */
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import type { JsonValue } from '../../odata/json/json-number.js';
import type { Writable } from '../../odata/json/json-writer.js';
import type { ExecutionContext } from '../../pipeline/execution-context.js';
import type { QueryContext } from '../../pipeline/messages/message.js';

export interface OperationParameter {
  readonly name: string;
  /** Edm type, for `$metadata`. */
  readonly type: string;
  readonly optional?: boolean;
}

export interface OperationInvocation<Context extends QueryContext = ExecutionContext> {
  readonly context: Context;
  /** The JSON body of an action, or the parameters of a function. */
  readonly parameters: Readonly<Record<string, JsonValue>>;
  /** For bound operations: the row they are bound to. */
  readonly target?: { readonly table: TableMetadata; readonly row: Row };
  readonly serviceRoot: string;
}

interface OperationShape {
  readonly name: string;
  /** Logical name of the table a bound operation applies to. */
  readonly boundTo?: string;
  readonly parameters: readonly OperationParameter[];
  /** Edm type of the result, for `$metadata`; none for actions that answer 204. */
  readonly returnType?: string;
}

/** An action: POSTed, run in a unit of work, may write. */
export interface ActionDefinition extends OperationShape {
  readonly kind: 'action';
  execute(invocation: OperationInvocation<ExecutionContext>): Promise<Writable | undefined>;
}

/** A function: called with GET, reads only, so it gets no unit of work to write in. */
export interface FunctionDefinition extends OperationShape {
  readonly kind: 'function';
  execute(invocation: OperationInvocation<QueryContext>): Promise<Writable | undefined>;
}

export type OperationDefinition = ActionDefinition | FunctionDefinition;

export interface OperationRegistry {
  find(name: string, boundTo?: string): OperationDefinition | undefined;
  all(): readonly OperationDefinition[];
}

export function createOperationRegistry(definitions: readonly OperationDefinition[]): OperationRegistry {
  const key = (name: string, boundTo?: string) => `${boundTo ?? ''}:${name.toLowerCase()}`;
  const byKey = new Map(definitions.map((definition) => [key(definition.name, definition.boundTo), definition]));
  return {
    find: (name, boundTo) => byKey.get(key(name, boundTo)),
    all: () => definitions,
  };
}
