/**
 * `orderline user password <domainname>`: sets a user's password as the operator, who holds the
 * database. The password is read from standard input (its first line) when something is piped in;
 * otherwise one is generated and printed once. Either way the user's open sessions end.
 */
import type { Command } from 'commander';
import type { App } from '../app.js';
import { DomainError } from '../domain/errors.js';
import { generatePassword, setPassword } from '../security/passwords.js';
import { revokeSessionsOfUser } from '../storage/repositories/credential-store.js';
import { userIdOfDomainName } from '../storage/repositories/user-store.js';
import { OperatorError } from './operator-error.js';

type OpenApp = () => Promise<App>;

/** The first line piped in, or undefined when standard input is a terminal or empty. */
async function pipedPassword(input: NodeJS.ReadStream): Promise<string | undefined> {
  if (input.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.from(chunk));
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  return line === '' ? undefined : line;
}

export function addUserCommands(program: Command, openApp: OpenApp): void {
  const user = program.command('user').description("manage people's sign-in");
  user
    .command('password')
    .description("set a user's password: the first line of standard input, or a generated one printed once")
    .argument('<domainname>', 'the user, e.g. admin')
    .action(async (domainName: string) => {
      const piped = await pipedPassword(process.stdin);
      const password = piped ?? generatePassword();
      const app = await openApp();
      try {
        const userId = await userIdOfDomainName(app.store.db, domainName);
        if (!userId) throw new OperatorError(`No user has the domain name ${domainName}.`);
        const now = app.services.clock.now();
        await app.store
          .transaction(async (trx) => {
            await setPassword(trx, userId, password, now);
            await revokeSessionsOfUser(trx, userId, now);
          })
          .catch((error: unknown) => {
            throw error instanceof DomainError ? new OperatorError(error.message) : error;
          });
        if (piped === undefined) process.stdout.write(`${password}\n`);
        process.stderr.write(`The password of ${domainName} is set; their sessions have ended.\n`);
      } finally {
        await app.close();
      }
    });
}
