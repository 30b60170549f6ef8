/**
 * The pricing actions of reference 6 with Dataverse's names and parameters: `RecalculatePrice` (a record
 * and its lines priced in full) and the price lock of orders and invoices, bound to the messages of
 * src/pipeline/messages/.
 */
import { invalidArgument } from '../../domain/errors.js';
import type { Message } from '../../pipeline/messages/message.js';
import {
  lockInvoicePricing,
  lockSalesOrderPricing,
  type PriceLockInput,
  unlockInvoicePricing,
  unlockSalesOrderPricing,
} from '../../pipeline/messages/price-lock.js';
import { recalculatePriceWith } from '../../pipeline/messages/recalculate-price.js';
import { pairOfHeader } from '../../pipeline/pricing/sales-tables.js';
import type { CustomPricingModule } from '../../pricing/index.js';
import type { ActionDefinition } from './operation-registry.js';
import { guidParameter } from './parameters.js';

function recalculatePriceAction(customModule?: CustomPricingModule): ActionDefinition {
  const recalculatePrice = recalculatePriceWith(customModule);
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
      await recalculatePrice(context, { header: pair.header, id: guidParameter(parameters, 'entityId') });
      return undefined;
    },
  };
}

function priceLockAction(name: string, idParameter: string, message: Message<PriceLockInput, void>): ActionDefinition {
  return {
    name,
    kind: 'action',
    parameters: [{ name: idParameter, type: 'Edm.Guid' }],
    async execute({ context, parameters }) {
      await message(context, { id: guidParameter(parameters, idParameter) });
      return undefined;
    },
  };
}

export function pricingOperationsWith(customModule?: CustomPricingModule): readonly ActionDefinition[] {
  return [
    recalculatePriceAction(customModule),
    priceLockAction('LockSalesOrderPricing', 'SalesOrderId', lockSalesOrderPricing),
    priceLockAction('UnlockSalesOrderPricing', 'SalesOrderId', unlockSalesOrderPricing),
    priceLockAction('LockInvoicePricing', 'InvoiceId', lockInvoicePricing),
    priceLockAction('UnlockInvoicePricing', 'InvoiceId', unlockInvoicePricing),
  ];
}
