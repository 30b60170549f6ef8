/** Rows as dynamics-web-api returns them: columns, and `<column>_Formatted` with the server's formatting. */
export type Row = Readonly<Record<string, unknown>>;

/** The server's formatted value (money with its currency, choice labels, lookup names), else the value. */
export function formatted(row: Row | undefined, column: string): string {
  if (!row) return '';
  const text = row[`${column}_Formatted`];
  if (typeof text === 'string') return text;
  const value = row[column];
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toLocaleString();
  return String(value);
}

/** A lookup column is read as `_<column>_value` (the id), with the related row's name formatted. */
export const lookupColumn = (column: string) => `_${column}_value`;

export function stringValue(row: Row | undefined, column: string): string | undefined {
  const value = row?.[column];
  return typeof value === 'string' ? value : undefined;
}

export function numberValue(row: Row | undefined, column: string): number | undefined {
  const value = row?.[column];
  return typeof value === 'number' ? value : undefined;
}

/** A text for an OData string literal: single quotes doubled. */
export const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
