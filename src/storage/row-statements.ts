/**
 * The record repository's statements on one row (select by id, insert, update by id), compiled once per
 * shape. Kysely builds and compiles every query anew, which for a line of sixty columns costs more than
 * SQLite takes to insert it; the SQL text depends only on the table, the columns written and the store,
 * so Kysely compiles it the first time a shape is seen and the text is reused with fresh values after.
 *
 * Values are bound in the order Kysely binds them: the columns in the order given, then the row id.
 * A column whose value is undefined is left out, as Kysely leaves it out. The stamp (the change
 * watermark's raw SQL, see change-watermark.ts) goes into the text and binds nothing.
 *
 * An insert or update may ask for the row as stored (`returning`, RETURNING * on both stores): a unit
 * of work keeps the row it wrote instead of reading it again (locked-rows.ts).
 */
import { CompiledQuery, type RawBuilder } from 'kysely';
import type { Executor } from './store.js';

type Values = Readonly<Record<string, unknown>>;
type Stamp = Readonly<Record<string, RawBuilder<unknown>>>;

/** Shapes kept: a write names some of one table's columns, and few combinations recur. */
const SHAPES_KEPT = 500;

export interface RowStatements {
  select(
    trx: Executor,
    table: string,
    idColumn: string,
    id: string,
    forUpdate: boolean,
  ): Promise<Record<string, unknown> | undefined>;
  /** Inserts a row; with `returning`, answers it as stored. */
  insert(
    trx: Executor,
    table: string,
    values: Values,
    stamp: Stamp,
    returning?: boolean,
  ): Promise<Record<string, unknown> | undefined>;
  /** Updates a row by id; with `returning`, answers it as stored (undefined when there is no such row). */
  update(
    trx: Executor,
    table: string,
    idColumn: string,
    id: string,
    values: Values,
    stamp: Stamp,
    returning?: boolean,
  ): Promise<Record<string, unknown> | undefined>;
}

/** The columns that bind a value: defined, and not replaced by the stamp's SQL. */
function boundColumns(values: Values, stamp: Stamp): string[] {
  return Object.keys(values).filter((name) => values[name] !== undefined && !(name in stamp));
}

export function createRowStatements(): RowStatements {
  const texts = new Map<string, string>();

  function textOf(shape: string, compile: () => string): string {
    let text = texts.get(shape);
    if (text === undefined) {
      text = compile();
      texts.set(shape, text);
      if (texts.size > SHAPES_KEPT) texts.delete(texts.keys().next().value!);
    }
    return text;
  }

  async function run(trx: Executor, text: string, parameters: unknown[]) {
    return trx.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, parameters));
  }

  return {
    async select(trx, table, idColumn, id, forUpdate) {
      const text = textOf(`select\u0000${table}\u0000${idColumn}\u0000${forUpdate}`, () => {
        const query = trx.selectFrom(table).selectAll().where(idColumn, '=', id);
        return (forUpdate ? query.forUpdate() : query).compile().sql;
      });
      const { rows } = await run(trx, text, [id]);
      return rows[0];
    },
    async insert(trx, table, values, stamp, returning = false) {
      const columns = boundColumns(values, stamp);
      const shape = `insert\u0000${table}\u0000${columns.join(',')}\u0000${Object.keys(stamp).join(',')}\u0000${returning}`;
      const text = textOf(shape, () => {
        const query = trx.insertInto(table).values({ ...values, ...stamp });
        return (returning ? query.returningAll() : query).compile().sql;
      });
      const { rows } = await run(
        trx,
        text,
        columns.map((name) => values[name]),
      );
      return rows[0];
    },
    async update(trx, table, idColumn, id, values, stamp, returning = false) {
      const columns = boundColumns(values, stamp);
      const shape = `update\u0000${table}\u0000${idColumn}\u0000${columns.join(',')}\u0000${Object.keys(stamp).join(',')}\u0000${returning}`;
      const text = textOf(shape, () => {
        const query = trx
          .updateTable(table)
          .set({ ...values, ...stamp })
          .where(idColumn, '=', id);
        return (returning ? query.returningAll() : query).compile().sql;
      });
      const { rows } = await run(trx, text, [...columns.map((name) => values[name]), id]);
      return rows[0];
    },
  };
}
