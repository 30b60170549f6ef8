import { describe, expect, it } from 'vitest';
import { appSteps } from './app-steps.js';
import { createSalesMetadata } from './domain/metadata/sales-metadata.js';
import { selectedSteps } from './pipeline/run-steps.js';
import { orderedName, stepOrder } from './pipeline/step-order.js';
import type { Stage, WriteMessageName } from './pipeline/write-step.js';
import type { CustomPricingModule } from './pricing/index.js';

const metadata = createSalesMetadata();
const customPricing: CustomPricingModule = { name: 'Contoso', calculatePrice: () => ({ lines: [] }) as never };
const steps = appSteps(metadata, { customPricing });
const stages: readonly Stage[] = ['preValidation', 'preOperation', 'postOperation'];

/** What runs on a write, stage by stage, as `stage: step name`. */
function runOrder(table: string, message: WriteMessageName): string[] {
  const operation = { message, table: metadata.table(table)!, id: '', target: {} };
  return stages.flatMap((stage) => selectedSteps(steps, stage, operation).map((step) => `${stage}: ${step.name}`));
}

const outbox = 'postOperation: back-office bridge: queue an outbox event for the change';
const audit = 'postOperation: audit log of orders, invoices, their lines and the organization settings';
const tombstones = 'postOperation: change tracking tombstones of deleted and reassigned rows';
const money = 'preOperation: currency and money precision';
const staleRevisions = 'preValidation: back-office bridge: ignore stale or repeated back-office revisions';
const lineLifecycle = 'preValidation: sales lifecycle: lines are written only while their record is editable';
const headerLifecycle =
  'preValidation: sales lifecycle: state and editability of opportunities, quotes, orders and invoices';

describe('the order of the write pipeline (src/pipeline/step-order.ts)', () => {
  it('an order line create: lifecycle, active product, state mirror, money, pricing, custom pricing, outbox, audit', () => {
    expect(runOrder('salesorderdetail', 'Create')).toEqual([
      lineLifecycle,
      'preValidation: only active products on lines',
      "preOperation: sales lifecycle: a new line shows its record's state",
      money,
      'preOperation: pricing: price the line and move its header totals by its delta',
      'postOperation: custom pricing (Contoso): lines',
      outbox,
      audit,
    ]);
  });

  it('an order line update starts by ignoring stale back-office revisions and records a tombstone', () => {
    expect(runOrder('salesorderdetail', 'Update')).toEqual([
      staleRevisions,
      lineLifecycle,
      'preValidation: only active products on lines',
      'preOperation: back-office bridge: a shipped line is on the timeline',
      money,
      'preOperation: pricing: price the line and move its header totals by its delta',
      'postOperation: custom pricing (Contoso): lines',
      tombstones,
      outbox,
      audit,
    ]);
  });

  it('an order line delete takes the line out of its header totals', () => {
    expect(runOrder('salesorderdetail', 'Delete')).toEqual([
      lineLifecycle,
      'preOperation: pricing: take a deleted line out of its header totals',
      'postOperation: custom pricing (Contoso): lines',
      tombstones,
      outbox,
      audit,
    ]);
  });

  it('an order create is numbered, rounded and totalled', () => {
    expect(runOrder('salesorder', 'Create')).toEqual([
      'preValidation: auto-number',
      money,
      'preOperation: pricing: header totals',
      'postOperation: custom pricing (Contoso): records',
      outbox,
      audit,
    ]);
  });

  it('an order update takes the back office processing status before the lifecycle judges the state change', () => {
    expect(runOrder('salesorder', 'Update')).toEqual([
      staleRevisions,
      'preValidation: back-office bridge: a processing status moves the order to its state',
      headerLifecycle,
      'preOperation: back-office bridge: the first back-office order number is the acknowledgement',
      'preOperation: back-office bridge: a reported processing status is on the timeline',
      'preOperation: back-office bridge: stamp the hand-over on Submit',
      money,
      'preOperation: pricing: header totals',
      "postOperation: sales lifecycle: lines show their record's new state",
      'postOperation: custom pricing (Contoso): records',
      tombstones,
      outbox,
      audit,
    ]);
  });

  it('an order delete marks the header deleting before its lines go', () => {
    expect(runOrder('salesorder', 'Delete')).toEqual([
      headerLifecycle,
      'preOperation: pricing: a deleted header takes its lines with it',
      tombstones,
      outbox,
      audit,
    ]);
  });

  it('every name in the step order table is a step the app registers (no stale rows)', () => {
    const registered = new Set(steps.map((step) => `${step.stage}: ${orderedName(step)}`));
    const listed = stages.flatMap((stage) => stepOrder[stage].map((name) => `${stage}: ${name}`));
    expect(listed.filter((entry) => !registered.has(entry))).toEqual([]);
  });

  it('the app without a custom pricing module registers the same steps less the two custom ones', () => {
    const names = appSteps(metadata).map((step) => step.name);
    expect(names).toEqual(steps.map((step) => step.name).filter((name) => !name.startsWith('custom pricing')));
  });
});
