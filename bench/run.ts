/**
 * `npm run bench`: runs every registered suite one after the other in this one process, prints a table
 * per suite to stdout and rewrites `bench/report.md` (date, machine, one table per suite). A figure that
 * names a baseline measured in the same run gets a ratio: value / baseline value.
 *
 * Environment: BENCH_SECONDS (measured seconds per HTTP load, default 10) and BENCH_WARMUP_SECONDS
 * (default 2); BENCH_ONLY runs only the suites whose title contains one of its comma-separated words
 * (case-insensitive) and then writes the report only to BENCH_REPORT, if set (a partial run never
 * replaces bench/report.md); see docs/benchmarks.md.
 */
import { writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchFigure, BenchSuite } from './bench-result.js';
import { bridgeBench } from './bridge.bench.js';
import { importBench } from './import.bench.js';
import { lineCostBench } from './line-cost.bench.js';
import { loadBench } from './load.bench.js';
import { pricingBench } from './pricing.bench.js';
import { queryLanguagesBench } from './query-languages.bench.js';
import { soakBench } from './soak.bench.js';
import { startupBench } from './startup.bench.js';
import { webApiBench } from './web-api.bench.js';
import { writeCostBench } from './write-cost.bench.js';

/** Every suite `npm run bench` runs, in this order. Register a new suite with one line here. */
const suites: readonly BenchSuite[] = [
  pricingBench,
  lineCostBench,
  webApiBench,
  writeCostBench,
  bridgeBench,
  importBench,
  queryLanguagesBench,
  startupBench,
  loadBench,
  soakBench,
];

/** BENCH_ONLY=<words>: the suites whose title contains one of the comma-separated words, ignoring case. */
const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((word) => word.trim().toLowerCase())
  .filter((word) => word !== '');
const selected =
  only.length === 0 ? suites : suites.filter((suite) => only.some((word) => suite.title.toLowerCase().includes(word)));

/** A partial run (BENCH_ONLY) writes its report only where BENCH_REPORT says, never over the full one. */
const REPORT_FILE =
  process.env.BENCH_REPORT?.trim() ||
  (only.length === 0 ? fileURLToPath(new URL('./report.md', import.meta.url)) : undefined);

interface SuiteOutcome {
  readonly suite: BenchSuite;
  readonly figures: readonly BenchFigure[];
  readonly seconds: number;
  readonly error?: string;
}

const COLUMNS = ['Figure', 'Value', 'Unit', 'Baseline', 'Baseline value', 'Ratio', 'Target'] as const;

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const digits = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : magnitude === 0 ? 0 : 4;
  return value.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

function formatRatio(figure: BenchFigure): string {
  if (!figure.baseline) return '';
  if (figure.baseline.value === 0) return 'n/a (baseline 0)';
  const ratio = figure.value / figure.baseline.value;
  return `${ratio.toFixed(3)} (${(ratio * 100).toFixed(1)}%)`;
}

function rowOf(figure: BenchFigure): string[] {
  return [
    figure.name,
    formatNumber(figure.value),
    figure.unit,
    figure.baseline?.name ?? '',
    figure.baseline ? formatNumber(figure.baseline.value) : '',
    formatRatio(figure),
    figure.target ?? '',
  ];
}

/** A plain-text table with aligned columns, numbers right-aligned. */
function textTable(figures: readonly BenchFigure[]): string {
  const rows = figures.map(rowOf);
  const widths = COLUMNS.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const rightAligned = new Set([1, 4, 5]);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return rightAligned.has(column) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(COLUMNS), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function markdownCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

function markdownTable(figures: readonly BenchFigure[]): string {
  const header = `| ${COLUMNS.join(' | ')} |`;
  const separator = `|${COLUMNS.map((_, column) => ([1, 4, 5].includes(column) ? ' ---: ' : ' --- ')).join('|')}|`;
  const rows = figures.map((figure) => `| ${rowOf(figure).map(markdownCell).join(' | ')} |`);
  return [header, separator, ...rows].join('\n');
}

function machineFacts(): string[] {
  const processors = cpus();
  const model = processors[0]?.model.trim() ?? 'unknown';
  const [one, five, fifteen] = loadavg();
  return [
    `- CPU: ${model}`,
    `- Cores (logical): ${processors.length}`,
    `- Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- Node.js: ${process.version}`,
    `- OS: ${platform()} ${release()} (${arch()})`,
    `- Load average at start (1/5/15 min): ${[one, five, fifteen].map((value) => (value ?? 0).toFixed(2)).join(' / ')}`,
  ];
}

function settings(): string[] {
  const seconds = process.env.BENCH_SECONDS?.trim() || '10 (default)';
  const warmup = process.env.BENCH_WARMUP_SECONDS?.trim() || '2 (default)';
  const load = process.env.BENCH_LOAD_SECONDS?.trim() || '60 (default)';
  return [
    `- BENCH_SECONDS: ${seconds}`,
    `- BENCH_WARMUP_SECONDS: ${warmup}`,
    `- BENCH_LOAD_SECONDS: ${load}`,
    ...[
      'BENCH_LOAD_WARMUP_SECONDS',
      'BENCH_LOAD_RATE',
      'BENCH_LOAD_MIX',
      'BENCH_QUERY_ORDERS',
      'BENCH_QUERY_ROUNDS',
      'BENCH_STARTS',
      'BENCH_WRITE_REQUESTS',
      'BENCH_WRITE_BARE_FACTOR',
      'BENCH_ONLY',
    ]
      .filter((name) => process.env[name]?.trim())
      .map((name) => `- ${name}: ${process.env[name]?.trim()}`),
  ];
}

function report(started: Date, machine: readonly string[], outcomes: readonly SuiteOutcome[]): string {
  const parts = [
    '# Orderline benchmark report',
    '',
    'Generated by `npm run bench` (bench/run.ts); rewritten on every run. See docs/benchmarks.md.',
    'Ratio = value / baseline value; baselines were measured in the same process run on the same machine.',
    '',
    `Date: ${started.toISOString()}`,
    '',
    '## Machine',
    '',
    ...machine,
    '',
    '## Settings',
    '',
    ...settings(),
  ];
  for (const outcome of outcomes) {
    parts.push('', `## ${outcome.suite.title}`, '', `Ran in ${outcome.seconds.toFixed(1)} s.`, '');
    if (outcome.error) parts.push(`**The suite failed:** ${markdownCell(outcome.error)}`, '');
    if (outcome.figures.length > 0) parts.push(markdownTable(outcome.figures));
  }
  return `${parts.join('\n')}\n`;
}

async function main(): Promise<void> {
  const started = new Date();
  const machine = machineFacts();
  console.log(`Orderline benchmarks, ${started.toISOString()}`);
  console.log(machine.map((fact) => fact.slice(2)).join('\n'));
  const outcomes: SuiteOutcome[] = [];
  if (selected.length === 0) throw new Error(`BENCH_ONLY=${process.env.BENCH_ONLY} matches no suite title`);
  for (const suite of selected) {
    console.log(`\n== ${suite.title}`);
    const begin = performance.now();
    let figures: readonly BenchFigure[] = [];
    let error: string | undefined;
    try {
      figures = await suite.run();
    } catch (caught) {
      error = caught instanceof Error ? (caught.stack ?? caught.message) : String(caught);
      console.error(`Suite "${suite.title}" failed:\n${error}`);
      process.exitCode = 1;
    }
    const seconds = (performance.now() - begin) / 1000;
    outcomes.push({
      suite,
      figures,
      seconds,
      ...(error === undefined ? {} : { error: error.split('\n')[0] ?? error }),
    });
    if (figures.length > 0) console.log(textTable(figures));
    console.log(`(${seconds.toFixed(1)} s)`);
  }
  if (REPORT_FILE === undefined) {
    console.log('\nBENCH_ONLY without BENCH_REPORT: no report written');
    return;
  }
  writeFileSync(REPORT_FILE, report(started, machine, outcomes));
  console.log(`\nReport written to ${REPORT_FILE}`);
}

await main();
