/**
 * `orderline token`: issue, list and revoke access tokens as the operator, who holds the database and
 * so needs no token of their own. `orderline token <domainname>` still issues one, as before `issue`
 * had a name (it is the default subcommand).
 */
import type { Command } from 'commander';
import type { App } from '../app.js';
import { loadConfig } from '../config/app-config.js';
import { DomainError } from '../domain/errors.js';
import { GUID_PATTERN as GUID } from '../domain/guid.js';
import { issueToken } from '../security/access-tokens.js';
import {
  listTokens,
  ownerOfToken,
  revokeTokenById,
  revokeTokensOfUser,
  type TokenSummary,
} from '../storage/repositories/access-token-store.js';
import { userIdOfDomainName } from '../storage/repositories/user-store.js';
import { OperatorError } from './operator-error.js';
import { type OpenApp, withApp } from './with-app.js';

async function userNamed(app: App, domainName: string): Promise<string> {
  const userId = await userIdOfDomainName(app.store.db, domainName);
  if (!userId) throw new OperatorError(`No user has the domain name ${domainName}.`);
  return userId;
}

function stateOf(token: TokenSummary, now: string): string {
  if (token.revokedOn !== null) return `revoked ${token.revokedOn}`;
  return Date.parse(token.expiresOn) <= Date.parse(now) ? 'expired' : 'valid';
}

/** One line per token, aligned, for a terminal; never the token, which is not stored. */
function formatTokens(tokens: readonly TokenSummary[], now: string): string {
  if (tokens.length === 0) return 'No tokens.\n';
  const rows = [
    ['ID', 'USER', 'CREATED', 'EXPIRES', 'STATE', 'DESCRIPTION'],
    ...tokens.map((token) => [
      token.tokenId,
      token.domainName ?? token.userId,
      token.createdOn,
      token.expiresOn,
      stateOf(token, now),
      token.description ?? '',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map(
      (row) =>
        `${row
          .map((cell, column) => cell.padEnd(widths[column]!))
          .join('  ')
          .trimEnd()}\n`,
    )
    .join('');
}

export function addTokenCommands(program: Command, openApp: OpenApp): void {
  const token = program.command('token').description('issue, list and revoke access tokens');

  token
    .command('issue', { isDefault: true })
    .description('issue an access token for a user, by domain name, and print it (shown once)')
    .argument('<domainname>', 'the user, e.g. admin')
    .option('--days <days>', 'days until it expires (at most ORDERLINE_TOKEN_MAX_LIFETIME_DAYS)', '30')
    .option('--description <text>', 'what the token is for, shown by token list')
    .action(async (domainName: string, options: { days: string; description?: string }) => {
      if (!/^\d{1,9}$/.test(options.days)) throw new OperatorError('--days must be a whole number of days');
      await withApp(openApp, async (app) => {
        const userId = await userNamed(app, domainName);
        const maxDays = loadConfig(process.env).tokenMaxLifetimeDays;
        const issued = await issueToken(
          app.store.db,
          userId,
          app.services.clock.now(),
          { days: Number(options.days), maxDays },
          options.description ? { description: options.description } : {},
        ).catch((error: unknown) => {
          if (error instanceof DomainError) {
            throw new OperatorError(
              `--days must be from 1 to ${maxDays} (ORDERLINE_TOKEN_MAX_LIFETIME_DAYS, the longest a token may live).`,
            );
          }
          throw error;
        });
        process.stdout.write(`${issued.token}\n`);
        process.stderr.write(`Expires ${issued.expiresOn}.\n`);
      });
    });

  token
    .command('list')
    .description('list tokens, newest first: id, user, created, expiry and state (never the token itself)')
    .option('--user <domainname>', 'only this user’s tokens')
    .option('--valid', 'only tokens neither revoked nor expired')
    .option('--json', 'one JSON object per line')
    .action(async (options: { user?: string; valid?: boolean; json?: boolean }) => {
      await withApp(openApp, async (app) => {
        const userId = options.user === undefined ? undefined : await userNamed(app, options.user);
        const now = app.services.clock.now();
        const tokens = (await listTokens(app.store.db, userId === undefined ? {} : { userId })).filter(
          (summary) => !options.valid || stateOf(summary, now) === 'valid',
        );
        if (options.json) {
          for (const summary of tokens) process.stdout.write(`${JSON.stringify(summary)}\n`);
          return;
        }
        process.stdout.write(formatTokens(tokens, now));
      });
    });

  token
    .command('revoke')
    .description('revoke tokens at once, by id (from token list), or every valid token of a user')
    .argument('[ids...]', 'token ids')
    .option('--user <domainname>', 'every valid token of this user')
    .action(async (ids: string[], options: { user?: string }) => {
      if (ids.length === 0 && options.user === undefined)
        throw new OperatorError('name the tokens to revoke (ids from orderline token list), or use --user');
      const malformed = ids.filter((id) => !GUID.test(id));
      if (malformed.length > 0) throw new OperatorError(`Not a token id: ${malformed.join(', ')}`);
      await withApp(openApp, async (app) => {
        const now = app.services.clock.now();
        const unknown: string[] = [];
        for (const id of ids) if ((await ownerOfToken(app.store.db, id.toLowerCase())) === undefined) unknown.push(id);
        if (unknown.length > 0) throw new OperatorError(`No token has the id ${unknown.join(', ')}; nothing revoked.`);
        let revoked = 0;
        for (const id of ids) if (await revokeTokenById(app.store.db, id.toLowerCase(), now)) revoked += 1;
        if (options.user !== undefined)
          revoked += await revokeTokensOfUser(app.store.db, await userNamed(app, options.user), now);
        process.stdout.write(`${revoked} ${revoked === 1 ? 'token' : 'tokens'} revoked.\n`);
      });
    });
}
