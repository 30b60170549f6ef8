/**
 * Lock Pricing keeps the prices per unit of an order or invoice; Use Current Pricing unlocks it and
 * re-prices the lines from the catalog (LockSalesOrderPricing / UnlockSalesOrderPricing, and the
 * invoice variants). Offered as the server allows them; the record's own `ispricelocked` picks which.
 */
import type { CommandDefinition } from '../entities/entity-definition';
import { allows } from './allowed-messages';

export function priceLockCommands(table: 'SalesOrder' | 'Invoice', idParameter: string): CommandDefinition[] {
  const locked = (record: Readonly<Record<string, unknown>>) => record.ispricelocked === true;
  return [
    {
      label: 'Lock Pricing',
      visible: (context) => allows(`Lock${table}Pricing`)(context) && !locked(context.record),
      async run({ client, id }) {
        await client.callAction({ actionName: `Lock${table}Pricing`, action: { [idParameter]: id } });
        return { message: 'Prices are locked: catalog changes no longer reprice these lines.' };
      },
    },
    {
      label: 'Use Current Pricing',
      visible: (context) => allows(`Unlock${table}Pricing`)(context) && locked(context.record),
      async run({ client, id }) {
        await client.callAction({ actionName: `Unlock${table}Pricing`, action: { [idParameter]: id } });
        return { message: 'Prices are unlocked and recalculated from the price list.' };
      },
    },
  ];
}
