/**
 * Conditions on one column: a `$filter` literal converted to the column's domain value, and
 * `column <op> value` in SQL as Dataverse compares (text case-insensitively, money and decimals
 * exactly whatever the literal). Shared by the filter compiler and the query functions, which both
 * build on them.
 */
import { type RawBuilder, sql } from 'kysely';
import { EARLIEST_DATE, LATEST_DATE, parseDateValue } from '../../domain/date-values.js';
import { Decimal, parseDecimal } from '../../domain/decimal.js';
import { querySyntax } from '../../domain/errors.js';
import { GUID_PATTERN } from '../../domain/guid.js';
import type {
  ColumnMetadata,
  DecimalColumn,
  MoneyColumn,
  TableMetadata,
} from '../../domain/metadata/table-metadata.js';
import type { FieldValue } from '../../domain/record.js';
import type { ComparisonOperator, Literal } from '../../odata/filter/filter-ast.js';
import { encodeValue, numericStorage } from '../column-codec.js';
import { dialectSpecifics } from '../dialects/dialect-specifics.js';
import { MONEY_SCALE } from '../dialects/numeric-scaling.js';
import type { FilterCompiler, Scope } from './filter-to-sql.js';

export type Condition = RawBuilder<unknown>;

export const OPERATORS: Readonly<Record<ComparisonOperator, string>> = {
  eq: '=',
  ne: '<>',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
};

export function columnRef(scope: Scope, column: string): RawBuilder<unknown> {
  return sql.ref(`${scope.alias}.${column}`);
}

function literalText(literal: Literal): string {
  switch (literal.kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return String(literal.value);
    case 'number':
    case 'datetime':
    case 'date':
      return literal.text;
    case 'string':
    case 'guid':
      return literal.value;
  }
}

const INT32_MAX = 2_147_483_647;
const INT64_MAX = 9_223_372_036_854_775_807n;

/**
 * Converts a literal to the domain value of `column`. Query functions pass their values as strings
 * (`PropertyValues=['0','1']`), so strings are accepted for every type and read as that type.
 */
export function literalValue(column: ColumnMetadata, literal: Literal, table: TableMetadata): FieldValue {
  if (literal.kind === 'null') return null;
  const text = literalText(literal);
  const mismatch = () =>
    querySyntax(
      `A binary operator with incompatible types was detected: the literal '${text}' cannot be compared with ${table.logicalName}.${column.name} (${column.type}).`,
    );
  switch (column.type) {
    case 'string':
    case 'memo':
      if (literal.kind !== 'string') throw mismatch();
      return literal.value;
    case 'uniqueidentifier':
    case 'lookup':
    case 'customer':
    case 'owner': {
      const guid = GUID_PATTERN.exec(text);
      if (!guid || (literal.kind !== 'guid' && literal.kind !== 'string')) throw mismatch();
      return guid[1]!.toLowerCase();
    }
    case 'integer':
    case 'picklist':
    case 'state':
    case 'status': {
      const number = literal.kind === 'number' || literal.kind === 'string' ? parseDecimal(text) : undefined;
      // These are Edm.Int32: a literal outside Int32 is a type error, as it would be for the column itself.
      if (!number?.isInteger() || number.abs().gt(INT32_MAX)) throw mismatch();
      return number.toNumber();
    }
    case 'bigint': {
      // The row version is an Int64; a longer literal cannot be bound and no row could match it.
      if (!/^-?\d+$/.test(text) || BigInt(text) > INT64_MAX || BigInt(text) < -INT64_MAX - 1n) throw mismatch();
      return text;
    }
    case 'decimal':
    case 'money': {
      const number = literal.kind === 'number' || literal.kind === 'string' ? parseDecimal(text) : undefined;
      if (!number) throw mismatch();
      return number;
    }
    case 'boolean':
      if (literal.kind === 'boolean') return literal.value;
      if (literal.kind === 'number' || literal.kind === 'string') {
        if (text === '1' || text === 'true') return true;
        if (text === '0' || text === 'false') return false;
      }
      throw mismatch();
    case 'datetime': {
      if (literal.kind !== 'datetime' && literal.kind !== 'date' && literal.kind !== 'string') throw mismatch();
      const value = parseDateValue(text, column.format);
      if (value === undefined) {
        if (literal.kind === 'string') throw mismatch();
        // The lexer has checked the calendar; what is left is a date beyond what Dataverse stores.
        throw querySyntax(
          `The literal '${text}' cannot be compared with ${table.logicalName}.${column.name}: dates and times are between ${EARLIEST_DATE} and ${LATEST_DATE} (UTC).`,
        );
      }
      return value;
    }
  }
}

export function isText(column: ColumnMetadata): boolean {
  return column.type === 'string' || column.type === 'memo';
}

/** Binds a domain value in its stored form. Money beyond 4 decimals is compared exactly on PostgreSQL. */
export function bindValue(compiler: FilterCompiler, column: ColumnMetadata, value: FieldValue): RawBuilder<unknown> {
  return sql.val(encodeValue(column, value, compiler.dialect));
}

/** A condition that holds for every row with a value in `ref`, or for none. */
function allOrNone(ref: RawBuilder<unknown>, holds: boolean): Condition {
  return holds ? sql`${ref} is not null` : sql`1 = 0`;
}

/** The most decimals a stored value has: money keeps four (SQL Server `money`), a decimal its precision. */
function storedDecimalPlaces(column: MoneyColumn | DecimalColumn): number {
  return column.type === 'money' ? MONEY_SCALE : column.precision;
}

/**
 * Money and decimals compared with a literal exactly, whatever the literal: one beyond anything the
 * column can hold (`1e400`) is decided without binding it (SQLite cannot bind it, PostgreSQL would
 * overflow), and a literal with more decimals than any stored value has is decided (eq, ne) or moved
 * to the nearest bound that keeps the same rows (the others) instead of being rounded (rounding made
 * 5.00001 equal 5). So no literal is ever bound with more digits than the column holds.
 */
function compareNumeric(
  compiler: FilterCompiler,
  ref: RawBuilder<unknown>,
  column: MoneyColumn | DecimalColumn,
  operator: ComparisonOperator,
  value: Decimal,
): Condition {
  const { largest, asText } = numericStorage(column, compiler.dialect);
  if (value.abs().gt(largest)) {
    const above = value.isPositive();
    return allOrNone(
      ref,
      operator === 'ne' || (above ? operator === 'lt' || operator === 'le' : operator === 'gt' || operator === 'ge'),
    );
  }
  // SQLite keeps a decimal whose range does not fit a scaled integer as text (exchangerate), and it
  // must not be compared as text ('10' < '2').
  const textDecimal = asText === true;
  // Decided from the metadata, the same on every store: on PostgreSQL a literal such as 1e-999999999
  // once went on to be bound, written out by toFixed as a billion digits.
  const places = storedDecimalPlaces(column);
  let bound = value;
  if (value.decimalPlaces() > places) {
    // No stored value equals it; for order, x > 5.00001 is x > 5.0000 and x >= 5.00001 is x >= 5.0001.
    if (operator === 'eq' || operator === 'ne') return allOrNone(ref, operator === 'ne');
    const down = operator === 'gt' || operator === 'le';
    bound = value.toDecimalPlaces(places, down ? Decimal.ROUND_FLOOR : Decimal.ROUND_CEIL);
  }
  if (textDecimal) return compareTextDecimal(ref, operator, bound, places);
  return sql`${ref} ${sql.raw(OPERATORS[operator])} ${bindValue(compiler, column, bound)}`;
}

/**
 * Compares a decimal stored as text (`-12.5`, as Decimal.toFixed writes it) with a literal of at most
 * `precision` decimals, exactly: both sides become the pair (whole part, fraction scaled to `precision`
 * digits), each signed like the value, and such pairs order as the values do. Both fit 64-bit integers:
 * the literal is within the column's range (checked by the caller) and precision is at most 18.
 */
function compareTextDecimal(ref: RawBuilder<unknown>, operator: ComparisonOperator, value: Decimal, precision: number) {
  const digits = sql`ltrim(${ref}, '-')`;
  const dot = sql`instr(${digits} || '.', '.')`;
  const sign = sql`(case when substr(${ref}, 1, 1) = '-' then -1 else 1 end)`;
  const whole = sql`(${sign} * cast(substr(${digits}, 1, ${dot} - 1) as integer))`;
  const padded = sql`substr(${digits}, ${dot} + 1) || ${sql.val('0'.repeat(precision))}`;
  const fraction = sql`(${sign} * cast(substr(${padded}, 1, ${sql.val(precision)}) as integer))`;
  const truncated = value.trunc();
  const literalWhole = sql.val(BigInt(truncated.toFixed()));
  const literalFraction = sql.val(BigInt(value.minus(truncated).mul(new Decimal(10).pow(precision)).toFixed()));
  const op = sql.raw(OPERATORS[operator]);
  switch (operator) {
    case 'eq':
      return sql`(${whole} = ${literalWhole} and ${fraction} = ${literalFraction})`;
    case 'ne':
      return sql`(${whole} <> ${literalWhole} or ${fraction} <> ${literalFraction})`;
    default: {
      const strict = sql.raw(operator === 'gt' || operator === 'ge' ? '>' : '<');
      return sql`(${whole} ${strict} ${literalWhole} or (${whole} = ${literalWhole} and ${fraction} ${op} ${literalFraction}))`;
    }
  }
}

/** `column <op> value`, case-insensitive for text as Dataverse compares. */
export function compareColumn(
  compiler: FilterCompiler,
  scope: Scope,
  column: ColumnMetadata,
  operator: ComparisonOperator,
  value: FieldValue,
): Condition {
  const ref = columnRef(scope, column.name);
  if (value === null) {
    if (operator === 'eq') return sql`${ref} is null`;
    if (operator === 'ne') return sql`${ref} is not null`;
    throw querySyntax(`The operator '${operator}' cannot be used with null.`);
  }
  const op = sql.raw(OPERATORS[operator]);
  if (isText(column)) {
    return dialectSpecifics(compiler.dialect).compareTextIgnoringCase(ref, OPERATORS[operator], value);
  }
  if ((column.type === 'money' || column.type === 'decimal') && value instanceof Decimal) {
    return compareNumeric(compiler, ref, column, operator, value);
  }
  return sql`${ref} ${op} ${bindValue(compiler, column, value)}`;
}

/**
 * Joins conditions with `and` or `or` as a balanced tree. SQLite refuses an expression nested deeper
 * than 1000 levels, and a chain `a or b or c ...` (parsed left-deep, or joined flat) nests one level
 * per term; balanced, 1000 terms nest 10 levels. Both operators are associative, so the answer is the same.
 */
export function balanced(conditions: readonly Condition[], operator: 'and' | 'or'): Condition {
  if (conditions.length === 1) return conditions[0]!;
  const middle = Math.ceil(conditions.length / 2);
  const left = balanced(conditions.slice(0, middle), operator);
  const right = balanced(conditions.slice(middle), operator);
  return operator === 'and' ? sql`(${left} and ${right})` : sql`(${left} or ${right})`;
}
