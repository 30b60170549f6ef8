import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../../../test/support/test-stores.js';
import { DomainError } from '../../domain/errors.js';
import { whileClientWaits } from '../statement-cancellation.js';
import { openPostgres } from './postgres.js';

describe.skipIf(!TEST_STORES.includes('postgres'))('PostgreSQL statement bounds', () => {
  let database: TestDatabase;
  let pool: ReturnType<typeof openPostgres>;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    pool = openPostgres(database.location, 2, 300);
  });
  afterAll(async () => {
    await pool?.db.destroy();
    await database?.drop();
  });

  /** Statements of this test's database sleeping in PostgreSQL (other test files share the server). */
  const sleeping = async () =>
    Number(
      (
        await sql<{ count: string }>`select count(*) as count from pg_stat_activity
          where datname = current_database() and state = 'active' and query like 'select pg_sleep(%'`.execute(pool.db)
      ).rows[0]!.count,
    );

  /**
   * The count once it reaches `expected`, or whatever it is after two seconds: a statement shows as active
   * a moment after it is sent, and a cancelled one leaves that state a moment after the client hears of it.
   */
  const sleepingSettledAt = async (expected: number) => {
    const deadline = Date.now() + 2_000;
    let count = await sleeping();
    while (count !== expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      count = await sleeping();
    }
    return count;
  };

  it('a statement running past the timeout is refused with 503 SQL timeout expired, not a driver error', async () => {
    const refusal = await sql`select pg_sleep(5)`.execute(pool.db).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ kind: 'queryTimeout', status: 503, code: '0x80044151' });
    expect((refusal as DomainError).message).toMatch(/SQL timeout expired.*300 ms/);
    // The connection is still good for the next statement.
    expect((await sql<{ one: number }>`select 1 as one`.execute(pool.db)).rows[0]!.one).toBe(1);
  });

  it('a statement whose client leaves is cancelled in the database at once', async () => {
    const unbounded = openPostgres(database.location, 1, 0);
    try {
      const controller = new AbortController();
      const started = Date.now();
      const running = whileClientWaits(controller.signal, () => sql`select pg_sleep(30)`.execute(unbounded.db)).catch(
        (error: unknown) => error,
      );
      expect(await sleepingSettledAt(1)).toBe(1);
      controller.abort();
      const refusal = await running;
      expect(refusal).toMatchObject({ kind: 'queryTimeout', message: expect.stringMatching(/client closed/) });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await sleepingSettledAt(0)).toBe(0);
    } finally {
      await unbounded.db.destroy();
    }
  });

  it('a statement sent after its client left is not sent at all', async () => {
    const controller = new AbortController();
    controller.abort();
    const refusal = await whileClientWaits(controller.signal, () => sql`select 1`.execute(pool.db)).catch(
      (error: unknown) => error,
    );
    expect(refusal).toMatchObject({ kind: 'queryTimeout' });
  });
});
