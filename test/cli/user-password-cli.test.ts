/**
 * `orderline user password <domainname>` as an operator runs it: the password is the first line piped
 * in, or, when nothing is, a generated one printed alone on stdout; the user's sessions end either way.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../../src/domain/metadata/sales-metadata.js';
import { passwordMatches } from '../../src/security/passwords.js';
import { userIdOfDomainName } from '../../src/storage/repositories/user-store.js';
import { openStore } from '../../src/storage/store.js';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../support/test-stores.js';
import { orderlineCommand } from './orderline-command.js';
import { CLI_ADMIN_TOKEN, type CommandResult } from './run-orderline.js';

function userPassword(database: string, domainName: string, input: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [orderlineCommand(), 'user', 'password', domainName],
      {
        env: {
          ...process.env,
          ORDERLINE_DB: database,
          ORDERLINE_ADMIN_TOKEN: CLI_ADMIN_TOKEN,
          ORDERLINE_LOG_LEVEL: 'warn',
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
    child.stdin!.end(input);
  });
}

async function matches(database: string, password: string): Promise<boolean> {
  const store = await openStore(database, createSalesMetadata());
  try {
    return await passwordMatches(store.db, await userIdOfDomainName(store.db, 'admin'), password);
  } finally {
    await store.close();
  }
}

for (const kind of TEST_STORES) {
  describe(`orderline user password on ${kind}`, { timeout: 120_000 }, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(kind, { schema: 'migrated' });
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('sets the password piped in, printing nothing on stdout', async () => {
      const result = await userPassword(database.location, 'admin', 'piped in password 1\n');
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe('The password of admin is set; their sessions have ended.\n');
      expect(await matches(database.location, 'piped in password 1')).toBe(true);
    });

    it('generates one when nothing is piped in, and prints it once', async () => {
      const result = await userPassword(database.location, 'admin', '');
      expect(result.code, result.stderr).toBe(0);
      const generated = result.stdout.trim();
      expect(generated).toMatch(/^[\w-]{24}$/);
      expect(await matches(database.location, generated)).toBe(true);
      expect(await matches(database.location, 'piped in password 1')).toBe(false);
    });

    it('refuses an unknown user and a password that breaks the rules, in plain words', async () => {
      expect(await userPassword(database.location, 'nobody', 'whatever password\n')).toMatchObject({
        code: 1,
        stderr: 'No user has the domain name nobody.\n',
      });
      expect(await userPassword(database.location, 'admin', 'short\n')).toMatchObject({
        code: 1,
        stderr: 'A password must have from 8 to 256 characters.\n',
      });
    });
  });
}
