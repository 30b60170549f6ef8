/**
 * The `orderline` command. `serve` starts the API (and, as later issues add them, the UI and the
 * bridge); `migrate` brings a database up to date; `token` issues a token for a user.
 */
import { Command } from 'commander';
import { createApp } from '../app.js';
import { loadConfig } from '../config/app-config.js';
import { createSalesMetadata } from '../domain/metadata/sales-metadata.js';
import { seedDemoData } from '../provisioning/demo-data.js';
import { issueToken } from '../security/access-tokens.js';
import { openStore } from '../storage/store.js';

const program = new Command('orderline').description('Dataverse-compatible sales order service');

program
  .command('serve')
  .description('serve the Web API on PORT (default 5555), on ORDERLINE_DB (SQLite file or postgres:// URL)')
  .option('--demo', 'on a database without products, add a demo catalog, customer and order')
  .action(async (options: { demo?: boolean }) => {
    const config = loadConfig(process.env);
    const app = await createApp(config);
    if (options.demo && (await seedDemoData(app.services, app.provisioning.adminUserId))) {
      app.logger.info('demo data added: products, the Retail USD price list, Contoso Ltd and an order');
    }
    if (app.provisioning.generatedAdminToken) {
      // Shown once: only its hash is stored.
      process.stderr.write(`\nAdministrator token (shown once, keep it): ${app.provisioning.generatedAdminToken}\n\n`);
    }
    await app.server.listen({ port: config.port, host: config.host });
    app.logger.info({ database: app.store.description, port: config.port }, 'Orderline is serving /api/data/v9.2/');
    const stop = async () => {
      await app.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('create or update the schema of ORDERLINE_DB, then exit')
  .action(async () => {
    const config = loadConfig(process.env);
    const store = await openStore(config.database, createSalesMetadata());
    process.stdout.write(`Schema of ${store.description} is up to date.\n`);
    await store.close();
  });

program
  .command('token')
  .description('issue an access token for a user, by domain name')
  .argument('<domainname>', 'the user, e.g. admin')
  .option('--days <days>', 'days until it expires', '30')
  .action(async (domainName: string, options: { days: string }) => {
    const config = loadConfig(process.env);
    const app = await createApp({ ...config, logLevel: 'warn' });
    try {
      const user = await app.store.db
        .selectFrom('systemuser')
        .select('systemuserid')
        .where('domainname', '=', domainName)
        .executeTakeFirst();
      if (!user) throw new Error(`No user has the domain name ${domainName}.`);
      const issued = await issueToken(
        app.store.db,
        String(user.systemuserid),
        app.services.clock.now(),
        Number(options.days),
      );
      process.stdout.write(`${issued.token}\n`);
    } finally {
      await app.close();
    }
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
