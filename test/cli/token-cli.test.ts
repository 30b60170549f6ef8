/**
 * `orderline token issue|list|revoke` as an operator runs them: a child process on ORDERLINE_DB, the
 * token alone on stdout (so `$(orderline token admin)` captures it), problems on stderr with exit 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/security/secret-digest.js';
import { createTestDatabase, TEST_STORES, type TestDatabase } from '../support/test-stores.js';
import { runOrderline } from './run-orderline.js';

interface ListedToken {
  readonly tokenId: string;
  readonly domainName: string;
  readonly description: string | null;
  readonly expiresOn: string;
  readonly revokedOn: string | null;
}

for (const kind of TEST_STORES) {
  describe(`the orderline token commands on ${kind}`, () => {
    let database: TestDatabase;
    const orderline = (...args: string[]) => runOrderline(database.location, args);
    const listed = async (...args: string[]): Promise<ListedToken[]> => {
      const result = await orderline('token', 'list', '--json', ...args);
      expect(result.code, result.stderr).toBe(0);
      return result.stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line));
    };

    beforeAll(async () => {
      database = await createTestDatabase(kind, { schema: 'migrated' });
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('issues a token for at most the maximum lifetime, printing only the token', async () => {
      const tooLong = await orderline('token', 'issue', 'admin', '--days', '91');
      expect(tooLong).toMatchObject({ code: 1, stdout: '' });
      expect(tooLong.stderr).toBe(
        '--days must be from 1 to 90 (ORDERLINE_TOKEN_MAX_LIFETIME_DAYS, the longest a token may live).\n',
      );
      expect(await orderline('token', 'issue', 'admin', '--days', 'soon')).toMatchObject({
        code: 1,
        stderr: '--days must be a whole number of days\n',
      });
      expect(await orderline('token', 'nobody')).toMatchObject({
        code: 1,
        stderr: 'No user has the domain name nobody.\n',
      });
      expect((await listed()).map((token) => token.description)).toEqual(['ORDERLINE_ADMIN_TOKEN']);

      // `token <domainname>` is `token issue <domainname>`, as before the subcommands.
      const issued = await orderline('token', 'admin', '--days', '7', '--description', 'ci pipeline');
      expect(issued.code, issued.stderr).toBe(0);
      expect(issued.stdout).toMatch(/^olt_[A-Za-z0-9_-]{43}\n$/);
      expect(issued.stderr).toMatch(/^Expires \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.\n$/);
      const ci = (await listed('--user', 'admin')).find((token) => token.description === 'ci pipeline')!;
      expect(Date.parse(ci.expiresOn) - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
      expect(ci).toMatchObject({ domainName: 'admin', revokedOn: null });
    }, 120_000);

    it('lists tokens without them or their hashes, and revokes by id or by user', async () => {
      const issued = (await orderline('token', 'admin', '--description', 'to revoke')).stdout.trim();
      const table = await orderline('token', 'list');
      expect(table.stdout).toMatch(/^ID +USER +CREATED +EXPIRES +STATE +DESCRIPTION\n/);
      expect(table.stdout).toMatch(/ admin +\S+ +\S+ +valid +to revoke\n/);
      expect(table.stdout).not.toContain(issued);
      expect(table.stdout).not.toContain(hashSecret(issued));

      expect(await orderline('token', 'revoke')).toMatchObject({
        code: 1,
        stderr: 'name the tokens to revoke (ids from orderline token list), or use --user\n',
      });
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(await orderline('token', 'revoke', unknown)).toMatchObject({
        code: 1,
        stderr: `No token has the id ${unknown}; nothing revoked.\n`,
      });

      const target = (await listed()).find((token) => token.description === 'to revoke')!;
      expect(await orderline('token', 'revoke', target.tokenId)).toMatchObject({
        code: 0,
        stdout: '1 token revoked.\n',
      });
      expect((await listed('--valid')).map((token) => token.tokenId)).not.toContain(target.tokenId);
      expect((await listed()).find((token) => token.tokenId === target.tokenId)!.revokedOn).not.toBeNull();

      // Every valid token of the administrator, ORDERLINE_ADMIN_TOKEN included: from then on a process
      // configured with that value refuses to start, and says what to do.
      const valid = (await listed('--valid')).length;
      const revoked = await orderline('token', 'revoke', '--user', 'admin');
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(revoked.stdout).toBe(`${valid} ${valid === 1 ? 'token' : 'tokens'} revoked.\n`);
      const afterwards = await orderline('token', 'list');
      expect(afterwards).toMatchObject({ code: 1, stdout: '' });
      expect(afterwards.stderr).toMatch(/^ORDERLINE_ADMIN_TOKEN has been revoked and stays revoked: set a new value/);
    }, 120_000);
  });
}
