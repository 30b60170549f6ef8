/**
 * Actions and functions of the Web API (reference 6), registered by the modules that implement them.
 * An action runs inside a unit of work; a function only reads.
 */
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import type { JsonValue } from '../odata/json/json-number.js';
import type { Writable } from '../odata/json/json-writer.js';
import type { ExecutionContext } from '../pipeline/execution-context.js';

export interface OperationParameter {
  readonly name: string;
  /** Edm type, for `$metadata`. */
  readonly type: string;
  readonly optional?: boolean;
}

export interface OperationInvocation {
  readonly context: ExecutionContext;
  /** The JSON body of an action, or the parameters of a function. */
  readonly parameters: Readonly<Record<string, JsonValue>>;
  /** For bound operations: the row they are bound to. */
  readonly target?: { readonly table: TableMetadata; readonly row: Row };
  readonly serviceRoot: string;
}

export interface OperationDefinition {
  readonly name: string;
  readonly kind: 'action' | 'function';
  /** Logical name of the table a bound operation applies to. */
  readonly boundTo?: string;
  readonly parameters: readonly OperationParameter[];
  /** Edm type of the result, for `$metadata`; none for actions that answer 204. */
  readonly returnType?: string;
  execute(invocation: OperationInvocation): Promise<Writable | undefined>;
}

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
