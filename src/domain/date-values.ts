/**
 * Dates and date-times as Dataverse takes them: ISO text for a real calendar day, normalised to UTC
 * seconds (`YYYY-MM-DDTHH:mm:ssZ`) or to a day, within Dataverse's DateTime range. One parser for
 * entity bodies, action parameters, CSV cells and `$filter` literals, so no store ever sees a date the
 * other would refuse (PostgreSQL refuses year 0 and year 10000; SQLite would store them as text).
 */

/** Dataverse's DateTime range (SQL Server `datetime`): 1753-01-01 to 9999-12-31, in UTC. */
export const EARLIEST_DATE = '1753-01-01';
export const LATEST_DATE = '9999-12-31';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Is a day (`YYYY-MM-DD…`, four-digit year) within Dataverse's DateTime range? Such text sorts as the days do. */
export function isWithinDateRange(day: string): boolean {
  const date = day.slice(0, 10);
  return /^\d{4}-/.test(date) && date >= EARLIEST_DATE && date <= LATEST_DATE;
}

/**
 * Normalises an ISO date or date-time to UTC seconds or, for `dateonly`, to its date. Undefined for
 * text that is not a real date and time, and for one outside Dataverse's range: `9999-12-31T23:59:59-14:00`
 * is in year 10000 in UTC.
 */
export function parseDateValue(text: string, format: 'datetime' | 'dateonly'): string | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, , zone] = match;
  const date = `${year}-${month}-${day}`;
  const probe = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== date) return undefined;
  const local = `${date}T${hour ?? '00'}:${minute ?? '00'}:${second ?? '00'}${zone ?? 'Z'}`;
  const instant = new Date(local);
  // Checked for dateonly too: a date-only column ignores the time, but not an impossible one (25:00).
  if (Number.isNaN(instant.getTime())) return undefined;
  if (format === 'dateonly') return isWithinDateRange(date) ? date : undefined;
  // toISOString writes years beyond 9999 as `+010000-…`, which the range check refuses.
  const utc = instant.toISOString();
  return isWithinDateRange(utc) ? `${utc.slice(0, 19)}Z` : undefined;
}
