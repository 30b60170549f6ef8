import { describe, expect, it } from 'vitest';
import { addUnits, periodRange } from './date-ranges.js';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const text = (date: Date) => date.toISOString().slice(0, 10);

describe('calendar arithmetic of the relative date functions', () => {
  it.each([
    ['2024-01-31', 'month', 1, '2024-02-29'],
    ['2023-01-31', 'month', 1, '2023-02-28'],
    ['2024-03-31', 'month', -1, '2024-02-29'],
    ['2024-02-29', 'year', 1, '2025-02-28'],
    ['2024-05-01', 'month', -13, '2023-04-01'],
    ['2024-05-01', 'week', -2, '2024-04-17'],
    ['2024-05-01', 'year', -999999, '1753-01-01'],
    ['2024-05-01', 'day', 999999999, '9999-12-31'],
  ] as const)(
    '%s plus %s × %i is %s, keeping the day when the month has it, as .NET AddMonths does',
    (from, unit, count, expected) => {
      expect(text(addUnits(day(from), unit, count))).toBe(expected);
    },
  );

  it('a week runs from Sunday: a Sunday starts its own week, a Saturday ends it', () => {
    expect(periodRange('2024-04-28T00:00:00Z', 'week', 0)).toEqual(['2024-04-28T00:00:00Z', '2024-05-05T00:00:00Z']);
    expect(periodRange('2024-05-04T23:59:59Z', 'week', 0)).toEqual(['2024-04-28T00:00:00Z', '2024-05-05T00:00:00Z']);
    expect(periodRange('2024-12-31T10:00:00Z', 'month', 1)).toEqual(['2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z']);
  });
});
