/**
 * The status reasons of a state, read from the server's table metadata as the state names are
 * (ui/src/entities/state-names.ts), so a dialog never retypes a code or a label.
 */
import type { StatusMetadata } from '../../../src/domain/metadata/table-metadata';
import { invoice } from '../../../src/domain/metadata/tables/invoice';
import { quote } from '../../../src/domain/metadata/tables/quote';
import { salesorder } from '../../../src/domain/metadata/tables/salesorder';

const TABLES = { invoice, quote, salesorder } as const;

export function statusReasons(table: keyof typeof TABLES, state: number): readonly StatusMetadata[] {
  return TABLES[table].states.find((candidate) => candidate.value === state)?.statuses ?? [];
}

export const today = (): string => new Date().toISOString().slice(0, 10);
