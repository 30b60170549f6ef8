/**
 * Everything that differs between SQLite and PostgreSQL, as named values and methods, one
 * implementation per dialect (sqlite-specifics.ts, postgres-specifics.ts). A store picks its dialect's
 * once when it opens (`Store.specifics`); code that was handed only a dialect's name looks it up here.
 * Nothing else in the tree asks `dialect === …`.
 */
import type { RawBuilder } from 'kysely';
import type { ChangeWatermark } from '../change-watermark.js';
import type { Dialect } from '../column-codec.js';
import type { DateGrouping } from '../query/aggregate-plan.js';
import type { Executor } from '../store.js';
import type { ColumnStorage } from './column-storage.js';
import { postgresSpecifics } from './postgres-specifics.js';
import { sqliteSpecifics } from './sqlite-specifics.js';

export interface DialectSpecifics {
  readonly dialect: Dialect;
  /** SQL types of Orderline's own columns: a GUID, a UTC instant, a 64-bit integer. */
  readonly idType: string;
  readonly instantType: string;
  readonly bigintType: string;
  /** Each column type's SQL type and stored values. */
  readonly columns: ColumnStorage;
  /** How change tracking knows what changed after a read (change-watermark.ts). */
  readonly watermark: ChangeWatermark;
  /**
   * Row versions and quote, order and invoice numbers come from sequences (PostgreSQL, so concurrent
   * writers do not queue on a counter row), rather than from counter rows (SQLite, whose writers are
   * serialised anyway).
   */
  readonly numbersFromSequences: boolean;
  /** Ends a select that claims rows: concurrent claimers skip the rows another one holds (empty where writers are serialised). */
  skipLocked(ofAlias?: string): RawBuilder<unknown>;
  /**
   * Every read of a write transaction is made under the write lock (SQLite: one writer at a time), so
   * a row read there cannot change before the transaction ends. Where not (PostgreSQL), only reads
   * `for update` are.
   */
  readonly readsUnderWriteLock: boolean;
  /** `select … for update` locks rows; SQLite has no such clause (its write lock covers everything). */
  readonly selectsForUpdate: boolean;
  /** The key under which a row id is remembered: PostgreSQL's uuid compares without regard to case. */
  idKey(id: string): string;
  /** Case-insensitive comparison of text (`$filter` eq, ne, lt, …: Dataverse compares text ignoring case). */
  compareTextIgnoringCase(ref: RawBuilder<unknown>, operator: string, value: unknown): RawBuilder<unknown>;
  /**
   * An integer part of a date in UTC, as FetchXML's `dategrouping` groups by it (aggregate-plan.ts): the
   * day of the month, the week of the year (Sunday-based, week 1 holds January 1st), month, quarter, year.
   */
  datePart(ref: RawBuilder<unknown>, part: DateGrouping, dateOnly: boolean): RawBuilder<unknown>;
  /** Case-insensitive LIKE (`contains`, `startswith`, `endswith`). */
  likeIgnoringCase(ref: RawBuilder<unknown>, pattern: RawBuilder<unknown>): RawBuilder<unknown>;
  /**
   * Makes the transaction `trx` wait for advisory lock `lock` and hold it until it ends, so processes
   * starting together on one database take turns (SQLite's transactions already do: BEGIN IMMEDIATE).
   */
  takeTurnsInTransaction(trx: Executor, lock: number): Promise<void>;
  /** Runs `work` on one connection holding advisory lock `lock` (outside any transaction: DDL). */
  takingTurns(db: Executor, lock: number, work: (connection: Executor) => Promise<void>): Promise<void>;
  /** Several processes can share the database, so service protection pools its usage there. */
  readonly sharedByProcesses: boolean;
}

const SPECIFICS: Readonly<Record<Dialect, DialectSpecifics>> = {
  sqlite: sqliteSpecifics,
  postgres: postgresSpecifics,
};

export function dialectSpecifics(dialect: Dialect): DialectSpecifics {
  return SPECIFICS[dialect];
}
