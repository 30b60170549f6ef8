/**
 * The `$metadata` declarations of the operations this instance serves, derived from the operation
 * registry so an action added by a module is declared with it. Complex types come from the core
 * descriptions (WhoAmIResponse, ...) and from `ColumnSet`, which the Sales messages take.
 */
import { type ComplexTypeDescription, coreOperations, type OperationDescription } from '../../odata/csdl/operations.js';
import type { OperationDefinition, OperationRegistry } from './operation-registry.js';

const columnSet: ComplexTypeDescription = {
  name: 'ColumnSet',
  properties: [
    { name: 'AllColumns', type: 'Edm.Boolean', nullable: true },
    { name: 'Columns', type: 'Collection(Edm.String)', nullable: true },
  ],
};

/** `account` -> `mscrm.account`; Edm types and qualified names stay as they are. */
function qualified(type: string): string {
  if (type.startsWith('Edm.') || type.startsWith('mscrm.') || type.startsWith('Microsoft.Dynamics.CRM.')) return type;
  return `mscrm.${type}`;
}

function describe(operation: OperationDefinition): OperationDescription | undefined {
  const core = coreOperations.find((description) => description.name === operation.name);
  if (core) return core;
  // A function must declare what it returns; one that does not (ol_ReconciliationReport) is not an operation
  // of Dataverse's schema, so it is served but not declared.
  if (operation.kind === 'function' && !operation.returnType) return undefined;
  const parameters = operation.parameters.map((parameter) => ({
    name: parameter.name,
    type: qualified(parameter.type),
    ...(parameter.optional ? { nullable: true } : {}),
  }));
  return {
    name: operation.name,
    kind: operation.kind,
    ...(operation.boundTo ? { bound: { table: operation.boundTo } } : {}),
    parameters,
    ...(operation.returnType ? { returnType: qualified(operation.returnType) } : {}),
    ...(parameters.some((parameter) => parameter.type === 'mscrm.ColumnSet') ? { complexTypes: [columnSet] } : {}),
  };
}

export function describeOperations(registry: OperationRegistry): readonly OperationDescription[] {
  return registry.all().flatMap((operation) => describe(operation) ?? []);
}
