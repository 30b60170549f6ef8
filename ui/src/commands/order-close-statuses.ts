/**
 * The status reasons an order can be closed with (Cancel Order's reasons, Fulfill Order's Complete or
 * Partial), read from the server's table metadata as the state names are (ui/src/entities/state-names.ts),
 * so the dialogs never retype a code or a label.
 */
import type { StatusMetadata } from '../../../src/domain/metadata/table-metadata';
import { salesorder } from '../../../src/domain/metadata/tables/salesorder';
import { SalesOrderState } from '../entities/state-names';

const statusesOf = (state: number): readonly StatusMetadata[] =>
  salesorder.states.find((candidate) => candidate.value === state)?.statuses ?? [];

export const orderCloseStatuses = {
  canceled: statusesOf(SalesOrderState.Canceled),
  fulfilled: statusesOf(SalesOrderState.Fulfilled),
};
