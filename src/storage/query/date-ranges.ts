/**
 * The calendar arithmetic of the relative date query functions (`ThisWeek`, `LastXMonths`,
 * `OlderThanXYears`, ...), in UTC like every date Orderline stores. Weeks start on Sunday, Dataverse's
 * default (`weekstartdaycode` 0 in the organization's and users' settings; Orderline has no such
 * setting). Adding months or years keeps the day of the month when it exists and otherwise takes the
 * month's last day, as .NET's `AddMonths` does (Jan 31 + 1 month is Feb 28/29, not Mar 3). Every bound
 * is clamped to the dates a column can hold, 1753 to 9999.
 */
import { EARLIEST_DATE, LATEST_DATE } from '../../domain/date-values.js';

export type CalendarUnit = 'day' | 'week' | 'month' | 'year';

const EARLIEST_DAY = Date.parse(`${EARLIEST_DATE}T00:00:00Z`);
const LATEST_DAY = Date.parse(`${LATEST_DATE}T00:00:00Z`);

/** `YYYY-MM-DDTHH:MM:SSZ`, the instant form the filter compares with. */
export function instantText(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}Z`;
}

function clamp(instant: Date): Date {
  return new Date(Math.min(Math.max(instant.getTime(), EARLIEST_DAY), LATEST_DAY));
}

/** Midnight UTC of the day `now` falls in. */
export function startOfDay(now: string): Date {
  return new Date(`${now.slice(0, 10)}T00:00:00Z`);
}

/** `day` moved by `count` units (negative: back); far moves stop at the range a column can hold. */
export function addUnits(day: Date, unit: CalendarUnit, count: number): Date {
  if (unit === 'day' || unit === 'week') {
    const days = unit === 'week' ? count * 7 : count;
    const moved = day.getTime() + days * 86_400_000;
    // Beyond what a JavaScript date holds (±8.64e15 ms) the result is past either end anyway.
    return clamp(new Date(Math.max(Math.min(moved, LATEST_DAY), EARLIEST_DAY)));
  }
  const months = unit === 'year' ? count * 12 : count;
  const monthIndex = day.getUTCFullYear() * 12 + day.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  if (year < 1753) return new Date(EARLIEST_DAY);
  if (year > 9999) return new Date(LATEST_DAY);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return clamp(new Date(Date.UTC(year, month, Math.min(day.getUTCDate(), lastDay))));
}

/** The first day of the week, month or year `now` falls in. */
function startOfPeriod(now: string, unit: Exclude<CalendarUnit, 'day'>): Date {
  const day = startOfDay(now);
  if (unit === 'week') return addUnits(day, 'day', -day.getUTCDay());
  if (unit === 'month') return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
  return new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
}

/**
 * `[start, end)` of the week, month or year `offset` periods from the current one: `ThisMonth` is
 * offset 0, `LastMonth` -1, `NextMonth` 1.
 */
export function periodRange(now: string, unit: Exclude<CalendarUnit, 'day'>, offset: number): [string, string] {
  const start = addUnits(startOfPeriod(now, unit), unit, offset);
  const end = addUnits(start, unit, 1);
  return [instantText(start), instantText(end)];
}
