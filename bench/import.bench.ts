/**
 * `orderline import products` of a 10,000-row CSV (issue #7) on the embedded SQLite store: the whole
 * import as the CLI runs it (parse, check every row, write every row through the pipeline in one
 * transaction), timed from the CSV text to the commit.
 *
 * Baseline, measured in the same run: the same CSV parsed by the same reader, amounts parsed exactly,
 * and each row inserted with one prepared better-sqlite3 INSERT in one transaction, into a fresh file
 * opened with the store's own pragmas (openSqlite), bypassing validation and the pipeline. The ratio is
 * what checking and writing each row like a request costs over the bare insert.
 *
 * Each side runs BENCH_IMPORT_RUNS times (default 3) on a fresh database after a 1,000-row warm-up,
 * alternating; the figure is the median. BENCH_IMPORT_ROWS changes the file size (default 10,000).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { configWith } from '../src/config/app-config.js';
import { importCsv } from '../src/data-transfer/csv-import.js';
import { readCsvTable } from '../src/data-transfer/csv-table.js';
import { parseDecimal } from '../src/domain/decimal.js';
import { createLogger } from '../src/observability/logger.js';
import { inUnitOfWork } from '../src/pipeline/unit-of-work.js';
import { adminCaller } from '../src/provisioning/demo-data.js';
import { createAsSystem } from '../src/provisioning/first-start.js';
import { openSqlite } from '../src/storage/dialects/sqlite.js';
import type { BenchFigure, BenchSuite } from './bench-result.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const WARMUP_ROWS = 1_000;
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

/** A products file as a catalog manager would have it: number, name, unit, price, cost, description. */
function productsCsv(rows: number): string {
  const lines = ['productnumber,name,defaultuomid,price,currentcost,description'];
  for (let index = 0; index < rows; index++) {
    const number = String(index).padStart(5, '0');
    lines.push(
      `P-${number},"Product ${number}, ${index % 2 ? 'blue' : 'red'}",Primary Unit,${index % 997}.99,${index % 300}.4,Imported for the benchmark`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function withFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), 'orderline-import-bench-'));
  try {
    return await work(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Seconds for `orderline import products` of `csv` on a fresh database with its unit group. */
function timePipelineImport(csv: string, rows: number): Promise<number> {
  return withFolder(async (folder) => {
    const app = await createApp(
      configWith({
        database: join(folder, 'bench.db'),
        adminToken: ADMIN_TOKEN,
        logLevel: 'silent',
        dispatcher: 'off',
      }),
      { logger: createLogger('silent') },
    );
    try {
      const caller = await adminCaller(app.services, app.provisioning.adminUserId);
      await inUnitOfWork(app.services, caller, (context) =>
        createAsSystem(context, 'uomschedule', { name: 'Default Unit', baseuomname: 'Primary Unit' }),
      );
      const started = performance.now();
      const summary = await importCsv(app.services, caller, 'products', csv);
      const seconds = (performance.now() - started) / 1000;
      if (summary.created !== rows) throw new Error(`imported ${summary.created} of ${rows} rows`);
      return seconds;
    } finally {
      await app.close();
    }
  });
}

/** Seconds to parse the same CSV and insert each row with one prepared statement, in one transaction. */
function timeBareInsert(csv: string, rows: number): Promise<number> {
  return withFolder(async (folder) => {
    const { db, raw } = openSqlite(join(folder, 'baseline.db'));
    try {
      raw.exec(`create table product (
        productid text primary key, productnumber text not null unique, name text not null, defaultuomid text,
        price integer, currentcost integer, description text, createdon text not null)`);
      const insert = raw.prepare(
        'insert into product (productid, productnumber, name, defaultuomid, price, currentcost, description, createdon) values (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      // Money as the store keeps it on SQLite: an integer scaled by 10^4.
      const scaled = (text: string) => BigInt(parseDecimal(text)!.times(10_000).toFixed(0));
      const started = performance.now();
      const table = readCsvTable(csv);
      const now = new Date().toISOString();
      raw.transaction(() => {
        for (const { cells } of table.rows) {
          const [productnumber, name, unit, price, cost, description] = cells as string[];
          insert.run(randomUUID(), productnumber, name, unit, scaled(price!), scaled(cost!), description, now);
        }
      })();
      const seconds = (performance.now() - started) / 1000;
      const count = raw.prepare('select count(*) as n from product').get() as { n: bigint };
      if (Number(count.n) !== rows) throw new Error(`inserted ${count.n} of ${rows} rows`);
      return seconds;
    } finally {
      await db.destroy();
    }
  });
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const importBench: BenchSuite = {
  title: `CSV import of ${ROWS.toLocaleString('en-US')} products (orderline import, embedded SQLite)`,
  async run(): Promise<readonly BenchFigure[]> {
    const warmup = productsCsv(WARMUP_ROWS);
    await timePipelineImport(warmup, WARMUP_ROWS);
    await timeBareInsert(warmup, WARMUP_ROWS);
    const csv = productsCsv(ROWS);
    const pipeline: number[] = [];
    const bare: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Alternating, so both sides see the same drift of the machine.
      if (run % 2 === 0) {
        pipeline.push(await timePipelineImport(csv, ROWS));
        bare.push(await timeBareInsert(csv, ROWS));
      } else {
        bare.push(await timeBareInsert(csv, ROWS));
        pipeline.push(await timePipelineImport(csv, ROWS));
      }
      process.stderr.write(
        `import run ${run + 1}/${RUNS}: ${pipeline.at(-1)!.toFixed(2)} s, bare insert ${bare.at(-1)!.toFixed(3)} s\n`,
      );
    }
    const rows = ROWS.toLocaleString('en-US');
    const seconds = median(pipeline);
    const bareSeconds = median(bare);
    const bareName = `the same ${rows} rows, one prepared INSERT per row (better-sqlite3, no pipeline)`;
    return [
      {
        name: `import ${rows} products (median of ${RUNS})`,
        value: seconds,
        unit: 's',
        better: 'lower',
        baseline: { name: bareName, value: bareSeconds },
      },
      {
        name: 'import throughput',
        value: ROWS / seconds,
        unit: 'rows/s',
        better: 'higher',
        baseline: { name: bareName, value: ROWS / bareSeconds },
      },
    ];
  },
};
