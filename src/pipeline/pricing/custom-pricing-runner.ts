/**
 * Custom pricing (reference 5.8): with `oobpricecalculationenabled = 0`, the configured module receives
 * the record and all its lines after the write and returns the values to store. The server rounds each
 * value to its column's precision and derives the `_base` twin, as it does for system pricing; columns
 * the module leaves out keep their stored value. Without a module, prices stay as written.
 */
import { Decimal } from '../../domain/decimal.js';
import type { Row } from '../../domain/record.js';
import type {
  CustomPricedHeader,
  CustomPricedLine,
  CustomPricingLine,
  CustomPricingModule,
  CustomPricingRecord,
  PricingOperation,
  SalesTable,
} from '../../pricing/index.js';
import type { ExecutionContext } from '../execution-context.js';
import { measurePricingAsync } from '../telemetry.js';
import { customMoneyColumns } from './convert.js';
import { linesOf } from './full-recalculation.js';
import { lockHeader, settingsFor, tableNamed, writeComputedColumns } from './header-access.js';
import type { SalesPair } from './sales-tables.js';

const decimalOrNull = (value: unknown): Decimal | null => (value instanceof Decimal ? value : null);
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function customRecord(pair: SalesPair, row: Readonly<Row>): CustomPricingRecord {
  return {
    table: pair.header,
    id: row[pair.parentColumn] as string,
    statecode: Number(row.statecode ?? 0),
    pricelevelid: textOrNull(row.pricelevelid),
    transactioncurrencyid: textOrNull(row.transactioncurrencyid),
    exchangerate: decimalOrNull(row.exchangerate),
    discountpercentage: decimalOrNull(row.discountpercentage),
    discountamount: decimalOrNull(row.discountamount),
    freightamount: decimalOrNull(row.freightamount),
    ispricelocked: row.ispricelocked === true,
    isrevenuesystemcalculated: row.isrevenuesystemcalculated === true,
    columns: row,
  };
}

function customLine(pair: SalesPair, primaryId: string, row: Readonly<Row>): CustomPricingLine {
  return {
    table: pair.line,
    id: row[primaryId] as string,
    productid: textOrNull(row.productid),
    uomid: textOrNull(row.uomid),
    isproductoverridden: row.isproductoverridden === true,
    ispriceoverridden: row.ispriceoverridden === true,
    priceperunit: decimalOrNull(row.priceperunit),
    quantity: decimalOrNull(row.quantity),
    manualdiscountamount: decimalOrNull(row.manualdiscountamount),
    tax: decimalOrNull(row.tax),
    volumediscountamount: decimalOrNull(row.volumediscountamount),
    baseamount: decimalOrNull(row.baseamount),
    extendedamount: decimalOrNull(row.extendedamount),
    columns: row,
  };
}

/** Money values at their precision with `_base` twins; `pricingerrorcode` as given. */
function storedColumns(
  values: CustomPricedHeader | CustomPricedLine,
  places: { readonly price: number; readonly currency: number },
  exchangerate: unknown,
): Row {
  const columns: Row = {};
  for (const [name, value] of Object.entries(values)) {
    if (name === 'id') continue;
    if (name === 'pricingerrorcode' && typeof value === 'number') columns.pricingerrorcode = value;
    else if (value instanceof Decimal) {
      const precision = name === 'priceperunit' ? places.price : places.currency;
      Object.assign(columns, customMoneyColumns(name, value, precision, exchangerate));
    }
  }
  return columns;
}

export async function runCustomPricing(
  context: ExecutionContext,
  module: CustomPricingModule,
  organization: Row,
  pair: SalesPair,
  headerId: string,
  trigger: { readonly table: SalesTable; readonly id: string; readonly operation: PricingOperation },
): Promise<void> {
  const header = await lockHeader(context, pair.header, headerId);
  if (!header) return;
  const lineTable = tableNamed(context, pair.line);
  const lines = await linesOf(context, pair, headerId);
  const settings = await settingsFor(context, organization, header);
  const request = {
    target: { table: trigger.table, id: trigger.id },
    operation: trigger.operation,
    record: customRecord(pair, header),
    lines: lines.map((line) => customLine(pair, lineTable.primaryId, line)),
    settings: {
      pricingdecimalprecision: settings.pricingdecimalprecision,
      currencyprecision: settings.currencyprecision,
      discountcalculationmethod: settings.discountcalculationmethod,
    },
  };
  const result = await measurePricingAsync(context, 'custom', async () => module.calculatePrice(request));
  const places = { price: settings.pricingdecimalprecision, currency: settings.currencyprecision };
  const known = new Set(lines.map((line) => line[lineTable.primaryId] as string));
  for (const line of result.lines ?? []) {
    // A module can only write the record's own lines.
    if (!known.has(line.id)) continue;
    const columns = storedColumns(line, places, header.exchangerate);
    if (Object.keys(columns).length > 0) await writeComputedColumns(context, pair.line, line.id, columns);
  }
  if (result.record) {
    const columns = storedColumns(result.record, places, header.exchangerate);
    if (Object.keys(columns).length > 0) await writeComputedColumns(context, pair.header, headerId, columns);
  }
}
