/**
 * The operator commands that move data in and out of ORDERLINE_DB: `seed --demo` (the demo company),
 * `import <kind> <file.csv>` and `export <kind>` (src/data-transfer/). Each opens the app without a
 * dispatcher, acts as the administrator, and closes it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { App } from '../app.js';
import { describeIntegrationStatus, operatorIntegrationStatus } from '../bridge/admin/operator-status.js';
import { exportCsv } from '../data-transfer/csv-export.js';
import { type ImportSummary, importCsv } from '../data-transfer/csv-import.js';
import { ImportRefused } from '../data-transfer/import-refusal.js';
import { EXPORT_KINDS, IMPORT_KINDS, isExportKind, isImportKind } from '../data-transfer/transfer-kinds.js';
import { adminCaller } from '../provisioning/demo-data.js';
import { seedSalesDemo } from '../provisioning/sales-demo.js';
import { OperatorError } from './operator-error.js';
import { progressBar } from './progress-bar.js';
import { type OpenApp, withApp } from './with-app.js';

const rowsPerSecond = (rows: number, seconds: number) =>
  seconds > 0 ? Math.round(rows / seconds).toLocaleString('en-US') : String(rows);

function describeImport(summary: ImportSummary, file: string, seconds: number): string {
  if (summary.dryRun) {
    return `${file}: all ${summary.rows} rows are valid (${summary.created} new, ${summary.updated} updates); nothing was written (--dry-run).`;
  }
  const published = summary.published > 0 ? `, ${summary.published} published` : '';
  return `Imported ${summary.rows} ${summary.kind} from ${file}: ${summary.created} created, ${summary.updated} updated${published} in ${seconds.toFixed(1)} s (${rowsPerSecond(summary.rows, seconds)} rows/s).`;
}

export function addDataTransferCommands(program: Command, openApp: OpenApp): void {
  program
    .command('seed')
    .description(
      'add the demo company to ORDERLINE_DB: catalog, customers, salespeople, deals and orders in every state',
    )
    .option('--demo', 'the demo company (the only seed there is)')
    .action(async (options: { demo?: boolean }) => {
      if (!options.demo) throw new OperatorError('Say what to seed: orderline seed --demo');
      await withApp(openApp, async (app) => {
        const outcome = await seedSalesDemo(app.services, app.provisioning.adminUserId);
        if (!outcome.added) {
          process.stdout.write(`Nothing added to ${app.store.description}: ${outcome.reason}.\n`);
          return;
        }
        const orders = Object.entries(outcome.ordersByState)
          .map(([state, count]) => `${count} ${state}`)
          .join(', ');
        process.stdout.write(
          `Demo added to ${app.store.description}: 20 products on 2 price lists, 10 customers, 4 salespeople, opportunities, quotes and orders (${orders}). Sign in as admin.\n`,
        );
        // Said plainly, not buried: the demo's submitted orders are locked from now on, and stay
        // undelivered until a back office is connected.
        const status = await operatorIntegrationStatus(app.services, app.provisioning.adminUserId);
        process.stdout.write(
          `The demo turned the order processing integration ON (organization.issopintegrationenabled).\n${describeIntegrationStatus(status)}\n`,
        );
      });
    });

  program
    .command('import')
    .description('import a CSV file, all rows or none: every bad row is reported with its line')
    .argument('<kind>', IMPORT_KINDS.join(', '))
    .argument('<file>', 'CSV with a header row of Dataverse column names; lookups by name or product number')
    .option('--dry-run', 'check every row, write nothing')
    .option(
      '--publish',
      'make imported products Active (otherwise they start as the organization says: Draft by default)',
    )
    .action(async (kind: string, file: string, options: { dryRun?: boolean; publish?: boolean }) => {
      if (!isImportKind(kind))
        throw new OperatorError(`Cannot import "${kind}": choose one of ${IMPORT_KINDS.join(', ')}.`);
      const text = await readFile(file, 'utf8').catch((error: Error) => {
        throw new OperatorError(`Cannot read ${file}: ${error.message}`);
      });
      await withApp(openApp, async (app) => {
        const caller = await adminCaller(app.services, app.provisioning.adminUserId);
        const progress = progressBar(process.stderr, `Importing ${kind}`);
        const started = performance.now();
        try {
          const summary = await importCsv(app.services, caller, kind, text, {
            dryRun: options.dryRun ?? false,
            publish: options.publish ?? false,
            onProgress: (written, total) => progress.update(written, total),
          });
          progress.stop();
          process.stdout.write(`${describeImport(summary, file, (performance.now() - started) / 1000)}\n`);
        } catch (error) {
          progress.stop();
          if (!(error instanceof ImportRefused)) throw error;
          const count = error.problems.length;
          process.stderr.write(
            `Nothing imported: ${file} has ${count} problem${count === 1 ? '' : 's'}.\n${error.message}\n`,
          );
          process.exitCode = 1;
        }
      });
    });

  program
    .command('export')
    .description('write rows as CSV that import reads back (orders: with their state and totals)')
    .argument('<kind>', EXPORT_KINDS.join(', '))
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (kind: string, options: { out?: string }) => {
      if (!isExportKind(kind))
        throw new OperatorError(`Cannot export "${kind}": choose one of ${EXPORT_KINDS.join(', ')}.`);
      await withApp(openApp, async (app) => {
        const exported = await exportCsv(app.services, kind);
        if (!options.out) {
          process.stdout.write(exported.text);
          return;
        }
        await writeFile(options.out, exported.text, 'utf8');
        process.stdout.write(`Exported ${exported.rows} ${kind} to ${options.out}.\n`);
      });
    });
}
