/**
 * The `orderline` command. `serve` starts the API (and, as later issues add them, the UI and the
 * bridge); `migrate` brings a database up to date; `token` issues, lists and revokes access tokens.
 */
import { Command } from 'commander';
import { createApp } from '../app.js';
import { addBackOfficeCommand } from '../backoffice/backoffice-command.js';
import { formatDeliveries } from '../bridge/admin/format-deliveries.js';
import { describeIntegrationStatus, operatorIntegrationStatus } from '../bridge/admin/operator-status.js';
import {
  type DeliveryStatusName,
  listDeliveries,
  listWaitingEvents,
  purgeDeliveries,
  replayDeliveries,
  STATUS_CODES,
} from '../bridge/admin/outbox-admin.js';
import { ConfigurationError, loadConfig } from '../config/app-config.js';
import { CsvFormatError } from '../data-transfer/csv-table.js';
import { DomainError } from '../domain/errors.js';
import { createSalesMetadata } from '../domain/metadata/sales-metadata.js';
import { seedDemoData } from '../provisioning/demo-data.js';
import { RevokedAdminToken } from '../security/access-tokens.js';
import { BackupRefusal } from '../storage/backup/backup-refusal.js';
import { openStore } from '../storage/store.js';
import { addBackupCommands } from './backup-commands.js';
import { addDataTransferCommands } from './data-transfer-commands.js';
import { describeFailure, OperatorError } from './operator-error.js';
import { addTokenCommands } from './token-commands.js';
import { addUserCommands } from './user-commands.js';

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
    if (app.provisioning.generatedAdminPassword) {
      // Shown once: only its Argon2id hash is stored. Sign in at / as `admin` with it.
      process.stderr.write(
        `Administrator password for signing in as admin (shown once, keep it): ${app.provisioning.generatedAdminPassword}\n\n`,
      );
    }
    await app.server.listen({ port: config.port, host: config.host });
    app.logger.info(
      { database: app.store.description, port: config.port },
      'Orderline is serving the Web API at /api/data/v9.2/ and the Sales Hub at /',
    );
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
  .command('dispatch')
  .description(
    'deliver the outbox of ORDERLINE_DB to its connectors, without serving the API (run as many as you like)',
  )
  .action(async () => {
    const config = loadConfig(process.env);
    const app = await createApp({ ...config, dispatcher: 'on' });
    app.logger.info({ database: app.store.description }, 'Orderline dispatcher running');
    const stop = async () => {
      await app.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

/** An app for one operator command: no dispatcher of its own, quiet logs. */
async function operatorApp() {
  const config = loadConfig(process.env);
  return createApp({ ...config, dispatcher: 'off', logLevel: 'warn' });
}

const outbox = program.command('outbox').description('inspect and operate the back-office outbox');

outbox
  .command('list')
  .description(
    'list deliveries and the events waiting for a connector, oldest first, and what the integration is doing',
  )
  .option('--status <status>', `${Object.keys(STATUS_CODES).join(', ')} or waiting (for a connector)`)
  .option('--order <id>', 'only the deliveries of this order')
  .option('--limit <n>', 'at most this many', '100')
  .option('--json', 'one JSON object per line')
  .action(async (options: { status?: string; order?: string; limit: string; json?: boolean }) => {
    const waitingOnly = options.status === 'waiting';
    if (options.status && !waitingOnly && !(options.status in STATUS_CODES)) {
      throw new OperatorError(`--status must be one of ${[...Object.keys(STATUS_CODES), 'waiting'].join(', ')}`);
    }
    const app = await operatorApp();
    try {
      const filter = { ...(options.order ? { orderId: options.order } : {}), limit: Number(options.limit) };
      // Events with no connector to go to come first: they are the oldest and the ones nobody else shows.
      const waiting = !options.status || waitingOnly ? await listWaitingEvents(app.services, filter) : [];
      const deliveries = waitingOnly
        ? []
        : await listDeliveries(app.services, {
            ...filter,
            ...(options.status ? { status: options.status as DeliveryStatusName } : {}),
          });
      const listed = [...waiting, ...deliveries];
      if (options.json) {
        for (const row of listed) process.stdout.write(`${JSON.stringify(row)}\n`);
        return;
      }
      process.stdout.write(formatDeliveries(listed));
      const status = await operatorIntegrationStatus(app.services, app.provisioning.adminUserId);
      process.stdout.write(`\n${describeIntegrationStatus(status)}\n`);
    } finally {
      await app.close();
    }
  });

outbox
  .command('replay')
  .description('send deliveries again (by delivery or event id, or every dead-lettered one), with a new retry period')
  .argument('[ids...]', 'delivery ids or event ids')
  .option('--dead-lettered', 'every dead-lettered delivery')
  .action(async (ids: string[], options: { deadLettered?: boolean }) => {
    if (ids.length === 0 && !options.deadLettered)
      throw new OperatorError('name deliveries or events to replay, or use --dead-lettered');
    const app = await operatorApp();
    try {
      const count = await replayDeliveries(
        app.services,
        { ids, deadLettered: options.deadLettered ?? false },
        app.services.clock.now(),
      );
      process.stdout.write(`${count} deliveries queued again.\n`);
    } finally {
      await app.close();
    }
  });

outbox
  .command('purge')
  .description('delete deliveries finished more than N days ago, and events left without deliveries')
  .option('--older-than-days <days>', 'age in days', '7')
  .option('--dead-lettered', 'also purge dead-lettered deliveries')
  .action(async (options: { olderThanDays: string; deadLettered?: boolean }) => {
    const days = Number(options.olderThanDays);
    if (!Number.isFinite(days) || days < 0) throw new OperatorError('--older-than-days must be a number of days');
    const app = await operatorApp();
    try {
      const purged = await purgeDeliveries(app.services, {
        olderThanMs: Date.now() - days * 86_400_000,
        includeDeadLettered: options.deadLettered ?? false,
      });
      process.stdout.write(`Purged ${purged.deliveries} deliveries and ${purged.events} events.\n`);
    } finally {
      await app.close();
    }
  });

// Issuing, listing and revoking access tokens (token-commands.ts).
addTokenCommands(program, operatorApp);

// Setting people's passwords (user-commands.ts).
addUserCommands(program, operatorApp);

// Moving data in and out: seed --demo, import <kind> <file.csv>, export <kind> (src/data-transfer/).
addDataTransferCommands(program, operatorApp);

// Backups: backup <file>, restore <file>, verify <file> (src/storage/backup/).
addBackupCommands(program);

// The reference back office (src/backoffice/): a partner for demos and tests, not part of the server.
addBackOfficeCommand(program);

/** Failures whose message says all an operator needs; anything else is printed with its stack. */
const isOperatorMistake = (error: Error) =>
  error instanceof OperatorError ||
  error instanceof ConfigurationError ||
  error instanceof DomainError ||
  error instanceof CsvFormatError ||
  error instanceof RevokedAdminToken ||
  error instanceof BackupRefusal;

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${describeFailure(error, isOperatorMistake)}\n`);
  process.exit(1);
});
