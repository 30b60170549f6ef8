/**
 * The Dataverse query functions Orderline supports in `$filter`
 * (`Microsoft.Dynamics.CRM.<Name>(PropertyName='x',PropertyValue(s)=...)`). Each is data: the
 * parameters it takes and the condition it builds. An unsupported one is a clear 501-free 400.
 */
import { type RawBuilder, sql } from 'kysely';
import { EARLIEST_DATE, LATEST_DATE } from '../../domain/date-values.js';
import { querySyntax } from '../../domain/errors.js';
import type { ColumnMetadata } from '../../domain/metadata/table-metadata.js';
import type { FieldValue } from '../../domain/record.js';
import type { Literal, QueryFunctionParameter } from '../../odata/filter/filter-ast.js';
import { balanced, bindValue, columnRef, compareColumn, literalValue } from './column-conditions.js';
import type { FilterCompiler, Scope } from './filter-to-sql.js';

type Condition = RawBuilder<unknown>;

function values(name: string, parameters: Readonly<Record<string, QueryFunctionParameter>>): readonly Literal[] {
  const list = parameters.PropertyValues;
  if (!Array.isArray(list) || list.length === 0) {
    throw querySyntax(`Microsoft.Dynamics.CRM.${name} needs PropertyValues=[...] with at least one value.`);
  }
  return list;
}

function single(name: string, parameters: Readonly<Record<string, QueryFunctionParameter>>): Literal {
  const value = parameters.PropertyValue;
  if (!value || Array.isArray(value)) throw querySyntax(`Microsoft.Dynamics.CRM.${name} needs PropertyValue=<value>.`);
  return value as Literal;
}

function wholeNumber(name: string, literal: Literal): number {
  const text = literal.kind === 'number' ? literal.text : literal.kind === 'string' ? literal.value : '';
  if (!/^\d{1,6}$/.test(text)) throw querySyntax(`Microsoft.Dynamics.CRM.${name} needs a whole number of units.`);
  return Number(text);
}

function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * Dates a column can hold are Dataverse's range, 1753 to 9999; `LastXDays` with 999999 days would
 * otherwise reach a year before 1, which toISOString writes as `-000714-...` and PostgreSQL refuses.
 */
const EARLIEST_DAY = Date.parse(`${EARLIEST_DATE}T00:00:00Z`);
const LATEST_DAY = Date.parse(`${LATEST_DATE}T00:00:00Z`);

function clampDay(day: Date): Date {
  return new Date(Math.min(Math.max(day.getTime(), EARLIEST_DAY), LATEST_DAY));
}

/** The second after `now`, as an exclusive upper bound that still includes `now` itself. */
function justAfter(now: string): string {
  return `${new Date(Date.parse(`${now.slice(0, 19)}Z`) + 1000).toISOString().slice(0, 19)}Z`;
}

function isDateOnly(column: ColumnMetadata): boolean {
  return column.type === 'datetime' && column.format === 'dateonly';
}

/** `[start, end)` of a UTC day offset from today. */
function dayRange(now: string, offsetDays: number): [string, string] {
  const day = new Date(`${now.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + offsetDays);
  const next = new Date(day);
  next.setUTCDate(next.getUTCDate() + 1);
  return [`${isoDay(clampDay(day))}T00:00:00Z`, `${isoDay(clampDay(next))}T00:00:00Z`];
}

function between(
  compiler: FilterCompiler,
  scope: Scope,
  column: ColumnMetadata,
  low: FieldValue,
  high: FieldValue,
): Condition {
  return sql`(${compareColumn(compiler, scope, column, 'ge', low)} and ${compareColumn(compiler, scope, column, 'lt', high)})`;
}

/** The user and business unit functions compare ids: binding an id to a money or date column would fail in SQL. */
function requireId(name: string, column: ColumnMetadata): void {
  if (!['lookup', 'owner', 'customer', 'uniqueidentifier'].includes(column.type)) {
    throw querySyntax(`Microsoft.Dynamics.CRM.${name} applies to lookup columns; ${column.name} is not one.`);
  }
}

function requireDate(name: string, column: ColumnMetadata): void {
  if (column.type !== 'datetime')
    throw querySyntax(`Microsoft.Dynamics.CRM.${name} applies to date columns; ${column.name} is not one.`);
}

/** A date column compared at day granularity: dateonly columns hold `YYYY-MM-DD`, others instants. */
function dayBounds(column: ColumnMetadata, start: string, end: string): [string, string] {
  return column.type === 'datetime' && column.format === 'dateonly'
    ? [start.slice(0, 10), end.slice(0, 10)]
    : [start, end];
}

type CalendarUnit = 'day' | 'week' | 'month' | 'year';

/**
 * `day` (midnight UTC) moved by `count` units, clamped to the dates a column can hold. A month later
 * than January 31 is the last day of February, as calendars count, not March 3.
 */
function shiftDay(day: string, unit: CalendarUnit, count: number): string {
  const date = new Date(day);
  if (unit === 'day' || unit === 'week') date.setUTCDate(date.getUTCDate() + count * (unit === 'week' ? 7 : 1));
  else {
    const months = unit === 'year' ? count * 12 : count;
    const target = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
    const year = Math.floor(target / 12);
    const month = target - year * 12;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    date.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  }
  if (Number.isNaN(date.getTime())) return `${LATEST_DATE}T00:00:00Z`;
  return `${isoDay(clampDay(date))}T00:00:00Z`;
}

/**
 * `[start, end)` of the calendar week (Sunday to Saturday, Dataverse's default week start), month or
 * year containing today, moved by `shift` of them.
 */
function calendarPeriod(now: string, unit: 'week' | 'month' | 'year', shift: number): [string, string] {
  const today = new Date(`${now.slice(0, 10)}T00:00:00Z`);
  let start: string;
  if (unit === 'week') {
    today.setUTCDate(today.getUTCDate() - today.getUTCDay());
    start = `${isoDay(today)}T00:00:00Z`;
  } else if (unit === 'month') start = `${now.slice(0, 7)}-01T00:00:00Z`;
  else start = `${now.slice(0, 4)}-01-01T00:00:00Z`;
  const first = shiftDay(start, unit, shift);
  return [first, shiftDay(first, unit, 1)];
}

export function applyQueryFunction(
  compiler: FilterCompiler,
  scope: Scope,
  column: ColumnMetadata,
  name: string,
  parameters: Readonly<Record<string, QueryFunctionParameter>>,
): Condition {
  const ref = columnRef(scope, column.name);
  const convert = (literal: Literal) => literalValue(column, literal, scope.table);
  const now = compiler.environment.now;
  switch (name) {
    case 'In':
    case 'NotIn': {
      const list = values(name, parameters).map(convert);
      const conditions = list.map((value) => compareColumn(compiler, scope, column, 'eq', value));
      const any = balanced(conditions, 'or');
      return name === 'In' ? any : sql`not (${any})`;
    }
    case 'Between':
    case 'NotBetween': {
      const list = values(name, parameters);
      if (list.length !== 2) throw querySyntax(`Microsoft.Dynamics.CRM.${name} needs exactly two PropertyValues.`);
      const condition = sql`(${compareColumn(compiler, scope, column, 'ge', convert(list[0]!))} and ${compareColumn(compiler, scope, column, 'le', convert(list[1]!))})`;
      return name === 'Between' ? condition : sql`not ${condition}`;
    }
    case 'Null':
      return sql`${ref} is null`;
    case 'NotNull':
      return sql`${ref} is not null`;
    case 'EqualUserId':
      requireId(name, column);
      return sql`${ref} = ${bindValue(compiler, column, compiler.environment.userId)}`;
    case 'NotEqualUserId':
      requireId(name, column);
      return sql`(${ref} is null or ${ref} <> ${bindValue(compiler, column, compiler.environment.userId)})`;
    case 'EqualBusinessId':
      requireId(name, column);
      return sql`${ref} = ${bindValue(compiler, column, compiler.environment.businessUnitId)}`;
    case 'NotEqualBusinessId':
      requireId(name, column);
      return sql`(${ref} is null or ${ref} <> ${bindValue(compiler, column, compiler.environment.businessUnitId)})`;
    case 'Today':
    case 'Yesterday':
    case 'Tomorrow': {
      requireDate(name, column);
      const offset = name === 'Today' ? 0 : name === 'Yesterday' ? -1 : 1;
      const [start, end] = dayBounds(column, ...dayRange(now, offset));
      return between(compiler, scope, column, start, end);
    }
    case 'On':
    case 'NotOn':
    case 'OnOrAfter':
    case 'OnOrBefore': {
      requireDate(name, column);
      const day = convert(single(name, parameters));
      if (typeof day !== 'string') throw querySyntax(`Microsoft.Dynamics.CRM.${name} needs a date.`);
      const [start, end] = dayBounds(column, ...dayRange(`${day.slice(0, 10)}T00:00:00Z`, 0));
      if (name === 'OnOrAfter') return compareColumn(compiler, scope, column, 'ge', start);
      if (name === 'OnOrBefore') return compareColumn(compiler, scope, column, 'lt', end);
      const on = between(compiler, scope, column, start, end);
      return name === 'On' ? on : sql`not ${on}`;
    }
    case 'LastXDays':
    case 'NextXDays': {
      requireDate(name, column);
      const count = wholeNumber(name, single(name, parameters));
      // "Last X days" runs up to and including now: rows stamped in the current second, and today for
      // date-only columns, are in it.
      const endOfNow = isDateOnly(column) ? dayRange(now, 0)[1] : justAfter(now);
      const [start, end] =
        name === 'LastXDays'
          ? dayBounds(column, dayRange(now, -count)[0], endOfNow)
          : dayBounds(column, `${now.slice(0, 19)}Z`, dayRange(now, count)[1]);
      return between(compiler, scope, column, start, end);
    }
    case 'LastXHours':
    case 'NextXHours': {
      requireDate(name, column);
      const count = wholeNumber(name, single(name, parameters));
      const shifted = new Date(new Date(now).getTime() + (name === 'LastXHours' ? -1 : 1) * count * 3_600_000);
      const other = `${shifted.toISOString().slice(0, 19)}Z`;
      const current = `${now.slice(0, 19)}Z`;
      return name === 'LastXHours'
        ? between(compiler, scope, column, other, justAfter(now))
        : between(compiler, scope, column, current, other);
    }
    case 'ThisWeek':
    case 'LastWeek':
    case 'NextWeek':
    case 'ThisMonth':
    case 'LastMonth':
    case 'NextMonth':
    case 'ThisYear':
    case 'LastYear':
    case 'NextYear': {
      requireDate(name, column);
      const unit = name.endsWith('Week') ? 'week' : name.endsWith('Month') ? 'month' : 'year';
      const shift = name.startsWith('This') ? 0 : name.startsWith('Last') ? -1 : 1;
      const [start, end] = dayBounds(column, ...calendarPeriod(now, unit, shift));
      return between(compiler, scope, column, start, end);
    }
    case 'LastXWeeks':
    case 'LastXMonths':
    case 'LastXYears':
    case 'NextXWeeks':
    case 'NextXMonths':
    case 'NextXYears': {
      requireDate(name, column);
      const count = wholeNumber(name, single(name, parameters));
      const unit = name.endsWith('Weeks') ? 'week' : name.endsWith('Months') ? 'month' : 'year';
      const today = `${now.slice(0, 10)}T00:00:00Z`;
      if (name.startsWith('Last')) {
        const endOfNow = isDateOnly(column) ? dayRange(now, 0)[1] : justAfter(now);
        return between(compiler, scope, column, ...dayBounds(column, shiftDay(today, unit, -count), endOfNow));
      }
      const end = dayRange(shiftDay(today, unit, count), 1)[0];
      return between(compiler, scope, column, ...dayBounds(column, `${now.slice(0, 19)}Z`, end));
    }
    case 'OlderThanXMinutes':
    case 'OlderThanXHours': {
      requireDate(name, column);
      const count = wholeNumber(name, single(name, parameters));
      const minutes = name === 'OlderThanXHours' ? count * 60 : count;
      const instant = new Date(Math.max(Date.parse(now) - minutes * 60_000, EARLIEST_DAY));
      const [bound] = dayBounds(column, `${instant.toISOString().slice(0, 19)}Z`, '');
      return compareColumn(compiler, scope, column, 'lt', bound);
    }
    case 'OlderThanXDays':
    case 'OlderThanXWeeks':
    case 'OlderThanXMonths':
    case 'OlderThanXYears': {
      requireDate(name, column);
      const count = wholeNumber(name, single(name, parameters));
      const unit = name.endsWith('Days')
        ? 'day'
        : name.endsWith('Weeks')
          ? 'week'
          : name.endsWith('Months')
            ? 'month'
            : 'year';
      // Older than X days: before the start of the day X days ago.
      const [bound] = dayBounds(column, shiftDay(`${now.slice(0, 10)}T00:00:00Z`, unit, -count), '');
      return compareColumn(compiler, scope, column, 'lt', bound);
    }
    default:
      throw querySyntax(`The query function Microsoft.Dynamics.CRM.${name} is not supported by Orderline.`);
  }
}
