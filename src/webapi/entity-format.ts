/** The currency facts a row's formatted money needs: symbol and precision. */
import type { ColumnMetadata, TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import type { FormatContext } from '../odata/entity/formatted-values.js';
import type { ReadContext } from './read-context.js';

/** `organization` is read once per response by the caller, not once per row. */
export async function entityFormat(
  context: ReadContext,
  table: TableMetadata,
  row: Row,
  organization: Row,
): Promise<FormatContext> {
  const hasMoney = table.columns.some((column) => column.type === 'money');
  if (!hasMoney) return {};
  const currencyId = (row.transactioncurrencyid ?? organization.basecurrencyid) as string | null;
  const currency = currencyId ? await context.services.referenceData.currency(context.executor, currencyId) : undefined;
  const currencyPrecision = Number(currency?.currencyprecision ?? 2);
  const pricingPrecision = Number(organization.pricingdecimalprecision ?? 2);
  return {
    currencySymbol: String(currency?.currencysymbol ?? ''),
    moneyPrecision: (column: ColumnMetadata) => {
      if (column.type !== 'money') return 2;
      if (column.precisionSource === 0) return column.precision;
      return column.precisionSource === 1 ? pricingPrecision : currencyPrecision;
    },
  };
}
