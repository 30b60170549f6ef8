/**
 * CSV text <-> a header and rows of cells, each row with the line of the file it starts on (what a
 * person opening the file in an editor sees). Parsing and quoting are csv-parse and csv-stringify's
 * (RFC 4180: quoted fields, quotes doubled, line breaks inside quotes); this file only keeps line
 * numbers and turns a malformed file into a plain sentence.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export interface CsvRow {
  /** 1-based line of the file where the row starts; the header is line 1. */
  readonly line: number;
  readonly cells: readonly string[];
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly headerLine: number;
  readonly rows: readonly CsvRow[];
}

/** A file that is not CSV at all (an unclosed quote, no header): nothing in it can be read. */
export class CsvFormatError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'CsvFormatError';
  }
}

interface ParsedRecord {
  readonly record: string[];
  readonly raw: string;
  readonly info: { readonly lines: number };
}

/**
 * csv-parse reports the line a record ends on; a record whose quoted cells hold line breaks started
 * that many lines earlier. `raw` also carries the blank lines skipped before it and its own line end.
 */
function startLine(parsed: ParsedRecord): number {
  const body = parsed.raw.replace(/^(\r?\n|\r)+/, '').replace(/(\r?\n|\r)$/, '');
  const breaksInside = body.match(/\r?\n|\r/g)?.length ?? 0;
  return parsed.info.lines - breaksInside;
}

export function readCsvTable(text: string): CsvTable {
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      // Rows with too few or too many cells are reported per row (with every other bad row), not fatal.
      relax_column_count: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      throw new CsvFormatError(line, error.message.replace(/ at line \d+$/, ''));
    }
    throw error;
  }
  const [first, ...rest] = records;
  if (!first) throw new CsvFormatError(1, 'the file is empty: the first line must name the columns');
  return {
    header: first.record.map((name) => name.trim()),
    headerLine: startLine(first),
    rows: rest.map((parsed) => ({ line: startLine(parsed), cells: parsed.record })),
  };
}

/** CSV text with a header row; cells that need it are quoted. Lines end with `\n`. */
export function writeCsvTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return stringify([header as string[], ...(rows as string[][])], { record_delimiter: 'unix' });
}
