/**
 * Lookups in a CSV file name their row the way a person knows it, not by GUID: a price list by its
 * name, a product by its product number, a unit by its name within its unit group, a currency by its
 * ISO code. This directory turns those natural keys into ids (for import) and ids back into natural
 * keys (for export), reading each table once per unit of work.
 */
import { scanColumns } from '../storage/repositories/table-scans.js';
import type { Executor } from '../storage/store.js';

interface NaturalKey {
  /** The column that names a row of the table. */
  readonly column: string;
  /** What a person calls a row of the table, for messages. */
  readonly noun: string;
  /** A column that narrows the name (a unit's name is unique within its unit group). */
  readonly scope?: string;
}

export const NATURAL_KEYS: Readonly<Record<string, NaturalKey>> = {
  pricelevel: { column: 'name', noun: 'price list' },
  product: { column: 'productnumber', noun: 'product' },
  uomschedule: { column: 'name', noun: 'unit group' },
  uom: { column: 'name', noun: 'unit', scope: 'uomscheduleid' },
  discounttype: { column: 'name', noun: 'discount list' },
  transactioncurrency: { column: 'isocurrencycode', noun: 'currency' },
  account: { column: 'name', noun: 'account' },
  contact: { column: 'fullname', noun: 'contact' },
  systemuser: { column: 'domainname', noun: 'user' },
};

interface KeyedRow {
  readonly id: string;
  readonly key: string;
  readonly scope: string | null;
}

interface TableIndex {
  readonly byKey: Map<string, KeyedRow[]>;
  readonly byId: Map<string, KeyedRow>;
}

export type KeyResolution = { readonly id: string } | { readonly problem: string };

export interface NaturalKeyDirectory {
  /**
   * The id of the `table` row named `key`; with `scopeId`, only among the rows in that scope (the units
   * of one unit group). `column` is the CSV column, for the message.
   */
  resolve(table: string, column: string, key: string, scopeId?: string): Promise<KeyResolution>;
  /** The natural key of a row, for export; undefined when the id names nothing. */
  keyOf(table: string, id: string): Promise<string | undefined>;
  /** The scope of a row (a unit's unit group). */
  scopeOf(table: string, id: string): Promise<string | null | undefined>;
  /** The natural key of a table, with its noun. */
  describe(table: string): NaturalKey;
}

export function naturalKeyDirectory(trx: Executor, primaryIdOf: (table: string) => string): NaturalKeyDirectory {
  const indexes = new Map<string, Promise<TableIndex>>();

  const describe = (table: string): NaturalKey => {
    const key = NATURAL_KEYS[table];
    if (!key) throw new Error(`No natural key is defined for the ${table} table`);
    return key;
  };

  const load = async (table: string): Promise<TableIndex> => {
    const key = describe(table);
    const columns = [
      `${primaryIdOf(table)} as id`,
      `${key.column} as key`,
      ...(key.scope ? [`${key.scope} as scope`] : []),
    ];
    const rows = await scanColumns(trx, table, columns);
    const byKey = new Map<string, KeyedRow[]>();
    const byId = new Map<string, KeyedRow>();
    for (const row of rows) {
      const keyed: KeyedRow = {
        id: String(row.id),
        key: String(row.key ?? ''),
        scope: row.scope === undefined || row.scope === null ? null : String(row.scope),
      };
      byId.set(keyed.id, keyed);
      const same = byKey.get(keyed.key);
      if (same) same.push(keyed);
      else byKey.set(keyed.key, [keyed]);
    }
    return { byKey, byId };
  };

  const indexOf = (table: string) => {
    let index = indexes.get(table);
    if (!index) {
      index = load(table);
      indexes.set(table, index);
    }
    return index;
  };

  return {
    describe,
    async resolve(table, column, key, scopeId) {
      const { noun } = describe(table);
      const candidates = ((await indexOf(table)).byKey.get(key) ?? []).filter(
        (row) => scopeId === undefined || row.scope === scopeId,
      );
      if (candidates.length === 1) return { id: candidates[0]!.id };
      const where = scopeId === undefined ? '' : ` in the product's unit group`;
      if (candidates.length === 0) return { problem: `${column} "${key}" names no ${noun}${where}` };
      return {
        problem: `${column} "${key}" names ${candidates.length} ${noun}s${where}; give them different names first`,
      };
    },
    async keyOf(table, id) {
      return (await indexOf(table)).byId.get(id)?.key;
    },
    async scopeOf(table, id) {
      return (await indexOf(table)).byId.get(id)?.scope;
    },
  };
}
