import { describe, expect, it } from 'vitest';
import { CsvFormatError, readCsvTable, writeCsvTable } from './csv-table.js';

describe('CSV tables', () => {
  it('numbers each row by the line it starts on, past blank lines and line breaks inside quotes', () => {
    const table = readCsvTable('\uFEFFname,note\nDesk,plain\n"Chair","two\nlines"\n\nLamp,last');
    expect(table.header).toEqual(['name', 'note']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['Desk', 'plain'] },
      { line: 3, cells: ['Chair', 'two\nlines'] },
      { line: 6, cells: ['Lamp', 'last'] },
    ]);
  });

  it('keeps rows with the wrong number of cells, for the importer to report with the others', () => {
    expect(readCsvTable('a,b\n1\n1,2,3\n').rows.map((row) => row.cells.length)).toEqual([1, 3]);
  });

  it('refuses a file that is not CSV, with the line where reading stopped', () => {
    const error = (() => {
      try {
        readCsvTable('name\nok\n"unclosed\n');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(CsvFormatError);
    expect((error as CsvFormatError).line).toBe(3);
    expect(() => readCsvTable('')).toThrow('the file is empty');
  });

  it('writes what it reads back: quotes, commas and line breaks survive', () => {
    const rows = [['Fabrikam, Inc.', 'says "hi"', 'two\nlines', '']];
    const text = writeCsvTable(['a', 'b', 'c', 'd'], rows);
    expect(text).toBe('a,b,c,d\n"Fabrikam, Inc.","says ""hi""","two\nlines",\n');
    expect(readCsvTable(text).rows[0]!.cells).toEqual(rows[0]);
  });
});
