/**
 * The answer of an action that returns a record (GenerateQuoteFromOpportunity, ReviseQuote, ...): the
 * row as a retrieve would write it, with its `@odata.context`, read in the action's unit of work.
 */
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Writable } from '../../odata/json/json-writer.js';
import type { QueryContext } from '../../pipeline/messages/message.js';
import { parsePrefer } from '../prefer.js';
import { createReadContext } from '../read-context.js';
import { presentRows } from '../row-presenter.js';

export async function entityResult(
  context: QueryContext,
  serviceRoot: string,
  table: TableMetadata,
  id: string,
  columns: ReadonlySet<string> | undefined,
): Promise<Writable> {
  const row = (await context.services.records.find(context.trx, table, id))!;
  const read = createReadContext(context.services, context.caller, context.trx, parsePrefer(undefined), serviceRoot);
  const [entity] = await presentRows(read, table, [row], columns);
  return { '@odata.context': `${serviceRoot}$metadata#${table.entitySetName}/$entity`, ...entity };
}
