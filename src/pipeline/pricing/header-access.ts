/**
 * Reading and writing a sales header for pricing. The header is read FOR UPDATE: two requests adding
 * lines to the same order take turns, so each moves the totals from the other's result. Computed totals
 * are a system write (a new version, not updateRecord): they are the server's own columns, and going
 * through the pipeline again would re-run the header's steps (lifecycle, pricing) for a write the user
 * did not make.
 */
import { SalesOrderState } from '../../domain/metadata/named-states.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import type { PricingSettings, SkipFacts } from '../../pricing/index.js';
import type { ExecutionContext } from '../execution-context.js';
import { defineSlot } from '../unit-of-work-slots.js';
import { pricingSettings } from './convert.js';

export function tableNamed(context: ExecutionContext, name: string): TableMetadata {
  return context.services.metadata.table(name)!;
}

export async function lockHeader(context: ExecutionContext, table: string, id: string): Promise<Row | undefined> {
  return context.services.records.find(context.trx, tableNamed(context, table), id, { forUpdate: true });
}

export async function writeComputedColumns(
  context: ExecutionContext,
  table: string,
  id: string,
  columns: Row,
): Promise<void> {
  await context.unitOfWork.systemWrite.update(tableNamed(context, table), [id], columns);
}

/** Settings for a record: the organization's, with the precision of the record's currency. */
export async function settingsFor(
  context: ExecutionContext,
  organization: Row,
  header: Readonly<Row>,
): Promise<PricingSettings> {
  const currencyId = header.transactioncurrencyid;
  const currency =
    typeof currencyId === 'string' ? await context.services.referenceData.currency(context.trx, currencyId) : undefined;
  return pricingSettings(organization, currency);
}

/** `oobpricecalculationenabled = 0` hands pricing to the custom module (reference 5.8). */
export const systemPricingEnabled = (organization: Readonly<Row>): boolean =>
  organization.oobpricecalculationenabled !== false;

/**
 * The skip matrix's facts (reference 1.5). `header` is the order itself for salesorder, the line's order
 * for salesorderdetail; "submitted" means nothing for the other tables.
 */
export function skipFacts(
  context: ExecutionContext,
  organization: Readonly<Row>,
  table: string,
  header: Readonly<Row> | undefined,
): SkipFacts {
  const isOrder = table === 'salesorder' || table === 'salesorderdetail';
  return {
    sopEnabled: organization.issopintegrationenabled === true,
    integrationUser: context.caller.user.isIntegrationUser,
    orderSubmitted: isOrder && header?.statecode === SalesOrderState.Submitted,
  };
}

/** The columns a line takes from its header: its currency and rate, and the price lock mirror. */
export function lineHeaderColumns(header: Readonly<Row>, lockMirror: string | undefined): Row {
  const columns: Row = {
    transactioncurrencyid: header.transactioncurrencyid ?? null,
    exchangerate: header.exchangerate ?? null,
  };
  if (lockMirror) columns[lockMirror] = header.ispricelocked === true;
  return columns;
}

/** A line's product name: the catalog product's, or the write-in description. */
export function productNameOf(line: Readonly<Row>, productNames: ReadonlyMap<string, string>): string | null {
  if (line.isproductoverridden === true)
    return typeof line.productdescription === 'string' ? line.productdescription : null;
  return typeof line.productid === 'string' ? (productNames.get(line.productid) ?? null) : null;
}

/**
 * Headers being deleted in this unit of work: their lines go with them by cascade, and moving the totals
 * of a row about to disappear would only cost a write per line.
 */
const deletingHeaders = defineSlot('sales headers being deleted', () => new Set<string>());

export function markHeaderDeleting(context: ExecutionContext, id: string): void {
  context.unitOfWork.slot(deletingHeaders).add(id);
}

export function isHeaderDeleting(context: ExecutionContext, id: string): boolean {
  return context.unitOfWork.slot(deletingHeaders).has(id);
}
