/**
 * Where the custom module is called: after a line or a header is written (post-operation, so the module
 * sees the record and its lines as they now are), subject to the same skip matrix as system pricing.
 */
import type { Row } from '../../domain/record.js';
import { type CustomPricingModule, type PricingOperation, shouldCalculatePrice } from '../../pricing/index.js';
import type { ExecutionContext } from '../execution-context.js';
import type { WriteOperation, WriteStep } from '../write-step.js';
import { runCustomPricing } from './custom-pricing-runner.js';
import { isHeaderDeleting, lockHeader, skipFacts, systemPricingEnabled } from './header-access.js';
import { HEADER_TABLES, LINE_TABLES, pairOfHeader, pairOfLine } from './sales-tables.js';

const OPERATIONS = { Create: 'create', Update: 'update', Delete: 'delete' } as const;

async function callModule(module: CustomPricingModule, context: ExecutionContext, operation: WriteOperation) {
  const organization: Row = await context.services.referenceData.organization(context.trx);
  if (systemPricingEnabled(organization)) return;
  const name = operation.table.logicalName;
  const linePair = pairOfLine(name);
  const pair = linePair ?? pairOfHeader(name)!;
  const row: Row = { ...operation.preImage, ...operation.target };
  const headerId = row[pair.parentColumn];
  if (typeof headerId !== 'string' || isHeaderDeleting(context, headerId)) return;
  const op: PricingOperation = OPERATIONS[operation.message];
  const header = linePair ? await lockHeader(context, pair.header, headerId) : row;
  if (!header) return;
  const table = linePair ? pair.line : pair.header;
  if (
    shouldCalculatePrice(
      table,
      op,
      skipFacts(context, organization, table, linePair ? header : (operation.preImage ?? header)),
    ) !== true
  ) {
    return;
  }
  await runCustomPricing(context, module, organization, pair, headerId, { table, id: operation.id, operation: op });
}

export function customPricingSteps(module: CustomPricingModule): readonly WriteStep[] {
  return [
    {
      name: `custom pricing (${module.name}): lines`,
      orderedAs: 'custom pricing (<module>): lines',
      stage: 'postOperation',
      tables: LINE_TABLES,
      messages: ['Create', 'Update', 'Delete'],
      run: (context, operation) => callModule(module, context, operation),
    },
    {
      name: `custom pricing (${module.name}): records`,
      orderedAs: 'custom pricing (<module>): records',
      stage: 'postOperation',
      tables: HEADER_TABLES,
      messages: ['Create', 'Update'],
      run: (context, operation) => callModule(module, context, operation),
    },
  ];
}
