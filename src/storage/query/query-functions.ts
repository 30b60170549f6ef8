/**
 * The Dataverse query functions Orderline supports in `$filter`
 * (`Microsoft.Dynamics.CRM.<Name>(PropertyName='x',PropertyValue(s)=...)`, Learn: "Web API Query
 * Function Reference"). Each builds one condition on the column PropertyName names. The calendar
 * arithmetic is in ./date-ranges.ts (UTC, weeks from Sunday), the hierarchy walks in
 * ./hierarchy-conditions.ts. A function Orderline cannot answer faithfully is a 400 that says why.
 */
import { type RawBuilder, sql } from 'kysely';
import { querySyntax } from '../../domain/errors.js';
import type { ColumnMetadata } from '../../domain/metadata/table-metadata.js';
import type { FieldValue } from '../../domain/record.js';
import type { Literal, QueryFunctionParameter } from '../../odata/filter/filter-ast.js';
import { balanced, bindValue, columnRef, compareColumn, literalValue } from './column-conditions.js';
import { addUnits, type CalendarUnit, instantText, periodRange, startOfDay } from './date-ranges.js';
import type { FilterCompiler, Scope } from './filter-to-sql.js';
import { HIERARCHY_FUNCTIONS, type HierarchyFunction, hierarchyCondition } from './hierarchy-conditions.js';

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

/** The second after `now`, as an exclusive upper bound that still includes `now` itself. */
function justAfter(now: string): string {
  return instantText(new Date(Date.parse(`${now.slice(0, 19)}Z`) + 1000));
}

function isDateOnly(column: ColumnMetadata): boolean {
  return column.type === 'datetime' && column.format === 'dateonly';
}

/**
 * `[start, end)` of a UTC day offset from today, each bound held to the dates a column can hold (1753 to
 * 9999): `LastXDays` with 999999 days would otherwise reach a year before 1, which PostgreSQL refuses.
 */
function dayRange(now: string, offsetDays: number): [string, string] {
  const today = startOfDay(now);
  return [instantText(addUnits(today, 'day', offsetDays)), instantText(addUnits(today, 'day', offsetDays + 1))];
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

/** ThisWeek ... NextYear: a whole calendar period, relative to the current one. */
const PERIODS: Readonly<Record<string, readonly [Exclude<CalendarUnit, 'day'>, number]>> = {
  ThisWeek: ['week', 0],
  LastWeek: ['week', -1],
  NextWeek: ['week', 1],
  ThisMonth: ['month', 0],
  LastMonth: ['month', -1],
  NextMonth: ['month', 1],
  ThisYear: ['year', 0],
  LastYear: ['year', -1],
  NextYear: ['year', 1],
};

/** LastXWeeks ... NextXYears: like LastXDays/NextXDays, counted in larger units. */
const RELATIVE_SPANS: Readonly<Record<string, readonly ['last' | 'next', CalendarUnit]>> = {
  LastXWeeks: ['last', 'week'],
  LastXMonths: ['last', 'month'],
  LastXYears: ['last', 'year'],
  NextXWeeks: ['next', 'week'],
  NextXMonths: ['next', 'month'],
  NextXYears: ['next', 'year'],
};

/** OlderThanX...: before a point in the past; minutes and hours from now, larger units from today's start. */
const OLDER_THAN: Readonly<Record<string, CalendarUnit | 'minute' | 'hour'>> = {
  OlderThanXMinutes: 'minute',
  OlderThanXHours: 'hour',
  OlderThanXDays: 'day',
  OlderThanXWeeks: 'week',
  OlderThanXMonths: 'month',
  OlderThanXYears: 'year',
};

/** The fiscal functions need a fiscal calendar (start month, period template), which Orderline has not. */
const FISCAL_FUNCTIONS = new Set([
  'InFiscalYear',
  'InFiscalPeriod',
  'InFiscalPeriodAndYear',
  'InOrAfterFiscalPeriodAndYear',
  'InOrBeforeFiscalPeriodAndYear',
  'ThisFiscalYear',
  'ThisFiscalPeriod',
  'LastFiscalYear',
  'LastFiscalPeriod',
  'NextFiscalYear',
  'NextFiscalPeriod',
  'LastXFiscalYears',
  'LastXFiscalPeriods',
  'NextXFiscalYears',
  'NextXFiscalPeriods',
]);

function isHierarchyFunction(name: string): name is HierarchyFunction {
  return (HIERARCHY_FUNCTIONS as readonly string[]).includes(name);
}

/** A literal written as a date alone (`2024-05-31`), which on a date and time column means the whole day. */
function isDayLiteral(literal: Literal): boolean {
  const text = literal.kind === 'string' ? literal.value : literal.kind === 'date' ? literal.text : '';
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}

/** The relative date functions named in the tables above, or undefined for any other name. */
function calendarCondition(
  compiler: FilterCompiler,
  scope: Scope,
  column: ColumnMetadata,
  name: string,
  parameters: Readonly<Record<string, QueryFunctionParameter>>,
): Condition | undefined {
  const now = compiler.environment.now;
  const period = PERIODS[name];
  if (period) {
    requireDate(name, column);
    const [start, end] = dayBounds(column, ...periodRange(now, period[0], period[1]));
    return between(compiler, scope, column, start, end);
  }
  const span = RELATIVE_SPANS[name];
  if (span) {
    requireDate(name, column);
    const count = wholeNumber(name, single(name, parameters));
    const today = startOfDay(now);
    if (span[0] === 'last') {
      const endOfNow = isDateOnly(column) ? dayRange(now, 0)[1] : justAfter(now);
      const [start, end] = dayBounds(column, instantText(addUnits(today, span[1], -count)), endOfNow);
      return between(compiler, scope, column, start, end);
    }
    const lastDay = addUnits(today, span[1], count);
    const [start, end] = dayBounds(column, `${now.slice(0, 19)}Z`, instantText(addUnits(lastDay, 'day', 1)));
    return between(compiler, scope, column, start, end);
  }
  const olderThan = OLDER_THAN[name];
  if (olderThan) {
    requireDate(name, column);
    const count = wholeNumber(name, single(name, parameters));
    const bound =
      olderThan === 'minute' || olderThan === 'hour'
        ? instantText(
            new Date(Date.parse(`${now.slice(0, 19)}Z`) - count * (olderThan === 'minute' ? 60_000 : 3_600_000)),
          )
        : instantText(addUnits(startOfDay(now), olderThan, -count));
    return compareColumn(compiler, scope, column, 'lt', dayBounds(column, bound, bound)[0]);
  }
  if (FISCAL_FUNCTIONS.has(name)) {
    throw querySyntax(
      `The query function Microsoft.Dynamics.CRM.${name} is not supported by Orderline: it needs the organization's fiscal year settings (fiscal calendar start and period template), which Orderline does not have.`,
    );
  }
  return undefined;
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
      const [low, high] = [convert(list[0]!), convert(list[1]!)];
      // On a date and time column, a day given alone covers the whole day, as On/OnOrBefore read it.
      const highDay = column.type === 'datetime' && !isDateOnly(column) && isDayLiteral(list[1]!);
      const condition = highDay
        ? between(compiler, scope, column, low, dayRange(`${String(high).slice(0, 10)}T00:00:00Z`, 0)[1])
        : sql`(${compareColumn(compiler, scope, column, 'ge', low)} and ${compareColumn(compiler, scope, column, 'le', high)})`;
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
    case 'EqualUserOrUserTeams':
      // Orderline has no teams: no row is owned by a team, so "the user or the user's teams" is the user.
      requireId(name, column);
      return sql`${ref} = ${bindValue(compiler, column, compiler.environment.userId)}`;
    case 'EqualUserTeams':
      // ...and "the user's teams" is no one: the condition holds for no row.
      requireId(name, column);
      return sql`1 = 0`;
    case 'EqualUserOrUserHierarchy':
    case 'EqualUserOrUserHierarchyAndTeams':
      throw querySyntax(
        `The query function Microsoft.Dynamics.CRM.${name} is not supported by Orderline: it follows the manager or position hierarchy of hierarchy security, and Orderline's users have no manager (systemuser.parentsystemuserid).`,
      );
    case 'ContainValues':
    case 'DoesNotContainValues':
      throw querySyntax(
        `Microsoft.Dynamics.CRM.${name} applies to multi-select choice columns; ${column.name} is not one, and no Orderline table has such a column.`,
      );
    default: {
      if (isHierarchyFunction(name))
        return hierarchyCondition(compiler, scope, column, name, convert(single(name, parameters)));
      const condition = calendarCondition(compiler, scope, column, name, parameters);
      if (condition) return condition;
      throw querySyntax(`The query function Microsoft.Dynamics.CRM.${name} is not supported by Orderline.`);
    }
  }
}
