/**
 * The pricing actions of reference 6 with Dataverse's names and parameters: `RecalculatePrice` (a record
 * and its lines priced in full) and the price lock of orders and invoices. Locking and unlocking are
 * updates of `ispricelocked` through the write pipeline, so privileges and the lifecycle apply, and the
 * header pricing step re-prices the lines ("Use Current Pricing" on unlock).
 */

import { invalidArgument, notFound } from '../../domain/errors.js';
import { GUID_PATTERN as GUID } from '../../domain/guid.js';
import { type CustomPricingModule, shouldCalculatePrice } from '../../pricing/index.js';
import { requireAccess } from '../../security/authorization.js';
import type { OperationDefinition } from '../../webapi/operation-registry.js';
import { updateRecord } from '../record-writer.js';
import { runCustomPricing } from './custom-pricing-runner.js';
import { recalculateRecord } from './full-recalculation.js';
import { lockHeader, skipFacts, systemPricingEnabled, tableNamed, writeComputedColumns } from './header-access.js';
import { pairOfHeader } from './sales-tables.js';

function guidOf(value: unknown, name: string): string {
  const match = typeof value === 'string' ? GUID.exec(value.trim()) : null;
  if (!match) throw invalidArgument(`The parameter '${name}' must be a GUID.`);
  return match[1]!.toLowerCase();
}

export function recalculatePrice(customModule?: CustomPricingModule): OperationDefinition {
  return {
    name: 'RecalculatePrice',
    kind: 'action',
    parameters: [
      { name: 'entityLogicalName', type: 'Edm.String' },
      { name: 'entityId', type: 'Edm.Guid' },
    ],
    async execute({ context, parameters }) {
      const name = parameters.entityLogicalName;
      const pair = typeof name === 'string' ? pairOfHeader(name.trim().toLowerCase()) : undefined;
      if (!pair) {
        throw invalidArgument(
          "RecalculatePrice: entityLogicalName must be 'opportunity', 'quote', 'salesorder' or 'invoice'.",
        );
      }
      const id = guidOf(parameters.entityId, 'entityId');
      const table = tableNamed(context, pair.header);
      const header = await lockHeader(context, pair.header, id);
      if (!header) throw notFound(`${pair.header} With Id = ${id} Does Not Exist`);
      // Recalculating writes the record and its lines: the caller must be allowed to write the record.
      requireAccess(context.caller, table, 'write', header);
      const organization = await context.services.referenceData.organization(context.trx);
      const facts = skipFacts(context, organization, pair.header, header);
      if (shouldCalculatePrice(pair.header, 'recalculate', facts) !== true) return undefined;
      if (!systemPricingEnabled(organization)) {
        if (customModule) {
          await runCustomPricing(context, customModule, organization, pair, id, {
            table: pair.header,
            id,
            operation: 'recalculate',
          });
        }
        return undefined;
      }
      const columns = await recalculateRecord(context, organization, pair, header);
      await writeComputedColumns(context, pair.header, id, columns);
      return undefined;
    },
  };
}

function priceLock(
  name: string,
  tableName: 'salesorder' | 'invoice',
  idParameter: string,
  locked: boolean,
): OperationDefinition {
  return {
    name,
    kind: 'action',
    parameters: [{ name: idParameter, type: 'Edm.Guid' }],
    async execute({ context, parameters }) {
      const id = guidOf(parameters[idParameter], idParameter);
      const table = tableNamed(context, tableName);
      await updateRecord(context, table, id, { attributes: { ispricelocked: locked }, bindings: [] });
      return undefined;
    },
  };
}

export function pricingOperationsWith(customModule?: CustomPricingModule): readonly OperationDefinition[] {
  return [
    recalculatePrice(customModule),
    priceLock('LockSalesOrderPricing', 'salesorder', 'SalesOrderId', true),
    priceLock('UnlockSalesOrderPricing', 'salesorder', 'SalesOrderId', false),
    priceLock('LockInvoicePricing', 'invoice', 'InvoiceId', true),
    priceLock('UnlockInvoicePricing', 'invoice', 'InvoiceId', false),
  ];
}
