/**
 * The Web API messages behind the command bar buttons, with Dataverse's names and parameters
 * (docs/lifecycle.md, docs/pricing.md). Each returns what the form should do next.
 */
import type { Client } from '../api/client';
import type { Row } from '../data/row';
import { recordPath } from '../routing/routes';

export async function setState(client: Client, set: string, id: string, statecode: number, statuscode: number) {
  await client.update({ collection: set, key: id, data: { statecode, statuscode } });
}

/** Messages that create a record (ConvertQuoteToSalesOrder, ...) answer it; the form opens it next. */
export async function createFrom(
  client: Client,
  message: string,
  parameters: Readonly<Record<string, unknown>>,
  created: { readonly area: string; readonly id: string },
): Promise<string> {
  const row = await client.callAction<Row>({ actionName: message, action: parameters });
  const id = row?.[created.id];
  if (typeof id !== 'string') throw new Error(`${message} did not answer the new record's id.`);
  return recordPath(created.area, id);
}

export async function recalculate(client: Client, logicalName: string, id: string): Promise<void> {
  await client.callAction({ actionName: 'RecalculatePrice', action: { entityLogicalName: logicalName, entityId: id } });
}
