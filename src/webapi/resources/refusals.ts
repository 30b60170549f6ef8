/** The refusals the resource handlers share, worded as Dataverse words them. */
import { DomainError, querySyntax } from '../../domain/errors.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';

export function methodNotAllowed(method: string, what: string): DomainError {
  return new DomainError('methodNotAllowed', `The HTTP method ${method} is not allowed on ${what}.`);
}

/** A segment after the key that is neither a column nor a navigation property of the table. */
export function unknownProperty(table: TableMetadata, name: string): DomainError {
  return querySyntax(
    `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`,
  );
}
