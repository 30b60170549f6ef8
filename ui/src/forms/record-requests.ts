/** Reading and writing the record of a form. */
import { type Client, FORMATTED } from '../api/client';
import type { Row } from '../data/row';
import type { EntityDefinition } from '../entities/entity-definition';
import { selectColumns } from './form-values';

export function loadRecord(client: Client, entity: EntityDefinition, id: string): Promise<Row> {
  return client.retrieve({
    collection: entity.set,
    key: id,
    select: selectColumns(entity),
    includeAnnotations: FORMATTED,
  });
}

/** Creates the record and answers its id (from the OData-EntityId header). */
export async function createRecord(client: Client, entity: EntityDefinition, body: Record<string, unknown>) {
  return client.create<Record<string, unknown>, string>({ collection: entity.set, data: body });
}

export async function updateRecord(
  client: Client,
  entity: EntityDefinition,
  id: string,
  body: Record<string, unknown>,
) {
  await client.update({ collection: entity.set, key: id, data: body });
}
