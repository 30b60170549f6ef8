/**
 * Display text for values, as `@OData.Community.Display.V1.FormattedValue` annotations carry it:
 * option labels, Yes/No labels, money with its currency symbol, grouped numbers, dates in the US
 * format the Sales UI shows by default.
 */
import { Decimal, formatDecimal } from '../../domain/decimal.js';
import type { ColumnMetadata, TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { FieldValue } from '../../domain/record.js';

function groupThousands(text: string): string {
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

function formatDateTime(text: string, dateOnly: boolean): string {
  const [date, time] = text.split('T');
  const [year, month, day] = date!.split('-');
  const short = `${Number(month)}/${Number(day)}/${year}`;
  if (dateOnly || !time) return short;
  const hours = Number(time.slice(0, 2));
  const minutes = time.slice(3, 5);
  const suffix = hours >= 12 ? 'PM' : 'AM';
  return `${short} ${hours % 12 === 0 ? 12 : hours % 12}:${minutes} ${suffix}`;
}

export interface FormatContext {
  /** Currency symbol and precision of the row's currency, for money. */
  readonly currencySymbol?: string;
  readonly moneyPrecision?: (column: ColumnMetadata) => number;
}

export function formattedValue(
  table: TableMetadata,
  column: ColumnMetadata,
  value: FieldValue,
  context: FormatContext,
): string | undefined {
  if (value === null) return undefined;
  switch (column.type) {
    case 'picklist':
      return column.options.find((option) => option.value === value)?.label;
    case 'state':
      return table.states.find((state) => state.value === value)?.label;
    case 'status':
      for (const state of table.states) {
        const status = state.statuses.find((candidate) => candidate.value === value);
        if (status) return status.label;
      }
      return undefined;
    case 'boolean':
      return value ? column.trueLabel : column.falseLabel;
    case 'money': {
      const precision = context.moneyPrecision?.(column) ?? 2;
      const text = groupThousands((value as Decimal).toFixed(precision));
      const symbol = context.currencySymbol ?? '';
      return text.startsWith('-') ? `-${symbol}${text.slice(1)}` : `${symbol}${text}`;
    }
    case 'decimal':
      return groupThousands((value as Decimal).toFixed(column.precision));
    case 'integer':
      return groupThousands(String(value));
    case 'bigint':
      return String(value);
    case 'datetime':
      return formatDateTime(String(value), column.format === 'dateonly');
    default:
      return value instanceof Decimal ? formatDecimal(value) : undefined;
  }
}
